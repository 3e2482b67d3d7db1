from django.http import Http404

from raovat.cases.models import Case
from raovat.messaging.models import SmsTemplate
from raovat.units.models import User


def case_for_texting(*, user: User, number: str) -> Case:
    """The case if the user's unit handles it. Other units, even ones that took part in
    the case, get 404: only the handling unit contacts the subscriber."""
    case = (Case.objects.select_related("handling_unit")
            .filter(number=number, handling_unit_id=user.unit_id).first()
            if user.unit_id else None)
    if case is None:
        raise Http404("Không tìm thấy hồ sơ.")
    return case


def case_messages(case: Case):
    return case.messages.select_related("created_by", "delivery").order_by("-created_at", "-id")


def sms_templates() -> list[SmsTemplate]:
    return list(SmsTemplate.objects.filter(active=True))
