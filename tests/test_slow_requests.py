"""A request whose SQL runs past the statement time limit gets the product's Vietnamese
503 page (nothing changed, narrow the request), not the generic 500."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="PostgreSQL cancels a statement past statement_timeout",
    ),
]


def _slow(**_kwargs):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = '50ms'")
        cursor.execute("SELECT pg_sleep(2)")


def test_a_statement_past_the_time_limit_gets_the_busy_page(client, cast, monkeypatch):
    monkeypatch.setattr("raovat.web.views.statistics.statistics_for", _slow)
    client.force_login(cast.district)
    r = client.get("/thong-ke/")
    assert r.status_code == 503
    assert r["Retry-After"] == "60"
    text = r.content.decode()
    assert "Yêu cầu mất quá nhiều thời gian" in text
    assert "không có dữ liệu nào bị thay đổi" in text


def test_other_database_errors_stay_server_errors(client, cast, monkeypatch):
    def broken(**_kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_here")

    monkeypatch.setattr("raovat.web.views.statistics.statistics_for", broken)
    client.raise_request_exception = False
    client.force_login(cast.district)
    assert client.get("/thong-ke/").status_code == 500
