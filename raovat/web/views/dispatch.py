"""The transfer page of a draft dispatch: attach the signed slip, note, drop, print, send.

The same page serves §2 (to Sở TTTT), §4 (suspension or culture, chosen on the page)
and §6 (resend to Sở TTTT) of the District manual.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from raovat.cases.labels import chain_label
from raovat.cases.selectors import access, worklists
from raovat.cases.selectors.reminders import reminder_names
from raovat.cases.services import dispatches
from raovat.cases.services.errors import WorkflowError
from raovat.cases.workflow import DISPATCH_ACTION, TRANSITIONS, DispatchKind
from raovat.units.models import Role
from raovat.web.access import require_role, selected_ids
from raovat.web.forms import NoteForm, ScanForm
from raovat.web.listing import batch_ids
from raovat.web.views.actions import refusal_shown, transition

# Where "Trở về" leads, per kind of dispatch.
BACK = {
    DispatchKind.SUBSCRIBER_INFO: "handler:send_list",
    DispatchKind.RESEND: "handler:returned_list",
    DispatchKind.SUSPENSION: "handler:process_list",
    DispatchKind.CULTURE: "handler:process_list",
}
PROCESS_KINDS = (DispatchKind.SUSPENSION, DispatchKind.CULTURE)
PROCESS_ACTIONS = ("request_suspension", "send_to_culture")

# The manual numbers the elements of this page differently in each section.
_PROCESS = {
    "choice": "4.1",
    "attach": "4.2",
    "note": "4.3",
    "drop": "4.4",
    "send": "4.5",
    "print": "4.6",
    "back": "4.7",
}
MANUAL = {
    DispatchKind.SUBSCRIBER_INFO: {
        "attach": "2.1",
        "note": "2.2",
        "drop": "2.3",
        "back": "2.4",
        "print": "2.5",
        "send": "2.6",
    },
    DispatchKind.RESEND: {
        "attach": "6.1",
        "note": "6.2",
        "print": "6.3",
        "back": "6.4",
        "send": "6.5",
        "drop": "",
    },
    DispatchKind.SUSPENSION: _PROCESS,
    DispatchKind.CULTURE: _PROCESS,
}


def _draft(request, pk):
    dispatch = access.dispatch_own(user=request.user, pk=pk)
    if dispatch.sent_at is not None:
        messages.info(request, f"Phiếu chuyển {dispatch} đã được chuyển.")
    return dispatch


def send_blockers(dispatch) -> list[str]:
    """What keeps the dispatch from being sent, as the officer must read it first."""
    if dispatch.scan_is_current:
        return []
    if dispatch.needs_reprint:
        return [dispatches.reprint_message(dispatch)]
    if dispatch.printed_version is None:
        return [
            "Phiếu chuyển chưa được in: hãy bấm “In phiếu chuyển”, trình ký rồi đính kèm bản đã ký."
        ]
    return ["Phiếu chuyển chưa có tệp đã ký: hãy đính kèm bản đã ký của phiếu vừa in."]


@login_required
def dispatch_page(request, pk: int):
    dispatch = access.dispatch_own(user=request.user, pk=pk)
    names = reminder_names(request.user.unit)
    cases = worklists.dispatch_contents(dispatch=dispatch)
    action = DISPATCH_ACTION[dispatch.kind]
    choices = [(a, chain_label(TRANSITIONS[a].label, names=names)) for a in PROCESS_ACTIONS]
    return render(
        request,
        "handler/dispatch.html",
        {
            "dispatch": dispatch,
            "cases": cases,
            "names": names,
            "action_label": chain_label(TRANSITIONS[action].label, names=names),
            "action": action,
            "is_process": dispatch.kind in PROCESS_KINDS,
            "choices": choices,
            "back_url": BACK[dispatch.kind],
            "scan_form": ScanForm(),
            "m": MANUAL[dispatch.kind],
            "is_resend": dispatch.kind == DispatchKind.RESEND,
            "note_form": NoteForm(initial={"note": dispatch.note}),
            "blockers": [] if dispatch.sent_at else send_blockers(dispatch),
            "old_scans": dispatch.old_scans.count(),
        },
    )


def _note_kept(request, dispatch) -> bool:
    """Keep the note typed on a draft's page with whatever button sent the form; False,
    with the refusal shown, when the note cannot be kept."""
    if dispatch.sent_at is not None:
        return True
    try:
        changed = "note" in request.POST and dispatches.dispatch_set_note(
            actor=request.user, dispatch=dispatch, note=request.POST["note"]
        )
    except WorkflowError as exc:
        refusal_shown(request, exc)
        return False
    if changed and dispatch.needs_reprint:
        messages.warning(request, "Đã lưu ghi chú. " + dispatches.reprint_message(dispatch))
    return True


@login_required
@require_POST
def dispatch_attach(request, pk: int):
    dispatch = _draft(request, pk)
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Chưa chọn tệp phiếu chuyển đã ký.")
        return redirect("handler:dispatch", pk=pk)
    try:
        dispatches.dispatch_attach_scan(
            actor=request.user, dispatch=dispatch, upload=form.cleaned_data["scan"]
        )
    except WorkflowError as exc:
        refusal_shown(request, exc)
    else:
        messages.success(request, "Đã đính kèm tệp phiếu chuyển đã ký.")
    return redirect("handler:dispatch", pk=pk)


@login_required
@require_POST
def dispatch_note(request, pk: int):
    dispatch = _draft(request, pk)
    try:
        changed = dispatches.dispatch_set_note(
            actor=request.user, dispatch=dispatch, note=request.POST.get("note", "")
        )
    except WorkflowError as exc:
        refusal_shown(request, exc)
    else:
        if changed and dispatch.needs_reprint:
            messages.warning(request, "Đã lưu ghi chú. " + dispatches.reprint_message(dispatch))
        else:
            messages.success(request, "Đã lưu ghi chú.")
    return redirect("handler:dispatch", pk=pk)


@login_required
@require_POST
def dispatch_print(request, pk: int):
    """ "In phiếu chuyển": the note typed on the page is kept first, so the slip carries it."""
    dispatch = _draft(request, pk)
    if not _note_kept(request, dispatch):
        return redirect("handler:dispatch", pk=pk)
    return redirect(reverse("documents:dispatch", args=[pk]))


@login_required
@require_POST
def dispatch_drop(request, pk: int, case_pk: int):
    dispatch = _draft(request, pk)
    case = worklists.dispatch_case(dispatch=dispatch, pk=case_pk)
    if case is None:
        return redirect("handler:dispatch", pk=pk)
    was_printed = dispatch.printed_version is not None
    try:
        remaining = dispatches.dispatch_remove_case(
            actor=request.user, dispatch=dispatch, case=case, note=request.POST.get("note")
        )
    except WorkflowError as exc:
        refusal_shown(request, exc)
        return redirect("handler:dispatch", pk=pk)
    if remaining == 0:
        messages.info(
            request,
            f"Đã bỏ hồ sơ {case.number}: phiếu chuyển không còn hồ sơ nào"
            + (
                f", số {dispatch.number_label} sẽ dùng cho phiếu chuyển tiếp theo."
                if dispatch.number_label
                else "."
            ),
        )
        return redirect(BACK[dispatch.kind])
    if was_printed:
        messages.warning(
            request,
            f"Đã bỏ hồ sơ {case.number} khỏi phiếu chuyển. " + dispatches.reprint_message(dispatch),
        )
    else:
        messages.info(request, f"Đã bỏ hồ sơ {case.number} khỏi phiếu chuyển.")
    return redirect("handler:dispatch", pk=pk)


@login_required
@require_POST
def dispatch_choose(request, pk: int):
    """The §4 choice is made before the draft exists; a draft's choice cannot change."""
    dispatch = _draft(request, pk)
    try:
        dispatches.dispatch_check_action(dispatch=dispatch, action=request.POST.get("action", ""))
    except WorkflowError as exc:
        refusal_shown(request, exc)
    return redirect("handler:dispatch", pk=pk)


@login_required
@require_POST
def dispatch_send(request, pk: int):
    dispatch = _draft(request, pk)
    if not _note_kept(request, dispatch):
        return redirect("handler:dispatch", pk=pk)
    action = DISPATCH_ACTION[dispatch.kind]
    ids = worklists.dispatch_case_ids(dispatch=dispatch)
    label = chain_label(TRANSITIONS[action].label, request.user.unit)
    if transition(
        request,
        action=action,
        ids=ids,
        dispatch=dispatch,
        note=dispatch.note,
        done=lambda: f"{label} – phiếu chuyển số {dispatch.number_label}: đã chuyển",
    ):
        return redirect(BACK[dispatch.kind])
    return redirect("handler:dispatch", pk=pk)


# §4: the officer chooses where the cases go before their slip is made ------------------


def _choose_page(request, ids, *, chosen: str = "", status: int = 200):
    names = reminder_names(request.user.unit)
    cases = list(worklists.awaiting_subscriber(user=request.user, ids=ids))
    if not cases:
        messages.error(request, "Không có hồ sơ đã chọn nào đang chờ xử lý vi phạm.")
        return redirect("handler:process_list")
    return render(
        request,
        "handler/process_choose.html",
        {
            "cases": cases,
            "names": names,
            "chosen": chosen,
            "choices": [
                (a, chain_label(TRANSITIONS[a].label, names=names)) for a in PROCESS_ACTIONS
            ],
        },
        status=status,
    )


@login_required
def process_choose(request):
    """The cases picked on "Xử lý vi phạm" and the two ways on, none chosen in advance."""
    require_role(request.user, Role.HANDLER)
    # POST from the list's checkboxes; GET ?hs=… is the same page, to reload or link.
    # "Xử lý tất cả N hồ sơ khớp bộ lọc" posts the list's filter instead of checkboxes.
    ids = (
        batch_ids(request, worklists.awaiting_subscriber(user=request.user))
        if request.method == "POST"
        else [
            int(raw)
            for raw in request.GET.getlist("hs")
            if raw.isascii() and raw.isdigit() and len(raw) < 10
        ]
    )
    if ids is None:
        return redirect("handler:process_list")
    if not ids:
        if request.method == "POST":
            messages.error(request, "Chưa chọn hồ sơ nào.")
        return redirect("handler:process_list")
    return _choose_page(request, ids)


@login_required
@require_POST
def process_start(request):
    require_role(request.user, Role.HANDLER)
    ids = selected_ids(request)
    if not ids:
        messages.error(request, "Chưa chọn hồ sơ nào.")
        return redirect("handler:process_list")
    action = request.POST.get("action", "")
    if action not in PROCESS_ACTIONS:
        names = reminder_names(request.user.unit)
        labels = " hoặc ".join(
            f"“{chain_label(TRANSITIONS[a].label, names=names)}”" for a in PROCESS_ACTIONS
        )
        messages.error(request, f"Cần chọn {labels} trước khi lập phiếu chuyển.")
        return _choose_page(request, ids, status=400)
    try:
        dispatch = dispatches.dispatch_create(actor=request.user, action=action, cases=ids)
    except WorkflowError as exc:
        refusal_shown(request, exc)
        return redirect("handler:process_list")
    return redirect("handler:dispatch", pk=dispatch.pk)
