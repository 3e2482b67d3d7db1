"""Which screen handles each reminder: the menu and the home page link there.

A state a unit acts on without a dedicated screen falls back to the plain work list.
"""

from django.urls import reverse

from raovat.cases.workflow import State
from raovat.units.models import Role

SCREENS = {
    (Role.HANDLER, State.AWAITING_CONFIRMATION): "handler:confirm_list",
    (Role.HANDLER, State.CONFIRMED): "handler:send_list",
    (Role.HANDLER, State.RETURNED_BY_TELECOM): "handler:returned_list",
    (Role.HANDLER, State.TO_CONTACT): "handler:contact_list",
    (Role.HANDLER, State.AWAITING_SUBSCRIBER): "handler:process_list",
    (Role.HANDLER, State.DECIDED): "handler:decided_list",
    (Role.TELECOM, State.AT_TELECOM): "telecom:dispatch_list",
    (Role.TELECOM, State.SUSPENSION_REQUESTED): "telecom:suspension_list",
    (Role.TELECOM, State.SUSPENDED): "telecom:suspended_list",
    (Role.CULTURE, State.AT_CULTURE): "culture:case_list",
    (Role.REPORTER, State.DRAFT): "reporter:drafts",
    (Role.REPORTER, State.RETURNED_TO_REPORTER): "reporter:returned",
}


def screen_url(role: str, state: str) -> str:
    name = SCREENS.get((role, state))
    return reverse(name) if name else reverse("worklist", args=[state])
