"""The links API: entities, alerts and decisions, through the same scoped selectors as the pages."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from accounts.models import Organisation, User
from links.models import MatchPair, MatchStatus


def test_analyst_lists_entities_and_alerts_and_rejects_a_proposal(
        report: Callable[..., None], police: Organisation, police_analyst: User, border_analyst: User,
        login_as: Callable[[User], Client]) -> None:
    for i, (day, place, name) in enumerate([(0, "Medyka", "Шевченко Олександр"), (1, "Korczowa", "Shevchenko Sasha"),
                                            (2, "Przemyśl", "Szewczenko Oleksandr")], start=1):
        report(i, police, day, place, ("phone", "+48 601 234 567"), ("person", name))
    client = login_as(police_analyst)
    entities = client.get("/api/v1/links/entities").json()
    assert entities["count"] == len(entities["items"]) >= 2
    alerts = client.get("/api/v1/links/alerts").json()
    assert alerts["count"] >= 1 and all("id" in a for a in alerts["items"])
    detail = client.get(f"/api/v1/links/alerts/{alerts['items'][0]['id']}").json()
    assert len(detail["evidence"]) == 3

    pair = MatchPair.objects.first()
    assert pair is not None
    bad = client.post("/api/v1/links/decisions", {"pair_id": pair.pk, "decision": "maybe"},
                      content_type="application/json")
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_decision"
    ok = client.post("/api/v1/links/decisions", {"pair_id": pair.pk, "decision": "rejected"},
                     content_type="application/json")
    assert ok.json()["status"] == MatchStatus.REJECTED

    other = login_as(border_analyst)
    assert other.get("/api/v1/links/entities").json()["count"] == 0
    assert other.get(f"/api/v1/links/alerts/{alerts['items'][0]['id']}").status_code == 404
    assert other.post("/api/v1/links/decisions", {"pair_id": pair.pk, "decision": "confirmed"},
                      content_type="application/json").status_code == 404
