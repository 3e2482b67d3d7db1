"""The transfer page of a draft dispatch: attach the signed slip, note, drop, print, send.

The same page serves §2 (to Sở TTTT), §4 (suspension or culture, chosen on the page)
and §6 (resend to Sở TTTT) of the District manual.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from raovat.cases.labels import chain_label
from raovat.cases.models import CaseEvent, Sighting
from raovat.cases.selectors import access
from raovat.cases.selectors.reminders import reminder_names
from raovat.cases.services import dispatches
from raovat.cases.services.errors import WorkflowError
from raovat.cases.workflow import DISPATCH_ACTION, TRANSITIONS, DispatchKind
from raovat.web.forms import NoteForm, ScanForm
from raovat.web.views.actions import report, transition

# Where "Trở về" leads, per kind of dispatch.
BACK = {
    DispatchKind.SUBSCRIBER_INFO: "handler:send_list",
    DispatchKind.RESEND: "handler:returned_list",
    DispatchKind.SUSPENSION: "handler:process_list",
    DispatchKind.CULTURE: "handler:process_list",
}
PROCESS_KINDS = (DispatchKind.SUSPENSION, DispatchKind.CULTURE)

# The manual numbers the elements of this page differently in each section.
_PROCESS = {"choice": "4.1", "attach": "4.2", "note": "4.3", "drop": "4.4", "send": "4.5",
            "print": "4.6", "back": "4.7"}
MANUAL = {
    DispatchKind.SUBSCRIBER_INFO: {"attach": "2.1", "note": "2.2", "drop": "2.3", "back": "2.4",
                                   "print": "2.5", "send": "2.6"},
    DispatchKind.RESEND: {"attach": "6.1", "note": "6.2", "print": "6.3", "back": "6.4",
                          "send": "6.5", "drop": ""},
    DispatchKind.SUSPENSION: _PROCESS,
    DispatchKind.CULTURE: _PROCESS,
}


def _draft(request, pk):
    dispatch = access.dispatch_own(user=request.user, pk=pk)
    if dispatch.sent_at is not None:
        messages.info(request, f"Phiếu chuyển {dispatch} đã được chuyển.")
    return dispatch


@login_required
def dispatch_page(request, pk: int):
    dispatch = access.dispatch_own(user=request.user, pk=pk)
    names = reminder_names(request.user.unit)
    first = Sighting.objects.filter(case=OuterRef("pk")).order_by("found_on", "id")
    last_return = CaseEvent.objects.filter(case=OuterRef("pk"), action="return_to_handler") \
        .order_by("-at", "-id")
    cases = (
        dispatch.cases.select_related("reporting_unit", "subscriber")
        .prefetch_related("penalty_records")
        .annotate(place=Subquery(first.values("place")[:1]),
                  return_note=Subquery(last_return.values("note")[:1]))
        .order_by("dispatch_items__position", "id")
    )
    action = DISPATCH_ACTION[dispatch.kind]
    choices = [(a, chain_label(TRANSITIONS[a].label, names=names))
               for a in ("request_suspension", "send_to_culture")]
    return render(request, "handler/dispatch.html", {
        "dispatch": dispatch, "cases": cases, "names": names,
        "action_label": chain_label(TRANSITIONS[action].label, names=names),
        "action": action, "is_process": dispatch.kind in PROCESS_KINDS, "choices": choices,
        "back_url": BACK[dispatch.kind], "scan_form": ScanForm(), "m": MANUAL[dispatch.kind],
        "is_resend": dispatch.kind == DispatchKind.RESEND,
        "note_form": NoteForm(initial={"note": dispatch.note}),
    })


@login_required
@require_POST
def dispatch_attach(request, pk: int):
    dispatch = _draft(request, pk)
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Chưa chọn tệp phiếu chuyển đã ký.")
        return redirect("handler:dispatch", pk=pk)
    try:
        dispatches.dispatch_attach_scan(actor=request.user, dispatch=dispatch,
                                        upload=form.cleaned_data["scan"])
    except WorkflowError as exc:
        report(request, exc)
    else:
        messages.success(request, "Đã đính kèm tệp phiếu chuyển đã ký.")
    return redirect("handler:dispatch", pk=pk)


@login_required
@require_POST
def dispatch_note(request, pk: int):
    dispatch = _draft(request, pk)
    try:
        dispatches.dispatch_set_note(actor=request.user, dispatch=dispatch,
                                     note=request.POST.get("note", ""))
    except WorkflowError as exc:
        report(request, exc)
    else:
        messages.success(request, "Đã lưu ghi chú.")
    return redirect("handler:dispatch", pk=pk)


@login_required
@require_POST
def dispatch_drop(request, pk: int, case_pk: int):
    dispatch = _draft(request, pk)
    case = dispatch.cases.filter(pk=case_pk).first()
    if case is None:
        return redirect("handler:dispatch", pk=pk)
    try:
        remaining = dispatches.dispatch_remove_case(actor=request.user, dispatch=dispatch,
                                                    case=case)
    except WorkflowError as exc:
        report(request, exc)
        return redirect("handler:dispatch", pk=pk)
    messages.info(request, f"Đã bỏ hồ sơ {case.number} khỏi phiếu chuyển."
                  + (" Phiếu đã có số: hãy in lại phiếu." if dispatch.number else ""))
    if remaining == 0:
        return redirect(BACK[dispatch.kind])
    return redirect("handler:dispatch", pk=pk)


@login_required
@require_POST
def dispatch_choose(request, pk: int):
    dispatch = _draft(request, pk)
    action = request.POST.get("action", "")
    if action not in ("request_suspension", "send_to_culture"):
        messages.error(request, "Cần chọn nơi chuyển hồ sơ.")
        return redirect("handler:dispatch", pk=pk)
    try:
        dispatches.dispatch_change_action(actor=request.user, dispatch=dispatch, action=action)
    except WorkflowError as exc:
        report(request, exc)
    return redirect("handler:dispatch", pk=pk)


@login_required
@require_POST
def dispatch_send(request, pk: int):
    dispatch = _draft(request, pk)
    if "note" in request.POST and dispatch.sent_at is None:
        try:
            dispatches.dispatch_set_note(actor=request.user, dispatch=dispatch,
                                         note=request.POST["note"])
        except WorkflowError as exc:
            report(request, exc)
            return redirect("handler:dispatch", pk=pk)
    action = DISPATCH_ACTION[dispatch.kind]
    ids = list(dispatch.items.values_list("case_id", flat=True))
    label = chain_label(TRANSITIONS[action].label, request.user.unit)
    if transition(request, action=action, ids=ids, dispatch=dispatch, note=dispatch.note,
                  done=lambda: f"{label} – phiếu chuyển số {dispatch.number_label}: đã chuyển"):
        return redirect(BACK[dispatch.kind])
    return redirect("handler:dispatch", pk=pk)
