"""Contexts of the documents printed for a dispatch: the four kinds of transfer slip."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from raovat.cases.models import CaseEvent, Dispatch, DispatchItem, Invitation, Sighting
from raovat.cases.phones import CARRIER_LABELS, display
from raovat.documents import config
from raovat.documents.contexts.common import dmy, header, local, signature
from raovat.documents.kinds import DocumentKind as K

ROW_FIELDS = {
    K.TRANSFER_SLIP: {
        "no": "Số thứ tự", "case_number": "Số hồ sơ", "phone": "Số thuê bao",
        "carrier": "Nhà mạng", "place": "Địa điểm vi phạm",
        "reporter": "Đơn vị phát hiện (tên ngắn)", "found_on": "Ngày phát hiện",
    },
    K.RESEND_SLIP: {
        "no": "Số thứ tự", "case_number": "Số hồ sơ", "phone": "Số thuê bao",
        "carrier": "Nhà mạng", "return_reason": "Lý do trả về",
        "added": "Nội dung đã bổ sung",
    },
    K.SUSPENSION_REQUEST: {
        "no": "Số thứ tự", "phone": "Số thuê bao", "carrier": "Nhà mạng",
        "subscriber_name": "Chủ thuê bao", "case_number": "Số hồ sơ",
        "invitation": "Thư mời đã gửi (số, ngày)",
    },
    K.CULTURE_SLIP: {
        "no": "Số thứ tự", "case_number": "Số hồ sơ", "phone": "Số thuê bao",
        "subscriber_name": "Chủ thuê bao", "subscriber_address": "Địa chỉ chủ thuê bao",
        "place": "Địa điểm vi phạm", "found_on": "Ngày phát hiện",
    },
}

DISPATCH_FIELDS = {
    "to_unit_name": "Tên đơn vị nhận (sau “Kính gửi:”)",
    "case_count": "Số hồ sơ trong phiếu",
    "reporter_label": "Tiêu đề cột đơn vị phát hiện, theo loại đơn vị (ví dụ Phường)",
    "note": "Ghi chú nội dung xử lý của phiếu",
    "rows": "Danh sách hồ sơ, mỗi dòng một hồ sơ (dùng {%tr for row in rows %})",
}
EXTRA_FIELDS = {
    K.SUSPENSION_REQUEST: {
        "legal_bases": "Các căn cứ pháp lý (cấu hình, dùng trong vòng lặp)",
        "measure": "Biện pháp đề nghị áp dụng (cấu hình)",
    },
}

TITLES = {
    K.TRANSFER_SLIP: ("PHIẾU CHUYỂN", "Về việc đề nghị cung cấp thông tin chủ thuê bao"),
    K.RESEND_SLIP: ("PHIẾU CHUYỂN", "Về việc chuyển lại hồ sơ đã bổ sung"),
    K.SUSPENSION_REQUEST: (
        "", "V/v đề nghị ngưng cung cấp dịch vụ viễn thông đối với số thuê bao quảng cáo "
            "rao vặt trái phép",
    ),
    K.CULTURE_SLIP: ("PHIẾU CHUYỂN", "Về việc chuyển hồ sơ xử lý vi phạm hành chính"),
}


def _first_sighting(field: str) -> Subquery:
    return Subquery(Sighting.objects.filter(case_id=OuterRef("case_id"))
                    .order_by("found_on", "id").values(field)[:1])


def _items(dispatch: Dispatch):
    return (DispatchItem.objects.filter(dispatch=dispatch)
            .select_related("case__reporting_unit").order_by("position", "id"))


def _carrier(case) -> str:
    return CARRIER_LABELS.get(case.carrier_hint, "")


def _reporter_label(items) -> str:
    kinds = {item.case.reporting_unit.kind for item in items}
    return kinds.pop() if len(kinds) == 1 else "Đơn vị phát hiện"


def _transfer_rows(dispatch):
    items = list(_items(dispatch).annotate(place=_first_sighting("place")))
    rows = [{
        "no": str(i), "case_number": it.case.number, "phone": display(it.case.phone_e164),
        "carrier": _carrier(it.case), "place": it.place or "",
        "reporter": it.case.reporting_unit.short_name, "found_on": dmy(it.case.first_found_on),
    } for i, it in enumerate(items, 1)]
    return rows, _reporter_label(items) if items else "Đơn vị phát hiện"


def _resend_rows(dispatch):
    reason = Subquery(CaseEvent.objects.filter(case_id=OuterRef("case_id"),
                                               action="return_to_handler")
                      .order_by("-at", "-id").values("note")[:1])
    return [{
        "no": str(i), "case_number": it.case.number, "phone": display(it.case.phone_e164),
        "carrier": _carrier(it.case), "return_reason": it.reason or "", "added": dispatch.note,
    } for i, it in enumerate(_items(dispatch).annotate(reason=reason), 1)]


def _suspension_rows(dispatch):
    latest = Invitation.objects.filter(case_id=OuterRef("case_id")).order_by("-created_at", "-id")
    items = (_items(dispatch).select_related("case__subscriber")
             .annotate(inv_label=Subquery(latest.values("number_label")[:1]),
                       inv_at=Subquery(latest.values("created_at")[:1])))
    rows = []
    for i, it in enumerate(items, 1):
        subscriber = getattr(it.case, "subscriber", None)
        invitation = (f"Số {it.inv_label} ngày {dmy(local(it.inv_at).date())}"
                      if it.inv_label else "")
        rows.append({
            "no": str(i), "phone": display(it.case.phone_e164), "carrier": _carrier(it.case),
            "subscriber_name": subscriber.full_name if subscriber else "",
            "case_number": it.case.number, "invitation": invitation,
        })
    return rows


def _culture_rows(dispatch):
    items = (_items(dispatch).select_related("case__subscriber")
             .annotate(place=_first_sighting("place")))
    rows = []
    for i, it in enumerate(items, 1):
        subscriber = getattr(it.case, "subscriber", None)
        rows.append({
            "no": str(i), "case_number": it.case.number, "phone": display(it.case.phone_e164),
            "subscriber_name": subscriber.full_name if subscriber else "",
            "subscriber_address": subscriber.address if subscriber else "",
            "place": it.place or "", "found_on": dmy(it.case.first_found_on),
        })
    return rows


def dispatch_context(kind: str, dispatch: Dispatch) -> dict:
    unit = dispatch.from_unit
    to_name = dispatch.to_unit_name or dispatch.to_unit.name
    reporter_label = "Đơn vị phát hiện"
    if kind == K.TRANSFER_SLIP:
        rows, reporter_label = _transfer_rows(dispatch)
    elif kind == K.RESEND_SLIP:
        rows = _resend_rows(dispatch)
    elif kind == K.SUSPENSION_REQUEST:
        rows = _suspension_rows(dispatch)
    else:
        rows = _culture_rows(dispatch)
    # A reprint must match the signed paper, so the date is the draft's, not today's.
    on = timezone.localdate(dispatch.created_at)
    recipients = ["Như trên;"]
    if unit.parent is not None:
        recipients.append(f"{unit.parent.short_name or unit.parent.name} (để báo cáo);")
    return {
        **header(*TITLES[kind], unit=unit, unit_name=dispatch.from_unit_name,
                 number_label=dispatch.number_label, on=on),
        **signature(unit, recipients),
        "to_unit_name": to_name,
        "case_count": str(len(rows)),
        "reporter_label": reporter_label,
        "note": dispatch.note,
        "rows": rows,
        **({"legal_bases": list(config.text("suspension_bases")),
            "measure": config.text("suspension_measure")}
           if kind == K.SUSPENSION_REQUEST else {}),
    }
