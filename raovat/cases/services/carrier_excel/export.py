"""Export: one .xlsx per carrier, zipped, of the cases waiting for them."""

import io
import zipfile
from collections import defaultdict

from django.utils import timezone

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
            archive.writestr(f"{profile.file_prefix}-{carrier}-{stamp}.xlsx",
                             _workbook(profile, label, by_carrier[carrier]))
    return f"{profile.file_prefix}-{stamp}.zip", out.getvalue()


def _workbook(profile: Profile, carrier_label: str, cases) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = [c for c in profile.columns if c.exported]
    wb = Workbook()
    ws = wb.active
    ws.title = carrier_label[:31]
    thin = Side(style="thin", color="9AA5B1")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    headers = [("STT", 6), *((c.header, c.width) for c in columns)]
    for i, (text, width) in enumerate(headers, 1):
        cell = ws.cell(row=1, column=i, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"
    keys = [c.key for c in columns]
    for n, case in enumerate(cases, 1):
        prefilled = {"phone": case.phone_national, "case_number": case.number}
        ws.cell(row=n + 1, column=1, value=n).border = border
        for j, key in enumerate(keys, 2):
            cell = ws.cell(row=n + 1, column=j, value=prefilled.get(key))
            cell.border = border
            # Text, so that Excel keeps the leading zero of 0912345678 and of a CCCD.
            if key in ("phone", "case_number", "id_number", "carrier_reference"):
                cell.number_format = "@"
            elif key in ("birth_date", "suspended_on"):
                cell.number_format = "DD/MM/YYYY"
    last = len(cases) + 1
    if "kind" in keys:
        letter = get_column_letter(keys.index("kind") + 2)
        choices = DataValidation(type="list", formula1='"Cá nhân,Tổ chức"', allow_blank=True)
        choices.error = "Chỉ chọn Cá nhân hoặc Tổ chức."
        ws.add_data_validation(choices)
        choices.add(f"{letter}2:{letter}{last}")
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{last}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
