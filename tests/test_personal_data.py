"""The subscriber's identity: shown in full only to the case's handling unit and telecom
authority, masked in lists, every view logged, removed when the retention period ends."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from raovat.audit.models import Page, PersonalDataAccess
from raovat.audit.services import personal_data_viewed
from raovat.cases.models import Case, Subscriber
from raovat.cases.services.dispatches import dispatch_create
from raovat.cases.services.rechain import chain_move_reporting_units
from raovat.cases.workflow import State
from raovat.demo.scenario import DEFAULT_IDENTITY, advance, perform
from raovat.documents.kinds import DocumentKind as K
from raovat.documents.services import document_render
from raovat.units.models import Role, Unit
from tests.documents_helpers import invitation_for, pdf_text

pytestmark = pytest.mark.django_db

NAME = DEFAULT_IDENTITY["full_name"]  # "Nguyễn Văn An"
MASKED = "Nguyễn V. A."
ID_NUMBER = DEFAULT_IDENTITY["id_number"]
ADDRESS = DEFAULT_IDENTITY["address"]


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.fixture
def case(cast, make_case):
    return advance(make_case(cast.ward), State.TO_CONTACT)


def test_the_handling_unit_sees_the_identity_and_the_view_is_logged(client, cast, case):
    page = _get(client, cast.district, reverse("case_detail", args=[case.number]))
    html = page.content.decode()
    assert NAME in html and ID_NUMBER in html
    (row,) = PersonalDataAccess.objects.all()
    assert (row.user, row.unit, row.case, row.page) == (
        cast.district,
        cast.district.unit,
        case,
        Page.CASE_DETAIL,
    )
    assert row.unit_name == "Phòng Văn hóa và Thông tin Quận 1"
    assert row.user_name == cast.district.display_name
    assert abs(timezone.now() - row.at) < datetime.timedelta(minutes=1)


def test_the_telecom_authority_view_is_logged(client, cast, case):
    assert (
        NAME
        in _get(client, cast.telecom, reverse("case_detail", args=[case.number])).content.decode()
    )
    assert PersonalDataAccess.objects.get().unit == cast.telecom.unit


def test_every_view_writes_one_row(client, cast, case):
    url = reverse("case_detail", args=[case.number])
    for _ in range(3):
        _get(client, cast.district, url)
    assert PersonalDataAccess.objects.filter(case=case, user=cast.district).count() == 3


@pytest.mark.parametrize("who", ["ward", "ward_b", "other_district", "culture"])
def test_others_never_see_the_identity(client, cast, case, who):
    user = getattr(cast, who)
    for url in (
        reverse("case_detail", args=[case.number]),
        reverse("handler:contact", args=[case.number]),
        reverse("search") + f"?number={case.number}",
    ):
        response = _get(client, user, url)
        html = response.content.decode()
        assert response.status_code in (200, 404)
        assert NAME not in html and ID_NUMBER not in html and ADDRESS not in html
    assert not PersonalDataAccess.objects.exists()


def test_the_ward_sees_its_case_but_not_the_identity(client, cast, case):
    response = _get(client, cast.ward, reverse("case_detail", args=[case.number]))
    assert response.status_code == 200 and case.phone_display in response.content.decode()
    assert NAME not in response.content.decode()


def test_the_contact_page_is_logged(client, cast, case):
    response = _get(client, cast.district, reverse("handler:contact", args=[case.number]))
    assert NAME in response.content.decode()
    row = PersonalDataAccess.objects.get()
    assert (row.user, row.unit, row.case, row.page) == (
        cast.district,
        cast.district.unit,
        case,
        Page.CONTACT,
    )


def test_the_district_work_lists_show_the_name_masked(client, cast, make_case):
    contact = advance(make_case(cast.ward, "0912 345 678"), State.TO_CONTACT)
    waiting = advance(make_case(cast.ward, "0987 654 321"), State.AWAITING_SUBSCRIBER)
    for url in (reverse("handler:contact_list"), reverse("handler:process_list")):
        html = _get(client, cast.district, url).content.decode()
        assert MASKED in html and NAME not in html
    dispatch = dispatch_create(actor=cast.district, action="send_to_culture", cases=[waiting])
    html = _get(
        client, cast.district, reverse("handler:dispatch", args=[dispatch.pk])
    ).content.decode()
    assert MASKED in html and NAME not in html
    assert contact.number  # both lists had a row
    assert not PersonalDataAccess.objects.exists()


def test_search_results_show_the_name_masked(client, cast, case):
    html = _get(client, cast.district, reverse("search")).content.decode()
    assert MASKED in html and NAME not in html


def _export(client, user, query=""):
    response = _get(client, user, reverse("search_export") + query)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_the_excel_export_logs_one_row_per_case_shown(client, cast, make_case):
    cases = [
        advance(make_case(cast.ward, phone), State.TO_CONTACT)
        for phone in ("0912 345 678", "0987 654 321", "0903 111 222")
    ]
    advance(make_case(cast.ward, "0935 123 456"), State.CONFIRMED)  # no identity yet
    rows = _export(client, cast.district)
    assert rows[0][-2:] == ["Chủ thuê bao", "Địa chỉ chủ thuê bao"]
    assert sum(1 for r in rows if r[-2] == NAME) == 3
    logged = PersonalDataAccess.objects.filter(page=Page.SEARCH_EXPORT, user=cast.district)
    assert sorted(logged.values_list("case_id", flat=True)) == sorted(c.pk for c in cases)
    assert {r.unit for r in logged} == {cast.district.unit}


def test_the_log_writes_a_large_export_in_a_few_statements(
    cast, make_case, django_assert_max_num_queries
):
    case = advance(make_case(cast.ward), State.TO_CONTACT)
    ids = [case.pk] * 5000  # stands for 5,000 cases: the cost is in the inserts
    # Multi-row inserts: SQLite takes ~140 rows per statement, PostgreSQL 2,000.
    with django_assert_max_num_queries(40):
        assert personal_data_viewed(user=cast.district, cases=ids, page=Page.SEARCH_EXPORT) == 5000


def test_the_excel_export_of_a_ward_has_no_names(client, cast, case):
    rows = _export(client, cast.ward)
    assert "Chủ thuê bao" not in rows[0]
    assert all(NAME not in map(str, r) for r in rows)
    assert not PersonalDataAccess.objects.exists()


def test_the_old_district_loses_the_identity_after_a_change_of_chain(client, cast, case):
    city = cast.chain.units["city"]
    office = Unit.objects.create(
        name="Phòng Văn hóa – Xã hội Phường Sài Gòn",
        short_name="Phòng VH-XH",
        code="VHXH",
        kind="Phòng",
        parent=city,
        role=Role.HANDLER,
    )
    chain_move_reporting_units(
        actor=cast.admin,
        reporting_units=[cast.ward.unit, cast.ward_b.unit],
        new_handling_unit=office,
        note="Sắp xếp đơn vị hành chính.",
    )
    # The old office took part, so it still sees the case, but no longer the identity.
    detail = _get(client, cast.district, reverse("case_detail", args=[case.number]))
    assert detail.status_code == 200 and NAME not in detail.content.decode()
    assert (
        _get(client, cast.district, reverse("handler:contact", args=[case.number])).status_code
        == 404
    )
    rows = _export(client, cast.district)
    assert len(rows) == 2 and NAME not in map(str, rows[1])
    assert not PersonalDataAccess.objects.exists()


def test_the_access_log_is_a_read_only_list_for_administrators(client, cast, case):
    _get(client, cast.district, reverse("case_detail", args=[case.number]))
    url = reverse("admin:audit_personaldataaccess_changelist")
    html = _get(client, cast.admin, url).content.decode()
    assert case.number in html and "Chi tiết hồ sơ" in html
    assert "Phòng Văn hóa và Thông tin Quận 1" in html
    assert NAME not in html
    for query in (
        f"?q={case.number}",
        f"?user={cast.district.pk}",
        f"?unit__id__exact={cast.district.unit_id}",
        "?page=case_detail",
        "?at__year={0:%Y}&at__month={0:%m}&at__day={0:%d}".format(timezone.localdate()),
    ):
        page = _get(client, cast.admin, url + query)
        assert page.status_code == 200 and case.number in page.content.decode(), query
    assert case.number not in _get(client, cast.admin, url + "?q=HS-1999-000001").content.decode()
    row = PersonalDataAccess.objects.get()
    change = reverse("admin:audit_personaldataaccess_change", args=[row.pk])
    client.post(change, {"page": Page.CONTACT})
    assert PersonalDataAccess.objects.get().page == Page.CASE_DETAIL
    assert (
        _get(client, cast.admin, reverse("admin:audit_personaldataaccess_add")).status_code == 403
    )
    assert _get(client, cast.district, url).status_code == 302


def test_the_access_log_is_append_only(cast, case):
    personal_data_viewed(user=cast.district, case=case, page=Page.CASE_DETAIL)
    row = PersonalDataAccess.objects.get()
    row.page = Page.CONTACT
    with pytest.raises(ValueError):
        row.save()
    with pytest.raises(ValueError):
        row.delete()


def _finish(case, days_ago):
    Case.objects.filter(pk=case.pk).update(
        state_since=timezone.now() - datetime.timedelta(days=days_ago)
    )


def test_anonymise_closed_cases_removes_the_identity_after_retention(cast, make_case, settings):
    old = advance(make_case(cast.ward, "0912 345 678"), State.CLOSED)
    recent = advance(make_case(cast.ward, "0987 654 321"), State.CLOSED)
    still_open = advance(make_case(cast.ward, "0903 111 222"), State.AWAITING_SUBSCRIBER)
    _finish(old, 40)
    _finish(recent, 10)
    _finish(still_open, 400)

    out = io.StringIO()
    call_command("anonymise_closed_cases", "--older-than-days", "30", stdout=out)
    assert "Đã ẩn danh 1 hồ sơ." in out.getvalue()

    sub = Subscriber.objects.get(case=old)
    assert NAME not in sub.full_name and sub.id_number == "" and sub.birth_date is None
    assert ADDRESS not in sub.address and sub.name_folded == ""
    (event,) = old.events.filter(action="anonymise")
    assert event.from_state == event.to_state == State.CLOSED
    assert event.actor == cast.admin and event.unit == cast.district.unit
    assert event.action_label == "Ẩn danh thông tin chủ thuê bao"
    assert Subscriber.objects.get(case=recent).full_name == NAME
    assert Subscriber.objects.get(case=still_open).full_name == NAME

    call_command("anonymise_closed_cases", "--older-than-days", "30", stdout=out)
    assert old.events.filter(action="anonymise").count() == 1  # runs again harmlessly


def test_a_document_printed_after_anonymising_no_longer_names_the_subscriber(cast, make_case):
    case = advance(make_case(cast.ward), State.TO_CONTACT)
    invitation = invitation_for(cast, case)
    printed = document_render(kind=K.INVITATION, subject=invitation, fmt="pdf")
    assert NAME in pdf_text(printed.content)
    for action in ("contact_done", "send_to_culture", "close"):
        perform(action, [case])
    _finish(case, 40)

    call_command("anonymise_closed_cases", "--older-than-days", "30", stdout=io.StringIO())

    invitation = type(invitation).objects.get(pk=invitation.pk)  # as the next request reads it
    again = document_render(kind=K.INVITATION, subject=invitation, fmt="pdf")
    assert NAME not in pdf_text(again.content)


def test_anonymise_uses_the_retention_setting_by_default(cast, make_case, settings):
    case = advance(make_case(cast.ward), State.CLOSED)
    _finish(case, 800)
    # The default is read when the command's arguments are built, from settings.
    settings.RETENTION_DAYS = 730
    out = io.StringIO()
    call_command("anonymise_closed_cases", stdout=out)
    assert "Đã ẩn danh 1 hồ sơ." in out.getvalue()
    assert Subscriber.objects.get(case=case).id_number == ""


def test_a_ward_cannot_probe_the_identity_through_search_filters(client, cast, case):
    def found(query):
        return case.number in _get(client, cast.ward, reverse("search") + query).content.decode()

    # The ward sees its case, but a name or an address of the subscriber tells it nothing:
    # the answer is the same for the right name and for a wrong one.
    assert found("?subscriber_name=nguyen+van+an") == found("?subscriber_name=khong+phai")
    assert not found("?address=nguyen+trai")
    assert "Tên chủ thuê bao" not in _get(client, cast.ward, reverse("search")).content.decode()
    district = _get(client, cast.district, reverse("search") + "?subscriber_name=nguyen+van+an")
    assert case.number in district.content.decode()
