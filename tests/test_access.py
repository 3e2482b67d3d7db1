"""The one access layer, attacked from outside: every URL of the product, filled with the
ids of another province's objects, asked by every member of the cast, answers 404 (or
the login page), and no page, message or refusal shows another unit's case."""

import datetime
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from raovat.audit.models import Page, PersonalDataAccess
from raovat.cases.models import (
    CarrierImport,
    Case,
    CaseEvent,
    Dispatch,
    Invitation,
    PenaltyDecision,
    PenaltyRecord,
    Photo,
    Sighting,
    TextMessage,
)
from raovat.cases.services.dispatches import dispatch_create
from raovat.cases.services.pending_photos import pending_keep
from raovat.cases.workflow import STATE_ACTOR, State
from raovat.demo.scenario import DEFAULT_IDENTITY, advance
from raovat.documents.reports import ReportPeriod, report_create
from raovat.jobs.models import Job
from raovat.units.models import Role, Unit, User
from tests.conftest import jpeg
from tests.dates import FOUND_ON, TODAY, dmy

pytestmark = pytest.mark.django_db

CAST = ["ward", "ward_b", "ward_q3", "district", "other_district", "telecom", "culture", "admin"]

# The foreign cases, each in the state where its screens would work for its own units.
FOREIGN_STATES = {
    "draft": State.DRAFT,
    "confirm": State.AWAITING_CONFIRMATION,
    "confirmed": State.CONFIRMED,
    "telecom": State.AT_TELECOM,
    "returned": State.RETURNED_BY_TELECOM,
    "contact": State.TO_CONTACT,
    "waiting": State.AWAITING_SUBSCRIBER,
    "suspension": State.SUSPENSION_REQUESTED,
    "suspended": State.SUSPENDED,
    "culture": State.AT_CULTURE,
    "decided": State.DECIDED,
}


def _unit(**fields) -> Unit:
    return Unit.objects.create(code="X", kind="Đơn vị", **fields)


def _foreign_province(make_case):
    """Hà Nội's whole chain, with a case in every state and every kind of object."""
    city = _unit(name="Ủy ban nhân dân Thành phố Hà Nội", short_name="UBND TP Hà Nội")
    telecom = _unit(name="Sở TTTT Hà Nội", short_name="Sở TTTT HN", parent=city, role=Role.TELECOM)
    culture = _unit(name="Sở VHTT Hà Nội", short_name="Sở VHTT HN", parent=city, role=Role.CULTURE)
    city.telecom_authority, city.culture_authority = telecom, culture
    city.save()
    handler = _unit(
        name="Phòng VHTT Hoàn Kiếm", short_name="VHTT Hoàn Kiếm", parent=city, role=Role.HANDLER
    )
    ward = _unit(
        name="UBND Phường Hàng Bạc",
        short_name="P. Hàng Bạc",
        parent=handler,
        role=Role.REPORTER,
        handling_unit=handler,
    )
    users = {
        u: User.objects.create(username=f"hn.{u.pk}", unit=u, full_name=f"Cán bộ {u.pk}")
        for u in (ward, handler, telecom, culture)
    }
    cases = {}
    for i, (key, state) in enumerate(FOREIGN_STATES.items()):
        case = make_case(users[ward], phone=f"0978 1{i:02d} 2{i:02d}")
        cases[key] = advance(case, state)
    confirmed = cases["confirmed"]
    draft_dispatch = dispatch_create(
        actor=users[handler], action="send_to_telecom", cases=[confirmed]
    )
    job = Job.objects.create(
        kind="test",
        label="Việc của Hà Nội",
        run_after=confirmed.state_since,
        created_by=users[telecom],
        unit=telecom,
    )
    carrier_import = CarrierImport.objects.create(
        profile=CarrierImport.Profile.IDENTITY,
        unit=telecom,
        created_by=users[telecom],
        file_name="hn.xlsx",
        rows=[
            {
                "row": 2,
                "phone": cases["telecom"].phone_display,
                "status": "matched",
                "case_id": cases["telecom"].pk,
                "case_number": cases["telecom"].number,
                "data": {"full_name": "Trần Thị Bí Mật"},
            }
        ],
    )
    pending, _ = pending_keep(user=users[ward], uploads=[jpeg()])
    # The number reader's job for that ward's officer: its result is theirs alone.
    reading = Job.objects.create(
        kind="cases.photo_numbers_read",
        label="Đọc số thuê bao trên ảnh",
        run_after=confirmed.state_since,
        created_by=users[ward],
        unit=ward,
    )
    export_job = Job.objects.create(
        kind="cases.search_export",
        label="Xuất Excel",
        run_after=confirmed.state_since,
        created_by=users[handler],
        unit=handler,
    )
    report = report_create(
        actor=users[handler],
        of_unit=None,
        period=ReportPeriod(
            "year",
            datetime.date(confirmed.state_since.year, 1, 1),
            datetime.date(confirmed.state_since.year, 12, 31),
        ),
    )
    return {
        "pending_photo": pending[0].token,
        "export_job": export_job.pk,
        "reading": reading.pk,
        "report": report.pk,
        "cases": cases,
        "users": users,
        "dispatches": [*Dispatch.objects.filter(from_unit=handler).values_list("pk", flat=True)],
        "draft_dispatch": draft_dispatch.pk,
        "invitation": Invitation.objects.filter(case__handling_unit=handler).first().pk,
        "record": PenaltyRecord.objects.filter(case__handling_unit=handler).first().pk,
        "photo": Photo.objects.filter(sighting__reporting_unit=ward).first().pk,
        "event": CaseEvent.objects.filter(unit=handler).exclude(attachment="").first().pk
        if CaseEvent.objects.filter(unit=handler).exclude(attachment="").exists()
        else CaseEvent.objects.filter(unit=handler).first().pk,
        "sighting": cases["draft"].sightings.first().pk,
        "returned_sighting": cases["returned"].sightings.first().pk,
        "job": job.pk,
        "import": carrier_import.token,
        "message": TextMessage.objects.filter(case__handling_unit=handler).first().pk,
        "decision": PenaltyDecision.objects.get(case=cases["decided"]).pk,
        "id_numbers": sorted(
            {c.subscriber.id_number for c in cases.values() if hasattr(c, "subscriber")}
        ),
    }


def _patterns(resolver=None, namespace=""):
    """Every URL pattern of the project but the administration (Django's own, staff-only)."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if str(p.pattern) == "quan-tri/":
                continue
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _patterns(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}", set(p.pattern.converters)


# Parameters that name an object: the answer must be 404 (or the login page).
OBJECT_PARAMS = {"number", "pk", "case_pk", "token", "message_id", "id_number"}
PK_OF = {
    "photo": "photo",
    "photo_thumbnail": "photo",
    "event_attachment": "event",
    "dispatch_scan": "dispatches",
    "invitation_scan": "invitation",
    "handler:dispatch": "dispatches",
    "handler:dispatch_attach": "dispatches",
    "handler:dispatch_note": "dispatches",
    "handler:dispatch_drop": "dispatches",
    "handler:dispatch_choose": "dispatches",
    "handler:dispatch_send": "dispatches",
    "handler:dispatch_print": "dispatches",
    "telecom:dispatch": "dispatches",
    "documents:dispatch": "dispatches",
    "handler:invitation_upload": "invitation",
    "documents:invitation": "invitation",
    "documents:violation_record": "record",
    "documents:remediation": "record",
    "documents:penalty_decision": "decision",
    "search_export_job": "export_job",
    "job_result": "export_job",
    "reporter:correct_sighting": "sighting",
    "reporter:ocr_result": "reading",
    "handler:returned_sighting": "returned_sighting",
    "handler:returned_photos": "returned_sighting",
    "job_progress": "job",
    "report_detail": "report",
    "report_document": "report",
    "api_photo": "photo",
    "api_attachment": "event",
    "api_dispatch": "dispatches",
    "api_dispatch_cases": "dispatches",
    "api_dispatch_case": "dispatches",
    "api_dispatch_document": "dispatches",
    "api_dispatch_scan": "dispatches",
    "api_dispatch_send": "dispatches",
}


def _values(name: str, param: str, numbers: list[str], world) -> list:
    """What one URL parameter of `name` is tried with."""
    if param == "number":
        return numbers
    if param == "pk":
        assert name in PK_OF, f"no foreign object to fill {name}'s pk with"
        value = world[PK_OF[name]]
        if PK_OF[name] == "dispatches":
            return [*value, world["draft_dispatch"]]
        return value if isinstance(value, list) else [value]
    if param == "token":
        return {"reporter:pending_photo": [world["pending_photo"]], "sms_report": ["0"]}.get(
            name, [world["import"]]
        )
    fixed = {
        "case_pk": lambda: [world["cases"]["confirmed"].pk],
        "message_id": lambda: [world["message"]],
        "id_number": lambda: world["id_numbers"],
        "attempt": lambda: [1],
        "state": lambda: sorted(STATE_ACTOR),
        "action": lambda: ["send_to_telecom", "request_suspension"],
    }
    if param not in fixed:
        raise AssertionError(f"{name}: no filling for <{param}>")
    return fixed[param]()


def _fillings(name: str, params: set, world) -> list[dict]:
    """The URL's parameters filled with the foreign province's objects, every way."""
    # The cases each screen works on for its own units; all of them for the case page.
    keys = (
        FOREIGN_STATES
        if name == "case_detail"
        else ("draft", "confirm", "telecom", "returned", "waiting", "culture", "decided")
    )
    numbers = [world["cases"][k].number for k in keys]
    options = {param: _values(name, param, numbers, world) for param in params}
    fillings = [{}]
    for param, values in options.items():
        fillings = [{**f, param: v} for f in fillings for v in values]
    return fillings


def _leaks(text: str, world) -> list[str]:
    found = []
    for case in world["cases"].values():
        for secret in (case.number, case.phone_display, case.phone_national):
            if secret in text:
                found.append(secret)
    # Unit names are not case data (the search form lists every ward); identities are.
    for secret in (DEFAULT_IDENTITY["full_name"], DEFAULT_IDENTITY["id_number"], "Trần Thị Bí Mật"):
        if secret in text:
            found.append(secret)
    return found


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_every_url_refuses_another_provinces_objects_to_every_member_of_the_cast(
    client, cast, make_case
):
    world = _foreign_province(make_case)
    ids = [c.pk for c in world["cases"].values()]
    before_states = dict(Case.objects.values_list("pk", "state"))
    before_events = CaseEvent.objects.count()
    before_dispatches = Dispatch.objects.count()
    post = {
        "hs": ids,
        "phieu": world["dispatches"],
        "note": "Thử",
        "action": "send_to_culture",
        "result": "x",
        "decision_number": "1",
        "decided_on": dmy(TODAY),
    }
    query = "?" + "&".join([f"hs={i}" for i in ids] + [f"phieu={d}" for d in world["dispatches"]])
    patterns = list(_patterns())
    assert len(patterns) > 60  # the walk found the project's URLs, not an empty list
    problems = []
    for who in [*CAST, None]:
        client.logout()
        if who:
            client.force_login(getattr(cast, who))
        for name, params in patterns:
            if name in ("login", "logout"):
                continue
            for kwargs in _fillings(name, params, world):
                url = reverse(name, kwargs=kwargs)
                strict = bool(params & OBJECT_PARAMS)
                for method in ("get", "post"):
                    if strict:
                        response = (
                            getattr(client, method)(url + query, post)
                            if method == "post"
                            else client.get(url + query)
                        )
                        location = response.get("Location", "")
                        ok = (
                            response.status_code in (404, 405)
                            or (response.status_code == 302 and "/dang-nhap/" in location)
                            or (
                                # The API asks for credentials (401) or refuses a user without
                                # a unit (403) before it looks anything up.
                                url.startswith("/api/")
                                and response.status_code in (401, 403)
                                and who in (None, "admin")
                            )
                        )
                        if not ok:
                            problems.append(
                                f"{who} {method.upper()} {url}: {response.status_code} {location}"
                            )
                        continue
                    response = (
                        client.post(url, post, follow=True)
                        if method == "post"
                        else client.get(url + query, follow=True)
                    )
                    leaks = _leaks(_body(response), world)
                    # 503 is the health check's honest answer in a test run, not a fault.
                    if leaks or response.status_code == 500:
                        problems.append(
                            f"{who} {method.upper()} {url}: {response.status_code} shows {leaks}"
                        )
    assert problems == [], "\n".join(problems)
    assert dict(Case.objects.values_list("pk", "state")) == before_states
    assert CaseEvent.objects.count() == before_events
    assert Dispatch.objects.count() == before_dispatches


# -- batch refusals --------------------------------------------------------------------

BATCH_URLS = [
    "handler:confirm",
    "handler:return_to_reporter",
    "reporter:submit",
    "reporter:cancel",
    "telecom:return_to_handler",
    "telecom:restore",
]


def test_a_batch_of_foreign_ids_is_answered_as_ids_that_do_not_exist(client, cast, make_case):
    world = _foreign_province(make_case)
    foreign = list(world["cases"].values())
    top = max(c.pk for c in foreign)
    every_id = {"hs": [str(i) for i in range(1, top + 10)], "note": "Thử"}
    nothing_like_it = {"hs": [str(i) for i in range(top + 100, top + 100 + top + 9)], "note": "Thử"}
    for url_name in BATCH_URLS:
        user = {"handler": cast.other_district, "reporter": cast.ward_q3, "telecom": cast.telecom}[
            url_name.split(":")[0]
        ]
        client.force_login(user)

        answer = _messages(client.post(reverse(url_name), every_id, follow=True))
        missing = _messages(client.post(reverse(url_name), nothing_like_it, follow=True))

        assert answer == missing, url_name
        assert "không tồn tại hoặc không thuộc phạm vi của đơn vị bạn" in answer
        assert _leaks(answer, world) == []
        assert not re.search(r"HS-\d{4}-\d{6}", answer)
        for label in ("Chờ xác nhận", "Đang lập", "Đã xác nhận", "Chờ xử lý"):
            assert label not in answer
    assert {c.pk: c.state for c in foreign} == dict(
        Case.objects.filter(pk__in=[c.pk for c in foreign]).values_list("pk", "state")
    )


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


# -- a sighting from outside the route -------------------------------------------------


def _record_form(phone="0912.345.678", **extra):
    return {
        "found_on": dmy(FOUND_ON),
        "place": "Trụ điện số 3 Võ Văn Tần",
        "ad_type": "sticker",
        "ad_text": "Khoan cắt bê tông",
        "phone_m1": phone,
        "confirmed": ["m1"],
        "photos": [jpeg()],
        **extra,
    }


def test_a_ward_outside_the_route_reads_its_own_sighting_and_the_state_only(
    client, cast, make_case
):
    from raovat.cases.services import contacts

    case = advance(make_case(cast.ward), State.TO_CONTACT)
    contacts.call_record(
        actor=cast.district,
        case=case,
        outcome="no_answer",
        duration_seconds=0,
        note="Gọi không nghe máy lần thứ nhất.",
    )
    district_photo = Photo.objects.get(sighting__case=case)
    client.force_login(cast.ward_q3)
    assert client.get(reverse("case_detail", args=[case.number])).status_code == 404

    recorded = client.post(reverse("reporter:record"), _record_form(), follow=True)
    assert recorded.status_code == 200
    assert "đã có hồ sơ đang được xử lý" in _text(recorded)
    assert Case.objects.count() == 1
    own = Sighting.objects.get(case=case, reporting_unit=cast.ward_q3.unit)
    own_photo = own.photos.get()

    page = client.get(reverse("case_detail", args=[case.number]))
    text = _text(page)
    assert page.status_code == 200
    assert "Chờ liên hệ chủ thuê bao" in text  # the state label
    assert "Trụ điện số 3 Võ Văn Tần" in text  # its own sighting
    assert reverse("photo_thumbnail", args=[own_photo.pk]) in text
    for foreign in (
        "Trụ điện trước số 45 Lê Thánh Tôn",
        cast.ward.unit.name,
        cast.district.unit.name,
        "Gọi không nghe máy",
        case.subscriber.full_name,
        reverse("photo_thumbnail", args=[district_photo.pk]),
        "Quá trình xử lý",
    ):
        assert foreign not in text
    assert client.get(reverse("photo", args=[own_photo.pk])).status_code == 200
    assert client.get(reverse("photo", args=[district_photo.pk])).status_code == 404
    # Nothing else of the case opens for it either: contacts, SMS, documents, search.
    assert client.get(reverse("sms_list", args=[case.number])).status_code == 404
    assert case.number not in _text(client.get(reverse("search")))
    # The units on the route still see its sighting with the others.
    client.force_login(cast.district)
    assert "Trụ điện số 3 Võ Văn Tần" in _text(
        client.get(reverse("case_detail", args=[case.number]))
    )


def test_the_number_check_tells_a_ward_outside_the_route_only_that_a_case_is_open(
    client, cast, make_case
):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    url = reverse("reporter:number_check")
    client.force_login(cast.ward_q3)
    text = _text(client.get(url, {"key": "m1", "phone_m1": "0912.345.678"}))
    assert "Số 0912 345 678 đã có hồ sơ đang được xử lý" in text
    for secret in (case.number, "Chờ xác nhận", cast.district.unit.name, "đang xử lý)"):
        assert secret not in text
    # The ward that opened the case, on its route, is told which one.
    client.force_login(cast.ward)
    text = _text(client.get(url, {"key": "m1", "phone_m1": "0912.345.678"}))
    assert case.number in text and "Chờ xác nhận" in text


def _text(response) -> str:
    return response.content.decode()


# -- the personal-data access log ------------------------------------------------------


def _logged(user, page) -> set[int]:
    return set(
        PersonalDataAccess.objects.filter(user=user, page=page).values_list("case_id", flat=True)
    )


@pytest.mark.parametrize(
    ("url_name", "state", "page"),
    [
        ("telecom:suspension_list", State.SUSPENSION_REQUESTED, Page.SUSPENSION_LIST),
        ("telecom:suspended_list", State.SUSPENDED, Page.SUSPENDED_LIST),
    ],
)
def test_the_telecom_lists_log_every_name_they_show(client, cast, make_case, url_name, state, page):
    shown = advance(make_case(cast.ward), state)
    other = advance(make_case(cast.ward, phone="0987 654 321"), State.TO_CONTACT)
    client.force_login(cast.telecom)
    text = _text(client.get(reverse(url_name)))
    assert shown.subscriber.full_name in text
    assert _logged(cast.telecom, page) == {shown.pk}
    assert other.pk not in _logged(cast.telecom, page)


def test_the_carrier_import_preview_logs_the_identities_it_shows(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    stored = CarrierImport.objects.create(
        profile=CarrierImport.Profile.IDENTITY,
        unit=cast.telecom.unit,
        created_by=cast.telecom,
        file_name="viettel.xlsx",
        rows=[
            {
                "row": 2,
                "phone": case.phone_display,
                "status": "matched",
                "case_id": case.pk,
                "case_number": case.number,
                "reason": "",
                "data": {
                    "full_name": "Lâm Thị Hạnh",
                    "id_number": "079190001111",
                    "address": "5 Lê Lợi",
                    "kind": "individual",
                    "birth_date": datetime.date(1990, 1, 2).isoformat(),
                },
            }
        ],
    )
    client.force_login(cast.telecom)
    text = _text(client.get(reverse("telecom:import_preview", args=[stored.token])))
    assert "Lâm Thị Hạnh" in text and "079190001111" in text
    assert _logged(cast.telecom, Page.CARRIER_IMPORT) == {case.pk}


def test_a_page_that_shows_no_identity_logs_nothing(client, cast, make_case):
    case = advance(make_case(cast.ward), State.TO_CONTACT)
    client.force_login(cast.ward)
    text = _text(client.get(reverse("case_detail", args=[case.number])))
    assert case.subscriber.full_name not in text
    assert not PersonalDataAccess.objects.filter(user=cast.ward).exists()
    client.force_login(cast.district)
    assert case.subscriber.full_name in _text(
        client.get(reverse("case_detail", args=[case.number]))
    )
    assert _logged(cast.district, Page.CASE_DETAIL) == {case.pk}


def test_an_inactive_unit_reads_nothing_not_even_a_dispatch_scan(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    dispatch = case.dispatches.get()
    unit = cast.telecom.unit
    Unit.objects.filter(pk=unit.pk).update(active=False)
    client.force_login(cast.telecom)
    for url in (
        reverse("dispatch_scan", args=[dispatch.pk]),
        reverse("documents:dispatch", args=[dispatch.pk]),
        reverse("case_detail", args=[case.number]),
    ):
        assert client.get(url).status_code == 404


def test_an_inactive_unit_has_no_work_lists_and_no_reminders(client, cast, make_case):
    advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    Unit.objects.filter(pk=cast.district.unit_id).update(active=False)
    client.force_login(cast.district)
    assert client.get(reverse("worklist", args=[State.AWAITING_CONFIRMATION])).status_code == 404
    assert client.get(reverse("handler:confirm_list")).status_code == 404
