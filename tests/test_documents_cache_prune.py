"""Cached PDFs do not outlive their use: old files and rows go, recent ones stay."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from raovat.documents.models import RenderedDocument

pytestmark = pytest.mark.django_db


def _cached(content_hash: str, days_old: int) -> RenderedDocument:
    document = RenderedDocument(kind="transfer_slip", content_hash=content_hash)
    document.file.save("x.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    document.save()
    RenderedDocument.objects.filter(pk=document.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_old))
    return document


def test_old_cached_pdfs_are_removed_with_their_files(_media):
    old = _cached("a" * 64, days_old=40)
    recent = _cached("b" * 64, days_old=2)
    out = io.StringIO()
    call_command("prune_pdf_cache", "--older-than-days", "30", stdout=out)
    assert "Đã xóa 1 tệp PDF lưu tạm." in out.getvalue()
    assert list(RenderedDocument.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not (_media / old.file.name).exists()
    assert (_media / recent.file.name).exists()
