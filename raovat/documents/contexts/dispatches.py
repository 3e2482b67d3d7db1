"""Contexts of the documents printed for a dispatch: the four kinds of transfer slip."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from raovat.cases.models import (
    Call,
    CaseEvent,
    Dispatch,
    DispatchItem,
    Invitation,
    LegalPurpose,
    PenaltyDecision,
    PenaltyRecord,
    Sighting,
    TextMessage,
)
from raovat.cases.phones import CARRIER_LABELS, display
from raovat.documents import config
from raovat.documents.contexts.cases import grounds
from raovat.documents.contexts.common import dmy, header, local, signature
from raovat.documents.kinds import DocumentKind as K
from raovat.documents.layout import SUSPENSION_GROUNDS

ROW_FIELDS = {
    K.TRANSFER_SLIP: {
        "no": "Số thứ tự",
        "case_number": "Số hồ sơ",
        "phone": "Số thuê bao",
        "carrier": "Nhà mạng",
        "place": "Địa điểm vi phạm",
        "reporter": "Đơn vị phát hiện (tên ngắn)",
        "found_on": "Ngày phát hiện",
    },
    K.RESEND_SLIP: {
        "no": "Số thứ tự",
        "case_number": "Số hồ sơ",
        "phone": "Số thuê bao",
        "carrier": "Nhà mạng",
        "return_reason": "Lý do trả về",
        "added": "Nội dung đã bổ sung",
    },
    K.SUSPENSION_REQUEST: {
        "no": "Số thứ tự",
        "phone": "Số thuê bao",
        "carrier": "Nhà mạng",
        "subscriber_name": "Chủ thuê bao",
        "case_number": "Số hồ sơ",
        "grounds": "Căn cứ: biên bản (số, ngày) hoặc các lần mời, liên hệ (ngày)",
        "recorded": "Đã lập biên bản vi phạm hành chính (đúng/sai)",
        "decided": "Đã ra quyết định xử phạt (đúng/sai)",
        "invitation": "Giấy mời đã gửi (số, ngày)",
        "subscriber_address": "Địa chỉ chủ thuê bao",
    },
    K.CULTURE_SLIP: {
        "no": "Số thứ tự",
        "case_number": "Số hồ sơ",
        "phone": "Số thuê bao",
        "carrier": "Nhà mạng",
        "subscriber_name": "Chủ thuê bao",
        "subscriber_address": "Địa chỉ chủ thuê bao",
        "place": "Địa điểm vi phạm",
        "found_on": "Ngày phát hiện",
        "grounds": "Căn cứ: quyết định xử phạt, biên bản (số, ngày) hoặc các lần mời, liên "
        "hệ (ngày)",
        "recorded": "Đã lập biên bản vi phạm hành chính (đúng/sai)",
        "decided": "Đã ra quyết định xử phạt (đúng/sai)",
        "invitation": "Giấy mời đã gửi (số, ngày)",
    },
}

DISPATCH_FIELDS = {
    "to_unit_name": "Tên đơn vị nhận (sau “Kính gửi:”)",
    "case_count": "Số hồ sơ trong phiếu",
    "reporter_label": "Tiêu đề cột đơn vị phát hiện, theo loại đơn vị (ví dụ Phường)",
    "note": "Ghi chú nội dung xử lý của phiếu",
    "rows": "Danh sách hồ sơ, mỗi dòng một hồ sơ (dùng {%tr for row in rows %})",
}
SECTION_FIELDS = {
    "sections": "Các nhóm thuê bao: heading (câu dẫn), grounds_label (tiêu đề cột căn cứ), "
    "rows (các dòng); dùng {%p for section in sections %}",
    "decided_rows": "Các thuê bao đã bị ra quyết định xử phạt",
    "recorded_rows": "Các thuê bao đã đến làm việc và bị lập biên bản (chưa có quyết định)",
    "absent_rows": "Các thuê bao đã được mời, liên hệ nhưng không đến",
}
EXTRA_FIELDS = {
    K.SUSPENSION_REQUEST: {
        "legal_bases": "Các căn cứ pháp lý (quản trị nhập, dùng trong vòng lặp)",
        "measure": "Biện pháp đề nghị áp dụng (cấu hình)",
        **SECTION_FIELDS,
    },
    K.CULTURE_SLIP: SECTION_FIELDS,
}

TITLES = {
    K.TRANSFER_SLIP: ("PHIẾU CHUYỂN", "Về việc đề nghị cung cấp thông tin chủ thuê bao"),
    K.RESEND_SLIP: ("PHIẾU CHUYỂN", "Về việc chuyển lại hồ sơ đã bổ sung"),
    K.SUSPENSION_REQUEST: (
        "",
        "V/v đề nghị ngưng cung cấp dịch vụ viễn thông đối với số thuê bao quảng cáo "
        "rao vặt trái phép",
    ),
    K.CULTURE_SLIP: ("PHIẾU CHUYỂN", "Về việc chuyển hồ sơ xử lý vi phạm hành chính"),
}


def _first_sighting(field: str, upto) -> Subquery:
    return Subquery(
        Sighting.objects.filter(case_id=OuterRef("case_id"), created_at__lte=upto)
        .order_by("found_on", "id")
        .values(field)[:1]
    )


def _items(dispatch: Dispatch):
    return (
        DispatchItem.objects.filter(dispatch=dispatch)
        .select_related("case__reporting_unit")
        .order_by("position", "id")
    )


def _carrier(case) -> str:
    return CARRIER_LABELS.get(case.carrier_hint, "")


def _reporter_label(items) -> str:
    kinds = {item.case.reporting_unit.kind for item in items}
    return kinds.pop() if len(kinds) == 1 else "Đơn vị phát hiện"


def _transfer_rows(dispatch, upto):
    items = list(
        _items(dispatch).annotate(
            place=_first_sighting("place", upto), found_on=_first_sighting("found_on", upto)
        )
    )
    rows = [
        {
            "no": str(i),
            "case_number": it.case.number,
            "phone": display(it.case.phone_e164),
            "carrier": _carrier(it.case),
            "place": it.place or "",
            "reporter": it.case.reporting_unit.short_name,
            "found_on": dmy(it.found_on or it.case.first_found_on),
        }
        for i, it in enumerate(items, 1)
    ]
    return rows, _reporter_label(items) if items else "Đơn vị phát hiện"


def _resend_rows(dispatch, upto):
    reason = Subquery(
        CaseEvent.objects.filter(
            case_id=OuterRef("case_id"), action="return_to_handler", at__lte=upto
        )
        .order_by("-at", "-id")
        .values("note")[:1]
    )
    return [
        {
            "no": str(i),
            "case_number": it.case.number,
            "phone": display(it.case.phone_e164),
            "carrier": _carrier(it.case),
            "return_reason": it.reason or "",
            "added": dispatch.note,
        }
        for i, it in enumerate(_items(dispatch).annotate(reason=reason), 1)
    ]


def _contacts_by_case(case_ids: list[int], upto) -> dict[int, list[str]]:
    """Every invitation, call and SMS of the cases known at `upto`, oldest first, in three
    queries."""
    found: dict[int, list[tuple]] = {case_id: [] for case_id in case_ids}
    for inv in Invitation.objects.filter(case_id__in=case_ids, created_at__lte=upto).only(
        "case_id", "number_label", "created_at"
    ):
        day = local(inv.created_at)
        found[inv.case_id].append(
            (
                day,
                f"Giấy mời số {inv.number_label} ngày {dmy(day.date())}"
                if inv.number_label
                else f"Giấy mời ngày {dmy(day.date())}",
            )
        )
    calls = Call.objects.filter(case_id__in=case_ids, called_at__lte=upto).exclude(
        recorded_at__gt=upto
    )
    for call in calls.only("case_id", "called_at", "outcome"):
        day = local(call.called_at)
        outcome = call.get_outcome_display().lower()
        found[call.case_id].append((day, f"gọi điện ngày {dmy(day.date())} ({outcome})"))
    for sms in TextMessage.objects.filter(case_id__in=case_ids, created_at__lte=upto).only(
        "case_id", "created_at", "sent_at"
    ):
        sent = sms.sent_at if sms.sent_at and sms.sent_at <= upto else None
        day = local(sent or sms.created_at)
        found[sms.case_id].append((day, f"tin nhắn ngày {dmy(day.date())}"))
    return {
        case_id: [text for _, text in sorted(items, key=lambda item: item[0])]
        for case_id, items in found.items()
    }


def _of(unit, issuer_id: int) -> str:
    """A record's or decision's symbol is its form's ("…/BB-VPHC", "…/QĐ-XPHC"), numbered
    per unit (decision 014): cited in another unit's letter, it names the unit that made
    it, so a receiver never confuses two units' "9/BB-VPHC"."""
    return "" if unit is None or unit.pk == issuer_id else f" của {unit.name}"


def _records_by_case(case_ids: list[int], upto, issuer_id: int) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for record in (
        PenaltyRecord.objects.filter(case_id__in=case_ids, created_at__lte=upto, made_at__lte=upto)
        .select_related("officer__unit")
        .order_by("made_at", "id")
        .only("case_id", "record_number", "made_at", "officer__unit__name")
    ):
        found.setdefault(record.case_id, []).append(
            f"Biên bản số {record.record_number} ngày {dmy(local(record.made_at).date())}"
            + _of(record.officer.unit, issuer_id)
        )
    return found


def _decisions_by_case(case_ids: list[int], upto, issuer_id: int) -> dict[int, str]:
    """The penalty decision of each case that had one at `upto`, with its deadline and
    whether it was paid then. One query."""
    found = {}
    decisions = PenaltyDecision.objects.filter(
        case_id__in=case_ids, created_at__lte=upto, decided_on__lte=timezone.localdate(upto)
    )
    for d in decisions.select_related("payment", "created_by__unit"):
        payment = getattr(d, "payment", None)
        known = payment is not None and payment.recorded_at <= upto
        paid = f"đã nộp phạt ngày {dmy(payment.paid_on)}" if known else "chưa nộp phạt"
        found[d.case_id] = (
            f"Quyết định xử phạt số {d.number_label} ngày {dmy(d.decided_on)}"
            + _of(d.created_by.unit, issuer_id)
            + f" (hạn nộp phạt {dmy(d.payment_due)}, {paid})"
        )
    return found


def _grounded_rows(items, upto, issuer_id: int) -> list[dict]:
    """The cases of a suspension request or a culture slip, each with what it rests on
    (issue: the truth per case): a penalty decision, or the subscriber came and a record
    was made, or never came after the invitations, calls and messages listed — as known
    at `upto`, the moment this version was printed. A constant number of queries, however
    many cases."""
    case_ids = [it.case_id for it in items]
    decisions = _decisions_by_case(case_ids, upto, issuer_id)
    records = _records_by_case(case_ids, upto, issuer_id)
    contacts = _contacts_by_case(case_ids, upto)
    rows = []
    for i, it in enumerate(items, 1):
        subscriber = getattr(it.case, "subscriber", None)
        recorded = it.case_id in records
        history = contacts.get(it.case_id, [])
        invitations = [text for text in history if text.startswith("Giấy mời")]
        cited = ([decisions[it.case_id]] if it.case_id in decisions else []) + (
            records[it.case_id] if recorded else history
        )
        rows.append(
            {
                "no": str(i),
                "phone": display(it.case.phone_e164),
                "carrier": _carrier(it.case),
                "subscriber_name": subscriber.full_name if subscriber else "",
                "subscriber_address": subscriber.address if subscriber else "",
                "case_number": it.case.number,
                "recorded": recorded,
                "decided": it.case_id in decisions,
                "grounds": "; ".join(cited) or "Chưa có lần liên hệ nào được ghi nhận",
                "invitation": "; ".join(invitations),
            }
        )
    return rows


def _suspension_rows(dispatch, upto):
    items = list(_items(dispatch).select_related("case__subscriber"))
    return _grounded_rows(items, upto, dispatch.from_unit_id)


def _suspension_sections(rows: list[dict]) -> dict:
    decided = [row for row in rows if row.get("decided")]
    recorded = [row for row in rows if row.get("recorded") and not row.get("decided")]
    absent = [row for row in rows if not row.get("recorded") and not row.get("decided")]
    parts = []
    if decided:
        parts.append(
            (
                "decided",
                decided,
                f"chủ thuê bao đã bị ra quyết định xử phạt vi phạm hành chính "
                f"({len(decided)} số thuê bao):",
            )
        )
    if recorded:
        parts.append(
            (
                "recorded",
                recorded,
                f"chủ thuê bao đã đến làm việc và đã bị lập biên bản vi phạm hành chính "
                f"({len(recorded)} số thuê bao):",
            )
        )
    if absent:
        parts.append(
            (
                "absent",
                absent,
                f"chủ thuê bao đã được mời, liên hệ nhưng không đến làm việc "
                f"({len(absent)} số thuê bao):",
            )
        )
    sections = []
    for number, (key, section_rows, text) in enumerate(parts, 1):
        section_rows = [{**row, "no": str(i)} for i, row in enumerate(section_rows, 1)]
        lead = f"{number}. Các " if len(parts) > 1 else "Các "
        sections.append(
            {
                "key": key,
                "heading": lead + text,
                "rows": section_rows,
                "grounds_label": SUSPENSION_GROUNDS[key],
            }
        )
    return {
        "sections": sections,
        "decided_rows": decided,
        "recorded_rows": recorded,
        "absent_rows": absent,
    }


def _culture_rows(dispatch, upto):
    items = list(
        _items(dispatch)
        .select_related("case__subscriber")
        .annotate(place=_first_sighting("place", upto), found_on=_first_sighting("found_on", upto))
    )
    rows = _grounded_rows(items, upto, dispatch.from_unit_id)
    for row, it in zip(rows, items, strict=True):
        row.update(place=it.place or "", found_on=dmy(it.found_on or it.case.first_found_on))
    return rows


def dispatch_context(kind: str, dispatch: Dispatch) -> dict:
    unit = dispatch.from_unit
    to_name = dispatch.to_unit_name or dispatch.to_unit.name
    reporter_label = "Đơn vị phát hiện"
    # A signed scan belongs to one exact content (decision 016): the facts are those known
    # when this version was first printed, never those recorded afterwards.
    upto = dispatch.printed_at or timezone.now()
    if kind == K.TRANSFER_SLIP:
        rows, reporter_label = _transfer_rows(dispatch, upto)
    elif kind == K.RESEND_SLIP:
        rows = _resend_rows(dispatch, upto)
    elif kind == K.SUSPENSION_REQUEST:
        rows = _suspension_rows(dispatch, upto)
    else:
        rows = _culture_rows(dispatch, upto)
    # A reprint must match the signed paper, so the date is the draft's, not today's.
    on = timezone.localdate(dispatch.created_at)
    recipients = ["Như trên;"]
    if unit.parent is not None:
        recipients.append(f"{unit.parent.short_name or unit.parent.name} (để báo cáo);")
    return {
        **header(
            *TITLES[kind],
            unit=unit,
            unit_name=dispatch.from_unit_name,
            number_label=dispatch.number_label,
            on=on,
        ),
        **signature(unit, recipients),
        "to_unit_name": to_name,
        "case_count": str(len(rows)),
        "reporter_label": reporter_label,
        "note": dispatch.note,
        "rows": rows,
        **(
            {
                "legal_bases": grounds(LegalPurpose.SUSPENSION_GROUND),
                "measure": config.text("suspension_measure"),
            }
            if kind == K.SUSPENSION_REQUEST
            else {}
        ),
        **(_suspension_sections(rows) if kind in EXTRA_FIELDS else {}),
    }
