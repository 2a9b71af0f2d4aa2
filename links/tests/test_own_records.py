"""A record of the analyst's own organisation that her role may not open is never "ask the owner": she is
told it is her organisation's and that her role does not open it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Organisation, User
from links.models import Mention
from links.sources import register_source, unregister_source


@pytest.fixture
def closed_observations() -> Iterator[None]:
    register_source("intake.fieldobservation", label="Field observation", can_open=lambda user, pk: False,
                    url=lambda pk: f"/intake/observations/{pk}/", owner_label=lambda pk: "")
    yield
    unregister_source("intake.fieldobservation")


def test_own_organisations_closed_record_does_not_say_ask_the_owner(
        closed_observations: None, police: Organisation, police_analyst: User, report: Callable[..., None],
        login_as: Callable[[User], Client]) -> None:
    report(1, police, 0, "Medyka", ("person", "Шевченко Олександр"), ("phone", "+48 601 234 567"))
    report(2, police, 1, "Korczowa", ("phone", "+48 601 234 567"), source_type="intake.fieldobservation")
    phone = Mention.objects.get(source_id=1, kind="phone").entity_id
    client = login_as(police_analyst)
    page = client.get(reverse("links:entity_detail", args=[phone])).content.decode()
    assert "of your organisation. Your role does not open it." in page
    assert "ask them" not in page
