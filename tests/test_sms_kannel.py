"""The SMS path end to end through a real Kannel: smsbox's sendsms interface, bearerbox,
and Kannel's fake SMSC standing in for the operator. Debian packages kannel and
kannel-extras; each process runs on free loopback ports with a temporary configuration."""

import http.server
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest
from django.urls import reverse

from raovat.cases.models import TextMessage
from raovat.cases.models.contact import SmsStatus
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from raovat.jobs.models import Job, JobStatus
from raovat.jobs.worker import run_pending
from raovat.messaging.models import SmsDelivery

FAKESMSC = "/usr/lib/kannel/test/fakesmsc"
SENDER = "VHTT"
GOT = re.compile(r"Got message \d+: <(.*)>$")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(check, timeout: float, what: str, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")


class Kannel:
    """bearerbox + smsbox + fakesmsc on loopback; `received()` is what reached the SMSC."""

    user, password = "raovat", "mat-khau-thu"

    def __init__(self, workdir: Path):
        self.dir = workdir
        self.admin_port, self.box_port, self.smsc_port, self.sendsms_port = (
            free_port() for _ in range(4)
        )
        self.procs: list[subprocess.Popen] = []
        self.fakesmsc_log = self.dir / "fakesmsc.log"

    @property
    def sendsms_url(self) -> str:
        return f"http://127.0.0.1:{self.sendsms_port}/cgi-bin/sendsms"

    def settings(self) -> dict[str, str]:
        return {
            "SMS_BACKEND": "kannel",
            "KANNEL_SENDSMS_URL": self.sendsms_url,
            "KANNEL_USER": self.user,
            "KANNEL_PASSWORD": self.password,
            "KANNEL_FROM": SENDER,
        }

    def _config(self) -> Path:
        conf = self.dir / "kannel.conf"
        conf.write_text(f"""
group = core
admin-port = {self.admin_port}
admin-password = admin
admin-allow-ip = "127.0.0.1"
smsbox-port = {self.box_port}
box-allow-ip = "127.0.0.1"
box-deny-ip = "*.*.*.*"
dlr-storage = internal
log-file = "{self.dir}/bearerbox.log"
log-level = 1

group = smsc
smsc = fake
smsc-id = fake
port = {self.smsc_port}
connect-allow-ip = "127.0.0.1"

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = {self.box_port}
sendsms-port = {self.sendsms_port}
sendsms-interface = 127.0.0.1
log-file = "{self.dir}/smsbox.log"
log-level = 1

group = sendsms-user
username = {self.user}
password = {self.password}
max-messages = 5
concatenation = true
""")
        return conf

    def _spawn(self, args, **kwargs) -> subprocess.Popen:
        out = open(self.dir / f"{Path(args[0]).name}.out", "ab")  # noqa: SIM115
        proc = subprocess.Popen(
            args,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=self.dir,
            start_new_session=True,
            **kwargs,
        )
        self.procs.append(proc)
        return proc

    def _status(self) -> str:
        url = f"http://127.0.0.1:{self.admin_port}/status.txt?password=admin"
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                return response.read().decode()
        except OSError:
            return ""

    def start(self) -> "Kannel":
        conf = self._config()
        self._spawn(["bearerbox", "-v", "4", str(conf)])
        _wait_for(self._status, 10, "bearerbox")
        self._spawn(["smsbox", "-v", "4", str(conf)])
        # fakesmsc stops when its standard input ends: give it a pipe nobody closes.
        log = open(self.fakesmsc_log, "wb")  # noqa: SIM115
        proc = subprocess.Popen(
            [FAKESMSC, "-H", "127.0.0.1", "-r", str(self.smsc_port), "-v", "0"],
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.dir,
            start_new_session=True,
        )
        self.procs.append(proc)
        _wait_for(
            lambda: self._ready(self._status()) and self._port_open(self.sendsms_port),
            10,
            "the fake SMSC and smsbox",
        )
        return self

    @staticmethod
    def _ready(status: str) -> bool:
        # "(online" for the fake SMSC connection, "(on-line" for the smsbox connection.
        return "(online" in status and "(on-line" in status

    @staticmethod
    def _port_open(port: int) -> bool:
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", port)) == 0

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT if proc.args[0] == FAKESMSC else signal.SIGTERM)
        for proc in reversed(self.procs):
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def received(self) -> list[tuple[str, str, str, str]]:
        """(sender, receiver, text, coding) of every message the SMSC got, decoded."""
        found = []
        for line in self.fakesmsc_log.read_text(errors="replace").splitlines():
            match = GOT.search(line)
            if not match:
                continue
            sender, receiver, kind, data = match.group(1).split(" ", 3)
            if kind == "ucs-2":
                text = unquote_to_bytes(data.replace("+", " ")).decode("utf-16-be")
            elif kind == "data":
                text = unquote_to_bytes(data.replace("+", " ")).decode("latin-1")
            else:
                text = f"{kind}:{data}"
            found.append((sender, receiver, text, kind))
        return found


@pytest.fixture(scope="module")
def kannel(tmp_path_factory):
    gateway = Kannel(tmp_path_factory.mktemp("kannel"))
    try:
        yield gateway.start()
    finally:
        gateway.stop()


@pytest.fixture
def kannel_settings(settings, kannel):
    for name, value in kannel.settings().items():
        setattr(settings, name, value)
    settings.SMS_RATE_PER_SECOND = 0
    return settings


def _contact_case(cast, make_case, phone="0912 345 678"):
    return advance(make_case(cast.ward, phone=phone), State.TO_CONTACT)


def _post(client, case, text, key):
    return client.post(
        reverse("sms_send", args=[case.number]),
        {"text": text, "idempotency_key": key},
        HTTP_HX_REQUEST="true",
    )


class ReportCatcher:
    """Where Kannel calls the delivery-report URLs; the test hands each call to the product.

    Replaying through Django's test client keeps every database access in the test's
    thread (an in-memory SQLite test database cannot be shared with a server thread)."""

    def __init__(self):
        self.paths: list[str] = []
        catcher = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                catcher.paths.append(self.path)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def reports(kannel_settings):
    catcher = ReportCatcher()
    kannel_settings.SITE_URL = catcher.url
    yield catcher
    catcher.close()


@pytest.mark.django_db
def test_a_vietnamese_sms_reaches_the_smsc_as_ucs2_and_is_reported_delivered(
    client, cast, make_case, kannel, reports
):
    case = _contact_case(cast, make_case)
    text = f"Mời ông/bà đến Phòng Văn hóa làm việc về hồ sơ {case.number}."
    client.force_login(cast.district)

    response = _post(client, case, text, "a" * 32)

    assert response.status_code == 200
    assert "Chờ gửi" in response.content.decode()
    message = TextMessage.objects.get(case=case, text=text)
    assert message.delivery.encoding == "ucs2"
    run_pending()
    assert Job.objects.get(pk=message.delivery.job_id).status == JobStatus.SUCCEEDED

    arrived = _wait_for(
        lambda: [r for r in kannel.received() if r[2] == text], 5, "the SMS at the fake SMSC"
    )
    assert arrived == [(SENDER, "+84912345678", text, "ucs-2")]
    _wait_for(lambda: any("type=1&" in p for p in reports.paths), 5, "the delivery report")
    for path in reports.paths:  # accepted by the SMSC (8), then delivered to the phone (1)
        assert path.startswith(f"/tin-nhan/bao-cao/{message.pk}/1/")
        assert client.get(path).status_code == 200
    message.refresh_from_db()
    assert message.status == SmsStatus.DELIVERED
    assert message.sent_at is not None and message.delivered_at is not None
    assert SmsDelivery.objects.get(pk=message.pk).report_type in (1, 8)
    page = client.get(reverse("sms_list", args=[case.number])).content.decode()
    assert "Đã nhận" in page and text in page


@pytest.mark.django_db
def test_a_text_without_diacritics_goes_as_gsm7(client, cast, make_case, kannel, kannel_settings):
    case = _contact_case(cast, make_case, phone="0903 123 456")
    text = f"Moi ong ba lien he Phong Van hoa ve ho so {case.number}."
    client.force_login(cast.district)

    _post(client, case, text, "b" * 32)
    run_pending()

    arrived = _wait_for(
        lambda: [r for r in kannel.received() if r[2].endswith(text)], 5, "the SMS at the fake SMSC"
    )
    assert arrived == [(SENDER, "+84903123456", f"text:{text}", "text")]
    assert TextMessage.objects.get(case=case).status in (SmsStatus.SENT, SmsStatus.DELIVERED)


@pytest.mark.django_db
def test_a_gateway_that_is_down_leaves_the_message_failed_and_the_page_says_so(
    client, cast, make_case, kannel, kannel_settings
):
    down = free_port()  # nothing listens there
    kannel_settings.KANNEL_SENDSMS_URL = f"http://127.0.0.1:{down}/cgi-bin/sendsms"
    kannel_settings.SMS_MAX_ATTEMPTS = 3
    kannel_settings.SMS_RETRY_SECONDS = 0
    case = _contact_case(cast, make_case)
    client.force_login(cast.district)
    _post(client, case, "Mời ông/bà liên hệ Phòng Văn hóa.", "c" * 32)

    run_pending()

    message = TextMessage.objects.get(case=case)
    assert message.status == SmsStatus.FAILED
    assert message.error == "Không kết nối được cổng SMS sau 3 lần thử."
    assert message.delivery.attempts == 3
    assert message.delivery.attempt_started_at is None
    for url in (
        reverse("sms_list", args=[case.number]),
        reverse("case_detail", args=[case.number]) + "?tab=lien-he",
    ):
        page = client.get(url).content.decode()
        assert "Gửi lỗi" in page
        assert "Không kết nối được cổng SMS sau 3 lần thử." in page
