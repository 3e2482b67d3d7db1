"""Configuration comes from the environment; mistakes stop the process loudly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from raovat.env import env_bool

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k7Qm2-zP9x_4vR8sT1wY6uJ3nB5cE0aH-fG7dL2pO9iK4mN8qS1tV6xZ3yW5rU0e",
    "ALLOWED_HOSTS": "raovat.hochiminhcity.gov.vn",
}


def _manage(*args, **env):
    # The browser tests allow the ORM inside Playwright's event loop; production may not.
    unset = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, text=True,
                          capture_output=True, env={**base, **env}, timeout=120)


@pytest.mark.parametrize(("raw", "value"), [("true", True), ("1", True), ("Yes", True),
                                            ("off", False), ("0", False), ("", True)])
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, value):
    monkeypatch.setenv("RAOVAT_FLAG", raw)
    assert env_bool("RAOVAT_FLAG", True) is value


@pytest.mark.parametrize("raw", ["flase", "ture", "2", "enabled"])
def test_env_bool_rejects_a_typo(monkeypatch, raw):
    monkeypatch.setenv("RAOVAT_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="RAOVAT_FLAG"):
        env_bool("RAOVAT_FLAG", True)


def test_production_settings_pass_the_deploy_check():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="false", ALLOWED_HOSTS="raovat.example.vn")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_typo_in_debug_stops_the_process():
    result = _manage("check", DEBUG="flase")
    assert result.returncode != 0
    assert "DEBUG='flase' is not a boolean" in result.stderr


@pytest.mark.parametrize(("name", "raw"), [("DB_STATEMENT_TIMEOUT", "0"),
                                           ("DB_CONNECT_TIMEOUT", "500"),
                                           ("JOBS_OUTAGE_MAX_SECONDS", "-1"),
                                           ("JOBS_LEASE_SECONDS", "0"),
                                           ("JOBS_POLL_SECONDS", "0")])
def test_a_time_outside_its_range_stops_the_process(name, raw):
    result = _manage("check", **{name: raw})
    assert result.returncode != 0
    assert f"{name}={int(raw)} is outside" in result.stderr
