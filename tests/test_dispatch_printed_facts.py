"""A printed dispatch cites the facts known when its version was printed: a record, a
call, a decision or a payment entered afterwards changes neither its wording nor its
sections, so every reprint is the paper that was signed and the scan stays valid."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from raovat.cases.models import Dispatch, PenaltyDecision
from raovat.cases.models.contact import CallOutcome
from raovat.cases.services import contacts
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform, scan_pdf
from raovat.documents import services
from raovat.documents.kinds import DocumentKind as K
from tests.documents_helpers import pdf_text, penalty_record_for, waiting_case

pytestmark = pytest.mark.django_db


def _letter(dispatch, fmt="pdf") -> bytes:
    return services.document_render(
        kind=K.SUSPENSION_REQUEST, subject=Dispatch.objects.get(pk=dispatch.pk), fmt=fmt
    ).content


def test_a_record_and_a_call_entered_after_printing_leave_the_printed_letter_as_it_was(
    client, cast, make_case, _media
):
    came = waiting_case(cast, make_case)
    penalty_record_for(cast, came)
    absent = waiting_case(cast, make_case, phone="0987 654 321")
    client.force_login(cast.district)
    client.post(
        reverse("handler:dispatch_start", args=["request_suspension"]),
        {"hs": [came.pk, absent.pk]},
    )
    dispatch = Dispatch.objects.get(items__case=came, sent_at__isnull=True)
    response = client.post(reverse("handler:dispatch_print", args=[dispatch.pk]), {})
    printed = pdf_text(client.get(response["Location"]).content)
    client.post(
        reverse("handler:dispatch_attach", args=[dispatch.pk]), {"scan": scan_pdf("CV", [])}
    )
    assert "2. Các chủ thuê bao đã được mời, liên hệ nhưng không đến làm việc" in printed

    # The absent subscriber comes the next morning: a call, then a record dated (as the
    # officer may) before the print, both entered after it.
    contacts.call_record(
        actor=cast.district,
        case=absent,
        outcome=CallOutcome.ANSWERED,
        called_at=timezone.now() - datetime.timedelta(hours=1),
    )
    penalty_record_for(cast, absent)

    assert pdf_text(_letter(dispatch)) == printed
    dispatch.refresh_from_db()
    assert dispatch.scan_is_current and not dispatch.needs_reprint

    # A new version (the note edited) is a new paper: its print tells what is known now.
    client.post(reverse("handler:dispatch_note", args=[dispatch.pk]), {"note": "Bổ sung."})
    response = client.post(reverse("handler:dispatch_print", args=[dispatch.pk]), {})
    fresh = pdf_text(client.get(response["Location"]).content)
    assert "không đến làm việc" not in fresh
    assert "Các chủ thuê bao đã đến làm việc và đã bị lập biên bản" in fresh


def test_a_payment_recorded_after_the_letter_was_sent_does_not_reword_it(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    perform("decide", [case], when=timezone.now() - datetime.timedelta(days=30))
    perform("request_suspension", [_fresh(case)])
    dispatch = Dispatch.objects.get(items__case=case, kind="suspension")
    assert dispatch.sent_at is not None
    before = {fmt: _letter(dispatch, fmt) for fmt in ("pdf", "docx")}
    assert "chưa nộp phạt" in pdf_text(before["pdf"])

    perform("record_payment_on_request", [_fresh(case)])

    assert PenaltyDecision.objects.get(case=case).payment is not None
    after = _letter(dispatch)
    assert pdf_text(after) == pdf_text(before["pdf"])
    assert "đã nộp phạt" not in pdf_text(after)


def _fresh(case):
    case.refresh_from_db()
    return case
