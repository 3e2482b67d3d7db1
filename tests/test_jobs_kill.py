"""A worker killed with SIGKILL in the middle of 100 SMS, then restarted: every message
reaches the SMSC exactly once.

Real processes on a real database: the worker command and a runserver receiving Kannel's
delivery reports run as subprocesses on the test database (PostgreSQL: the test
database itself; SQLite: the in-memory test database copied to a file and back), and the
SMS go through a real Kannel to its fake SMSC (tests/test_sms_kannel.py).
"""

import collections
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from raovat.cases.models import TextMessage
from raovat.cases.models.contact import SmsStatus
from raovat.cases.services.intake import sighting_record
from raovat.demo.scenario import perform
from raovat.jobs.models import Job, JobStatus
from raovat.messaging.models import SmsTemplate
from raovat.messaging.services import SEND_KIND, sms_send_batch
from tests.conftest import jpeg
from tests.dates import FOUND_ON
from tests.test_sms_kannel import Kannel, _wait_for, free_port

ROOT = Path(__file__).resolve().parent.parent
COUNT = 100
TEMPLATE = "Hồ sơ {so_ho_so}: mời ông/bà liên hệ {dien_thoai}."


@pytest.fixture
def kannel(tmp_path):
    gateway = Kannel(tmp_path / "kannel")
    gateway.dir.mkdir()
    try:
        yield gateway.start()
    finally:
        gateway.stop()


class SharedDatabase:
    """The test database, reachable by subprocesses through their environment."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.sqlite_file = tmp / "raovat.sqlite3" if connection.vendor == "sqlite" else None

    def export(self) -> dict[str, str]:
        if self.sqlite_file is None:
            s = connection.settings_dict
            port = f":{s['PORT']}" if s["PORT"] else ""
            auth = quote(s["USER"]) + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
            return {"DATABASE_URL": f"postgres://{auth}@{s['HOST']}{port}/{s['NAME']}"}
        connection.ensure_connection()
        with sqlite3.connect(self.sqlite_file) as target:
            connection.connection.backup(target)
        return {"DATABASE_URL": "", "VAR_DIR": str(self.tmp)}

    def statuses(self) -> collections.Counter:
        if self.sqlite_file is None:
            return collections.Counter(TextMessage.objects.values_list("status", flat=True))
        with sqlite3.connect(f"file:{self.sqlite_file}?mode=ro", uri=True, timeout=20) as db:
            return collections.Counter(
                s for (s,) in db.execute("SELECT status FROM cases_textmessage")
            )

    def bring_back(self) -> None:
        if self.sqlite_file is not None:
            with sqlite3.connect(self.sqlite_file) as source:
                source.backup(connection.connection)


def _spawn(args, env, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=open(log, "wb"),
        stderr=subprocess.STDOUT,
    )


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_is_replaced_and_each_of_100_sms_goes_out_exactly_once(
    cast, kannel, tmp_path
):
    # Small photos: the hundred cases are set-up, not what is being tested.
    cases = [
        sighting_record(
            actor=cast.ward,
            phone=f"0912 345 {i:03d}",
            found_on=FOUND_ON,
            place="Trụ điện số 12",
            ad_type="sticker",
            ad_text="Khoan cắt bê tông",
            photos=[jpeg(size=(64, 48))],
        ).sighting.case
        for i in range(COUNT)
    ]
    for action in ("submit", "confirm", "send_to_telecom", "provide_identity"):
        for case in cases:
            case.refresh_from_db()
        perform(action, cases)
    for case in cases:
        case.refresh_from_db()
    template = SmsTemplate.objects.create(name="Ngắn", text=TEMPLATE)
    job = sms_send_batch(actor=cast.district, cases=cases, template=template)
    expected = {f"Hồ sơ {c.number}: mời ông/bà liên hệ {cast.district.phone}." for c in cases}
    assert len(expected) == COUNT

    db = SharedDatabase(tmp_path)
    web_port = free_port()
    env = {
        **os.environ,
        **db.export(),
        **kannel.settings(),
        "DEBUG": "true",
        "SITE_URL": f"http://127.0.0.1:{web_port}",
        "JOBS_LEASE_SECONDS": "2",
        "JOBS_POLL_SECONDS": "1",
        "SMS_IN_DOUBT_SECONDS": "2",
        "SMS_RATE_PER_SECOND": "40",
        "PYTHONUNBUFFERED": "1",
    }
    procs = []
    try:
        web = _spawn(
            ["runserver", f"127.0.0.1:{web_port}", "--noreload", "--skip-checks"],
            env,
            tmp_path / "web.log",
        )
        procs.append(web)
        _wait_for(lambda: kannel._port_open(web_port), 20, "the delivery-report server")
        started = time.monotonic()

        first = _spawn(["jobs_worker"], env, tmp_path / "worker-1.log")
        procs.append(first)
        _wait_for(lambda: len(kannel.received()) >= 25, 30, "the first 25 SMS", 0.01)
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        at_kill = len(kannel.received())
        assert at_kill < COUNT, "the worker finished before it could be killed"

        second = _spawn(["jobs_worker"], env, tmp_path / "worker-2.log")
        procs.append(second)
        try:
            _wait_for(
                lambda: db.statuses() == {SmsStatus.DELIVERED: COUNT},
                60,
                "every message delivered",
                0.2,
            )
        except AssertionError:
            raise AssertionError(f"statuses at the end: {db.statuses()}") from None
        elapsed = time.monotonic() - started
        time.sleep(0.5)  # room for a duplicate to show up, if there were one
    finally:
        for proc in reversed(procs):
            _stop(proc)
    db.bring_back()

    texts = collections.Counter(r[2] for r in kannel.received())
    assert set(texts) == expected
    assert set(texts.values()) == {1}, [t for t, n in texts.items() if n > 1]
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (JobStatus.SUCCEEDED, COUNT, COUNT)
    assert job.attempts == 1  # taken over once from the killed worker
    assert TextMessage.objects.filter(status=SmsStatus.DELIVERED).count() == COUNT
    assert Job.objects.filter(kind=SEND_KIND).count() == 1
    print(f"killed after {at_kill} SMS; all {COUNT} delivered {elapsed:.1f}s after start")
