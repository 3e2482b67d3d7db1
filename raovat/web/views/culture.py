"""The culture authority's desk: the cases sent to it, their outcome, and closing them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from raovat.cases import facts
from raovat.cases.selectors import access
from raovat.cases.selectors.culture import incoming, to_decide
from raovat.cases.workflow import State
from raovat.units.models import Role
from raovat.web.access import require_role
from raovat.web.forms import OutcomeForm
from raovat.web.listing import worklist
from raovat.web.views.actions import desk_page, transition


@login_required
def case_list(request):
    require_role(request.user, Role.CULTURE)
    return desk_page(
        request,
        "culture/case_list.html",
        **worklist(request, incoming(user=request.user)),
        reminder_state=State.AT_CULTURE,
    )


@login_required
def outcome(request, number: str):
    require_role(request.user, Role.CULTURE)
    case = access.case_to_act(
        user=request.user,
        number=number,
        states=[State.AT_CULTURE],
        within=to_decide(user=request.user),
    )
    form = OutcomeForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and transition(
            request,
            action="close",
            ids=[case.pk],
            facts=facts.of(facts.Outcome, form.cleaned_data),
            note=form.cleaned_data["result"],
            done="Đã kết thúc",
        )
    ):
        return redirect("culture:case_list")
    return desk_page(
        request, "culture/outcome.html", case=case, form=form, reminder_state=State.AT_CULTURE
    )
