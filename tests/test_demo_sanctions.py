"""The demo's sanction stories, walked with the other demo cases on one timeline."""

import itertools
from collections import defaultdict

import pytest
from django.utils import timezone

from raovat.cases.models import Invitation, PenaltyDecision, PenaltyRecord
from raovat.cases.selectors.reminders import reminders_for
from raovat.cases.workflow import State
from raovat.demo.loader import load

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    return load("manual", log=lambda line: None)


def _in_date_order(rows) -> list:
    """Rows (unit, number label, date) whose numbers, per unit and year, go against dates."""
    by_series = defaultdict(list)
    for unit, label, day in rows:
        by_series[(unit, day.year)].append((int(label.split("/")[0]), day, label))
    wrong = []
    for series in by_series.values():
        series.sort()
        wrong += [(a[2], a[1], b[2], b[1]) for a, b in itertools.pairwise(series) if b[1] < a[1]]
    return wrong


def test_documents_are_numbered_in_the_order_of_their_dates(demo):
    decisions = PenaltyDecision.objects.values_list(
        "case__handling_unit_id", "number_label", "decided_on"
    )
    assert decisions.count() >= 8
    assert _in_date_order(decisions) == []
    records = [
        (r.case.handling_unit_id, r.record_number, timezone.localdate(r.made_at))
        for r in PenaltyRecord.objects.select_related("case")
    ]
    assert _in_date_order(records) == []
    invitations = [
        (i.case.handling_unit_id, i.number_label, timezone.localdate(i.created_at))
        for i in Invitation.objects.select_related("case")
    ]
    assert _in_date_order(invitations) == []


def test_the_panel_counts_the_decisions_past_their_payment_deadline(demo):
    today = timezone.localdate()
    unit = demo.units["vhtt_quan1"]
    past_due = PenaltyDecision.objects.filter(
        case__state=State.DECIDED,
        case__current_unit=unit,
        payment_due__lt=today,
        payment__isnull=True,
    ).count()
    assert past_due >= 2
    decided = next(r for r in reminders_for(unit=unit) if r.state == State.DECIDED)
    assert decided.overdue == past_due
