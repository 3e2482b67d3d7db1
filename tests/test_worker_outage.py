"""The job worker survives the database going away and job rows vanishing under it:
it logs, backs off, and goes on with the next job."""

import datetime
import logging
import os
import sqlite3
import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from raovat.jobs import registry
from raovat.jobs.models import Job, JobStatus
from raovat.jobs.services import job_enqueue
from raovat.jobs.worker import worker_loop
from raovat.notifications.services import digests_enqueue
from tests.test_jobs_kill import SharedDatabase, _spawn, _stop

pytestmark = pytest.mark.django_db(transaction=True)


@registry.handler("test.vanish")
def _vanish(job):
    Job.objects.filter(pk=job.pk).delete()  # an administrator deletes the running job


def test_a_running_job_whose_row_is_deleted_does_not_stop_the_worker(caplog):
    gone = job_enqueue(kind="test.vanish", label="Bị xóa")
    after = job_enqueue(kind="notifications.digests", label="Sau đó", payload={"day": "2026-11-25"})

    with caplog.at_level(logging.WARNING, logger="raovat.jobs"):
        worker_loop(name="w", burst=True, stopping=lambda: False)

    assert not Job.objects.filter(pk=gone.pk).exists()
    assert Job.objects.get(pk=after.pk).status == JobStatus.SUCCEEDED
    assert f"job {gone.pk} (test.vanish) vanished while it ran" in caplog.text


def _cut_the_connection():
    """Break the worker's (here: this process's) database connection from outside."""
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        import psycopg

        pid = connection.connection.info.backend_pid
        s = connection.settings_dict
        with psycopg.connect(
            host=s["HOST"],
            port=s["PORT"] or 5432,
            user=s["USER"],
            password=s["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        ) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        return lambda: None
    # SQLite: another connection to the same database holds the write lock for a while.
    locker = sqlite3.connect(
        connection.settings_dict["NAME"], uri=True, timeout=0, check_same_thread=False
    )
    locker.execute("BEGIN EXCLUSIVE")
    locker.execute("UPDATE jobs_job SET label = label")
    timer = threading.Timer(1.5, lambda: (locker.rollback(), locker.close()))
    timer.start()
    return timer.join


def test_the_worker_waits_out_a_database_cut_and_runs_the_job_after_it(caplog, settings):
    settings.JOBS_POLL_SECONDS = 0
    job = digests_enqueue(day=datetime.date(2026, 11, 25))
    done = _cut_the_connection()

    ran: list[str] = []
    deadline = time.monotonic() + 30
    with caplog.at_level(logging.WARNING, logger="raovat.jobs"):
        worker_loop(
            name="w", report=ran.append, stopping=lambda: bool(ran) or time.monotonic() > deadline
        )
    done()

    assert Job.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED
    assert "database unavailable" in caplog.text


def _pg_cut(db_name: str, seconds: float) -> int:
    """Terminate every other connection to the test database, again and again."""
    import psycopg

    s = connection.settings_dict
    killed = 0
    with psycopg.connect(
        host=s["HOST"],
        port=s["PORT"] or 5432,
        user=s["USER"],
        password=s["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            rows = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid() AND application_name = %s",
                [db_name, "raovat-worker-test"],
            ).fetchall()
            killed += len(rows)
            time.sleep(0.05)
    return killed


def _wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def _worker_connected(db_name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND application_name = %s",
            [db_name, "raovat-worker-test"],
        )
        return cursor.fetchone()[0] > 0


def _make_due(db: SharedDatabase, pk: int) -> None:
    now = timezone.now()
    if db.sqlite_file is None:
        Job.objects.filter(pk=pk).update(run_after=now)
        return
    with sqlite3.connect(db.sqlite_file, timeout=10) as c:  # as Django stores it: UTC
        c.execute(
            "UPDATE jobs_job SET run_after = ? WHERE id = ?",
            [now.replace(tzinfo=None).isoformat(sep=" "), pk],
        )


def test_a_worker_process_survives_a_database_cut(cast, tmp_path):
    # Made due only after the cut: the worker must still be there to run it.
    job = digests_enqueue(day=datetime.date(2026, 11, 25))
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now() + datetime.timedelta(hours=1))
    db = SharedDatabase(tmp_path)
    env = {
        **os.environ,
        **db.export(),
        "DEBUG": "true",
        "JOBS_POLL_SECONDS": "1",
        "DB_STATEMENT_TIMEOUT": "1",
        "JOBS_OUTAGE_MAX_SECONDS": "1",
        "PYTHONUNBUFFERED": "1",
        "PGAPPNAME": "raovat-worker-test",
    }
    log = tmp_path / "worker.log"
    worker = _spawn(["jobs_worker"], env, log)
    try:
        _wait_for(lambda: "started" in log.read_text(), 60, "the worker to start")
        if db.sqlite_file is None:
            name = connection.settings_dict["NAME"]
            _wait_for(lambda: _worker_connected(name), 30, "the worker's connection")
            assert _pg_cut(name, 3) > 0
        else:
            locker = sqlite3.connect(db.sqlite_file, timeout=10)
            try:
                locker.execute("BEGIN EXCLUSIVE")  # waits for the worker's own claim
                time.sleep(3)
                locker.rollback()
            finally:
                locker.close()
        assert worker.poll() is None, log.read_text()
        _make_due(db, job.pk)
        status = _status_reader(db, job.pk)
        _wait_for(lambda: status() == JobStatus.SUCCEEDED, 30, "the job after the cut")
        assert worker.poll() is None
    finally:
        _stop(worker)
    assert "database unavailable" in log.read_text()


def _status_reader(db: SharedDatabase, pk: int):
    if db.sqlite_file is None:
        return lambda: Job.objects.get(pk=pk).status

    def read():
        with sqlite3.connect(f"file:{db.sqlite_file}?mode=ro", uri=True, timeout=5) as c:
            return c.execute("SELECT status FROM jobs_job WHERE id = ?", [pk]).fetchone()[0]

    return read
