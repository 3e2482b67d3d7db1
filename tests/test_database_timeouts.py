"""A database that does not answer in time fails the statement instead of holding the
request: a statement timeout on PostgreSQL, a lock wait limit on SQLite."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.test_jobs_kill import SharedDatabase

ROOT = Path(__file__).resolve().parent.parent

# Run in a process of its own, with the product's settings and the given environment.
SLOW = """
import time
from django.db import connection, OperationalError
started = time.monotonic()
try:
    with connection.cursor() as cursor:
        cursor.execute({sql!r})
    print("ANSWERED")
except OperationalError as exc:
    print("REFUSED", round(time.monotonic() - started), exc)
"""


def _shell(code: str, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]  # after the shell's own banner


@pytest.mark.django_db(transaction=True)
def test_a_statement_that_runs_too_long_is_stopped(tmp_path):
    db = SharedDatabase(tmp_path)
    env = {**db.export(), "DB_STATEMENT_TIMEOUT": "1"}
    if connection.vendor == "postgresql":
        out = _shell(SLOW.format(sql="SELECT pg_sleep(20)"), env)
        assert "REFUSED" in out and "statement timeout" in out
    else:
        # SQLite cannot be slow on its own: another process holds the write lock.
        with sqlite3.connect(db.sqlite_file, timeout=0) as locker:
            locker.execute("BEGIN EXCLUSIVE")
            try:
                out = _shell(SLOW.format(sql="UPDATE jobs_job SET label = label"), env)
            finally:
                locker.rollback()
        assert "REFUSED" in out and "database is locked" in out
    # Refused after about the limit, not after the 20 s the statement wanted.
    assert int(out.split()[1]) < 10


def test_postgresql_connections_carry_the_limits():
    code = (
        "from django.conf import settings; o = settings.DATABASES['default']['OPTIONS'];"
        "print(o['connect_timeout'], o['options'], o['tcp_user_timeout'])"
    )
    out = _shell(
        code,
        {
            "DATABASE_URL": "postgres://u@db.example.vn:5432/raovat",
            "DB_CONNECT_TIMEOUT": "4",
            "DB_STATEMENT_TIMEOUT": "25",
        },
    )
    assert out == "4 -c statement_timeout=25000 -c jit=off 29000"
