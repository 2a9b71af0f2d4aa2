"""A certificate's QR code leads to the configured public address (decoded from the PDF with zxing-cpp), or in
the demo to the address it is served on; production without the address fails its deploy check. The
certificate names the organisation, the trainers, the hours and the expiry date, and its sentences agree with
the holder's recorded sex."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable

import pytest
import zxingcpp
from django.test import Client
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from accounts.models import User
from training import checks, services
from training.models import Certificate, TrainingEvent

pytestmark = pytest.mark.django_db


def _issue(trainer: User, make_event: Callable[..., TrainingEvent], sex: str) -> Certificate:
    event = make_event(
        title="Identifying forced labour", trainers="Paweł Barabasz, Olha Shevchenko", certificate_valid_months=24
    )
    event.hours = 7
    event.save()
    p = services.add_participant(trainer, event, full_name="Agnieszka Dąbrowska", organisation_name="SG", sex=sex)
    services.mark_attendance(trainer, p, event.start_date, True)
    return services.issue_event_certificates(trainer, event)[0]


def _qr_and_text(pdf_bytes: bytes) -> tuple[list[str], str]:
    page = PdfReader(io.BytesIO(pdf_bytes)).pages[0]
    found: list[str] = []
    for image in page.images:
        picture = Image.open(io.BytesIO(image.data)).convert("L")
        found += [r.text for r in zxingcpp.read_barcodes(picture)]
    return found, page.extract_text()


def test_the_certificates_qr_code_decodes_to_the_configured_address(
    trainer: User, make_event: Callable[..., TrainingEvent], login_as: Callable[[User], Client], settings: object
) -> None:
    certificate = _issue(trainer, make_event, "female")
    settings.CTIMS_PUBLIC_BASE_URL = "https://ctims.example.org"  # type: ignore[attr-defined]
    pdf = login_as(trainer).get(reverse("training:certificate_pdf", args=[certificate.pk])).content
    codes, text = _qr_and_text(pdf)
    assert codes == [f"https://ctims.example.org/certificates/verify/{certificate.code}/"]
    # the event is in Polish; the holder is a woman
    assert "ukończyła" in text and "Paweł Barabasz, Olha Shevchenko" in text
    assert "7" in text and "2028" in text  # hours, and valid for 24 months from October 2026
    assert certificate.expires_on == datetime.date(2028, 10, 5)
    assert "IOM" in text or "International Organization for Migration" in text  # the organisation, by name


def test_without_a_configured_address_the_demo_prints_the_address_it_is_served_on(
    trainer: User, make_event: Callable[..., TrainingEvent], login_as: Callable[[User], Client], settings: object
) -> None:
    certificate = _issue(trainer, make_event, "male")
    settings.CTIMS_PUBLIC_BASE_URL = ""  # type: ignore[attr-defined]
    pdf = (
        login_as(trainer)
        .get(reverse("training:certificate_pdf", args=[certificate.pk]), HTTP_HOST="localhost:8112")
        .content
    )
    codes, text = _qr_and_text(pdf)
    assert codes == [f"http://localhost:8112/certificates/verify/{certificate.code}/"]
    assert "ukończył" in text and "ukończyła" not in text


def test_production_without_the_address_fails_the_deploy_check(settings: object) -> None:
    settings.CTIMS_PUBLIC_BASE_URL = ""  # type: ignore[attr-defined]
    settings.CTIMS_DEMO_MODE = False  # type: ignore[attr-defined]
    assert [e.id for e in checks.public_base_url_is_set()] == ["ctims.E101"]
    settings.CTIMS_PUBLIC_BASE_URL = "https://ctims.example.org"  # type: ignore[attr-defined]
    assert checks.public_base_url_is_set() == []


def test_expiring_certificates_are_listed_for_re_certification(
    trainer: User, make_event: Callable[..., TrainingEvent], login_as: Callable[[User], Client]
) -> None:
    certificate = _issue(trainer, make_event, "female")
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=datetime.date.today() + datetime.timedelta(days=20))
    page = login_as(trainer).get(reverse("training:certificates_expiring")).content.decode()
    assert "Agnieszka Dąbrowska" in page and certificate.code in page
