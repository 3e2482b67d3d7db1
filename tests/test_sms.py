"""Texting the subscriber: the form, one click one message, retries, delivery reports.

The gateway here is a local HTTP server speaking Kannel's sendsms answers, so that each
request can be counted and each answer chosen; tests/test_sms_kannel.py uses a real Kannel.
"""

import datetime
import http.server
import threading
import urllib.parse

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from raovat.cases.models import TextMessage
from raovat.cases.models.contact import SmsStatus
from raovat.cases.services.errors import WorkflowError
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from raovat.jobs.models import Job, JobStatus
from raovat.jobs.worker import run_pending
from raovat.messaging import delivery
from raovat.messaging.encoding import sms_count
from raovat.messaging.models import SmsDelivery, SmsTemplate
from raovat.messaging.services import sms_send, sms_send_batch

pytestmark = pytest.mark.django_db

TEXT = "Mời ông/bà đến Phòng Văn hóa – Thông tin làm việc."


class Sink:
    """A gateway that answers each sendsms request with the next status in `answers`."""

    def __init__(self):
        self.requests: list[dict] = []
        self.answers: list[int] = []
        sink = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                sink.requests.append({k: v[0] for k, v in query.items()})
                code = sink.answers.pop(0) if sink.answers else 202
                body = {
                    202: b"0: Accepted for delivery",
                    403: b"Authorization failed",
                    503: b"Sending failed",
                }.get(code, b"?")
                self.send_response(code)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/cgi-bin/sendsms"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings):
    sink = Sink()
    settings.SMS_BACKEND = "kannel"
    settings.KANNEL_SENDSMS_URL = sink.url
    settings.KANNEL_USER, settings.KANNEL_PASSWORD, settings.KANNEL_FROM = "u", "p", "VHTT"
    settings.SMS_RATE_PER_SECOND = 0
    settings.SITE_URL = "https://raovat.example.gov.vn"
    yield sink
    sink.close()


@pytest.fixture
def case(cast, make_case):
    return advance(make_case(cast.ward), State.TO_CONTACT)


def _post(client, case, text=TEXT, key="0" * 32, htmx=True):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(
        reverse("sms_send", args=[case.number]), {"text": text, "idempotency_key": key}, **headers
    )


# --- counting characters and parts -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        ("", "gsm7", 0, 0),
        ("Moi ong ba den lam viec", "gsm7", 23, 1),
        ("x" * 160, "gsm7", 160, 1),
        ("x" * 161, "gsm7", 161, 2),
        ("x" * 306, "gsm7", 306, 2),
        ("x" * 307, "gsm7", 307, 3),
        ("[so] 0912", "gsm7", 11, 1),  # [ and ] take two septets each
        ("Mời ông", "ucs2", 7, 1),
        ("ệ" * 70, "ucs2", 70, 1),
        ("ệ" * 71, "ucs2", 71, 2),
        ("ệ" * 134, "ucs2", 134, 2),
        ("ệ" * 135, "ucs2", 135, 3),
        ("`", "ucs2", 1, 1),  # ASCII, but not in the GSM alphabet
        ("Phòng", "gsm7", 5, 1),  # ò is one of GSM's few accented letters
    ],
)
def test_it_counts_characters_and_parts_as_the_gateway_will(text, encoding, units, segments):
    count = sms_count(text)
    assert (count.encoding, count.units, count.segments) == (encoding, units, segments)


# --- templates ---------------------------------------------------------------------------


def test_the_migration_seeds_templates_that_fill_in_for_a_case(cast, case):
    templates = list(SmsTemplate.objects.filter(active=True))
    assert len(templates) >= 2
    request = RequestFactory().get("/")
    request.user = cast.district
    html = render_to_string(
        "messaging/_sms_form.html", {"case": case, "templates": templates}, request=request
    )
    assert case.number in html  # {so_ho_so} filled in the options' text
    assert "0912 345 678" in html
    assert "{so_ho_so}" not in html
    assert 'name="idempotency_key"' in html
    assert "messaging/sms-counter.js" in html
    assert "data-sms-counter" in html


def test_a_template_with_an_unknown_field_is_refused_in_vietnamese():
    template = SmsTemplate(name="Sai", text="Mời {ten_chu_thue_bao} đến {don_vi}")
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    message = " ".join(error.value.message_dict["text"])
    assert "trường không hợp lệ: {ten_chu_thue_bao}" in message
    assert "{so_thue_bao}" in message  # says which fields exist


def test_the_administrator_edits_templates_in_vietnamese(client, cast):
    client.force_login(cast.admin)
    response = client.post(
        reverse("admin:messaging_smstemplate_add"),
        {"name": "Thử", "text": "Mời {chu_thue_bao} đến", "active": "on", "position": 3},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "trường không hợp lệ" in page
    assert not SmsTemplate.objects.filter(name="Thử").exists()
    response = client.post(
        reverse("admin:messaging_smstemplate_add"),
        {
            "name": "Thử",
            "text": "Hồ sơ {so_ho_so}: mời liên hệ {dien_thoai}.",
            "active": "on",
            "position": 3,
        },
    )
    assert response.status_code == 302
    assert SmsTemplate.objects.filter(name="Thử").exists()
    page = client.get(reverse("admin:messaging_smstemplate_changelist")).content.decode()
    assert "Mẫu tin nhắn" in page or "mẫu tin nhắn" in page


# --- sending from the contact page -------------------------------------------------------


def test_the_handling_unit_texts_the_subscriber_from_the_contact_page(client, cast, case):
    client.force_login(cast.district)

    response = _post(client, case)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="sms-list-' in page and TEXT in page and "Chờ gửi" in page
    assert 'hx-swap-oob="true"' in page  # a fresh key for the next message
    assert "every 3s" in page  # the list refreshes itself while the message waits
    message = TextMessage.objects.get(case=case)
    assert (message.to_e164, message.status, message.created_by) == (
        "+84912345678",
        SmsStatus.QUEUED,
        cast.district,
    )

    run_pending()  # the console gateway of the demo

    message.refresh_from_db()
    assert message.status == SmsStatus.SENT and message.sent_at is not None
    page = client.get(reverse("sms_list", args=[case.number])).content.decode()
    assert "Đã gửi" in page and "every 3s" not in page


def test_without_htmx_it_redirects_back_to_the_contact_tab(client, cast, case):
    client.force_login(cast.district)
    response = _post(client, case, htmx=False)
    assert response.status_code == 302
    assert response.url == reverse("case_detail", args=[case.number]) + "?tab=lien-he"
    assert TextMessage.objects.filter(case=case).count() == 1


def test_one_click_sends_one_message_whatever_the_double_clicks(client, cast, case, gateway):
    client.force_login(cast.district)
    for _ in range(3):
        assert _post(client, case, key="1" * 32).status_code == 200
    run_pending()
    run_pending()

    assert TextMessage.objects.filter(case=case).count() == 1
    assert Job.objects.filter(kind="messaging.sms_send").count() == 1
    assert len(gateway.requests) == 1
    request = gateway.requests[0]
    assert (request["to"], request["text"], request["coding"], request["charset"]) == (
        "+84912345678",
        TEXT,
        "2",
        "UTF-8",
    )
    assert (request["user"], request["pass"], request["from"], request["dlr-mask"]) == (
        "u",
        "p",
        "VHTT",
        "31",
    )
    message = TextMessage.objects.get(case=case)
    assert request["dlr-url"].startswith(
        f"https://raovat.example.gov.vn/tin-nhan/bao-cao/{message.pk}/1/"
    )
    assert request["dlr-url"].endswith("?type=%d&reply=%A")

    _post(client, case, key="2" * 32)  # another click, another message
    assert TextMessage.objects.filter(case=case).count() == 2


@pytest.mark.parametrize("who", ["ward", "other_district", "telecom", "culture"])
def test_only_the_handling_unit_may_text(client, cast, case, who):
    client.force_login(getattr(cast, who))
    assert _post(client, case).status_code == 404
    assert client.get(reverse("sms_list", args=[case.number])).status_code == 404
    assert not TextMessage.objects.filter(case=case).exists()


def test_it_refuses_before_the_contact_step_and_says_why(client, cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    client.force_login(cast.district)
    page = _post(client, case).content.decode()
    assert "chưa đến bước liên hệ chủ thuê bao" in page
    assert "hx-swap-oob" not in page
    assert not TextMessage.objects.exists()


def test_it_refuses_an_empty_or_too_long_message(cast, case, settings):
    settings.SMS_MAX_SEGMENTS = 2
    with pytest.raises(WorkflowError, match="không được để trống"):
        sms_send(actor=cast.district, case=case, text="   ")
    with pytest.raises(WorkflowError, match="dài 3 phần, quá 2 phần"):
        sms_send(actor=cast.district, case=case, text="ệ" * 135)
    assert not TextMessage.objects.exists()


def test_the_demo_scenario_queues_its_messages_through_the_service(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    message = TextMessage.objects.get(case=case)
    assert message.delivery.job.status == JobStatus.QUEUED
    assert (
        sms_send(
            actor=cast.district, case=case, text="Nhắc lại lịch hẹn.", idempotency_key="3" * 32
        ).delivery.idempotency_key
        == "3" * 32
    )


# --- gateway answers and retries ---------------------------------------------------------


def test_a_temporary_gateway_error_is_retried_with_backoff(cast, case, gateway, settings):
    settings.SMS_RETRY_SECONDS = 30
    gateway.answers = [503]
    message = sms_send(actor=cast.district, case=case, text=TEXT)

    run_pending()

    message.refresh_from_db()
    job = Job.objects.get(pk=message.delivery.job_id)
    assert message.status == SmsStatus.QUEUED
    wait = message.delivery.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=25) < wait <= datetime.timedelta(seconds=30)
    assert job.status == JobStatus.QUEUED and job.run_after == message.delivery.next_attempt_at
    assert run_pending() == 0  # not before its time
    assert len(gateway.requests) == 1

    past = timezone.now() - datetime.timedelta(seconds=1)
    SmsDelivery.objects.filter(pk=message.pk).update(next_attempt_at=past)
    Job.objects.filter(pk=job.pk).update(run_after=past)
    run_pending()

    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert len(gateway.requests) == 2
    assert [r["dlr-url"].split("/")[6] for r in gateway.requests] == ["1", "2"]  # attempts
    assert Job.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED


def test_a_refusal_by_the_gateway_fails_at_once_with_the_reason(cast, case, gateway):
    gateway.answers = [403]
    message = sms_send(actor=cast.district, case=case, text=TEXT)
    run_pending()
    message.refresh_from_db()
    assert message.status == SmsStatus.FAILED
    assert message.error == "Cổng SMS từ chối tin nhắn (mã 403)."
    assert len(gateway.requests) == 1


# --- a worker that died in the middle of an attempt ---------------------------------------


def _die_after_claim(message):
    """What a worker killed between opening an attempt and writing its outcome leaves."""
    attempt, _ = delivery._claim(message.pk)
    return attempt


def test_an_attempt_cut_off_is_not_sent_again_before_the_gateway_could_report(
    cast, case, gateway, settings
):
    settings.SMS_IN_DOUBT_SECONDS = 600
    message = sms_send(actor=cast.district, case=case, text=TEXT)
    _die_after_claim(message)

    retry_at = delivery.sms_deliver(message_id=message.pk)

    assert retry_at is not None and retry_at > timezone.now() + datetime.timedelta(seconds=590)
    assert gateway.requests == []
    SmsDelivery.objects.filter(pk=message.pk).update(
        attempt_started_at=timezone.now() - datetime.timedelta(seconds=601)
    )
    assert delivery.sms_deliver(message_id=message.pk) is None  # no report came: resend
    assert len(gateway.requests) == 1
    assert TextMessage.objects.get(pk=message.pk).status == SmsStatus.SENT


def test_an_attempt_cut_off_that_the_gateway_reported_is_not_sent_again(
    client, cast, case, gateway, settings
):
    settings.SMS_IN_DOUBT_SECONDS = 0
    message = sms_send(actor=cast.district, case=case, text=TEXT)
    attempt = _die_after_claim(message)
    token = delivery.report_token(message.pk, attempt)
    url = reverse("sms_report", args=[message.pk, attempt, token])

    assert client.get(url, {"type": 8, "reply": "ACK/"}).status_code == 200
    run_pending()

    assert gateway.requests == []
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert SmsDelivery.objects.get(pk=message.pk).attempt_started_at is None


def test_without_delivery_reports_an_attempt_cut_off_ends_failed_not_resent(cast, case):
    message = sms_send(actor=cast.district, case=case, text=TEXT)  # console gateway
    _die_after_claim(message)
    run_pending()
    message.refresh_from_db()
    assert message.status == SmsStatus.FAILED
    assert message.error == delivery.IN_DOUBT


# --- delivery reports --------------------------------------------------------------------


def test_delivery_reports_move_the_message_and_never_back(client, cast, case, gateway):
    message = sms_send(actor=cast.district, case=case, text=TEXT)
    run_pending()
    token = delivery.report_token(message.pk, 1)
    url = reverse("sms_report", args=[message.pk, 1, token])

    assert client.get(url, {"type": 1}).status_code == 200
    assert TextMessage.objects.get(pk=message.pk).status == SmsStatus.DELIVERED
    client.get(url, {"type": 8})  # late and out of order
    message.refresh_from_db()
    assert message.status == SmsStatus.DELIVERED and message.delivered_at is not None


def test_a_failure_report_fails_the_message_with_a_vietnamese_reason(client, cast, case, gateway):
    message = sms_send(actor=cast.district, case=case, text=TEXT)
    run_pending()
    url = reverse("sms_report", args=[message.pk, 1, delivery.report_token(message.pk, 1)])
    client.get(url, {"type": 2})
    message.refresh_from_db()
    assert message.status == SmsStatus.FAILED
    assert message.error == "Nhà mạng báo tin nhắn không đến được máy thuê bao."


def test_a_report_without_the_right_token_changes_nothing(client, cast, case, gateway):
    message = sms_send(actor=cast.district, case=case, text=TEXT)
    run_pending()
    other = delivery.report_token(message.pk, 2)  # a real token, of another attempt
    for url in (
        reverse("sms_report", args=[message.pk, 1, "0" * 32]),
        reverse("sms_report", args=[message.pk, 1, other]),
    ):
        assert client.get(url, {"type": 1}).status_code == 404
    assert TextMessage.objects.get(pk=message.pk).status == SmsStatus.SENT


# --- a batch -----------------------------------------------------------------------------


def test_a_batch_sends_one_message_per_case_and_shows_its_progress(
    client, cast, make_case, gateway
):
    cases = [
        advance(make_case(cast.ward, phone=p), State.TO_CONTACT)
        for p in ("0912 345 678", "0903 123 456")
    ]
    template = SmsTemplate.objects.create(name="Ngắn", text="Hồ sơ {so_ho_so}: mời liên hệ.")

    job = sms_send_batch(
        actor=cast.district, cases=cases, template=template, idempotency_key="4" * 32
    )
    again = sms_send_batch(
        actor=cast.district, cases=cases, template=template, idempotency_key="4" * 32
    )

    assert again.pk == job.pk and job.total == 2
    client.force_login(cast.district)
    page = client.get(reverse("job_progress", args=[job.pk])).content.decode()
    assert "0/2" in page and "every 1s" in page and "Đang chờ" in page
    run_pending()
    page = client.get(reverse("job_progress", args=[job.pk])).content.decode()
    assert "2/2" in page and "every 1s" not in page and "100%" in page
    assert sorted(r["text"] for r in gateway.requests) == sorted(
        f"Hồ sơ {c.number}: mời liên hệ." for c in cases
    )
