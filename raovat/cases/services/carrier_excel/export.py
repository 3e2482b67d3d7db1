"""Export: one .xlsx per carrier, zipped, of the cases waiting for them."""

import io
import zipfile
from collections import defaultdict

from django.utils import timezone

from raovat import xlsx
from raovat.cases.phones import CARRIER_LABELS
from raovat.cases.services.carrier_excel.profiles import Profile
from raovat.cases.services.errors import WorkflowError


def carrier_export(*, profile: Profile, cases) -> tuple[str, bytes]:
    """A .zip holding one workbook per carrier (by the number's prefix) of these cases."""
    by_carrier = defaultdict(list)
    for case in cases:
        by_carrier[case.carrier_hint or "unknown"].append(case)
    if not by_carrier:
        raise WorkflowError("Không có hồ sơ nào đang chờ để xuất Excel.")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for carrier in sorted(by_carrier):
            label = CARRIER_LABELS.get(carrier, CARRIER_LABELS["unknown"])
            archive.writestr(
                f"{profile.file_prefix}-{carrier}-{stamp}.xlsx",
                _workbook(profile, label, by_carrier[carrier]),
            )
    return f"{profile.file_prefix}-{stamp}.zip", out.getvalue()


DATES = ("birth_date", "suspended_on")
KINDS = ("Cá nhân", "Tổ chức")


def _workbook(profile: Profile, carrier_label: str, cases) -> bytes:
    # Every column but the dates is text, even where empty: what the carrier types there
    # (0912345678, a CCCD) keeps its leading zeros.
    columns = [c for c in profile.columns if c.exported]
    sheet = xlsx.Sheet(
        title=carrier_label,
        columns=[
            xlsx.Column("STT", 6, "number"),
            *(
                xlsx.Column(
                    c.header,
                    c.width,
                    "date" if c.key in DATES else "text",
                    choices=KINDS if c.key == "kind" else (),
                )
                for c in columns
            ),
        ],
        rows=(
            [
                n,
                *(
                    {"phone": case.phone_national, "case_number": case.number}.get(c.key)
                    for c in columns
                ),
            ]
            for n, case in enumerate(cases, 1)
        ),
    )
    out = io.BytesIO()
    xlsx.workbook_write(out, sheets=[sheet])
    return out.getvalue()
