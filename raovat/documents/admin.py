from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from raovat.cases.models import LegalBasis
from raovat.documents import docx_templates, services
from raovat.documents.contexts import FIELDS, ROW_FIELDS
from raovat.documents.kinds import DocumentKind
from raovat.documents.models import DocumentTemplate

HELP = (
    "Mẫu tải lên chỉ dùng khi tải văn bản dạng DOCX; tệp PDF luôn dùng bố cục "
    "có sẵn theo Nghị định 30/2020/NĐ-CP. Thứ tự dùng mẫu: mẫu riêng của đơn vị, nếu không có "
    "thì mẫu dùng chung, nếu không có nữa thì mẫu gốc của hệ thống."
)


class DocumentTemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ["kind", "unit", "file", "active"]

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if self.instance.pk is None and upload and data.get("kind"):
            try:
                docx_templates.check(data["kind"], upload)
            except ValidationError as error:
                self.add_error("file", error)
        return data


def _download(rendered) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    form = DocumentTemplateForm
    list_display = ["kind", "unit_label", "active", "uploaded_by", "uploaded_at", "preview_link"]
    list_filter = ["kind", "active"]
    autocomplete_fields = ["unit"]  # search as you type among thousands of units
    actions = ["preview"]
    fieldsets = [
        (None, {"fields": ["kind", "unit", "file", "active", "placeholders"], "description": HELP})
    ]

    def get_readonly_fields(self, request, obj=None):
        # A stored template is never edited: upload a new one, which replaces it.
        if obj is not None:
            return ["kind", "unit", "file", "placeholders"]
        return ["placeholders"]

    @admin.display(description="đơn vị")
    def unit_label(self, obj):
        return obj.unit.short_name if obj.unit_id else "Mọi đơn vị"

    @admin.display(description="xem thử")
    def preview_link(self, obj):
        url = reverse("admin:documents_documenttemplate_preview", args=[obj.pk])
        return format_html('<a href="{}">Xem thử</a>', url)

    @admin.display(description="các trường dùng được trong mẫu")
    def placeholders(self, obj):
        kinds = [obj.kind] if obj is not None and obj.kind else DocumentKind.values
        return format_html_join("", "{}", ((self._placeholder_table(kind),) for kind in kinds))

    def _placeholder_table(self, kind):
        rows = [(f"{{{{ {name} }}}}", text) for name, text in FIELDS[kind].items()]
        rows += [
            (f"{{{{ row.{name} }}}}", f"Trong bảng: {text}")
            for name, text in ROW_FIELDS.get(kind, {}).items()
        ]
        shipped = reverse("admin:documents_documenttemplate_shipped", args=[kind])
        return format_html(
            '<h3 style="margin-top:1em">{} – <a href="{}">tải mẫu gốc</a></h3>'
            "<table><thead><tr><th>Trường</th><th>Ý nghĩa</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            DocumentKind(kind).label,
            shipped,
            format_html_join("", "<tr><td><code>{}</code></td><td>{}</td></tr>", rows),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            services.template_upload(
                actor=request.user,
                kind=obj.kind,
                unit=obj.unit,
                upload=form.cleaned_data["file"],
                template=obj,
            )
        elif "active" in form.changed_data:
            services.template_set_active(template=obj, active=obj.active)

    def get_urls(self):
        return [
            path(
                "<int:pk>/xem-thu/",
                self.admin_site.admin_view(self.preview_view),
                name="documents_documenttemplate_preview",
            ),
            path(
                "mau-goc/<str:kind>/",
                self.admin_site.admin_view(self.shipped_view),
                name="documents_documenttemplate_shipped",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk: int):
        template = get_object_or_404(DocumentTemplate, pk=pk)
        return _download(services.template_preview(template=template))

    def shipped_view(self, request, kind: str):
        if kind not in DocumentKind.values:
            raise Http404("Không có loại văn bản này.")
        return FileResponse(
            open(services.SHIPPED / f"{kind}.docx", "rb"),
            as_attachment=True,
            filename=services.file_name(kind, "mau-goc", "docx"),
        )

    @admin.action(description="Xem thử")
    def preview(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Hãy chọn đúng một mẫu để xem thử.", messages.WARNING)
            return None
        return _download(services.template_preview(template=queryset.get()))


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    """Căn cứ pháp lý: what documents cite, corrected here when a law is amended."""

    list_display = ["__str__", "purpose", "position", "active"]
    list_filter = ["purpose", "active"]
    list_editable = ["position", "active"]
    search_fields = ["document", "short_document", "act"]
    fieldsets = [
        (None, {"fields": ["purpose", "document", "short_document"]}),
        ("Điều khoản", {"fields": ["article", "clause", "point", "amended_by", "act"]}),
        (
            "Mức phạt và hiệu lực",
            {
                "fields": [
                    ("fine_min_individual", "fine_max_individual"),
                    ("fine_min_organisation", "fine_max_organisation"),
                    ("valid_from", "valid_to"),
                ]
            },
        ),
        ("Đối chiếu", {"fields": ["source", "position", "active"]}),
    ]
