"""The telecom authority's desk: incoming dispatches, subscriber identities, suspensions.

Sibling of the District's screens (`handler.py`): the same grids, dialogs and messages.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from raovat import params
from raovat.audit.models import Page
from raovat.audit.services import identity_shown
from raovat.cases import facts
from raovat.cases.models import CarrierImport
from raovat.cases.models.outcome import SubscriberKind
from raovat.cases.selectors import access
from raovat.cases.selectors import telecom as selectors
from raovat.cases.selectors.cases import cases_by_ids, sightings_shown
from raovat.cases.selectors.search import PAGE_SIZE, count_capped, paginate
from raovat.cases.services import carrier_excel
from raovat.cases.services.errors import WorkflowError
from raovat.cases.workflow import State
from raovat.units.models import Role
from raovat.web.access import require_role, selected_ids
from raovat.web.context import unit_reminders
from raovat.web.forms import CarrierFileForm, IdentityForm, SuspensionForm
from raovat.web.listing import worklist
from raovat.web.views.actions import back, desk_page, refusal_shown, transition

# Phiếu chuyển đến – cung cấp thông tin thuê bao ----------------------------------------

DISPATCH_SORTS = {"ngay-chuyen": "sent_at"}


@login_required
def dispatch_list(request):
    require_role(request.user, Role.TELECOM)
    show_all = request.GET.get("tat-ca") == "1"
    dispatches = selectors.incoming_dispatches(user=request.user, waiting_only=not show_all)
    page = paginate(
        dispatches,
        sort="ngay-chuyen",
        descending=True,
        sorts=DISPATCH_SORTS,
        after=request.GET.get("sau", ""),
        before=request.GET.get("truoc", ""),
    )
    page.total, page.total_capped = count_capped(dispatches.values("pk"))
    return desk_page(
        request,
        "telecom/dispatch_list.html",
        page=page,
        dispatches=selectors.dispatches_of(page.rows),
        show_all=show_all,
        query="tat-ca=1" if show_all else "",
        reminder_state=State.AT_TELECOM,
    )


def _incoming(request, pk: int):
    require_role(request.user, Role.TELECOM)
    dispatch = selectors.incoming_dispatch(user=request.user, pk=pk)
    if dispatch is None:
        raise Http404("Không tìm thấy phiếu chuyển.")
    return dispatch


@login_required
def dispatch_detail(request, pk: int):
    dispatch = _incoming(request, pk)
    # A dispatch holds up to DISPATCH_MAX_CASES (750): its cases come in pages of the
    # lists' size, in the dispatch's own order (its STT), at most 15 pages.
    total, waiting = selectors.dispatch_counts(dispatch=dispatch)
    pages = max(1, -(-total // PAGE_SIZE))
    number = min(params.int_or_none(request.GET.get("trang")) or 1, pages)
    offset = (number - 1) * PAGE_SIZE
    cases = list(selectors.dispatch_cases(dispatch=dispatch)[offset : offset + PAGE_SIZE])
    return desk_page(
        request,
        "telecom/dispatch.html",
        dispatch=dispatch,
        cases=cases,
        total=total,
        waiting_count=waiting,
        offset=offset,
        last_shown=offset + len(cases),
        page_number=number,
        pages=pages,
        reminder_state=State.AT_TELECOM,
    )


@login_required
def identity(request, number: str):
    case = access.case_to_act(user=request.user, number=number, states=[State.AT_TELECOM])
    form = IdentityForm(
        request.POST or None, initial={"carrier": case.carrier_hint, "kind": "individual"}
    )
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    if (
        request.method == "POST"
        and form.is_valid()
        and transition(
            request,
            action="provide_identity",
            ids=[case.pk],
            facts=facts.of(facts.Identity, form.cleaned_data),
            done="Đã cung cấp thông tin thuê bao cho",
        )
    ):
        return back(request, reverse("telecom:dispatch_list"))
    sightings = sightings_shown(case)
    return desk_page(
        request,
        "telecom/identity.html",
        case=case,
        form=form,
        next=next_url,
        back_url=next_url or reverse("telecom:dispatch_list"),
        sightings=sightings,
        reminder_state=State.AT_TELECOM,
    )


@login_required
@require_POST
def return_to_handler(request):
    require_role(request.user, Role.TELECOM)
    transition(
        request,
        action="return_to_handler",
        ids=selected_ids(request),
        note=request.POST.get("note", ""),
        done="Đã trả về",
    )
    return back(request, reverse("telecom:dispatch_list"))


def _zip(name: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # Carries numbers and case numbers of people under investigation.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def export_identity(request):
    """The numbers of the selected dispatches, one workbook per carrier, in a .zip."""
    require_role(request.user, Role.TELECOM)
    ids = params.ids(request.GET.getlist("phieu"))
    if not ids:
        messages.error(request, "Chưa chọn phiếu chuyển nào để xuất Excel.")
        return back(request, reverse("telecom:dispatch_list"))
    cases = selectors.waiting_in_dispatches(user=request.user, dispatch_ids=ids)
    try:
        name, content = carrier_excel.carrier_export(profile=carrier_excel.IDENTITY, cases=cases)
    except WorkflowError as exc:
        refusal_shown(request, exc)
        return back(request, reverse("telecom:dispatch_list"))
    return _zip(name, content)


# Nhập từ Excel: the same upload, preview and apply for both profiles -------------------

DATE_HINT = "Ô ngày của Excel hoặc chữ dạng dd/mm/yyyy"
COLUMN_HINTS = {
    "phone": "Viết kiểu nào cũng được: 0912345678, 0912 345 678, +84 912 345 678, số 11 chữ số cũ",
    "case_number": "Giữ nguyên như tệp đã xuất, để đối chiếu",
    "full_name": "Họ và tên chủ thuê bao, hoặc tên tổ chức",
    "id_number": "12 chữ số (CCCD) hoặc 9 chữ số (CMND); tổ chức ghi mã số thuế",
    "birth_date": DATE_HINT,
    "address": "Địa chỉ đăng ký thuê bao",
    "kind": "Cá nhân hoặc Tổ chức; để trống là Cá nhân",
    "suspended_on": DATE_HINT,
    "carrier_reference": "Số văn bản hoặc mã yêu cầu của nhà mạng",
}
IMPORT_TITLES = {
    CarrierImport.Profile.IDENTITY: "Thông tin chủ thuê bao",
    CarrierImport.Profile.SUSPENSION: "Ngưng cung cấp dịch vụ",
}
IMPORT_UPLOAD = {
    CarrierImport.Profile.IDENTITY: "telecom:import_identity",
    CarrierImport.Profile.SUSPENSION: "telecom:import_suspension",
}
IMPORT_BACK = {
    CarrierImport.Profile.IDENTITY: ("telecom:dispatch_list", State.AT_TELECOM),
    CarrierImport.Profile.SUSPENSION: ("telecom:suspension_list", State.SUSPENSION_REQUESTED),
}


def _import_upload(request, profile):
    require_role(request.user, Role.TELECOM)
    form = CarrierFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, "Chưa chọn tệp Excel.")
        else:
            try:
                stored = carrier_excel.carrier_import_read(
                    actor=request.user, profile=profile, upload=form.cleaned_data["workbook"]
                )
            except WorkflowError as exc:
                refusal_shown(request, exc)
            else:
                return redirect("telecom:import_preview", token=stored.token)
    list_name, state = IMPORT_BACK[profile.key]
    return desk_page(
        request,
        "telecom/import_upload.html",
        form=form,
        profile=profile,
        columns=[(c, COLUMN_HINTS[c.key]) for c in profile.columns if c.exported],
        back_url=list_name,
        list_label=_label(request, state),
        title=IMPORT_TITLES[profile.key],
        reminder_state=state,
    )


def _label(request, state) -> str:
    return next((r.label for r in unit_reminders(request) if r.state == state), "")


@login_required
def import_identity(request):
    return _import_upload(request, carrier_excel.IDENTITY)


@login_required
def import_suspension(request):
    return _import_upload(request, carrier_excel.SUSPENSION)


def _stored_import(request, token) -> CarrierImport:
    require_role(request.user, Role.TELECOM)
    stored = selectors.carrier_import(user=request.user, token=token)
    if stored is None:
        raise Http404("Không tìm thấy tệp đã nhập.")
    return stored


@login_required
def import_preview(request, token):
    stored = _stored_import(request, token)
    rows = stored.rows
    matched = [_shown(r) for r in rows if r["status"] == carrier_excel.MATCHED]
    refused = [r for r in rows if r["status"] != carrier_excel.MATCHED]
    if stored.profile == CarrierImport.Profile.IDENTITY:
        # The preview shows the carrier's names and ID numbers of the matched cases.
        identity_shown(
            user=request.user,
            page=Page.CARRIER_IMPORT,
            stored=False,
            cases=cases_by_ids([r["case_id"] for r in matched]),
        )
    list_name, state = IMPORT_BACK[stored.profile]
    return desk_page(
        request,
        "telecom/import_preview.html",
        stored=stored,
        matched=matched,
        refused=refused,
        unmatched_count=sum(r["status"] == carrier_excel.UNMATCHED for r in rows),
        invalid_count=sum(r["status"] == carrier_excel.INVALID for r in rows),
        profile=carrier_excel.PROFILES[stored.profile],
        back_url=list_name,
        list_label=_label(request, state),
        title=IMPORT_TITLES[stored.profile],
        upload_url=IMPORT_UPLOAD[stored.profile],
        reminder_state=state,
    )


def _shown(row: dict) -> dict:
    data = row["data"]
    return {
        **row,
        "birth": _iso(data.get("birth_date")),
        "day": _iso(data.get("suspended_on")),
        "kind_label": SubscriberKind(data["kind"]).label if data.get("kind") else "",
    }


def _iso(value):
    return datetime.date.fromisoformat(value) if value else None


@login_required
@require_POST
def import_apply(request, token):
    stored = _stored_import(request, token)
    try:
        carrier_excel.carrier_import_enqueue(actor=request.user, token=stored.token)
    except WorkflowError as exc:
        refusal_shown(request, exc)
    return redirect("telecom:import_preview", token=stored.token)


@login_required
def import_status(request, token):
    """Polled by the preview page while the apply job runs; reloads the page once it ends."""
    stored = _stored_import(request, token)
    if stored.applying:
        return HttpResponse(status=204)
    return HttpResponse(headers={"HX-Refresh": "true"})


# Yêu cầu ngưng cung cấp dịch vụ, thuê bao đang bị ngưng ----------------------------------


@login_required
def suspension_list(request):
    require_role(request.user, Role.TELECOM)
    context = worklist(request, selectors.suspension_requests(user=request.user))
    identity_shown(user=request.user, cases=context["cases"], page=Page.SUSPENSION_LIST)
    return desk_page(
        request,
        "telecom/suspension_list.html",
        **context,
        form=SuspensionForm(),
        reminder_state=State.SUSPENSION_REQUESTED,
    )


@login_required
@require_POST
def suspend(request):
    require_role(request.user, Role.TELECOM)
    form = SuspensionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "Không thực hiện được, không hồ sơ nào thay đổi. "
            + " ".join(
                f"{form.fields[k].label}: {e}" for k, errs in form.errors.items() for e in errs
            ),
        )
    else:
        transition(
            request,
            action="suspend",
            ids=selected_ids(request),
            facts=facts.of(facts.Suspension, form.cleaned_data),
            done="Đã ghi nhận ngưng cung cấp dịch vụ",
        )
    return back(request, reverse("telecom:suspension_list"))


@login_required
def export_suspension(request):
    require_role(request.user, Role.TELECOM)
    cases = selectors.suspension_requests(user=request.user, ids=selected_ids_get(request) or None)
    try:
        name, content = carrier_excel.carrier_export(profile=carrier_excel.SUSPENSION, cases=cases)
    except WorkflowError as exc:
        refusal_shown(request, exc)
        return redirect("telecom:suspension_list")
    return _zip(name, content)


def selected_ids_get(request) -> list[int]:
    return params.ids(request.GET.getlist("hs"))


@login_required
def suspended_list(request):
    require_role(request.user, Role.TELECOM)
    context = worklist(request, selectors.suspended(user=request.user))
    identity_shown(user=request.user, cases=context["cases"], page=Page.SUSPENDED_LIST)
    return desk_page(
        request, "telecom/suspended_list.html", **context, reminder_state=State.SUSPENDED
    )


@login_required
@require_POST
def restore(request):
    require_role(request.user, Role.TELECOM)
    transition(
        request,
        action="restore",
        ids=selected_ids(request),
        note=request.POST.get("note", ""),
        done="Đã khôi phục dịch vụ",
        facts=facts.Restore(request.POST.get("handler_decision", "")[:255]),
    )
    return back(request, reverse("telecom:suspended_list"))
