"""Documents are stored encrypted, served only through a checked view to the owner organisation, and audited."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import Action, AuditEvent
from protection import services
from protection.choices import CasePart, ReferralReason
from protection.models import CaseDocument


def test_an_uploaded_document_is_encrypted_at_rest_and_downloaded_by_the_owner(login_as, iom_worker, make_case):
    case = make_case()
    client = login_as(iom_worker)
    client.post(f"/protection/cases/{case.id}/documents/", {
        "title": "Statement to the Border Guard",
        "file": SimpleUploadedFile("statement.txt", b"I was told to pay 800 EUR")})
    doc = CaseDocument.objects.get()
    stored = (Path(settings.MEDIA_ROOT) / "protection" / doc.storage_name).read_bytes()
    assert b"800 EUR" not in stored
    response = client.get(f"/protection/cases/{case.id}/documents/{doc.id}/")
    assert response.content == b"I was told to pay 800 EUR"
    assert "statement" not in response["Content-Disposition"], "no file names (personal) in headers"
    assert AuditEvent.objects.filter(action=Action.VIEW, object_type="protection.casedocument").exists()


def test_a_referral_partner_cannot_download_documents(login_as, iom_worker, ls_worker, lastrada, make_case, share):
    case = make_case()
    doc = services.add_document(iom_worker, case.id, title="Passport copy", filename="p.pdf",
                                content_type="application/pdf", content=b"%PDF")
    share(case, lastrada, parts=list(CasePart.values))
    services.send_referral(iom_worker, case.id, to_organisation=lastrada, reason=ReferralReason.OTHER)
    assert login_as(ls_worker).get(f"/protection/cases/{case.id}/documents/{doc.id}/").status_code == 404
