"""The Excel round trip with the carriers: send them the numbers, take back their answers.

Export: one .xlsx per carrier, zipped, because each file goes to a different company and
none of them may see the others' numbers (personal data, minimum needed).

Import: one reader for any workbook, checked against a column profile (identity or
suspension). Every row is matched to a case waiting at the unit or refused with a reason;
the result is stored as a `CarrierImport` preview and applying it is one
`case_transition` batch, from the stored rows, never from the file again. Applying runs in
the worker (`raovat/cases/tasks.py`): hundreds of rows take seconds.
"""

import datetime
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from raovat.cases.labels import chain_label
from raovat.cases.models import CarrierImport, Case
from raovat.cases.models.outcome import SubscriberKind
from raovat.cases.phones import CARRIER_LABELS, InvalidPhoneNumber
from raovat.cases.phones import parse as parse_phone
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.transitions import case_transition
from raovat.cases.text import fold
from raovat.cases.workflow import FINAL_STATES, State
from raovat.jobs.services import job_enqueue
from raovat.units.models import User

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
PREVIEW_HOURS = 24
KEEP_DAYS = 7
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

MATCHED, UNMATCHED, INVALID = "matched", "unmatched", "invalid"


class CarrierFileError(WorkflowError):
    """The file as a whole cannot be read; nothing was stored."""


class _NoHeader(CarrierFileError):
    pass


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    aliases: tuple[str, ...]  # folded header texts that mean this column
    width: int
    required: bool = False  # the import refuses a file without it
    exported: bool = True


@dataclass(frozen=True)
class Profile:
    key: str
    action: str
    state: State
    waiting_for: str  # "không chờ … " in the unmatched reason
    columns: tuple[Column, ...]
    file_prefix: str

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


PHONE = Column("phone", "Số thuê bao", ("so thue bao", "so dien thoai", "thue bao",
                                         "dien thoai", "so may", "msisdn", "isdn"), 16,
               required=True)
CASE_NUMBER = Column("case_number", "Số hồ sơ", ("so ho so", "ma ho so"), 18)

IDENTITY = Profile(
    key=CarrierImport.Profile.IDENTITY, action="provide_identity", state=State.AT_TELECOM,
    waiting_for="cung cấp thông tin thuê bao", file_prefix="de-nghi-cung-cap-thong-tin",
    columns=(
        PHONE, CASE_NUMBER,
        Column("full_name", "Họ và tên", ("ho va ten", "ho ten", "ten chu thue bao",
                                           "chu thue bao", "ten thue bao", "ten khach hang"),
               28, required=True),
        Column("id_number", "Số CCCD/định danh", (
            "so cccd/dinh danh", "so dinh danh ca nhan/cccd", "so dinh danh ca nhan",
            "so dinh danh", "so cccd", "cccd", "cccd/cmnd", "so cmnd", "cmnd",
            "so giay to", "so giay to tuy than"), 20),
        Column("birth_date", "Ngày sinh", ("ngay sinh", "ngay thang nam sinh"), 13),
        Column("address", "Địa chỉ", ("dia chi", "dia chi thuong tru", "dia chi lien he",
                                       "dia chi dang ky"), 44, required=True),
        Column("kind", "Loại thuê bao", ("loai thue bao", "loai khach hang", "loai"), 15),
        Column("carrier", "Nhà mạng", ("nha mang", "mang"), 14, exported=False),
    ),
)

SUSPENSION = Profile(
    key=CarrierImport.Profile.SUSPENSION, action="suspend", state=State.SUSPENSION_REQUESTED,
    waiting_for="ngưng cung cấp dịch vụ", file_prefix="de-nghi-ngung-cung-cap-dich-vu",
    columns=(
        PHONE, CASE_NUMBER,
        Column("suspended_on", "Ngày ngưng cung cấp dịch vụ", (
            "ngay ngung cung cap dich vu", "ngay ngung dich vu", "ngay ngung", "ngay chan",
            "ngay khoa"), 16, required=True),
        Column("carrier_reference", "Số tham chiếu của nhà mạng", (
            "so tham chieu cua nha mang", "so tham chieu", "ma tham chieu", "so van ban",
            "so cong van"), 26, required=True),
    ),
)

PROFILES = {p.key: p for p in (IDENTITY, SUSPENSION)}


# -- export --------------------------------------------------------------------------------

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


# -- import: reading the file --------------------------------------------------------------

def _norm_header(value) -> str:
    text = fold(str(value or ""))
    text = re.sub(r"\(.*?\)", "", text)  # "Ngày sinh (dd/mm/yyyy)"
    return " ".join(text.replace("*", " ").replace(":", " ").split())


def _load(upload):
    from openpyxl import load_workbook

    name = getattr(upload, "name", "") or "tệp"
    if upload.size > MAX_BYTES:
        raise CarrierFileError(f"Tệp “{name}” lớn hơn 5 MB, hãy chia thành nhiều tệp nhỏ hơn.")
    if name.lower().endswith(".xls"):
        raise CarrierFileError(f"Tệp “{name}” là định dạng Excel 97–2003 (.xls): hãy mở "
                               "bằng Excel và lưu lại dưới dạng .xlsx rồi nhập lại.")
    try:
        upload.seek(0)
        return load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a file that is not .xlsx
        raise CarrierFileError(f"Tệp “{name}” không phải tệp Excel (.xlsx) hoặc đã bị hỏng. "
                               "Hãy chọn tệp .xlsx của nhà mạng.") from None


def _sheet_rows(ws, profile: Profile, sheet_label: str):
    """(row number, {column key: value}) for each non-empty data row of a sheet."""
    rows = ws.iter_rows(values_only=True)
    header, mapping, seen = None, {}, []
    for number, values in enumerate(rows, 1):
        if number > 10:
            break
        cells = [_norm_header(v) for v in values]
        if any(c in PHONE.aliases for c in cells):
            header = number
            for index, text in enumerate(cells):
                for column in profile.columns:
                    if text in column.aliases and column.key not in mapping:
                        mapping[column.key] = index
            break
        seen += [str(v) for v in values if v not in (None, "")]
    if header is None:
        if not seen:
            return None
        raise _NoHeader(
            f"{sheet_label}: không tìm thấy dòng tiêu đề có cột “Số thuê bao” trong 10 dòng "
            f"đầu. Tệp cần có các cột: {_required(profile)}.")
    missing = [c.header for c in profile.columns if c.required and c.key not in mapping]
    if missing:
        raise CarrierFileError(f"{sheet_label}: thiếu cột {', '.join(missing)}. Tệp cần có "
                               f"các cột: {_required(profile)}.")
    found = []
    for number, values in enumerate(rows, header + 1):
        row = {key: values[i] if i < len(values) else None for key, i in mapping.items()}
        if all(v is None or str(v).strip() == "" for v in row.values()):
            continue
        found.append((number, row))
        if len(found) > MAX_ROWS:
            raise CarrierFileError(f"{sheet_label}: có hơn {MAX_ROWS} dòng, hãy chia thành "
                                   "nhiều tệp.")
    return found


def _required(profile: Profile) -> str:
    return ", ".join(c.header for c in profile.columns if c.required)


def _read_rows(upload, profile: Profile) -> list[tuple[str, dict]]:
    wb = _load(upload)
    try:
        sheets = wb.worksheets
        result, no_header = [], []
        for ws in sheets:
            label = f"Trang “{ws.title}”" if len(sheets) > 1 else "Tệp"
            try:
                rows = _sheet_rows(ws, profile, label)
            except _NoHeader as exc:
                no_header.append(exc)  # a notes sheet beside the data is fine
                continue
            if rows is None:
                continue
            prefix = f"{ws.title} – " if len(sheets) > 1 else ""
            result += [(f"{prefix}dòng {n}", row) for n, row in rows]
    finally:
        wb.close()
    if not result:
        raise no_header[0] if no_header else CarrierFileError(
            f"Tệp “{upload.name}” không có dòng dữ liệu nào.")
    return result


# -- import: checking each row -------------------------------------------------------------

def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


def parse_date(value, label: str) -> tuple[datetime.date | None, str]:
    """A real Excel date or dd/mm/yyyy text; (None, reason) when it is neither."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ""
    if isinstance(value, datetime.datetime):
        return value.date(), ""
    if isinstance(value, datetime.date):
        return value, ""
    text = _text(value)
    match = DATE_TEXT.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return datetime.date(year, month, day), ""
        except ValueError:
            pass
    else:
        try:
            return datetime.date.fromisoformat(text), ""
        except ValueError:
            pass
    return None, f"{label} “{text}” không đúng dạng dd/mm/yyyy"


def id_number_problem(value: str, kind: str) -> str:
    """Why an ID number cannot be right, or ""; organisations may give a tax code."""
    if not value:
        return ""
    if len(value) > 20:
        return f"số định danh “{value}” quá dài"
    if kind == SubscriberKind.INDIVIDUAL and not (value.isdigit() and len(value) in (9, 12)):
        return (f"số định danh “{value}” phải có 12 chữ số (CCCD) hoặc 9 chữ số (CMND)")
    return ""


KINDS = {
    "ca nhan": SubscriberKind.INDIVIDUAL, "cn": SubscriberKind.INDIVIDUAL,
    "to chuc": SubscriberKind.ORGANISATION, "tc": SubscriberKind.ORGANISATION,
    "doanh nghiep": SubscriberKind.ORGANISATION,
}
CARRIERS = {fold(label): key for key, label in CARRIER_LABELS.items()}


def _identity(row: dict, case: Case) -> tuple[dict, str]:
    name, address = _text(row.get("full_name")), _text(row.get("address"))
    raw_id, raw_kind = _text(row.get("id_number")), _text(row.get("kind"))
    if not any((name, address, raw_id, row.get("birth_date"))):
        return {}, "nhà mạng chưa điền thông tin chủ thuê bao"
    missing = [label for label, v in (("họ và tên", name), ("địa chỉ", address)) if not v]
    if missing:
        return {}, "thiếu " + ", ".join(missing)
    if len(name) > 200 or len(address) > 255:
        return {}, "họ và tên hoặc địa chỉ quá dài"
    kind = KINDS.get(fold(raw_kind)) if raw_kind else SubscriberKind.INDIVIDUAL
    if kind is None:
        return {}, f"loại thuê bao “{raw_kind}” không hợp lệ (chỉ nhận Cá nhân hoặc Tổ chức)"
    # Excel turns a CCCD typed as a number into 79090001234: its leading zero is lost.
    if kind == SubscriberKind.INDIVIDUAL and raw_id.isdigit() and len(raw_id) in (8, 11):
        raw_id = "0" + raw_id
    problem = id_number_problem(raw_id, kind)
    if problem:
        return {}, problem
    birth, problem = parse_date(row.get("birth_date"), "ngày sinh")
    if problem:
        return {}, problem
    if birth and not (datetime.date(1900, 1, 1) <= birth <= timezone.localdate()):
        return {}, f"ngày sinh {birth:%d/%m/%Y} không hợp lý"
    carrier = CARRIERS.get(fold(_text(row.get("carrier"))), case.carrier_hint)
    return {"full_name": name, "id_number": raw_id, "address": address, "kind": kind,
            "birth_date": birth.isoformat() if birth else None, "carrier": carrier}, ""


def _suspension(row: dict, case: Case) -> tuple[dict, str]:
    day, problem = parse_date(row.get("suspended_on"), "ngày ngưng")
    reference = _text(row.get("carrier_reference"))
    if problem:
        return {}, problem
    missing = [label for label, v in (("ngày ngưng cung cấp dịch vụ", day),
                                      ("số tham chiếu của nhà mạng", reference)) if not v]
    if missing:
        return {}, "thiếu " + ", ".join(missing)
    if day > timezone.localdate():
        return {}, f"ngày ngưng {day:%d/%m/%Y} ở tương lai"
    if len(reference) > 80:
        return {}, "số tham chiếu quá dài (tối đa 80 ký tự)"
    return {"suspended_on": day.isoformat(), "carrier_reference": reference}, ""


CHECKS = {IDENTITY.key: _identity, SUSPENSION.key: _suspension}


def _load_data(profile: Profile, data: dict) -> dict:
    """Stored JSON back to what `case_transition` expects."""
    loaded = dict(data)
    for key in ("birth_date", "suspended_on"):
        if loaded.get(key):
            loaded[key] = datetime.date.fromisoformat(loaded[key])
    return loaded


def _classify(*, actor: User, profile: Profile, rows) -> list[dict]:
    unit = actor.unit
    result, by_number, raw = [], defaultdict(list), {}
    for ref, row in rows:
        written = _text(row.get("phone"))
        item = {"ref": ref, "phone": written, "status": INVALID, "reason": "",
                "case_id": None, "case_number": "", "data": {}}
        result.append(item)
        raw[id(item)] = row
        try:
            phone = parse_phone(written)
        except InvalidPhoneNumber as exc:
            item["reason"] = (f"số thuê bao “{written}” không hợp lệ: {exc.reason}" if written
                              else "thiếu số thuê bao")
            continue
        item["phone"], item["e164"] = phone.display, phone.e164
        by_number[phone.e164].append(item)
    cases = {
        c.phone_e164: c for c in Case.objects.filter(
            phone_e164__in=list(by_number), telecom_unit_id=unit.pk,
        ).exclude(state__in=FINAL_STATES).select_related("telecom_unit", "culture_unit")
    }
    check = CHECKS[profile.key]
    for e164, items in by_number.items():
        if len(items) > 1:
            refs = ", ".join(i["ref"] for i in items)
            for item in items:
                item["reason"] = f"số thuê bao có ở nhiều dòng ({refs}): không rõ dòng nào đúng"
            continue
        item = items[0]
        case = cases.get(e164)
        if case is None:
            item["status"] = UNMATCHED
            item["reason"] = f"không có hồ sơ đang mở nào của {unit.short_name} với số này"
            continue
        item["case_number"] = case.number
        if case.state != profile.state or case.current_unit_id != unit.pk:
            item["status"] = UNMATCHED
            item["reason"] = (f"hồ sơ {case.number} không chờ {profile.waiting_for} "
                              f"(đang ở trạng thái “{_state_label(case)}”)")
            continue
        row = raw[id(item)]
        written_number = _text(row.get("case_number"))
        if written_number and written_number != case.number:
            item["reason"] = (f"số hồ sơ “{written_number}” trong tệp không khớp với hồ sơ "
                              f"{case.number} của số thuê bao này")
            continue
        data, problem = check(row, case)
        if problem:
            item["reason"] = problem
            continue
        item.update(status=MATCHED, case_id=case.pk, data=data)
    for item in result:
        item.pop("e164", None)
    return result


def _state_label(case: Case) -> str:
    return chain_label(State(case.state).label, names={
        "telecom": case.telecom_unit.short_name if case.telecom_unit_id else "",
        "culture": case.culture_unit.short_name if case.culture_unit_id else "",
    })


# -- import: preview and apply -------------------------------------------------------------

def carrier_import_read(*, actor: User, profile: Profile, upload) -> CarrierImport:
    """Parse and check a carriers' workbook; store the preview. Changes no case."""
    rows = _read_rows(upload, profile)
    checked = _classify(actor=actor, profile=profile, rows=rows)
    CarrierImport.objects.filter(
        created_at__lt=timezone.now() - datetime.timedelta(days=KEEP_DAYS)).delete()
    return CarrierImport.objects.create(
        profile=profile.key, unit=actor.unit, created_by=actor,
        file_name=(getattr(upload, "name", "") or "")[:255], rows=checked,
    )


APPLY_KIND = "carrier_import_apply"


def _applicable(stored: CarrierImport | None) -> list[dict]:
    """The matched rows of a preview that may still be applied; refuses otherwise."""
    if stored is None:
        raise WorkflowError("Không tìm thấy bản xem trước của tệp đã nhập.")
    if stored.applied_at is not None:
        raise WorkflowError(
            f"Tệp “{stored.file_name}” đã được cập nhật lúc "
            f"{timezone.localtime(stored.applied_at):%d/%m/%Y %H:%M}.")
    if stored.created_at < timezone.now() - datetime.timedelta(hours=PREVIEW_HOURS):
        raise WorkflowError(f"Bản xem trước đã quá {PREVIEW_HOURS} giờ: hãy nhập lại tệp.")
    matched = [r for r in stored.rows if r["status"] == MATCHED]
    if not matched:
        raise WorkflowError("Không có dòng nào khớp với hồ sơ đang chờ để cập nhật.")
    return matched


def carrier_import_enqueue(*, actor: User, token) -> CarrierImport:
    """Queue the apply of a stored preview for the worker; once at a time, never twice."""
    with transaction.atomic():
        stored = (CarrierImport.objects.select_for_update(of=("self",)).select_related("apply_job")
                  .filter(token=token, unit_id=actor.unit_id).first())
        matched = _applicable(stored)
        if stored.applying:
            raise WorkflowError(f"Tệp “{stored.file_name}” đang được cập nhật, hãy chờ kết "
                                "quả trên trang này.")
        stored.apply_job = job_enqueue(
            kind=APPLY_KIND, label=f"Cập nhật {len(matched)} hồ sơ từ tệp “{stored.file_name}”",
            payload={"import_id": stored.pk, "actor_id": actor.pk}, total=len(matched),
            actor=actor)
        stored.refused_reason = ""
        stored.save(update_fields=["apply_job", "refused_reason"])
    return stored


def carrier_import_run(*, import_id: int, actor_id: int) -> CarrierImport:
    """The worker's side of an apply: apply, or record why it was refused."""
    stored = CarrierImport.objects.get(pk=import_id)
    actor = User.objects.select_related("unit").get(pk=actor_id)
    try:
        return carrier_import_apply(actor=actor, token=stored.token)
    except WorkflowError as exc:
        # A second job racing a finished one must not hide the success behind a refusal.
        CarrierImport.objects.filter(pk=import_id, applied_at=None).update(
            refused_reason=" ".join(exc.problems))
        stored.refresh_from_db()
        return stored


def carrier_import_apply(*, actor: User, token) -> CarrierImport:
    """Write every matched row of a stored preview as one batch, or nothing."""
    with transaction.atomic():
        stored = (CarrierImport.objects.select_for_update()
                  .filter(token=token, unit_id=actor.unit_id).first())
        matched = _applicable(stored)
        profile = PROFILES[stored.profile]
        per_case = {r["case_id"]: _load_data(profile, r["data"]) for r in matched}
        case_transition(actor=actor, action=profile.action, cases=list(per_case),
                        per_case=per_case,
                        note=f"Cập nhật từ tệp Excel của nhà mạng “{stored.file_name}”.")
        stored.applied_at = timezone.now()
        stored.applied_count = len(per_case)
        stored.refused_reason = ""
        # The identities now live on the cases; the preview keeps no second copy.
        stored.rows = [{**r, "data": {}} for r in stored.rows]
        stored.save(update_fields=["applied_at", "applied_count", "refused_reason", "rows"])
    return stored
