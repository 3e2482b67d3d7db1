"""API clients: a hashed token shown once, expiry, revocation, scopes, the call log."""

import datetime
import hashlib

from django.utils import timezone

from raovat.api.models import ApiCall, ApiClient, Scope
from raovat.audit.models import PersonalDataAccess
from tests.api.helpers import api, token_for


def test_the_token_is_kept_only_as_its_sha256(cast):
    client, token = token_for(cast.district.unit)
    stored = ApiClient.objects.get(pk=client.pk)
    assert token not in (stored.token_hash, stored.token_hint)
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert api(token).get("/api/v1/cases/").status_code == 200


def test_a_wrong_expired_or_revoked_token_is_a_401_problem(cast):
    client, token = token_for(cast.district.unit)
    for bad in ("rv_nothing", token[:-1] + ("A" if token[-1] != "A" else "B")):
        r = api(bad).get("/api/v1/cases/")
        assert r.status_code == 401
        assert r["Content-Type"] == "application/problem+json"
        assert r.json()["title"] == "Chưa xác thực"
    ApiClient.objects.filter(pk=client.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert api(token).get("/api/v1/cases/").status_code == 401
    client2, token2 = token_for(cast.district.unit, name="Khác")
    assert api(token2).get("/api/v1/cases/").status_code == 200
    ApiClient.objects.filter(pk=client2.pk).update(revoked_at=timezone.now())
    r = api(token2).get("/api/v1/cases/")
    assert r.status_code == 401 and "thu hồi" in r.json()["detail"]


def test_no_credentials_is_a_401_not_a_redirect(cast):
    r = api().get("/api/v1/cases/")
    assert r.status_code == 401
    assert r["WWW-Authenticate"] == "Bearer"


def test_a_read_only_client_cannot_act(cast, make_case):
    case = make_case(cast.ward)
    _, token = token_for(cast.ward.unit, scope=Scope.READ)
    r = api(token).post(
        "/api/v1/transitions/", {"action": "submit", "cases": [case.number]}, format="json"
    )
    assert r.status_code == 403
    case.refresh_from_db()
    assert case.state == "draft"


def test_every_call_is_logged_with_client_unit_operation_and_status(cast, make_case):
    case = make_case(cast.ward)
    client, token = token_for(cast.ward.unit)
    api(token).get(f"/api/v1/cases/{case.number}/")
    api(token).get("/api/v1/cases/HS-0000-999999/")
    calls = list(
        ApiCall.objects.order_by("id").values_list("client_id", "unit_id", "operation", "status")
    )
    assert calls == [
        (client.pk, cast.ward.unit_id, "api_case", 200),
        (client.pk, cast.ward.unit_id, "api_case", 404),
    ]


def test_the_browser_session_works_and_writes_need_csrf(cast, make_case, client):
    case = make_case(cast.ward)
    client.force_login(cast.ward)
    assert client.get(f"/api/v1/cases/{case.number}/").status_code == 200
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.ward)
    r = strict.post(
        "/api/v1/transitions/",
        {"action": "submit", "cases": [case.number]},
        content_type="application/json",
    )
    assert r.status_code == 403
    assert r["Content-Type"] == "application/problem+json"
    case.refresh_from_db()
    assert case.state == "draft"


def test_identity_reads_go_to_the_personal_data_log(cast, make_case):
    from tests.api.test_api_cases import case_with_identity

    case = case_with_identity(cast, make_case)
    _, token = token_for(cast.district.unit)
    before = PersonalDataAccess.objects.count()
    body = api(token).get(f"/api/v1/cases/{case.number}/").json()
    assert body["subscriber"]["full_name"]
    row = PersonalDataAccess.objects.order_by("-id").first()
    assert PersonalDataAccess.objects.count() == before + 1
    assert row.case_id == case.pk and row.unit_id == cast.district.unit_id
    assert row.user_name.startswith("Ứng dụng")


def test_the_admin_registers_a_client_shows_its_token_once_and_revokes_it(cast, client):
    client.force_login(cast.admin)
    page = client.post(
        "/quan-tri/api/apiclient/add/",
        {
            "name": "Trung tâm IOC",
            "unit": cast.district.unit_id,
            "scope": Scope.READ,
            "expires_at_0": "31/12/2030",
            "expires_at_1": "00:00:00",
        },
        follow=True,
    )
    assert page.status_code == 200
    text = page.content.decode()
    token = text.split("hãy sao chép ngay): ")[1].split("<")[0].strip()
    registered = ApiClient.objects.get(name="Trung tâm IOC")
    assert registered.unit == cast.district.unit and registered.matches(token)
    assert (
        token not in client.get(f"/quan-tri/api/apiclient/{registered.pk}/change/").content.decode()
    )
    assert api(token).get("/api/v1/cases/").status_code == 200
    client.post(
        "/quan-tri/api/apiclient/", {"action": "revoke", "_selected_action": [registered.pk]}
    )
    assert api(token).get("/api/v1/cases/").status_code == 401


def test_a_client_over_its_rate_gets_a_429_problem(cast, settings):
    from django.core.cache import cache

    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"client": "2/minute"},
    }
    from rest_framework.settings import api_settings

    from raovat.api.auth import ClientRateThrottle

    ClientRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        _, token = token_for(cast.district.unit)
        _, other = token_for(cast.district.unit, name="Khác")
        c = api(token)
        assert [c.get("/api/v1/cases/").status_code for _ in range(3)] == [200, 200, 429]
        r = c.get("/api/v1/cases/")
        assert r["Content-Type"] == "application/problem+json" and r["Retry-After"]
        assert api(other).get("/api/v1/cases/").status_code == 200  # per client
    finally:
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"client": "600/minute"},
        }
        ClientRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        cache.clear()


def test_the_command_prints_a_token_that_works_once_shown(cast):
    import io

    import pytest
    from django.core.management import CommandError, call_command

    out, err = io.StringIO(), io.StringIO()
    call_command(
        "api_client", "Thử API", "--unit-of", cast.district.username, stdout=out, stderr=err
    )
    token = out.getvalue().strip()
    assert token.startswith("rv_") and token not in err.getvalue()
    assert "Mã chỉ hiện một lần" in err.getvalue()
    r = api(token).get("/api/v1/cases/")
    assert r.status_code == 200
    out = io.StringIO()
    call_command("api_client", "Chỉ đọc", "--unit", cast.ward.unit_id, "--read-only", stdout=out)
    written = api(out.getvalue().strip()).post(
        "/api/v1/transitions/", {"action": "submit", "cases": ["HS-2026-000001"]}, format="json"
    )
    assert written.status_code == 403
    with pytest.raises(CommandError, match="Không có cán bộ"):
        call_command("api_client", "x", "--unit-of", "khong-co-ai")
