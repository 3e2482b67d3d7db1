from raovat.cases.models import Case
from raovat.cases.selectors import access
from raovat.messaging.models import SmsTemplate
from raovat.units.models import Role, User


def case_for_texting(*, user: User, number: str) -> Case:
    """The case if the user's unit handles it. Other units, even ones that took part in
    the case, are refused: only the handling unit contacts the subscriber."""
    return access.case_on_route(user=user, number=number, role=Role.HANDLER)


def case_messages(case: Case):
    return case.messages.select_related("created_by", "delivery").order_by("-created_at", "-id")


def sms_templates() -> list[SmsTemplate]:
    return list(SmsTemplate.objects.filter(active=True))
