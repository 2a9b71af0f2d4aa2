"""Photos of adverts and vehicles are stored encrypted and shown only to those who may see the observation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.models import Organisation, User
from accounts.roles import Role
from intake.models import ObservationPhoto, Place

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def _file(login_as: Callable[[User], Client], officer: User, place: Place) -> Any:
    return login_as(officer).post("/intake/observations/new/", {
        "place": place.pk, "observed_at": "2026-11-28T10:15", "risk_level": "medium",
        "person-TOTAL_FORMS": "0", "person-INITIAL_FORMS": "0", "vehicle-TOTAL_FORMS": "0",
        "vehicle-INITIAL_FORMS": "0", "photos": [SimpleUploadedFile("advert.png", PNG, content_type="image/png")],
    }, follow=True)


def test_a_photo_is_encrypted_and_served_to_colleagues(login_as: Callable[[User], Client], field_officer: User,
                                                       analyst: User, medyka: Place) -> None:
    _file(login_as, field_officer, medyka)
    photo = ObservationPhoto.objects.get()

    assert PNG not in bytes(photo.content)
    response = login_as(analyst).get(f"/intake/photos/{photo.pk}/")
    assert response.status_code == 200 and response.content == PNG
    assert response["Content-Type"] == "image/png"


def test_another_organisation_cannot_fetch_the_photo(login_as: Callable[[User], Client], field_officer: User,
                                                     medyka: Place, make_user: Callable[..., User],
                                                     border_guard: Organisation) -> None:
    _file(login_as, field_officer, medyka)
    photo = ObservationPhoto.objects.get()

    assert login_as(make_user(Role.ANALYST, border_guard)).get(f"/intake/photos/{photo.pk}/").status_code == 404


def test_a_file_that_is_not_an_image_is_refused(login_as: Callable[[User], Client], field_officer: User,
                                                medyka: Place) -> None:
    page = login_as(field_officer).post("/intake/observations/new/", {
        "place": medyka.pk, "observed_at": "2026-11-28T10:15", "risk_level": "low",
        "person-TOTAL_FORMS": "0", "person-INITIAL_FORMS": "0", "vehicle-TOTAL_FORMS": "0",
        "vehicle-INITIAL_FORMS": "0",
        "photos": [SimpleUploadedFile("x.exe", b"MZ...", content_type="application/octet-stream")],
    }).content.decode()

    assert "Photos must be JPEG, PNG or WebP images." in page
    assert not ObservationPhoto.objects.exists()
