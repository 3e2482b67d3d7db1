"""Manual §2: "Khi click vào số hồ sơ hệ thống sẽ tự động chuyển đến trang cần giải quyết"
— in every work list the case number opens the page where the case is worked on."""

import pytest
from django.urls import reverse

from raovat.cases.workflow import State
from raovat.demo.scenario import advance

pytestmark = pytest.mark.django_db

LINKS = [
    ("district", "handler:confirm_list", State.AWAITING_CONFIRMATION, "handler:confirm_case"),
    ("district", "handler:returned_list", State.RETURNED_BY_TELECOM, "handler:returned_case"),
    ("district", "handler:contact_list", State.TO_CONTACT, "handler:contact"),
    ("district", "handler:process_list", State.AWAITING_SUBSCRIBER, "handler:penalty"),
    ("culture", "culture:case_list", State.AT_CULTURE, "culture:outcome"),
]


@pytest.mark.parametrize(("who", "listing", "state", "target"), LINKS)
def test_the_case_number_opens_the_work_page(client, cast, make_case, who, listing, state, target):
    case = advance(make_case(cast.ward), state)
    client.force_login(getattr(cast, who))
    html = client.get(reverse(listing)).content.decode()
    work = reverse(target, args=[case.number])
    assert f'href="{work}' in html and f">{case.number}</a>" in html
    assert client.get(work).status_code == 200


def test_the_telecom_dispatch_links_each_case_to_its_identity_page(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    client.force_login(cast.telecom)
    dispatch = case.dispatches.get()
    html = client.get(reverse("telecom:dispatch", args=[dispatch.pk])).content.decode()
    assert f'href="{reverse("telecom:identity", args=[case.number])}' in html


@pytest.mark.parametrize(
    ("kind_state", "label"),
    [
        (State.CONFIRMED, "Chuyển Sở TTTT cung cấp thông tin thuê bao"),
        (State.RETURNED_BY_TELECOM, "Hồ sơ trả về từ Sở TTTT"),
    ],
)
def test_the_transfer_page_breadcrumb_names_the_list(client, cast, make_case, kind_state, label):
    case = advance(make_case(cast.ward), kind_state)
    client.force_login(cast.district)
    action = "send_to_telecom" if kind_state == State.CONFIRMED else "resend_to_telecom"
    response = client.post(
        reverse("handler:dispatch_start", args=[action]), {"hs": case.pk}, follow=True
    )
    crumbs = response.content.decode().split('<ol class="breadcrumb')[1].split("</ol>")[0]
    assert f">{label}</a>" in crumbs
    assert "Danh sách hồ sơ" not in crumbs


def test_the_processing_page_breadcrumb_names_the_list(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    client.force_login(cast.district)
    response = client.post(
        reverse("handler:dispatch_start", args=["request_suspension"]), {"hs": case.pk}, follow=True
    )
    crumbs = response.content.decode().split('<ol class="breadcrumb')[1].split("</ol>")[0]
    assert ">Xử lý vi phạm</a>" in crumbs
