"""The network page an analyst reads: every node named (a person she may not see is "Person (record of
Police HQ)", never a blank "Person"), a legend of node and line kinds, the filters folded until used, and
the graph delivered with the page (no second request for its data)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

import pytest
from django.test import Client

from accounts.models import Organisation, User
from links.models import Mention
from links.sources import register_source, unregister_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_observations() -> Iterator[None]:
    register_source("intake.fieldobservation", label="Field observation", can_open=lambda user, pk: False,
                    url=lambda pk: f"/intake/observations/{pk}/", owner_label=lambda pk: "")
    yield
    unregister_source("intake.fieldobservation")


def test_a_person_she_may_not_see_is_named_by_kind_and_owner(
        closed_observations: None, police: Organisation, police_analyst: User, report: Callable[..., None],
        login_as: Callable[[User], Client]) -> None:
    report(1, police, 0, "Medyka", ("person", "Шевченко Олександр"), ("phone", "+48 601 234 567"),
           source_type="intake.fieldobservation")
    person = Mention.objects.get(kind="person").entity_id
    client = login_as(police_analyst)
    listing = client.get("/links/?kind=person").content.decode()
    assert re.search(rf'href="/links/entities/{person}/">Person \(record of Police HQ\)</a>', listing)
    assert not re.search(r">Person</a>", listing)
    page = client.get(f"/links/entities/{person}/network/").content.decode()
    assert "Network: Person (record of Police HQ)" in page
    assert "Шевченко" not in page


def test_the_network_page_has_a_legend_zoom_and_folded_filters_and_carries_its_graph(
        police: Organisation, police_analyst: User, report: Callable[..., None],
        login_as: Callable[[User], Client]) -> None:
    report(1, police, 0, "Medyka", ("person", "Шевченко Олександр"), ("phone", "+48 601 234 567"))
    report(2, police, 1, "Korczowa", ("phone", "+48 601 234 567"), ("vehicle", "BC 1234 AK"))
    phone = Mention.objects.filter(kind="phone").first().entity_id  # type: ignore[union-attr]
    client = login_as(police_analyst)
    page = client.get(f"/links/entities/{phone}/network/").content.decode()
    assert '<details class="links-filter-panel">' in page  # folded: no filter chosen
    for text in ("Legend", "mentioned in the record", "s place", "key connector", "Zoom in",
                 "Fit to screen"):
        assert text in page
    graph = json.loads(re.search(r'id="links-network-data" type="application/json">(.*?)</script>', page,
                                 re.S).group(1))  # type: ignore[union-attr]
    assert {n["type"] for n in graph["nodes"]} >= {"phone", "person", "vehicle", "record", "place"}
    assert {e["kind"] for e in graph["edges"]} == {"record", "place"}
    assert all(n["label"] for n in graph["nodes"])
    filtered = client.get(f"/links/entities/{phone}/network/?type=person").content.decode()
    assert '<details class="links-filter-panel" open>' in filtered
