"""No SMS and no document with a hole: a missing value refuses and says what is missing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from raovat.cases.models import Counter, Dispatch, TextMessage
from raovat.cases.services import contacts
from raovat.cases.services.dispatches import dispatch_create
from raovat.cases.services.errors import WorkflowError
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from raovat.messaging.models import SmsTemplate
from raovat.messaging.services import sms_send_batch

pytestmark = pytest.mark.django_db

NO_INVITATION = "Chưa có thư mời: thiếu thời gian và địa điểm."


@pytest.fixture
def case(cast, make_case):
    return advance(make_case(cast.ward), State.TO_CONTACT)


@pytest.fixture
def invite():
    return SmsTemplate.objects.get(name="Mời đến làm việc")


def _invitation(cast, case):
    meeting = timezone.make_aware(datetime.datetime(2026, 12, 9, 8, 30))
    return contacts.invitation_create(
        actor=cast.district, case=case, meeting_at=meeting, meeting_place="Phòng 2, 28 Lê Thánh Tôn"
    )


def _send(client, case, template, text="Mời ông/bà đến làm việc.", key="1" * 32):
    return client.post(
        reverse("sms_send", args=[case.number]),
        {"text": text, "template": template.pk, "idempotency_key": key},
        HTTP_HX_REQUEST="true",
    ).content.decode()


def test_a_template_lacking_values_is_offered_with_what_is_missing(client, cast, case, invite):
    client.force_login(cast.district)
    page = client.get(reverse("handler:contact", args=[case.number])).content.decode()
    assert f"Mời đến làm việc – chưa dùng được: {NO_INVITATION}" in page
    assert "lúc  tại" not in page

    _invitation(cast, case)
    page = client.get(reverse("handler:contact", args=[case.number])).content.decode()
    assert "chưa dùng được" not in page
    assert "lúc 08:30 ngày 09/12/2026 tại Phòng 2, 28 Lê Thánh Tôn" in page


def test_sending_from_a_template_lacking_values_is_refused(client, cast, case, invite):
    client.force_login(cast.district)
    page = _send(client, case, invite)
    assert "Chưa gửi được tin nhắn “Mời đến làm việc”." in page and NO_INVITATION in page
    assert not TextMessage.objects.exists()

    _invitation(cast, case)
    _send(client, case, invite, key="2" * 32)
    assert TextMessage.objects.count() == 1


def test_a_text_with_a_field_left_unfilled_is_refused(client, cast, case, invite):
    client.force_login(cast.district)
    page = _send(client, case, invite, text="Mời đến làm việc lúc {thoi_gian}.")
    assert "còn trường chưa điền: {thoi_gian}" in page
    assert not TextMessage.objects.exists()


def test_a_batch_names_each_case_lacking_a_value_and_sends_none(cast, make_case, invite):
    ready = advance(make_case(cast.ward), State.TO_CONTACT)
    _invitation(cast, ready)
    bare = advance(make_case(cast.ward, phone="0903 123 456"), State.TO_CONTACT)
    with pytest.raises(WorkflowError) as refused:
        sms_send_batch(actor=cast.district, cases=[ready, bare], template=invite)
    assert refused.value.problems == [f"Hồ sơ {bare.number}: {NO_INVITATION}"]
    assert not TextMessage.objects.exists()


def test_a_document_missing_its_signer_is_refused_and_takes_no_number(client, cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    office = cast.district.unit
    office.signer_name = ""
    office.save(update_fields=["signer_name"])
    dispatch = dispatch_create(actor=cast.district, action="send_to_telecom", cases=[case])
    client.force_login(cast.district)

    response = client.get(reverse("documents:dispatch", args=[dispatch.pk]))

    page = response.content.decode()
    assert response.status_code == 409
    assert "Chưa in được phiếu chuyển đề nghị cung cấp thông tin thuê bao." in page
    assert "thiếu họ tên người ký" in page
    dispatch.refresh_from_db()
    assert dispatch.number is None and dispatch.printed_version is None
    assert not Counter.objects.filter(key__startswith=f"doc/{office.pk}/", last__gt=0).exists()

    office.signer_name = "Lê Thị Thanh Hương"
    office.save(update_fields=["signer_name"])
    assert client.get(reverse("documents:dispatch", args=[dispatch.pk])).status_code == 200
    assert Dispatch.objects.get(pk=dispatch.pk).number_label == "1/PC-VHTTQ1"
