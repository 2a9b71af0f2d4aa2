"""An analyst sees only that another agency's record exists and who owns it, never what it says."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Organisation, User
from audit.models import AuditEvent
from links.models import Mention
from links.sources import register_source, unregister_source


@pytest.fixture
def shared_driver(report: Callable[..., None], police: Organisation, border: Organisation) -> int:
    report(1, police, 0, "Medyka", ("phone", "+48 601 234 567"), ("person", "Shevchenko Oleksandr"))
    report(2, border, 1, "Korczowa", ("phone", "+48 601 234 567"), ("person", "Szewczenko Sasha"),
           ("vehicle", "BC 1234 AK", {"country": "UA"}), source_type="intake.fieldobservation")
    return Mention.objects.get(kind="phone", source_id=1).entity_id or 0


def test_police_analyst_sees_border_guard_record_only_as_existing_and_owned(
        shared_driver: int, police_analyst: User, login_as: Callable[[User], Client]) -> None:
    client = login_as(police_analyst)
    page = client.get(reverse("links:entity_detail", args=[shared_driver])).content.decode()
    assert "Shevchenko Oleksandr" in page  # their own record
    assert "Border Guard" in page and "exists" in page  # the other record: existence and owner
    for secret in ("Szewczenko", "BC 1234 AK", "Korczowa"):
        assert secret not in page
    assert AuditEvent.objects.filter(actor=police_analyst, action="view", object_type="links.entity",
                                     object_id=str(shared_driver)).exists()

    network = client.get(reverse("links:network", args=[shared_driver])).content.decode()
    assert "Border Guard" in network
    for secret in ("Szewczenko", "BC 1234 AK", "Korczowa"):
        assert secret not in network  # nothing inside the closed record is followed

    api = client.get(f"/api/v1/links/entities/{shared_driver}").json()
    hidden = [m for m in api["mentions"] if not m["visible"]]
    assert hidden and set(hidden[0]) == {"id", "kind", "source_type", "source", "owner", "visible"}


def test_entities_of_another_agency_are_not_found(shared_driver: int, police_analyst: User,
                                                  login_as: Callable[[User], Client]) -> None:
    sg_only = Mention.objects.get(kind="vehicle").entity_id
    client = login_as(police_analyst)
    assert client.get(reverse("links:entity_detail", args=[sg_only])).status_code == 404
    assert client.get(f"/api/v1/links/entities/{sg_only}").status_code == 404
    ids = [e["id"] for e in client.get("/api/v1/links/entities").json()["items"]]
    assert sg_only not in ids and shared_driver in ids


@pytest.fixture
def registered_observations(police: Organisation) -> Iterator[None]:
    """Border Guard shares observation 2 with the police (as intake would decide)."""
    register_source("intake.fieldobservation", label="Field observation",
                    can_open=lambda user, pk: pk == 2 and user.organisation_id == police.pk,
                    url=lambda pk: f"/intake/observations/{pk}/", owner_label=lambda pk: "Border Guard, Medyka post")
    yield
    unregister_source("intake.fieldobservation")


def test_a_record_the_owner_shares_opens_through_the_registry(
        shared_driver: int, registered_observations: None, police_analyst: User,
        login_as: Callable[[User], Client]) -> None:
    page = login_as(police_analyst).get(reverse("links:entity_detail", args=[shared_driver])).content.decode()
    assert "Szewczenko Sasha" in page
    assert 'href="/intake/observations/2/"' in page


def test_the_owner_is_named_as_the_organisation_is_called_now(
        shared_driver: int, border: Organisation, police_analyst: User, login_as: Callable[[User], Client]) -> None:
    client = login_as(police_analyst)
    assert "Border Guard" in client.get(reverse("links:entity_detail", args=[shared_driver])).content.decode()
    border.name = "Border Guard HQ, Przemyśl unit"
    border.save()
    page = client.get(reverse("links:entity_detail", args=[shared_driver])).content.decode()
    assert "Border Guard HQ, Przemyśl unit" in page  # who to ask, under the name they answer to today


@pytest.mark.parametrize("shared", [True, False])
def test_a_records_code_is_shown_only_to_who_may_open_it(
        shared: bool, shared_driver: int, police: Organisation, police_analyst: User,
        login_as: Callable[[User], Client]) -> None:
    register_source("intake.fieldobservation", label="Field observation",
                    can_open=lambda user, pk: shared and user.organisation_id == police.pk,
                    url=lambda pk: f"/intake/observations/{pk}/", owner_label=lambda pk: "",
                    code=lambda pk: f"OBS-{pk:05d}")
    try:
        client = login_as(police_analyst)
        page = client.get(reverse("links:entity_detail", args=[shared_driver])).content.decode()
        network = client.get(reverse("links:network", args=[shared_driver])).content.decode()
    finally:
        unregister_source("intake.fieldobservation")
    assert ("Field observation OBS-00002" in page) is shared, "evidence rows tell records apart by their code"
    assert ("OBS-00002" in network) is shared
