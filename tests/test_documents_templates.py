"""Templates an administrator uploads: checked at upload, chosen unit → global → shipped."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from raovat.cases.models import Case, Counter
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from raovat.documents import services
from raovat.documents.kinds import DocumentKind as K
from raovat.documents.models import DocumentTemplate
from tests.documents_helpers import dispatch_of, docx_text

pytestmark = pytest.mark.django_db
ADD_URL = "admin:documents_documenttemplate_add"


def docx_upload(*paragraphs: str) -> SimpleUploadedFile:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("mau.docx", out.getvalue())


def upload(client, admin, file, kind=K.TRANSFER_SLIP, unit=""):
    client.force_login(admin)
    return client.post(reverse(ADD_URL), {"kind": kind, "unit": unit, "file": file, "active": "on"})


def stored_files(media: Path) -> list[Path]:
    folder = media / "document-templates"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_admin_stores_a_good_template(client, cast, _media):
    response = upload(client, cast.admin, docx_upload("MẪU CHUNG", "Số: {{ number_label }}"))
    assert response.status_code == 302
    template = DocumentTemplate.objects.get()
    assert (template.kind, template.unit, template.active) == (K.TRANSFER_SLIP, None, True)
    assert template.uploaded_by == cast.admin
    assert len(stored_files(_media)) == 1


@pytest.mark.parametrize(
    ("paragraphs", "message"),
    [
        (
            ["Tiêu đề", "Số: {{ number_label }"],
            "Mẫu có lỗi cú pháp ở đoạn 2 («Số: {{ number_label }»)",
        ),
        (["{% for row in rows %}{{ row.no }}"], "thiếu thẻ đóng"),
        (
            ["Số: {{ so_van_ban }}"],
            "Mẫu dùng trường “so_van_ban” không có trong loại văn bản "
            "“Phiếu chuyển đề nghị cung cấp thông tin thuê bao” (đoạn 1",
        ),
        (["{% for row in rows %}{{ row.sdt }}{% endfor %}"], "Mẫu dùng trường “sdt”"),
    ],
)
def test_admin_refuses_a_broken_template_saying_where(client, cast, _media, paragraphs, message):
    response = upload(client, cast.admin, docx_upload(*paragraphs))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DocumentTemplate.objects.exists()
    assert stored_files(_media) == []


def test_admin_refuses_a_file_that_is_not_word(client, cast):
    response = upload(client, cast.admin, SimpleUploadedFile("mau.docx", b"not a zip"))
    assert "Tệp không phải tài liệu Word (.docx) hợp lệ." in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_add_page_lists_the_placeholders_with_their_meaning(client, cast):
    client.force_login(cast.admin)
    page = client.get(reverse(ADD_URL)).content.decode()
    for text in [
        "{{ number_label }}",
        "Số văn bản",
        "{{ row.case_number }}",
        "Thư mời",
        "tải mẫu gốc",
        "tệp PDF luôn dùng bố cục",
    ]:
        assert text in page


def test_docx_uses_unit_template_then_global_then_shipped(cast, make_case):
    first = advance(make_case(cast.ward), State.CONFIRMED)
    second = advance(make_case(cast.ward_q3, phone="0987 654 321"), State.CONFIRMED)
    ours = dispatch_of(cast.district, "send_to_telecom", [first])
    theirs = dispatch_of(cast.other_district, "send_to_telecom", [second])

    def text(dispatch):
        return docx_text(
            services.document_render(kind=K.TRANSFER_SLIP, subject=dispatch, fmt="docx").content
        )

    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text(ours)
    services.template_upload(
        actor=cast.admin,
        kind=K.TRANSFER_SLIP,
        unit=None,
        upload=docx_upload("MẪU CHUNG {{ number_label }}"),
    )
    services.template_upload(
        actor=cast.admin,
        kind=K.TRANSFER_SLIP,
        unit=cast.district.unit,
        upload=docx_upload("MẪU QUẬN 1 {{ number_label }}"),
    )
    assert text(ours) == "MẪU QUẬN 1 1/PC-VHTTQ1"
    assert text(theirs) == "MẪU CHUNG 1/PC-VHTTQ3"


def test_a_new_upload_replaces_the_active_template(cast):
    old = services.template_upload(
        actor=cast.admin, kind=K.INVITATION, unit=None, upload=docx_upload("CŨ {{ number_label }}")
    )
    new = services.template_upload(
        actor=cast.admin, kind=K.INVITATION, unit=None, upload=docx_upload("MỚI {{ number_label }}")
    )
    old.refresh_from_db()
    assert (old.active, new.active) == (False, True)


def test_preview_renders_a_sample_case_without_touching_cases(client, cast):
    template = services.template_upload(
        actor=cast.admin,
        kind=K.INVITATION,
        unit=None,
        upload=docx_upload(
            "Kính gửi: {{ salutation }} {{ subscriber_name }}",
            "{% for s in sightings %}{{ s.place }}; {% endfor %}",
        ),
    )
    cases, counters = Case.objects.count(), list(Counter.objects.values_list("key", "last"))
    client.force_login(cast.admin)

    response = client.get(reverse("admin:documents_documenttemplate_preview", args=[template.pk]))

    assert response.status_code == 200
    text = docx_text(response.content)
    assert "Kính gửi: Ông (Bà) Nguyễn Văn An" in text
    assert "Trụ điện trước số 45 Lê Thánh Tôn" in text
    assert Case.objects.count() == cases
    assert list(Counter.objects.values_list("key", "last")) == counters


def test_preview_action_needs_exactly_one_template(client, cast):
    template = services.template_upload(
        actor=cast.admin, kind=K.INVITATION, unit=None, upload=docx_upload("{{ subscriber_name }}")
    )
    client.force_login(cast.admin)
    response = client.post(
        reverse("admin:documents_documenttemplate_changelist"),
        {"action": "preview", "_selected_action": [template.pk]},
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "Nguyễn Văn An" in docx_text(response.content)


@pytest.mark.parametrize("kind", K.values)
def test_every_shipped_template_passes_the_upload_check(cast, kind):
    with open(services.SHIPPED / f"{kind}.docx", "rb") as handle:
        template = services.template_upload(
            actor=cast.admin,
            kind=kind,
            unit=None,
            upload=SimpleUploadedFile("mau.docx", handle.read()),
        )
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in docx_text(
        services.template_preview(template=template).content
    )
