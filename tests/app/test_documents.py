"""Documents linked from pages (a signed agreement, a meeting's minutes): type, size, served."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.app.page_html import parse

pytestmark = pytest.mark.django_db


def test_documents_are_offered_with_their_type_and_size(
    client, settings, tmp_path, make_agreement, make_meeting
):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    settings.MEDIA_ROOT = tmp_path
    signed = Document.objects.create(
        title="ÖK Idé undertecknad", file=ContentFile(b"%PDF-1.4 " * 300, name="ok-ide.pdf")
    )
    minutes = Document.objects.create(
        title="Minnesanteckningar", file=ContentFile(b"x" * 2048, name="protokoll.docx")
    )
    agreement = make_agreement("Med dokument", document=signed)
    held = make_meeting("Hållet", start=timezone.now() - dt.timedelta(days=3), minutes=minutes)
    for page, document in ((agreement, signed), (held, minutes)):
        soup = parse(client.get(page.url))
        link = soup.main.find("a", href=document.url)
        assert link is not None and link.get_text(strip=True)
        described = link.parent.get_text(" ", strip=True)
        assert document.file_extension.upper() in described
        assert client.get(document.url).status_code == 200
