"""Decree 30/2020's types and symbols, sequences that keep counting, and documents that
say of each subscriber only what happened."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.utils import timezone
from docx import Document

from raovat.cases.models import Counter, PenaltyRecord
from raovat.cases.services.dispatches import dispatch_number
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform
from raovat.documents import services
from raovat.documents.kinds import DocumentKind as K
from tests.documents_helpers import (
    decided_case,
    dispatch_of,
    invitation_for,
    pdf_text,
    penalty_record_for,
    waiting_case,
)
from tests.test_documents import both

pytestmark = pytest.mark.django_db

counters = importlib.import_module("raovat.cases.migrations.0021_document_types_of_decree_30")


def joined(texts: dict[str, str]) -> dict[str, str]:
    """The texts with a number wrapped inside a narrow cell joined again ("1/ BB-VPHC")."""
    return {fmt: text.replace("/ ", "/").replace("- ", "-") for fmt, text in texts.items()}


def record_today(cast, case):
    """A record dated now: a sequence is per year, so its year must be this one."""
    record = penalty_record_for(cast, case)
    PenaltyRecord.objects.filter(pk=record.pk).update(made_at=timezone.now())
    record.refresh_from_db()
    return record


def test_an_invitation_is_a_giay_moi_numbered_gm(cast, make_case):
    case = advance(make_case(cast.ward), State.TO_CONTACT)
    invitation = invitation_for(cast, case)
    assert invitation.number_label == f"1/GM-{cast.district.unit.code}"
    text = pdf_text(
        services.document_render(kind=K.INVITATION, subject=invitation, fmt="pdf").content
    )
    assert "GIẤY MỜI" in text and f"Số: 1/GM-{cast.district.unit.code}" in text
    assert "THƯ MỜI" not in text


def test_the_unit_s_cong_van_share_one_sequence_with_the_unit_s_code_only(cast, make_case):
    came = waiting_case(cast, make_case)
    record = record_today(cast, came)
    absent = waiting_case(cast, make_case, phone="0987 654 321")
    code = cast.district.unit.code

    remediation = services.document_render(kind=K.REMEDIATION_REQUEST, subject=record, fmt="pdf")
    dispatch = dispatch_of(cast.district, "request_suspension", [came, absent])
    label = dispatch_number(dispatch=dispatch)

    assert f"Số: 1/{code}" in pdf_text(remediation.content)
    assert label == f"2/{code}"
    request = pdf_text(
        services.document_render(kind=K.SUSPENSION_REQUEST, subject=dispatch, fmt="pdf").content
    )
    assert f"Số: 2/{code}" in request and "V/v đề nghị ngưng cung cấp dịch vụ" in request
    for old in ("/ĐN-", "/YC-", "/TM-"):
        assert old not in request


def test_the_former_series_keep_counting_after_the_change(cast, make_case):
    unit, year = cast.district.unit, timezone.localdate().year
    Counter.objects.filter(key__startswith=f"doc/{unit.pk}/").delete()
    for series, last in (("TM", 12), ("ĐN", 7), ("YC", 9), ("PC", 4)):
        Counter.objects.create(key=f"doc/{unit.pk}/{series}/{year}", last=last)

    counters.forwards(apps, None)

    keys = dict(
        Counter.objects.filter(key__startswith=f"doc/{unit.pk}/").values_list("key", "last")
    )
    assert keys == {
        f"doc/{unit.pk}/GM/{year}": 12,
        f"doc/{unit.pk}/CV/{year}": 9,
        f"doc/{unit.pk}/PC/{year}": 4,
    }
    invitation = invitation_for(cast, advance(make_case(cast.ward), State.TO_CONTACT))
    assert invitation.number_label == f"13/GM-{unit.code}"
    record = record_today(cast, waiting_case(cast, make_case, phone="0913 222 333"))
    assert services.document_number(kind=K.REMEDIATION_REQUEST, subject=record) == f"10/{unit.code}"


def test_the_suspension_request_cites_the_penalty_decision(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    perform("decide", [case], when=timezone.now() - datetime.timedelta(days=30))
    case.refresh_from_db()
    d = case.decision
    dispatch = dispatch_of(cast.district, "request_suspension", [case])

    texts = joined(both(K.SUSPENSION_REQUEST, dispatch))

    for text in texts.values():
        assert "Các chủ thuê bao đã bị ra quyết định xử phạt vi phạm hành chính (1 số" in text
        assert (
            f"Quyết định xử phạt số {d.number_label} ngày {d.decided_on:%d/%m/%Y} "
            f"(hạn nộp phạt {d.payment_due:%d/%m/%Y}, chưa nộp phạt)"
        ) in text
        assert "Biên bản số" in text
        assert "không chấp hành" not in text


def culture_slip_of(cast, cases):
    return joined(both(K.CULTURE_SLIP, dispatch_of(cast.district, "send_to_culture", cases)))


def test_the_culture_slip_says_a_recorded_subscriber_came(cast, make_case):
    came = waiting_case(cast, make_case)
    record = penalty_record_for(cast, came)
    made_on = timezone.localtime(record.made_at).strftime("%d/%m/%Y")

    texts = culture_slip_of(cast, [came])

    for text in texts.values():
        assert "Các chủ thuê bao đã đến làm việc và đã bị lập biên bản vi phạm hành chính" in text
        assert f"Biên bản số {record.record_number} ngày {made_on}" in text
        assert "không chấp hành" not in text and "không đến làm việc" not in text
        assert "đề nghị Sở Văn hóa" in text or "xem xét, xử lý theo thẩm quyền" in text


def test_the_culture_slip_separates_who_came_from_who_never_came(cast, make_case):
    came = waiting_case(cast, make_case)
    penalty_record_for(cast, came)
    absent = waiting_case(cast, make_case, phone="0987 654 321")

    texts = culture_slip_of(cast, [came, absent])

    pdf = texts["pdf"]
    assert "1. Các chủ thuê bao đã đến làm việc" in pdf
    recorded_part, absent_part = pdf.split(
        "2. Các chủ thuê bao đã được mời, liên hệ nhưng không đến làm việc (1 số thuê bao)"
    )
    assert came.number in recorded_part and absent.number not in recorded_part
    assert absent.number in absent_part and "Giấy mời số" in absent_part
    assert "không chấp hành" not in pdf


def test_the_penalty_decision_docx_bolds_its_articles_as_the_pdf_does(cast, make_case):
    case = decided_case(cast, make_case)
    docx = services.document_render(
        kind=K.PENALTY_DECISION, subject=case.decision, fmt="docx"
    ).content
    bold = {
        run.text.strip()
        for p in Document(io.BytesIO(docx)).paragraphs
        for run in p.runs
        if run.bold
    }
    assert {"Điều 1.", "Điều 2.", "Điều 3.", "QUYẾT ĐỊNH:"} <= bold
    assert case.subscriber.full_name in bold
    assert "1.500.000 đồng" in " ".join(bold) or any("1.500.000" in b for b in bold)


@pytest.mark.parametrize(
    "kind,number",
    [
        (K.TRANSFER_SLIP, "15/PC-VHTTQ1"),
        (K.SUSPENSION_REQUEST, "5/VHTTQ1"),
        (K.VIOLATION_RECORD, "3/BB-VPHC"),
        (K.INVITATION, "12/GM-VHTTQ1"),
        (K.REMEDIATION_REQUEST, "4/VHTTQ1"),
    ],
)
def test_the_samples_are_numbered_as_the_product_numbers(kind, number):
    """The admin's "Xem thử" and the pictures in the docs show the symbols the product
    prints: a công văn carries only the unit's code, a record its form's BB-VPHC."""
    from raovat.documents.contexts.samples import sample_context

    context = sample_context(kind)
    assert context["number_label"] == number
    text = pdf_text(services.render_pdf(kind, services.pdf_data(kind, context)))
    assert f"Số: {number}" in text
    assert "/BB-VHTT" not in text
    if kind != K.TRANSFER_SLIP:
        assert "/PC-" not in text


def test_a_record_of_another_unit_is_cited_with_the_unit_that_made_it(cast, make_case):
    """Records and decisions keep their forms' symbols ("9/BB-VPHC"), numbered per unit:
    a letter citing one made by another unit (a case that moved between districts)
    names that unit, so the receiver can tell two units' "1/BB-VPHC" apart."""
    own = waiting_case(cast, make_case)
    ours = penalty_record_for(cast, own)
    moved = waiting_case(cast, make_case, phone="0987 654 321")
    theirs = penalty_record_for(cast, moved)
    PenaltyRecord.objects.filter(pk=theirs.pk).update(officer=cast.other_district)
    dispatch = dispatch_of(cast.district, "request_suspension", [own, moved])

    for text in joined(both(K.SUSPENSION_REQUEST, dispatch)).values():
        day = timezone.localtime(ours.made_at).strftime("%d/%m/%Y")
        assert f"Biên bản số {ours.record_number} ngày {day}" in text
        assert f"Biên bản số {ours.record_number} ngày {day} của" not in text
        assert (
            f"Biên bản số {theirs.record_number} ngày {day} của "
            f"{cast.other_district.unit.name}" in text
        )
