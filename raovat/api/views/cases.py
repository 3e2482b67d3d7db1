"""Cases: search as "Tra cứu hồ sơ" does, one case as its page shows it."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from raovat.api import serializers as s
from raovat.api.problems import problem
from raovat.api.views.base import ApiView
from raovat.audit.models import Page as AuditPage
from raovat.audit.services import personal_data_viewed
from raovat.cases.selectors import access
from raovat.cases.selectors.cases import calls_in_order, history_of, sightings_in_order
from raovat.cases.selectors.search import Criteria, case_search, count_capped, paginate
from raovat.web.views.search import SearchForm

SUMMARY_UNITS = ("reporting_unit", "current_unit")


def case_documents(user, case) -> list[dict]:
    """The sent dispatches the unit reads and the files attached to the case's steps."""
    docs = [
        {
            "kind": "dispatch",
            "label": f"{d.get_kind_display()} số {d.number_label}",
            "at": d.sent_at,
            "url": reverse("api_dispatch_document", args=[d.pk]),
        }
        for d in access.dispatches_readable(user)
        .filter(items__case=case, sent_at__isnull=False)
        .order_by("sent_at", "id")
    ]
    docs += [
        {
            "kind": "attachment",
            "label": f"Tệp đính kèm: {e.action_label}",
            "at": e.at,
            "url": reverse("api_attachment", args=[e.pk]),
        }
        for e in access.event_attachments_readable(user)
        .filter(case=case)
        .exclude(attachment="")
        .order_by("at", "id")
    ]
    return s.DocumentOut(docs, many=True).data


class CaseList(ApiView):
    @extend_schema(
        operation_id="cases_list",
        summary="Tra cứu hồ sơ",
        description="Các hồ sơ đơn vị được xem, theo đúng tiêu chí của màn hình "
        "“Tra cứu hồ sơ”, 50 hồ sơ một trang; trang sau/trước theo con trỏ.",
        parameters=[s.SearchQuery],
        responses={200: s.CasePage},
        tags=["Hồ sơ"],
    )
    def get(self, request):
        user = request.user
        known = set(s.SearchQuery().fields)
        data = {k: v for k, v in request.query_params.items() if k in known}
        form = SearchForm(data, user=user)
        if not form.is_valid():
            return problem(
                400,
                "Tiêu chí tra cứu có lỗi, xem từng trường.",
                {k: [str(m) for m in v] for k, v in form.errors.items()},
            )
        criteria: Criteria = form.criteria()
        qs = case_search(user=user, criteria=criteria).select_related(*SUMMARY_UNITS)
        page = paginate(
            qs,
            sort=criteria.sort,
            descending=criteria.descending,
            after=data.get("sau", ""),
            before=data.get("truoc", ""),
        )
        total, capped = count_capped(qs)
        return Response(
            {
                "results": s.CaseSummary(page.rows, many=True).data,
                "next": page.next_cursor,
                "previous": page.prev_cursor,
                "page": page.number,
                "total": total,
                "total_capped": capped,
            }
        )


class CaseDetailView(ApiView):
    @extend_schema(
        operation_id="cases_retrieve",
        summary="Chi tiết hồ sơ",
        description="Một hồ sơ với các lần phát hiện và quá trình xử lý. Thông tin chủ "
        "thuê bao và các cuộc gọi chỉ có với đơn vị được xem; mỗi lần trả về "
        "được ghi vào nhật ký xem thông tin chủ thuê bao. Hồ sơ của đơn vị "
        "khác trả về 404 như hồ sơ không tồn tại.",
        responses={200: s.CaseDetail},
        tags=["Hồ sơ"],
    )
    def get(self, request, number: str):
        user = request.user
        try:
            case, in_full = access.case_or_own_sightings(user=user, number=number)
        except access.Refused:
            return problem(404, "Không tìm thấy hồ sơ.")
        identity = in_full and access.may_see_identity(user, case)
        subscriber = getattr(case, "subscriber", None) if identity else None
        if in_full:
            sightings, history = sightings_in_order(case), history_of(case)
        else:  # a ward that saw the number, off the case's route: its own sightings only
            sightings, history = access.own_sightings(user=user, case=case), []
        body = s.CaseSummary(case).data
        if not in_full:
            body["current_unit"] = body["received_at"] = None
        body["sightings"] = s.SightingOut(sightings, many=True).data
        body["history"] = s.EventOut(history, many=True).data
        body["subscriber"] = s.SubscriberOut(subscriber).data if subscriber else None
        body["calls"] = s.CallOut(calls_in_order(case), many=True).data if identity else []
        body["documents"] = case_documents(user, case) if in_full else []
        if subscriber is not None:
            personal_data_viewed(user=user, case=case, page=AuditPage.CASE_DETAIL)
        return Response(body)
