"""A transition's jobs are written in the transition's own transaction: the job exists
if and only if the transition happened."""

import pytest
from django.db import transaction

from raovat.cases import effects
from raovat.cases.models import Case
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform
from raovat.jobs.models import Job

NOTICE = "notifications.dispatch_arrived"


class Rollback(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_a_committed_transfer_leaves_exactly_one_notice_job(cast, make_case):
    cases = [
        advance(make_case(cast.ward, phone=p), State.CONFIRMED)
        for p in ("0912 345 678", "0903 123 456")
    ]

    perform("send_to_telecom", cases)

    job = Job.objects.get(kind=NOTICE)
    dispatch = cases[0].dispatches.get()
    assert job.payload == {"dispatch_ids": [dispatch.pk]}
    assert job.created_by == cast.district
    assert set(Case.objects.values_list("state", flat=True)) == {State.AT_TELECOM}


@pytest.mark.django_db(transaction=True)
def test_a_transfer_rolled_back_with_its_transaction_leaves_no_job(cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)

    with pytest.raises(Rollback), transaction.atomic():
        perform("send_to_telecom", [case])
        assert Job.objects.filter(kind=NOTICE).count() == 1  # written, not yet committed
        raise Rollback

    assert not Job.objects.filter(kind=NOTICE).exists()
    case.refresh_from_db()
    assert case.state == State.CONFIRMED


@pytest.mark.django_db(transaction=True)
def test_a_job_that_cannot_be_queued_undoes_the_transition(cast, make_case, monkeypatch):
    case = advance(make_case(cast.ward), State.CONFIRMED)

    def broken(**kwargs):
        raise RuntimeError("job table unavailable")

    monkeypatch.setattr(effects, "job_enqueue", broken)
    with pytest.raises(RuntimeError):
        perform("send_to_telecom", [case])

    case.refresh_from_db()
    assert case.state == State.CONFIRMED
    assert not case.events.filter(action="send_to_telecom").exists()
    assert not Job.objects.filter(kind=NOTICE).exists()


@pytest.mark.django_db(transaction=True)
def test_a_transition_without_a_dispatch_queues_nothing(cast, make_case):
    case = make_case(cast.ward)
    perform("submit", [case])
    assert not Job.objects.exists()
