"""E-mail: the daily reminder digest, its opt-out, and the notice of an arrived dispatch."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform
from raovat.jobs.models import Job, JobStatus
from raovat.jobs.worker import run_pending
from raovat.units.models import User

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 25)


def _digests():
    call_command("send_digests", "--day", DAY.isoformat())
    run_pending()
    return [m for m in mail.outbox if m.subject.startswith("Nhắc việc")]


def test_each_officer_gets_the_reminders_of_their_unit_once_a_day(cast, make_case, settings):
    settings.SITE_URL = "https://raovat.example.gov.vn"
    advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)

    sent = _digests()

    to_district = [m for m in sent if m.to == [cast.district.email]]
    assert len(to_district) == 1
    digest = to_district[0]
    assert digest.subject == f"Nhắc việc ngày 25/11/2026 – {cast.district.unit.short_name}"
    assert f"Kính gửi {cast.district.display_name}" in digest.body
    assert "Xác nhận vi phạm từ Phường: 1 hồ sơ" in digest.body
    assert "https://raovat.example.gov.vn/ca-nhan/" in digest.body
    # Units with nothing waiting get no mail.
    assert not [m for m in sent if m.to == [cast.other_district.email]]
    job = Job.objects.get(kind="notifications.digests")
    assert job.status == JobStatus.SUCCEEDED and job.total >= 1

    mail.outbox.clear()
    assert _digests() == []  # a second cron run the same day sends nothing again


def test_an_officer_who_opted_out_gets_no_digest(client, cast, make_case):
    advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    client.force_login(cast.district)

    page = client.get(reverse("profile")).content.decode()
    assert "Nhận thư nhắc việc hằng ngày" in page and "checked" in page
    response = client.post(reverse("profile"), {})  # the box unticked

    assert response.status_code == 302
    assert User.objects.get(pk=cast.district.pk).email_digest is False
    assert "checked" not in client.get(reverse("profile")).content.decode()
    assert not [m for m in _digests() if m.to == [cast.district.email]]


def test_the_profile_page_needs_a_sign_in(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_the_receiving_unit_is_told_of_an_arrived_dispatch_by_the_worker(
    cast, make_case, django_capture_on_commit_callbacks
):
    cases = [
        advance(make_case(cast.ward, phone=p), State.CONFIRMED)
        for p in ("0912 345 678", "0903 123 456")
    ]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        perform("send_to_telecom", cases)

    assert mail.outbox == []  # nothing is sent inside the request
    job = Job.objects.get(kind="notifications.dispatch_arrived")
    run_pending()

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    notices = [m for m in mail.outbox if m.subject.startswith("Phiếu chuyển")]
    assert [m.to for m in notices] == [[cast.telecom.email]]
    dispatch = cases[0].dispatches.get()
    notice = notices[0]
    assert notice.subject == (
        f"Phiếu chuyển {dispatch.number_label}: 2 hồ sơ từ {cast.district.unit.name}"
    )
    assert f"Kính gửi {cast.telecom.unit.name}" in notice.body
    for case in cases:
        assert case.number in notice.body

    run_pending()
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)  # as if run again
    run_pending()
    assert len([m for m in mail.outbox if m.subject.startswith("Phiếu chuyển")]) == 1


def test_a_transition_without_a_dispatch_queues_no_notice(
    cast, make_case, django_capture_on_commit_callbacks
):
    case = make_case(cast.ward)
    with django_capture_on_commit_callbacks(execute=True):
        perform("submit", [case])
    assert not Job.objects.filter(kind="notifications.dispatch_arrived").exists()
