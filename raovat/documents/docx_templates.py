"""Rendering DOCX templates, and refusing a bad one at upload rather than failing later."""

import io
import re
import zipfile

from django.core.exceptions import ValidationError
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateSyntaxError, Undefined, UndefinedError, meta
from jinja2.sandbox import SandboxedEnvironment

from raovat.documents.contexts import FIELDS
from raovat.documents.contexts.samples import sample_context
from raovat.documents.kinds import DocumentKind

# docxtpl's row/paragraph/cell/run tags ("{%tr for … %}") are plain Jinja once the prefix
# is gone; stripping it lets one Jinja parse of the text find every error.
_DOCXTPL_PREFIX = re.compile(r"(\{[{%])(?:tr|tc|p|r)\s")
_MISSING_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'|'([^']+)' is undefined")

_REASONS = [
    ("unexpected end of template", "thiếu thẻ đóng (ví dụ {% endfor %} hoặc {% endif %})"),
    ("unknown tag", "thẻ {% … %} không hợp lệ"),
    ("unexpected '}'", "thiếu một dấu ngoặc nhọn (phải là {{ … }})"),
    ("unexpected char", "có ký tự không hợp lệ trong thẻ"),
    ("expected token 'end of print statement'", "tên trường viết sai (có dấu cách hoặc ký tự lạ)"),
]


def environment(*, strict: bool = False) -> SandboxedEnvironment:
    # Sandboxed: templates come from uploads, and must not reach Python internals.
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined if strict else Undefined)


def render(source, context: dict) -> bytes:
    template = DocxTemplate(source)
    template.render(context, jinja_env=environment(), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def _paragraphs(document) -> list[str]:
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.footer._element]
    texts = []
    for part in parts:
        for paragraph in part.iter(qn("w:p")):
            texts.append("".join(node.text or "" for node in paragraph.iter(qn("w:t"))))
    return texts


def _reason(message: str) -> str:
    for english, vietnamese in _REASONS:
        if english in message.lower():
            return vietnamese
    return "thẻ {{ … }} hoặc {% … %} viết sai hoặc chưa đóng"


def _where(texts: list[str], needle: str) -> str:
    for number, text in enumerate(texts, 1):
        if needle in text:
            return f" (đoạn {number}: «{text.strip()[:80]}»)"
    return ""


def check(kind: str, upload) -> None:
    """Raise ValidationError, in Vietnamese and saying where, if the template cannot work."""
    label = DocumentKind(kind).label
    data = upload.read()
    upload.seek(0)
    try:
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
        texts = _paragraphs(template.docx)
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise ValidationError("Tệp không phải tài liệu Word (.docx) hợp lệ.") from None
    source = _DOCXTPL_PREFIX.sub(r"\1 ", "\n".join(texts))
    env = environment(strict=True)
    try:
        parsed = env.parse(source)
    except TemplateSyntaxError as exc:
        number = min(max(exc.lineno or 1, 1), len(texts))
        text = texts[number - 1].strip()[:80] if texts else ""
        raise ValidationError(
            f"Mẫu có lỗi cú pháp ở đoạn {number} («{text}»): {_reason(exc.message or '')}."
        ) from None
    unknown = sorted(meta.find_undeclared_variables(parsed) - set(FIELDS[kind]))
    if unknown:
        name = unknown[0]
        raise ValidationError(
            f"Mẫu dùng trường “{name}” không có trong loại văn bản “{label}”"
            f"{_where(texts, name)}. Xem danh sách trường dùng được bên dưới."
        )
    try:
        DocxTemplate(io.BytesIO(data)).render(sample_context(kind), jinja_env=env, autoescape=True)
    except UndefinedError as exc:
        found = _MISSING_ATTRIBUTE.search(str(exc))
        name = next((g for g in found.groups() if g), "") if found else ""
        raise ValidationError(
            f"Mẫu dùng trường “{name}” không có trong loại văn bản “{label}”"
            f"{_where(texts, name) if name else ''}. Xem danh sách trường dùng được bên dưới."
        ) from None
    except Exception:
        # Anything else docxtpl trips on would fail the same way when an officer prints.
        raise ValidationError(
            "Không tạo được văn bản từ mẫu này: kiểm tra các thẻ {% … %} trong bảng "
            "(vòng lặp dòng bảng phải dùng {%tr for … %} … {%tr endfor %})."
        ) from None
