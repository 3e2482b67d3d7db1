"""Running a service for a screen and telling the officer what happened, in Vietnamese."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from raovat.cases.selectors.cases import case_numbers
from raovat.cases.selectors.reminders import reminder_names
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.transitions import case_transition
from raovat.web.context import unit_reminders


def desk_page(request, template: str, **context):
    """Render a desk screen with the unit's chain names and reminders.

    With `reminder_state`, rows past their due date (working days) are overdue (shown red).
    """
    reminders = {r.state: r for r in unit_reminders(request)}
    state = context.get("reminder_state")
    if state in reminders:
        # Rows that entered the state before this moment are past their due date (lists
        # of dispatches); a case's own row compares its due date with `today`.
        context["overdue_before"] = reminders[state].overdue_before
        context["today"] = reminders[state].today
    return render(
        request,
        template,
        {"names": reminder_names(request.user.unit), "reminders": reminders, **context},
    )


def back(request, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)


def numbers_of(ids) -> str:
    numbers = case_numbers(ids)
    if len(numbers) > 10:
        return ", ".join(numbers[:10]) + f" và {len(numbers) - 10} hồ sơ khác"
    return ", ".join(numbers)


def transition(request, *, action: str, ids, done, **kwargs) -> bool:
    """Apply a transition; put a success or an error message on the page. True if done."""
    if not ids:
        messages.error(request, "Chưa chọn hồ sơ nào.")
        return False
    try:
        case_transition(actor=request.user, action=action, cases=ids, **kwargs)
    except WorkflowError as exc:
        messages.error(
            request, "Không thực hiện được, không hồ sơ nào thay đổi. " + " ".join(exc.problems)
        )
        return False
    done = done() if callable(done) else done
    messages.success(request, f"{done} {len(ids)} hồ sơ: {numbers_of(ids)}.")
    return True


def refusal_shown(request, exc: WorkflowError) -> None:
    """Put the refusal's sentences on the page; nothing was changed."""
    messages.error(request, " ".join(exc.problems))
