"""One JSON line per request, with its time, and nothing personal from the query."""

import json
import logging
import os
import subprocess
import sys

import pytest
from django.urls import reverse

from tests.test_settings import ROOT

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines(settings, caplog):
    settings.REQUEST_LOG = True
    logger = logging.getLogger("raovat.requests")  # does not propagate: its own handler
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="raovat.requests")
    yield lambda: [
        json.loads(r.getMessage()) for r in caplog.records if r.name == "raovat.requests"
    ]
    logger.removeHandler(caplog.handler)


def test_a_search_is_logged_without_the_number_searched(client, cast, lines):
    client.force_login(cast.district)
    client.get(reverse("search"), {"phone": "0912 345 678", "subscriber_name": "Nguyễn Văn An"})
    (line,) = lines()
    assert line["method"] == "GET" and line["path"] == "/tra-cuu/"
    assert line["route"] == "tra-cuu/"
    assert line["query_keys"] == ["phone", "subscriber_name"]
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    assert line["user"] == cast.district.pk and line["unit"] == cast.district.unit_id
    assert "0912" not in json.dumps(line) and "Nguy" not in json.dumps(line)
    assert line["time"].endswith("+07:00") or line["time"].endswith("+00:00")


def test_an_anonymous_request_and_an_error_are_logged_too(client, lines):
    client.get("/ho-so/HS-2026-000001/")  # not signed in: sent to the sign-in page
    client.get("/khong-co-trang-nay/")
    first, second = lines()
    assert first["status"] == 302 and first["user"] is None and first["unit"] is None
    assert second["status"] == 404 and second["route"] is None


def test_the_signed_token_of_a_delivery_report_is_not_logged(client, lines):
    client.get("/tin-nhan/bao-cao/12/1/abcDEF123signed/")
    (line,) = lines()
    assert "abcDEF123signed" not in json.dumps(line)
    assert line["path"] == "/tin-nhan/bao-cao/12/1/…/"


def test_request_log_off_writes_nothing(client, settings, lines):
    settings.REQUEST_LOG = False
    client.get(reverse("login"))
    assert lines() == []


def test_production_writes_each_request_as_one_json_line_on_stdout():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(REQUEST_LOG="true")
    code = (
        "from django.test import Client;"
        "Client().get('/dang-nhap/', {'next': '/tra-cuu/?phone=0912345678'},"
        " HTTP_HOST='127.0.0.1')"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        text=True,
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    (line,) = [json.loads(text) for text in result.stdout.splitlines() if text.startswith("{")]
    assert line["path"] == "/dang-nhap/" and line["status"] == 200
    assert line["query_keys"] == ["next"] and "0912345678" not in result.stdout
