"""A case worker attaches documents to a case: a scan (PDF), a photo, an office document or plain
text is stored with the type its content shows; a program renamed .pdf is refused with a message
beside the File field, and so is a file over the limit, and the title typed stays in the form."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF
from PIL import Image

from protection import services
from protection.models import CaseDocument

# A real Windows program (pip's launcher for scripts), as someone might rename it to get it through.
WINDOWS_PROGRAM = Path(__file__).resolve().parents[2] / ".venv/lib/python3.11/site-packages/pip/_vendor/distlib/t64.exe"


def _pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Statement to the Border Guard")
    return bytes(pdf.output())


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, format="PNG")
    return out.getvalue()


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["date", "amount paid"])  # type: ignore[union-attr]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(client: Any, case_id: int, name: str, content: bytes, title: str = "") -> Any:
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")  # what the browser claims
    return client.post(f"/protection/cases/{case_id}/documents/", {"title": title or name, "file": upload})


def test_documents_are_stored_with_the_type_their_content_shows(login_as: Any, iom_worker: Any, make_case: Any
                                                                 ) -> None:
    case = make_case()
    client = login_as(iom_worker)
    for name, content in [("statement.pdf", _pdf()), ("photo-of-passport.pdf", _png()), ("payments.xlsx", _xlsx()),
                          ("notes.txt", "Zapłaciła 800 EUR pośrednikowi.\n".encode())]:
        assert _upload(client, case.id, name, content).status_code == 302, name
    stored = {d.title: d.content_type for d in CaseDocument.objects.all()}
    assert stored == {
        "statement.pdf": "application/pdf",
        "photo-of-passport.pdf": "image/png",  # the browser said PDF; the content is a photo
        "payments.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "notes.txt": "text/plain",
    }
    photo = next(d for d in CaseDocument.objects.all() if d.title == "photo-of-passport.pdf")
    assert client.get(f"/protection/cases/{case.id}/documents/{photo.pk}/")["Content-Type"] == "image/png"


def test_a_program_renamed_pdf_is_refused_with_a_message_beside_the_file_field(
    login_as: Any, iom_worker: Any, make_case: Any
) -> None:
    case = make_case()
    client = login_as(iom_worker)
    response = _upload(client, case.id, "passport-scan.pdf", WINDOWS_PROGRAM.read_bytes(), title="Passport scan")
    page = response.content.decode()
    assert response.status_code == 200 and not CaseDocument.objects.exists()
    assert "File: passport-scan.pdf is not a PDF" in page  # the error summary names the field
    assert 'value="Passport scan"' in page  # nothing typed is lost
    html = _upload(client, case.id, "statement.pdf", b"<html><script>alert(1)</script></html>").content.decode()
    assert "statement.pdf is not a PDF" in html and not CaseDocument.objects.exists()


def test_a_document_over_the_limit_is_refused_as_it_arrives(login_as: Any, iom_worker: Any, make_case: Any) -> None:
    case = make_case()
    client = login_as(iom_worker)
    too_big = _pdf() + b"\n%" + b"x" * (services.MAX_DOCUMENT_BYTES + 2 * 1024 * 1024)
    response = _upload(client, case.id, "scan.pdf", too_big, title="Scan of the contract")
    page = response.content.decode()
    assert response.status_code == 200 and not CaseDocument.objects.exists()
    assert "File: The file scan.pdf is 12.0\xa0MB; this field accepts files up to 10.0\xa0MB." in page
    assert 'value="Scan of the contract"' in page
