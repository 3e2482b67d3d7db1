"""Import, checking each row: match it to a case waiting at the unit, or give the reason."""

import datetime
import re
from collections import defaultdict

from django.utils import timezone

from raovat.cases import facts
from raovat.cases.labels import chain_label
from raovat.cases.models import Case
from raovat.cases.models.outcome import SubscriberKind
from raovat.cases.phones import CARRIER_LABELS, InvalidPhoneNumber
from raovat.cases.phones import parse as parse_phone
from raovat.cases.selectors import access
from raovat.cases.services.carrier_excel.profiles import (
    IDENTITY,
    INVALID,
    MATCHED,
    SUSPENSION,
    UNMATCHED,
    Profile,
)
from raovat.cases.text import fold
from raovat.cases.workflow import FINAL_STATES, State
from raovat.units.models import User


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
        return f"số định danh “{value}” phải có 12 chữ số (CCCD) hoặc 9 chữ số (CMND)"
    return ""


KINDS = {
    "ca nhan": SubscriberKind.INDIVIDUAL,
    "cn": SubscriberKind.INDIVIDUAL,
    "to chuc": SubscriberKind.ORGANISATION,
    "tc": SubscriberKind.ORGANISATION,
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
    return {
        "full_name": name,
        "id_number": raw_id,
        "address": address,
        "kind": kind,
        "birth_date": birth.isoformat() if birth else None,
        "carrier": carrier,
    }, ""


def _suspension(row: dict, case: Case) -> tuple[dict, str]:
    day, problem = parse_date(row.get("suspended_on"), "ngày ngưng")
    reference = _text(row.get("carrier_reference"))
    if problem:
        return {}, problem
    missing = [
        label
        for label, v in (
            ("ngày ngưng cung cấp dịch vụ", day),
            ("số tham chiếu của nhà mạng", reference),
        )
        if not v
    ]
    if missing:
        return {}, "thiếu " + ", ".join(missing)
    if day > timezone.localdate():
        return {}, f"ngày ngưng {day:%d/%m/%Y} ở tương lai"
    requested = timezone.localdate(case.state_since)
    if day < requested:
        return {}, (f"ngày ngưng {day:%d/%m/%Y} trước ngày nhận yêu cầu ngưng {requested:%d/%m/%Y}")
    if len(reference) > 80:
        return {}, "số tham chiếu quá dài (tối đa 80 ký tự)"
    return {"suspended_on": day.isoformat(), "carrier_reference": reference}, ""


CHECKS = {IDENTITY.key: _identity, SUSPENSION.key: _suspension}
FACTS = {IDENTITY.key: facts.Identity, SUSPENSION.key: facts.Suspension}


def load_data(profile: Profile, data: dict) -> facts.Identity | facts.Suspension:
    """A stored row's JSON back to the value `case_transition` takes."""
    loaded = dict(data)
    for key in ("birth_date", "suspended_on"):
        if loaded.get(key):
            loaded[key] = datetime.date.fromisoformat(loaded[key])
    return facts.of(FACTS[profile.key], loaded)


def classify_rows(*, actor: User, profile: Profile, rows) -> list[dict]:
    unit = actor.unit
    result, by_number, raw = [], defaultdict(list), {}
    for ref, row in rows:
        written = _text(row.get("phone"))
        item = {
            "ref": ref,
            "phone": written,
            "status": INVALID,
            "reason": "",
            "case_id": None,
            "case_number": "",
            "data": {},
        }
        result.append(item)
        raw[id(item)] = row
        try:
            phone = parse_phone(written)
        except InvalidPhoneNumber as exc:
            item["reason"] = (
                f"số thuê bao “{written}” không hợp lệ: {exc.reason}"
                if written
                else "thiếu số thuê bao"
            )
            continue
        item["phone"], item["e164"] = phone.display, phone.e164
        by_number[phone.e164].append(item)
    # Only cases the unit reads: a number whose case has not reached it yet is answered
    # as a number without a case, never with that case's number or state.
    cases = {
        c.phone_e164: c
        for c in access.readable(actor)
        .filter(
            phone_e164__in=list(by_number),
            telecom_unit_id=unit.pk,
        )
        .exclude(state__in=FINAL_STATES)
        .select_related("telecom_unit", "culture_unit")
    }
    for e164, items in by_number.items():
        if len(items) > 1:
            refs = ", ".join(i["ref"] for i in items)
            for item in items:
                item["reason"] = f"số thuê bao có ở nhiều dòng ({refs}): không rõ dòng nào đúng"
        else:
            _match(items[0], raw[id(items[0])], cases.get(e164), unit, profile)
    for item in result:
        item.pop("e164", None)
    return result


def _match(item: dict, row: dict, case: Case | None, unit, profile: Profile) -> None:
    """Mark one row matched to its number's case, or give the reason it is not."""
    if case is None:
        item["status"] = UNMATCHED
        item["reason"] = f"không có hồ sơ đang mở nào của {unit.short_name} với số này"
        return
    item["case_number"] = case.number
    if case.state != profile.state or case.current_unit_id != unit.pk:
        item["status"] = UNMATCHED
        item["reason"] = (
            f"hồ sơ {case.number} không chờ {profile.waiting_for} "
            f"(đang ở trạng thái “{_state_label(case)}”)"
        )
        return
    written_number = _text(row.get("case_number"))
    if written_number and written_number != case.number:
        item["reason"] = (
            f"số hồ sơ “{written_number}” trong tệp không khớp với hồ sơ "
            f"{case.number} của số thuê bao này"
        )
        return
    data, problem = CHECKS[profile.key](row, case)
    if problem:
        item["reason"] = problem
        return
    item.update(status=MATCHED, case_id=case.pk, data=data)


def _state_label(case: Case) -> str:
    return chain_label(
        State(case.state).label,
        names={
            "telecom": case.telecom_unit.short_name if case.telecom_unit_id else "",
            "culture": case.culture_unit.short_name if case.culture_unit_id else "",
        },
    )
