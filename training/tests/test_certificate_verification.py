"""The public verification page (and API) confirms a valid certificate and says nothing otherwise."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import User
from training import services
from training.models import Certificate, TrainingEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(trainer: User, make_event: Callable[..., TrainingEvent]) -> Certificate:
    event = make_event(title="Identifying forced labour during checks")
    p = services.add_participant(trainer, event, full_name="Agnieszka Dąbrowska", organisation_name="SG")
    services.mark_attendance(trainer, p, event.start_date, True)
    return services.issue_event_certificates(trainer, event)[0]


def test_anyone_can_confirm_a_valid_certificate_by_its_code(certificate: Certificate) -> None:
    page = Client().get(f"/certificates/verify/{certificate.code}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "This certificate is valid" in text
    assert "Agnieszka Dąbrowska" in text and "Identifying forced labour during checks" in text
    assert "5 October 2026" in text or "Oct. 5, 2026" in text


def test_a_revoked_certificate_looks_exactly_like_an_unknown_code(certificate: Certificate, trainer: User) -> None:
    unknown = Client().get("/certificates/verify/ZZZZZZZZZZZZ/")
    services.revoke_certificate(trainer, certificate)
    revoked = Client().get(f"/certificates/verify/{certificate.code}/")
    assert revoked.status_code == unknown.status_code == 404
    assert "Agnieszka" not in revoked.content.decode()
    assert "valid" not in revoked.content.decode().lower()


def test_the_api_verifies_codes_without_signing_in(certificate: Certificate, trainer: User) -> None:
    ok = Client().get(f"/api/v1/certificates/verify/{certificate.code}")
    assert ok.status_code == 200
    assert ok.json() == {
        "code": certificate.code,
        "holder_name": "Agnieszka Dąbrowska",
        "title": "Identifying forced labour during checks",
        "completed_on": "2026-10-05",
    }
    missing = Client().get("/api/v1/certificates/verify/NOPE23456789")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    services.revoke_certificate(trainer, certificate)
    assert Client().get(f"/api/v1/certificates/verify/{certificate.code}").status_code == 404


def test_the_certificate_pdf_carries_the_code_and_only_its_holder_downloads_it(
    certificate: Certificate, trainer: User, make_user: Callable[..., User], login_as: Callable[[User], Client]
) -> None:
    response = login_as(trainer).get(reverse("training:certificate_pdf", args=[certificate.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    stranger = make_user("learner")
    assert login_as(stranger).get(reverse("training:certificate_pdf", args=[certificate.pk])).status_code == 404


def test_in_polish_the_page_says_what_the_holder_completed_not_a_status(certificate: Certificate) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    text = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "Ten certyfikat jest ważny" in text
    assert "<dt>Ukończone szkolenie lub kurs</dt><dd>Identifying forced labour during checks</dd>" in text


def test_a_certificate_is_written_in_its_events_language_whoever_downloads_it(
    certificate: Certificate, trainer: User, login_as: Callable[[User], Client]
) -> None:
    from unittest import mock

    from training import pdf

    assert certificate.participant.event.language == "pl"  # the default for events
    seen: list[str] = []
    real = pdf._certificate_pdf

    def spy(cert: Certificate, *args: object) -> bytes:
        from django.utils import translation

        seen.append(translation.get_language())
        return real(cert, *args)  # type: ignore[arg-type]

    with mock.patch.object(pdf, "_certificate_pdf", spy):
        login_as(trainer).get(reverse("training:certificate_pdf", args=[certificate.pk]), HTTP_ACCEPT_LANGUAGE="ru")
    assert seen == ["pl"]
