"""Configuration comes from the environment; mistakes stop the process loudly."""

import ast
import os
import re
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
    # A development instance unless the test names DEBUG itself.
    unset = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    base = {**{k: v for k, v in os.environ.items() if k not in unset}, "DEBUG": "true"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        text=True,
        capture_output=True,
        env={**base, **env},
        timeout=120,
    )


@pytest.mark.parametrize(
    ("raw", "value"),
    [("true", True), ("1", True), ("Yes", True), ("off", False), ("0", False), ("", True)],
)
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


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("DB_STATEMENT_TIMEOUT", "0"),
        ("DB_CONNECT_TIMEOUT", "500"),
        ("JOBS_OUTAGE_MAX_SECONDS", "-1"),
        ("JOBS_LEASE_SECONDS", "0"),
        ("JOBS_POLL_SECONDS", "0"),
        ("OCR_MAX_SECONDS", "4"),
    ],
)
def test_a_time_outside_its_range_stops_the_process(name, raw):
    result = _manage("check", **{name: raw})
    assert result.returncode != 0
    assert f"{name}={int(raw)} is outside" in result.stderr


def test_debug_is_off_unless_asked_for():
    # No DEBUG at all: production, which will not start on the development key.
    result = _manage("check", DEBUG="", ALLOWED_HOSTS="raovat.example.vn")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("SMS_MAX_SEGMENTS", "0"),
        ("EMAIL_PORT", "70000"),
        ("SESSION_IDLE_SECONDS", "59"),
        ("RETENTION_DAYS", "0"),
    ],
)
def test_a_number_outside_its_range_stops_the_process(name, raw):
    result = _manage("check", **{name: raw})
    assert result.returncode != 0
    assert f"{name}={int(raw)} is outside" in result.stderr


def test_an_unknown_log_level_stops_the_process():
    result = _manage("check", LOG_LEVEL="verbose")
    assert result.returncode != 0
    assert "LOG_LEVEL='verbose'" in result.stderr


# --- every variable read is documented, every documented one is read -----------------------

READERS = {"env_str", "env_bool", "env_int", "env_choice", "env_list", "env_secret"}
CONFIGURED = [ROOT / "raovat" / "settings.py", ROOT / "gunicorn.conf.py"]


def _variables_read() -> set[str]:
    names = set()
    for path in [*CONFIGURED, *(ROOT / "raovat").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = None
            if (
                isinstance(node, ast.Call)
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                func = node.func
                called = (
                    func.id
                    if isinstance(func, ast.Name)
                    else func.attr
                    if isinstance(func, ast.Attribute)
                    else ""
                )
                via_os = ast.unparse(func) in {"os.environ.get", "os.getenv"}
                if called in READERS or (via_os and path in CONFIGURED):
                    name = node.args[0].value
                    if called == "env_secret":
                        names.add(f"{name}_FILE")
            elif (
                isinstance(node, ast.Subscript)
                and path in CONFIGURED
                and ast.unparse(node.value) == "os.environ"
                and isinstance(node.slice, ast.Constant)
            ):
                name = node.slice.value
            if name:
                names.add(name)
    return names


def _variables_documented() -> set[str]:
    names = set()
    for line in (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8").splitlines():
        if not line.startswith("| `"):
            continue
        previous = ""
        for token in re.findall(r"`([A-Z_][A-Z0-9_]*)`", line.split("|")[1]):
            # "`KANNEL_PASSWORD` (or `_FILE`)" documents KANNEL_PASSWORD_FILE too.
            previous = previous + token if token.startswith("_") else token
            names.add(previous)
    return names


def test_every_variable_read_is_documented_and_every_documented_one_is_read():
    read, documented = _variables_read(), _variables_documented()
    assert sorted(read - documented) == []
    assert sorted(documented - read) == []


def test_the_documentation_check_sees_the_variables():
    # Guards the test above against comparing two empty sets.
    read, documented = _variables_read(), _variables_documented()
    assert {"DEBUG", "SECRET_KEY_FILE", "JOBS_LEASE_SECONDS", "WEB_WORKERS"} <= read
    assert {"DEBUG", "KANNEL_PASSWORD_FILE", "WEB_WORKERS"} <= documented
    assert len(read) > 50
