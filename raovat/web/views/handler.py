"""The handling unit's screens, as the District manual numbers them (§2, §3, §4, §6)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from raovat.audit.models import Page
from raovat.audit.services import identity_shown
from raovat.cases.selectors import access, worklists
from raovat.cases.selectors.cases import contacts_of, invitation_of, sightings_shown
from raovat.cases.selectors.sanction import earlier_decision, repeat_text
from raovat.cases.services import contacts
from raovat.cases.services.dispatches import dispatch_create
from raovat.cases.services.errors import WorkflowError
from raovat.cases.workflow import CONTACT_STATES, DispatchKind, State
from raovat.units.models import Role
from raovat.web.access import require_role, selected_ids
from raovat.web.forms import CallForm, InvitationForm, PenaltyForm, ScanForm
from raovat.web.listing import batch_ids, worklist
from raovat.web.views.actions import back, desk_page, refusal_shown, transition

# §2 Xác nhận vi phạm từ Phường ---------------------------------------------------------


@login_required
def confirm_list(request):
    require_role(request.user, Role.HANDLER)
    return desk_page(
        request,
        "handler/confirm_list.html",
        **worklist(request, worklists.to_confirm(user=request.user)),
        reminder_state=State.AWAITING_CONFIRMATION,
    )


@login_required
def confirm_case(request, number: str):
    case = access.case_to_act(
        user=request.user, number=number, states=[State.AWAITING_CONFIRMATION]
    )
    return desk_page(
        request, "handler/confirm_case.html", case=case, sightings=sightings_shown(case)
    )


@login_required
@require_POST
def confirm(request):
    require_role(request.user, Role.HANDLER)
    ids = batch_ids(request, worklists.to_confirm(user=request.user))
    if ids is not None:
        transition(request, action="confirm", ids=ids, done="Đã xác nhận")
    return back(request, reverse("handler:confirm_list"))


@login_required
@require_POST
def return_to_reporter(request):
    require_role(request.user, Role.HANDLER)
    ok = transition(
        request,
        action="return_to_reporter",
        ids=selected_ids(request),
        note=request.POST.get("note", ""),
        done="Đã trả về bổ sung",
    )
    if ok:
        return redirect("handler:confirm_list")
    return back(request, reverse("handler:confirm_list"))


@login_required
def send_list(request):
    require_role(request.user, Role.HANDLER)
    return desk_page(
        request,
        "handler/send_list.html",
        **worklist(request, worklists.to_send(user=request.user)),
        drafts=worklists.open_drafts(user=request.user, kinds=[DispatchKind.SUBSCRIBER_INFO]),
        reminder_state=State.CONFIRMED,
    )


# The work list each dispatch is started from: "all matching" takes its cases.
BATCH_LISTS = {
    "send_to_telecom": worklists.to_send,
    "resend_to_telecom": worklists.returned_by_telecom,
    "request_suspension": worklists.awaiting_subscriber,
    "send_to_culture": worklists.awaiting_subscriber,
}


@login_required
@require_POST
def dispatch_start(request, action: str):
    """Put the selected cases on a new draft dispatch and open its transfer page."""
    require_role(request.user, Role.HANDLER)
    lists = {
        "send_to_telecom": "handler:send_list",
        "resend_to_telecom": "handler:returned_list",
        "request_suspension": "handler:process_list",
        "send_to_culture": "handler:process_list",
    }
    if action not in lists:
        return redirect("home")
    ids = batch_ids(request, BATCH_LISTS[action](user=request.user))
    if ids is None:
        return redirect(lists[action])
    if not ids:
        messages.error(request, "Chưa chọn hồ sơ nào.")
        return redirect(lists[action])
    try:
        dispatch = dispatch_create(actor=request.user, action=action, cases=ids)
    except WorkflowError as exc:
        refusal_shown(request, exc)
        return redirect(lists[action])
    return redirect("handler:dispatch", pk=dispatch.pk)


# §3 Liên hệ chủ thuê bao ---------------------------------------------------------------


@login_required
def contact_list(request):
    require_role(request.user, Role.HANDLER)
    return desk_page(
        request,
        "handler/contact_list.html",
        **worklist(request, worklists.to_contact(user=request.user)),
        reminder_state=State.TO_CONTACT,
    )


@login_required
def contact(request, number: str):
    case = access.case_to_act(user=request.user, number=number, states=CONTACT_STATES)
    now = timezone.localtime().replace(second=0, microsecond=0)
    invitation_form = InvitationForm(
        initial={
            "meeting_at": (now + timezone.timedelta(days=5)).replace(hour=8, minute=0),
            "meeting_place": request.user.unit.address or request.user.unit.name,
        }
    )
    return _contact_page(request, case, invitation_form=invitation_form, call_form=CallForm())


def _contact_page(request, case, **forms):
    subscriber = (
        case.subscriber
        if identity_shown(user=request.user, cases=[case], page=Page.CONTACT)
        else None
    )
    return desk_page(
        request,
        "handler/contact.html",
        case=case,
        subscriber=subscriber,
        **contacts_of(case),
        scan_form=ScanForm(),
        **forms,
    )


@login_required
@require_POST
def invitation_create(request, number: str):
    case = access.case_to_act(user=request.user, number=number, states=CONTACT_STATES)
    form = InvitationForm(request.POST)
    if not form.is_valid():
        return _contact_page(request, case, invitation_form=form, call_form=CallForm())
    try:
        invitation = contacts.invitation_create(actor=request.user, case=case, **form.cleaned_data)
    except WorkflowError as exc:
        refusal_shown(request, exc)
    else:
        messages.success(
            request,
            f"Đã tạo thư mời số {invitation.number_label}. In thư mời, ký rồi tải bản đã ký lên.",
        )
    return redirect("handler:contact", number=case.number)


@login_required
@require_POST
def invitation_upload(request, number: str, pk: int):
    case = access.case_to_act(user=request.user, number=number, states=CONTACT_STATES)
    invitation = invitation_of(case, pk)
    form = ScanForm(request.POST, request.FILES)
    if invitation is None or not form.is_valid():
        messages.error(request, "Chưa chọn tệp thư mời đã ký.")
    else:
        try:
            contacts.invitation_upload_signed(
                actor=request.user, invitation=invitation, upload=form.cleaned_data["scan"]
            )
        except WorkflowError as exc:
            refusal_shown(request, exc)
        else:
            messages.success(request, f"Đã lưu thư mời đã ký số {invitation.number_label}.")
    return redirect("handler:contact", number=case.number)


@login_required
@require_POST
def call_create(request, number: str):
    case = access.case_to_act(user=request.user, number=number, states=CONTACT_STATES)
    form = CallForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "Thông tin cuộc gọi chưa hợp lệ: "
            + " ".join(e for errs in form.errors.values() for e in errs),
        )
        return redirect("handler:contact", number=case.number)
    data = form.cleaned_data
    contacts.call_record(
        actor=request.user,
        case=case,
        outcome=data["outcome"],
        duration_seconds=data["duration_minutes"] * 60,
        note=data["note"],
    )
    messages.success(request, "Đã ghi nhận cuộc gọi.")
    return redirect("handler:contact", number=case.number)


@login_required
@require_POST
def contact_done(request, number: str):
    case = access.case_to_act(user=request.user, number=number, states=[State.TO_CONTACT])
    if transition(
        request,
        action="contact_done",
        ids=[case.pk],
        note=request.POST.get("note", ""),
        done="Đã hoàn tất liên hệ",
    ):
        return redirect("handler:contact_list")
    return redirect("handler:contact", number=case.number)


# §4 Xử lý vi phạm -----------------------------------------------------------------------


@login_required
def process_list(request):
    require_role(request.user, Role.HANDLER)
    return desk_page(
        request,
        "handler/process_list.html",
        **worklist(request, worklists.awaiting_subscriber(user=request.user)),
        drafts=worklists.open_drafts(
            user=request.user, kinds=[DispatchKind.SUSPENSION, DispatchKind.CULTURE]
        ),
        reminder_state=State.AWAITING_SUBSCRIBER,
    )


@login_required
def penalty(request, number: str):
    case = access.case_to_act(user=request.user, number=number, states=[State.AWAITING_SUBSCRIBER])
    unit = request.user.unit
    form = PenaltyForm(
        request.POST or None,
        case=case,
        initial={
            "made_at": timezone.localtime().replace(second=0, microsecond=0),
            "place": unit.address or unit.name,
            "aggravating": repeat_text(earlier_decision(case=case)),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = contacts.penalty_record_create(
                actor=request.user, case=case, **form.cleaned_data
            )
        except WorkflowError as exc:
            refusal_shown(request, exc)
        else:
            messages.success(request, f"Đã lập biên bản số {record.record_number}.")
            return back(request, reverse("handler:process_list"))
    shown = identity_shown(user=request.user, cases=[case], page=Page.PENALTY)
    return desk_page(
        request,
        "handler/penalty.html",
        case=case,
        form=form,
        subscriber=case.subscriber if shown else None,
        next=request.GET.get("next", ""),
    )


# §6 Hồ sơ trả về từ Sở TTTT ------------------------------------------------------------


@login_required
def returned_list(request):
    require_role(request.user, Role.HANDLER)
    return desk_page(
        request,
        "handler/returned_list.html",
        **worklist(request, worklists.returned_by_telecom(user=request.user)),
        drafts=worklists.open_drafts(user=request.user, kinds=[DispatchKind.RESEND]),
        reminder_state=State.RETURNED_BY_TELECOM,
    )
