"""The printed certificate carries the logo of the organisation that ran the event, set by its administrator;
an organisation without a logo gets its name printed there instead, and the certificate still renders."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from accounts import services as accounts_services
from accounts.models import Organisation, User
from accounts.roles import Role
from training import services
from training.models import Certificate, TrainingEvent

pytestmark = pytest.mark.django_db

IOM_BLUE = (0, 51, 160)


def _certificate(trainer: User, make_event: Callable[..., TrainingEvent]) -> Certificate:
    event = make_event(title="Identifying forced labour")
    participant = services.add_participant(trainer, event, full_name="Agnieszka Dąbrowska", organisation_name="SG",
                                           sex="female")
    services.mark_attendance(trainer, participant, event.start_date, True)
    return services.issue_event_certificates(trainer, event)[0]


def _pictures(pdf: bytes) -> list[Image.Image]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return [Image.open(io.BytesIO(image.data)).convert("RGB") for image in page.images]


def test_the_certificate_of_an_organisation_with_a_logo_carries_the_logo(
    trainer: User, make_event: Callable[..., TrainingEvent], make_user: Callable[..., User], iom: Organisation,
    login_as: Callable[[User], Client],
) -> None:
    logo = io.BytesIO()
    Image.new("RGB", (300, 120), IOM_BLUE).save(logo, format="PNG")
    accounts_services.set_organisation_logo(make_user(Role.ADMINISTRATOR, iom), logo.getvalue())
    certificate = _certificate(trainer, make_event)

    answer = login_as(trainer).get(reverse("training:certificate_pdf", args=[certificate.pk]))
    assert answer.status_code == 200
    pictures = _pictures(answer.content)
    assert len(pictures) == 2  # the logo and the QR code
    printed = [p for p in pictures if p.size == (300, 120)]
    assert len(printed) == 1 and printed[0].getpixel((150, 60)) == IOM_BLUE


def test_the_certificate_of_an_organisation_without_a_logo_prints_its_name(
    trainer: User, make_event: Callable[..., TrainingEvent], iom: Organisation, login_as: Callable[[User], Client],
) -> None:
    assert not iom.logo
    certificate = _certificate(trainer, make_event)
    answer = login_as(trainer).get(reverse("training:certificate_pdf", args=[certificate.pk]))
    assert answer.status_code == 200
    assert len(_pictures(answer.content)) == 1  # the QR code alone
    text = PdfReader(io.BytesIO(answer.content)).pages[0].extract_text()
    assert "IOM Poland" in text and "Agnieszka Dąbrowska" in text
