"""Webhooks against a real receiving HTTP server in a thread: the signature, the event id
for de-duplication, retries with backoff, pause and resume, no redirect followed, only
the cases (and identities) the client's unit may see, queued with the transition."""

import hashlib
import hmac
import http.server
import json
import threading

import pytest
from django.db import transaction
from django.utils import timezone

from raovat.api.models import DeliveryStatus, EventType, WebhookDelivery, WebhookEndpoint
from raovat.audit.models import Page, PersonalDataAccess
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.transitions import case_transition
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform
from raovat.jobs.models import Job
from raovat.jobs.worker import run_pending
from tests.api.helpers import token_for

pytestmark = pytest.mark.django_db
SECRET = "bi-mat-cua-he-thong-ioc-0123456789"
ALL = [str(t) for t in EventType]


class Receiver:
    """A local HTTP server that records every POST and answers from a script."""

    def __init__(self):
        self.requests: list[dict] = []
        self.answers: list[tuple[int, dict]] = []  # consumed one per request; then 200
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                code, headers = receiver.answers.pop(0) if receiver.answers else (200, {})
                self.send_response(code)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(b"ok " * 500)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def verified(self, secret=SECRET) -> list[dict]:
        """Each request's JSON body, after checking its signature as a receiver would."""
        out = []
        for r in self.requests:
            parts = dict(p.split("=", 1) for p in r["headers"]["X-Raovat-Signature"].split(","))
            expected = hmac.new(
                secret.encode(), f"{parts['t']}.".encode() + r["body"], hashlib.sha256
            ).hexdigest()
            assert hmac.compare_digest(parts["v1"], expected)
            assert abs(int(parts["t"]) - timezone.now().timestamp()) < 60
            body = json.loads(r["body"])
            assert r["headers"]["X-Raovat-Event-Id"] == body["id"]
            assert r["headers"]["X-Raovat-Event"] == body["type"]
            out.append(body)
        return out


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.server.shutdown()
    r.server.server_close()


def endpoint_for(unit, url, types=ALL, name="Hệ thống IOC"):
    client, _ = token_for(unit, name=name)
    return WebhookEndpoint.objects.create(client=client, url=url, secret=SECRET, event_types=types)


def confirm(cast, case):
    case_transition(actor=cast.district, action="confirm", cases=[case])


def test_a_transition_is_delivered_signed_with_its_event_id(cast, make_case, receiver):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    endpoint = endpoint_for(cast.district.unit, receiver.url)
    confirm(cast, case)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.status == DeliveryStatus.PENDING and receiver.requests == []
    run_pending()
    [body] = receiver.verified()
    assert body["type"] == "case.transitioned" and body["id"] == str(delivery.event_id)
    assert body["data"]["action"] == "confirm"
    assert body["data"]["cases"] == [
        {
            "number": case.number,
            "phone": case.phone_national,
            "from_state": State.AWAITING_CONFIRMATION,
            "state": State.CONFIRMED,
            "state_label": body["data"]["cases"][0]["state_label"],
            "current_unit": {"id": cast.district.unit_id, "name": cast.district.unit.name},
        }
    ]
    assert receiver.requests[0]["headers"]["Content-Type"].startswith("application/json")
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 1
    assert delivery.last_status_code == 200 and len(delivery.response_excerpt) == 200


def test_a_transition_rolled_back_or_refused_leaves_no_event(cast, make_case, receiver):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    endpoint_for(cast.district.unit, receiver.url)
    before = Job.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        confirm(cast, case)
        assert WebhookDelivery.objects.count() == 1  # queued inside the transaction
        raise RuntimeError("the caller's transaction fails later")
    with pytest.raises(WorkflowError):
        case_transition(actor=cast.district, action="return_to_reporter", cases=[case])
    assert WebhookDelivery.objects.count() == 0 and Job.objects.count() == before
    run_pending()
    assert receiver.requests == []


def test_only_the_units_that_read_a_case_get_its_events(cast, make_case, receiver):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    mine = endpoint_for(cast.district.unit, receiver.url, name="Quận 1")
    other = endpoint_for(cast.other_district.unit, receiver.url, name="Quận 3")
    quiet = endpoint_for(cast.ward.unit, receiver.url, types=["dispatch.sent"], name="Phường")
    confirm(cast, case)
    assert WebhookDelivery.objects.filter(endpoint=mine).count() == 1
    assert not WebhookDelivery.objects.filter(endpoint__in=[other, quiet]).exists()


def test_the_identity_goes_only_to_a_unit_that_may_see_it(cast, make_case, receiver):
    seer = endpoint_for(
        cast.district.unit, receiver.url, types=["identity.provided"], name="Quận 1"
    )
    reporter = endpoint_for(
        cast.ward.unit, receiver.url, types=["identity.provided"], name="Phường"
    )
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    perform("provide_identity", [case])
    stored = WebhookDelivery.objects.filter(event_type="identity.provided")
    assert stored.count() == 2
    assert "Nguyễn Văn An" not in json.dumps([d.payload for d in stored], ensure_ascii=False)
    run_pending()
    assert len(receiver.requests) == 2
    assert len({b["id"] for b in receiver.verified()}) == 1  # one event, one id, two endpoints
    texts = [r["body"].decode() for r in receiver.requests]
    with_identity = [t for t in texts if "Nguyễn Văn An" in t]
    assert len(with_identity) == 1
    assert (
        json.loads(with_identity[0])["data"]["cases"][0]["subscriber"]["id_number"]
        == "079090001234"
    )
    assert (
        PersonalDataAccess.objects.filter(
            page=Page.WEBHOOK, case=case, user=seer.client.user
        ).count()
        == 1
    )
    assert not PersonalDataAccess.objects.filter(user=reporter.client.user).exists()


def test_a_failed_delivery_is_retried_with_backoff_and_the_same_event_id(
    cast, make_case, receiver, settings
):
    settings.WEBHOOK_RETRY_SECONDS = 60
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    endpoint = endpoint_for(cast.district.unit, receiver.url, types=["case.transitioned"])
    receiver.answers = [(503, {}), (500, {})]
    confirm(cast, case)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    waits = []
    for attempt in (1, 2):
        run_pending()
        assert len(receiver.requests) == attempt
        delivery.refresh_from_db()
        job = Job.objects.get(pk=delivery.job_id)
        assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == attempt
        assert "HTTP 50" in delivery.last_error
        assert job.run_after == delivery.next_attempt_at
        waits.append((delivery.next_attempt_at - delivery.last_attempt_at).total_seconds())
        run_pending()  # not yet due: nothing is sent
        assert len(receiver.requests) == attempt
        Job.objects.filter(pk=job.pk).update(run_after=timezone.now())  # the wait is over
    assert waits == [pytest.approx(60, abs=1), pytest.approx(120, abs=1)]
    run_pending()
    bodies = receiver.verified()
    assert len(bodies) == 3 and len({b["id"] for b in bodies}) == 1
    assert [r["headers"]["X-Raovat-Delivery-Attempt"] for r in receiver.requests] == ["1", "2", "3"]
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 3
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0 and endpoint.last_success_at is not None


def test_a_delivery_ends_failed_after_its_last_attempt_and_the_admin_sends_it_again(
    cast, make_case, receiver, settings, client
):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    endpoint = endpoint_for(cast.district.unit, receiver.url, types=["case.transitioned"])
    receiver.answers = [(500, {})] * 5
    confirm(cast, case)
    run_pending()
    Job.objects.filter(status="queued").update(run_after=timezone.now())
    run_pending()
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.status == DeliveryStatus.FAILED and "Đã thử 2 lần" in delivery.last_error
    assert len(receiver.requests) == 2
    receiver.answers = []
    client.force_login(cast.admin)
    page = client.get("/quan-tri/api/webhookdelivery/").content.decode()
    assert "Gửi lỗi" in page and str(delivery.event_id) in page
    r = client.post(
        "/quan-tri/api/webhookdelivery/",
        {"action": "resend", "_selected_action": [delivery.pk]},
        follow=True,
    )
    assert "Đã xếp 1 sự kiện để gửi lại." in r.content.decode()
    run_pending()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and len(receiver.requests) == 3
    assert len({b["id"] for b in receiver.verified()}) == 1


def test_an_endpoint_that_keeps_failing_is_paused_and_resumed_by_the_admin(
    cast, make_case, receiver, settings, client
):
    settings.WEBHOOK_PAUSE_AFTER = 2
    first = advance(make_case(cast.ward, phone="0912 000 001"), State.AWAITING_CONFIRMATION)
    second = advance(make_case(cast.ward, phone="0912 000 002"), State.AWAITING_CONFIRMATION)
    endpoint = endpoint_for(cast.district.unit, receiver.url, types=["case.transitioned"])
    receiver.answers = [(500, {}), (500, {})]
    confirm(cast, first)
    run_pending()
    Job.objects.filter(status="queued").update(run_after=timezone.now())
    run_pending()
    endpoint.refresh_from_db()
    assert endpoint.paused and "2 lần liên tiếp" in endpoint.pause_reason
    assert len(receiver.requests) == 2
    confirm(cast, second)  # kept while paused, not sent
    run_pending()
    assert len(receiver.requests) == 2
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.HELD}

    client.force_login(cast.admin)
    page = client.get("/quan-tri/api/webhookendpoint/").content.decode()
    assert "Tạm dừng" in page
    r = client.post(
        "/quan-tri/api/webhookendpoint/",
        {"action": "resume", "_selected_action": [endpoint.pk]},
        follow=True,
    )
    assert "Đã tiếp tục 1 địa chỉ nhận; 2 sự kiện" in r.content.decode()
    run_pending()
    numbers = sorted(b["data"]["cases"][0]["number"] for b in receiver.verified()[2:])
    assert numbers == sorted([first.number, second.number])
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {
        DeliveryStatus.DELIVERED
    }


def test_a_redirect_is_not_followed(cast, make_case, receiver):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    endpoint = endpoint_for(cast.district.unit, receiver.url, types=["case.transitioned"])
    receiver.answers = [(302, {"Location": receiver.url + "/khac"})]
    confirm(cast, case)
    run_pending()
    assert [r["path"] for r in receiver.requests] == ["/hook"]
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.status == DeliveryStatus.PENDING and "chuyển hướng" in delivery.last_error


def test_an_unreachable_endpoint_counts_a_failure(cast, make_case, receiver):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    endpoint = endpoint_for(cast.district.unit, "http://127.0.0.1:1/hook")
    confirm(cast, case)
    run_pending()
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert "Không kết nối được" in delivery.last_error and delivery.attempts == 1
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 1


def test_the_admin_registers_an_endpoint_and_sees_its_secret_once(cast, client):
    client_, _ = token_for(cast.district.unit)
    client.force_login(cast.admin)
    form = {
        "client": client_.pk,
        "url": "ftp://ioc.example.vn/hook",
        "event_types": ["case.transitioned"],
        "active": "on",
    }
    refused = client.post("/quan-tri/api/webhookendpoint/add/", form)
    assert refused.status_code == 200 and not WebhookEndpoint.objects.exists()
    form["url"] = "https://ioc.example.vn/hook"
    r = client.post("/quan-tri/api/webhookendpoint/add/", form, follow=True)
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret.startswith("whsec_")
    assert endpoint.secret in r.content.decode()  # shown once, on saving
    edit = client.get(f"/quan-tri/api/webhookendpoint/{endpoint.pk}/change/").content.decode()
    assert endpoint.secret not in edit
    short = client.post(
        f"/quan-tri/api/webhookendpoint/{endpoint.pk}/change/", {**form, "new_secret": "ngan"}
    )
    assert "Khóa ký cần ít nhất 24 ký tự" in short.content.decode()
    deliveries = client.get("/quan-tri/api/webhookdelivery/")
    assert deliveries.status_code == 200


def test_a_revoked_client_gets_no_more_events(cast, make_case, receiver):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    endpoint = endpoint_for(cast.district.unit, receiver.url)
    confirm(cast, case)
    endpoint.client.revoked_at = timezone.now()
    endpoint.client.save()
    run_pending()
    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and "thu hồi" in delivery.last_error


def test_a_sent_dispatch_reaches_the_sender_and_the_receiver_only(cast, make_case, receiver):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    types = ["dispatch.sent"]
    sender = endpoint_for(cast.district.unit, receiver.url, types=types, name="Quận 1")
    to = endpoint_for(cast.telecom.unit, receiver.url, types=types, name="Sở TTTT")
    endpoint_for(cast.other_district.unit, receiver.url, types=types, name="Quận 3")
    perform("send_to_telecom", [case])
    assert set(WebhookDelivery.objects.values_list("endpoint", flat=True)) == {sender.pk, to.pk}
    run_pending()
    bodies = receiver.verified()
    assert len(bodies) == 2
    dispatch = bodies[0]["data"]["dispatch"]
    assert dispatch["to_unit"]["id"] == cast.telecom.unit_id and dispatch["number"]
    assert bodies[0]["data"]["cases"] == [case.number]


def test_queueing_costs_the_same_queries_for_one_case_as_for_many(cast, make_case, receiver):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cases = [
        advance(make_case(cast.ward, phone=f"0912 000 4{i:02d}"), State.AWAITING_CONFIRMATION)
        for i in range(6)
    ]
    endpoint_for(cast.district.unit, receiver.url, name="Quận 1")
    endpoint_for(cast.other_district.unit, receiver.url, name="Quận 3")
    with CaptureQueriesContext(connection) as one:
        confirm(cast, cases[0])
    with CaptureQueriesContext(connection) as many:
        case_transition(actor=cast.district, action="confirm", cases=cases[1:])

    def listener(captured):  # what runs after the history rows are written
        sql = [q["sql"] for q in captured.captured_queries]
        start = max(i for i, q in enumerate(sql) if 'INTO "cases_caseevent"' in q)
        return sql[start + 1 :]

    # After the history rows: the kept tallies' second read and upserts, then the events.
    assert len(listener(many)) == len(listener(one)) <= 30
    assert WebhookDelivery.objects.count() == 2  # one event per transition, not per case


def test_a_sighting_that_opens_a_case_is_an_event_for_its_readers(cast, make_case, receiver):
    ward = endpoint_for(cast.ward.unit, receiver.url, name="Phường Bến Nghé")
    other = endpoint_for(cast.ward_b.unit, receiver.url, name="Phường Bến Thành")
    district = endpoint_for(cast.other_district.unit, receiver.url, name="Quận 3")
    case = make_case(cast.ward, phone="0912 345 601")
    [delivery] = WebhookDelivery.objects.filter(event_type=EventType.CASE_OPENED)
    assert delivery.endpoint == ward
    make_case(cast.ward_b, phone="0912 345 601")  # joins the open case: nothing opened
    assert WebhookDelivery.objects.filter(event_type=EventType.CASE_OPENED).count() == 1
    assert not WebhookDelivery.objects.filter(endpoint__in=[other, district]).exists()
    run_pending()
    [body] = receiver.verified()
    assert body["type"] == "case.opened" and body["id"] == str(delivery.event_id)
    assert body["data"]["case"]["number"] == case.number
    assert body["data"]["case"]["state"] == State.DRAFT
    assert body["data"]["sighting"]["photos"] == 1


def test_a_sighting_refused_opens_no_event(cast, receiver):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.api.helpers import api

    endpoint_for(cast.ward.unit, receiver.url)
    _, token = token_for(cast.ward.unit, name="app")
    r = api(token).post(
        "/api/v1/sightings/",
        {
            "phones": ["0912 345 601", "0987 654 321"],
            "found_on": timezone.localdate().isoformat(),
            "place": "Cột điện",
            "ad_type": "sticker",
            "photos": [SimpleUploadedFile("a.jpg", b"not an image", "image/jpeg")],
        },
        format="multipart",
    )
    assert r.status_code == 400
    assert not WebhookDelivery.objects.exists()


def test_the_event_types_are_the_documented_ones():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    documented = re.compile(r"`?\b((?:case|dispatch|identity)\.[a-z_]+)\b")
    for doc in ("docs/decisions/024-webhooks.md", "docs/huong-dan/quan-tri.md", "README.md"):
        text = (root / doc).read_text()
        assert set(documented.findall(text)) == set(ALL), doc
