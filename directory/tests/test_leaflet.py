"""A reception point prints the one-page leaflet in each language: helplines and a QR code to the site."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language, heading", [
    ("en", "Whom to call"), ("pl", "Gdzie dzwonić"), ("uk", "Куди телефонувати"), ("ru", "Куда звонить"),
])
def test_the_leaflet_is_a_one_page_pdf_with_the_helpline_numbers(client: Client, seed_helplines, language, heading):
    response = client.get(f"/leaflet/{language}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for number in ("+48 47 72 565 02", "+48 22 628 01 20", "+48 22 628 99 99", "+48 605 687 750", "112"):
        assert number in text
    assert heading in text
    assert f"/?lang={language}" in text, "the address under the QR code opens the site in this language"
    assert reader.pages[0].images, "the QR code is on the page"


def test_an_unknown_language_has_no_leaflet(client: Client):
    assert client.get("/leaflet/xx.pdf").status_code == 404
