"""Reading the sanction: repeat offences and one subscriber's numbers, cases and fines.

A subscriber is the ID number the telecom authority gave (CCCD for a person, tax code
for an organisation); the same number over time links cases too.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from raovat.cases import sanction_config
from raovat.cases.clocks import repeat_since
from raovat.cases.models import Case, PenaltyDecision, Subscriber
from raovat.cases.selectors.access import (
    identity_scope,
    may_see_identity,
    readable,
    with_route_units,
)
from raovat.units.models import User


def id_key(id_number: str) -> str:
    return "".join((id_number or "").split()).upper()


def _same_offender(case: Case) -> Q:
    same = Q(case__phone_e164=case.phone_e164)
    subscriber = getattr(case, "subscriber", None) if case.pk else None
    key = id_key(subscriber.id_number) if subscriber is not None else ""
    if key:
        same |= Q(case__subscriber__id_number=key)
    return same


def earlier_decision(
    *, case: Case, violation_on: datetime.date | None = None
) -> PenaltyDecision | None:
    """The latest earlier decision on the same subscriber or number that makes a new
    violation on `violation_on` (the case's, by default) a repeat offence.

    The Law counts the period from the day the earlier decision was carried out
    ("chấp hành xong": for a fine, the payment) to the new violation (khoản 5 Điều 2,
    Điều 7): a decision made before the violation counts if it was unpaid on that day, or
    paid within the repeat period before it.
    """
    violation_on = violation_on or case.first_found_on
    since = repeat_since(on=violation_on)
    return (
        PenaltyDecision.objects.filter(_same_offender(case), decided_on__lt=violation_on)
        .filter(Q(payment__isnull=True) | Q(payment__paid_on__gte=since))
        .exclude(case=case)
        .order_by("-decided_on", "-id")
        .first()
    )


def repeat_text(decision: PenaltyDecision | None) -> str:
    """The aggravating circumstance the record and decision forms start with."""
    if decision is None:
        return ""
    return sanction_config.value("aggravating_repeat").format(
        number=decision.number_label, day=decision.decided_on.strftime("%d/%m/%Y")
    )


def linked_cases(*, user: User, case: Case, limit: int = 20):
    """Other cases of the same number, and of the same subscriber where identity is visible."""
    same = Q(phone_e164=case.phone_e164)
    subscriber = getattr(case, "subscriber", None)
    key = id_key(subscriber.id_number) if subscriber is not None else ""
    if key:
        same |= Q(identity_scope(user), subscriber__id_number=key)
    return (
        readable(user)
        .filter(same)
        .exclude(pk=case.pk)
        .select_related("decision")
        .order_by("-first_found_on", "-id")[:limit]
    )


def subscriber_page(*, user: User, id_number: str) -> dict | None:
    """Everything of one subscriber the user's unit may see, or None (the view's 404)."""
    key = id_key(id_number)
    if not key:
        return None
    subscribers = list(
        Subscriber.objects.filter(id_number=key, case__in=Case.objects.filter(identity_scope(user)))
        .select_related("case__reporting_unit", "case__telecom_unit", "case__culture_unit")
        .order_by("-case__first_found_on")[:200]
    )
    if not subscribers:
        return None
    cases = [s.case for s in subscribers]
    decisions = list(
        PenaltyDecision.objects.filter(case__in=cases)
        .select_related("case", "payment")
        .order_by("-decided_on")
    )
    numbers = sorted({c.phone_e164 for c in cases})
    return {
        "id_number": key,
        "subscriber": subscribers[0],
        "subscribers": subscribers,
        "cases": cases,
        "numbers": numbers,
        "decisions": decisions,
        "payments": [d.payment for d in decisions if hasattr(d, "payment")],
        "today": timezone.localdate(),
    }


def case_sanction(*, user: User, case: Case) -> dict:
    """The case page's decision, payment, repeat flag and linked cases."""

    decision = (
        PenaltyDecision.objects.filter(case=case)
        .select_related("payment", "legal_basis", "repeat_of__case")
        .first()
    )
    if not may_see_identity(user, case):
        # Whether the subscriber offended before is about the person: identity units only.
        earlier = None
    elif decision is not None:
        earlier = decision.repeat_of
    elif case.state in ("draft", "closed", "cancelled"):
        earlier = None
    else:
        earlier = earlier_decision(case=case)
    return {
        "decision": decision,
        "payment": getattr(decision, "payment", None),
        "repeat": earlier,
        "linked_cases": with_route_units(linked_cases(user=user, case=case)),
        "today": timezone.localdate(),
        "prints": case.handling_unit_id == user.unit_id,
    }
