"""Print preview pages and downloads: who may open them, and what they return."""

import pytest
from django.urls import reverse

from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.documents_helpers import (
    dispatch_of,
    docx_text,
    invitation_for,
    pdf_text,
    penalty_record_for,
    waiting_case,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    return dispatch_of(cast.district, "send_to_telecom", [case])


def get(client, user, url, **params):
    if user is not None:
        client.force_login(user)
    return client.get(url, params)


def test_print_opens_the_pdf_in_the_browser(client, cast, draft):
    response = get(client, cast.district, reverse("documents:dispatch", args=[draft.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="phieu-chuyen-1-PC-VHTTQ1.pdf"'
    text = pdf_text(response.content)
    for expected in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 1/PC-VHTTQ1", "PHIẾU CHUYỂN"]:
        assert expected in text
    assert response["Cache-Control"] == "private, no-store"


def test_it_downloads_pdf_and_docx_with_a_safe_file_name(client, cast, draft):
    url = reverse("documents:dispatch", args=[draft.pk])
    pdf = get(client, cast.district, url, **{"dinh-dang": "pdf"})
    docx = get(client, None, url, **{"dinh-dang": "docx"})

    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="phieu-chuyen-1-PC-VHTTQ1.pdf"'
    assert "Số: 1/PC-VHTTQ1" in pdf_text(pdf.content)
    assert docx["Content-Disposition"] == 'attachment; filename="phieu-chuyen-1-PC-VHTTQ1.docx"'
    assert "Số: 1/PC-VHTTQ1" in docx_text(docx.content)


def test_it_refuses_an_unknown_format(client, cast, draft):
    url = reverse("documents:dispatch", args=[draft.pk])
    assert get(client, cast.district, url, **{"dinh-dang": "xls"}).status_code == 404


def test_anonymous_user_is_sent_to_login(client, draft):
    response = client.get(reverse("documents:dispatch", args=[draft.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["other_district", "ward", "culture", "admin", "telecom"])
def test_other_units_cannot_print_a_draft_dispatch(client, cast, draft, who):
    url = reverse("documents:dispatch", args=[draft.pk])
    assert get(client, getattr(cast, who), url).status_code == 404
    assert get(client, None, url, **{"dinh-dang": "pdf"}).status_code == 404


def test_receiving_unit_prints_a_dispatch_once_it_is_sent(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    url = reverse("documents:dispatch", args=[case.dispatches.get().pk])
    assert get(client, cast.telecom, url).status_code == 200
    assert get(client, cast.district, url).status_code == 200
    assert get(client, cast.other_district, url).status_code == 404


@pytest.mark.parametrize("name", ["violation_record", "remediation"])
def test_only_the_handling_unit_prints_records(client, cast, make_case, name):
    record = penalty_record_for(cast, waiting_case(cast, make_case))
    url = reverse(f"documents:{name}", args=[record.pk])
    assert get(client, cast.district, url).status_code == 200
    for who in ("other_district", "ward", "telecom"):
        assert get(client, getattr(cast, who), url).status_code == 404


def test_only_the_handling_unit_prints_invitations(client, cast, make_case):
    invitation = invitation_for(cast, advance(make_case(cast.ward), State.TO_CONTACT))
    url = reverse("documents:invitation", args=[invitation.pk])
    response = get(client, cast.district, url, **{"dinh-dang": "docx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="giay-moi-1-GM-VHTTQ1.docx"'
    for who in ("other_district", "ward", "telecom", "culture"):
        assert get(client, getattr(cast, who), url).status_code == 404


@pytest.mark.parametrize("name", ["violation_record", "remediation", "invitation"])
def test_every_print_link_opens_its_pdf_inline(client, cast, make_case, name):
    case = waiting_case(cast, make_case)
    subject = case.invitations.first() if name == "invitation" else penalty_record_for(cast, case)
    response = get(client, cast.district, reverse(f"documents:{name}", args=[subject.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf_text(response.content)
