"""Legal bases as data: cited as written by an administrator, chosen on the record form."""

import pytest
from django.urls import reverse
from django.utils import timezone

from raovat.cases.models import LegalBasis, LegalPurpose, PenaltyRecord
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform
from raovat.documents import services
from raovat.documents.contexts.decision import decision_context
from raovat.documents.kinds import DocumentKind as K
from tests.dates import now_dmy_hm
from tests.documents_helpers import pdf_text, waiting_case

pytestmark = pytest.mark.django_db


def test_a_citation_names_point_clause_article_and_the_amending_act():
    basis = LegalBasis(
        purpose=LegalPurpose.VIOLATION,
        document="Nghị định số 38/2021/NĐ-CP",
        article=34,
        clause=2,
        point="b",
        amended_by="Nghị định số 129/2021/NĐ-CP",
    )
    assert basis.citation() == (
        "Điểm b khoản 2 Điều 34 Nghị định số 38/2021/NĐ-CP (được sửa "
        "đổi, bổ sung bởi Nghị định số 129/2021/NĐ-CP)"
    )
    ground = LegalBasis(purpose=LegalPurpose.RECORD_GROUND, document="Luật Quảng cáo")
    assert ground.ground() == "Căn cứ Luật Quảng cáo;"


def test_the_administrator_edits_legal_bases_in_vietnamese(client, cast):
    client.force_login(cast.admin)
    response = client.get(reverse("admin:cases_legalbasis_changelist"))
    assert response.status_code == 200
    assert "căn cứ pháp lý" in response.content.decode().lower()


def test_the_record_form_offers_the_bases_and_the_record_cites_the_chosen_one(
    client, cast, make_case
):
    case = waiting_case(cast, make_case)
    basis = LegalBasis.objects.create(
        purpose=LegalPurpose.VIOLATION,
        article=34,
        clause=3,
        document="Nghị định số 38/2021/NĐ-CP",
        position=5,
    )
    client.force_login(cast.district)
    url = reverse("handler:penalty", args=[case.number])
    page = client.get(url).content.decode()
    assert "Quy định về hành vi vi phạm" in page and "Khoản 3 Điều 34" in page

    response = client.post(
        url,
        {
            "request_key": page.split('name="request_key" value="')[1][:32],
            "made_at": f"{timezone.localtime():%d/%m/%Y %H:%M}",
            "place": "28 Lê Thánh Tôn",
            "violation_basis": basis.pk,
            "amount": "1500000",
            "violator_nationality": "Việt Nam",
            "violator_occupation": "Thợ sơn",
            "id_issued_on": "10/06/2021",
            "id_issued_place": "Cục Cảnh sát QLHC về TTXH",
            "seized_items": "",
            "summons_at": "",
            "summons_place": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = PenaltyRecord.objects.get(case=case)
    assert record.violation_basis == basis and record.violator_occupation == "Thợ sơn"
    text = pdf_text(
        services.document_render(kind=K.VIOLATION_RECORD, subject=record, fmt="pdf").content
    )
    assert "Quy định tại: Khoản 3 Điều 34 Nghị định số 38/2021/NĐ-CP." in text
    assert "Nghề nghiệp: Thợ sơn" in text


def test_the_record_form_refuses_no_basis_at_all(client, cast, make_case):
    case = waiting_case(cast, make_case)
    client.force_login(cast.district)
    response = client.post(
        reverse("handler:penalty", args=[case.number]),
        {
            "made_at": now_dmy_hm(),
            "place": "28 Lê Thánh Tôn",
            "violation_basis": "",
            "legal_basis": "",
            "amount": "0",
        },
    )
    assert response.status_code == 200
    assert "Cần chọn quy định về hành vi vi phạm" in response.content.decode()
    assert not PenaltyRecord.objects.filter(case=case).exists()


# -- the shipped bases, checked (decision 014) ------------------------------------------


def test_every_shipped_basis_names_its_source():
    bases = list(LegalBasis.objects.all())
    assert len(bases) == 11
    assert [b for b in bases if b.source.startswith("Chưa đối chiếu")] == []
    assert all("http" in b.source for b in bases)


def test_the_poles_provision_is_cited_as_the_decree_writes_it():
    poles = LegalBasis.objects.get(purpose="violation", article=34, clause=1)
    assert poles.citation() == "Khoản 1 Điều 34 Nghị định số 38/2021/NĐ-CP"
    assert poles.act.startswith("Treo, đặt, dán, vẽ các sản phẩm quảng cáo trên cột điện")
    assert poles.fine_range("individual") == (1_000_000, 2_000_000)
    # The amending decree stays on the decree-level grounds.
    ground = LegalBasis.objects.get(purpose="record_ground", document__contains="38/2021")
    assert "(được sửa đổi, bổ sung bởi Nghị định số 129/2021/NĐ-CP)" in ground.ground()


def test_walls_have_their_own_provision_and_the_ads_law_its_2025_amendment():
    walls = LegalBasis.objects.get(purpose="violation", article=7, clause=2, point="l")
    assert walls.citation() == "Điểm l khoản 2 Điều 7 Nghị định số 144/2021/NĐ-CP"
    ads = LegalBasis.objects.get(purpose="suspension_ground", document__startswith="Luật Quảng")
    assert "Luật số 75/2025/QH15" in ads.ground()
    law = LegalBasis.objects.get(purpose="decision_ground", document__contains="Điều 57")
    assert "Luật số 88/2025/QH15" in law.ground()


def test_a_wall_case_is_recorded_and_decided_under_decree_144(cast, make_case):
    case = advance(
        make_case(cast.ward, place="Tường rào công viên Tao Đàn, đường Trương Định"),
        State.AWAITING_SUBSCRIBER,
    )
    perform("decide", [case])
    case.refresh_from_db()
    assert case.decision.legal_basis.article == 7
    assert case.penalty_records.get().legal_basis.startswith("Điểm l khoản 2 Điều 7")
    context = decision_context(case.decision)
    assert any("Nghị định số 144/2021/NĐ-CP" in line for line in context["legal_bases"])
    text = " ".join(
        pdf_text(
            services.document_render(
                kind=K.PENALTY_DECISION, subject=case.decision, fmt="pdf"
            ).content
        ).split()
    )
    assert "Điểm l khoản 2 Điều 7 Nghị định số 144/2021/NĐ-CP" in text
