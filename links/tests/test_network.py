"""The network around an identity: filter by type and date; the no-JS table lists nodes and key connectors."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from accounts.models import Organisation, User
from links.models import Mention


def test_network_table_filters_by_type_and_date(report: Callable[..., None], police: Organisation,
                                                police_analyst: User, login_as: Callable[[User], Client]) -> None:
    report(1, police, 0, "Medyka", ("phone", "+48 601 234 567"), ("vehicle", "BC 1234 AK", {"country": "UA"}))
    report(2, police, 3, "Korczowa", ("phone", "+48 601 234 567"), ("account", "@driver_sasha", {"service": "tg"}))
    report(3, police, 30, "Hrebenne", ("phone", "+48 601 234 567"), ("vehicle", "LU 55555", {"country": "PL"}))
    phone = Mention.objects.filter(kind="phone").first()
    assert phone is not None
    url = reverse("links:network", args=[phone.entity_id])
    client = login_as(police_analyst)

    page = client.get(url).content.decode()
    for text in ("BC 1234 AK", "@driver_sasha", "LU 55555", "Medyka", "Korczowa", "Hrebenne"):
        assert text in page
    assert '<span class="tag tag--danger">Key connector</span>' in page  # networkx centrality, highlighted
    assert 'id="links-network-data"' in page  # the data cytoscape draws

    only_vehicles = client.get(url, {"type": ["vehicle", "record"]}).content.decode()
    assert "BC 1234 AK" in only_vehicles and "@driver_sasha" not in only_vehicles and "Medyka" not in only_vehicles

    first_week = client.get(url, {"from": "2026-11-01", "to": "2026-11-08"}).content.decode()
    assert "BC 1234 AK" in first_week and "LU 55555" not in first_week
