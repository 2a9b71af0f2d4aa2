"""An analyst narrows the board (status, record type, urgency, voivodeship, assignee, age), sees how many
items match and pages through them; an immediate-danger call nobody took for nine days is flagged, on the
board and as a count beside "Triage" in the menu of everyone who triages (the duty supervisor too)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from intake import services
from intake.models import FieldObservation, HotlineCall


def _codes(page: str) -> list[str]:
    return re.findall(r">((?:CALL|OBS)-\d+)</a>", page)


def _age(record: HotlineCall | FieldObservation, delta: timedelta) -> None:
    type(record).objects.filter(pk=record.pk).update(created_at=timezone.now() - delta)


def test_filters_and_total(login_as: Callable[[User], Client], operator: User, analyst: User,
                           log_call: Callable[..., Any], log_observation: Callable[..., Any], field_officer: User,
                           podkarpackie: Any, lublin: Any) -> None:
    danger = log_call(operator, urgency="immediate_danger", topic="exploitation_now")
    routine = log_call(operator)
    obs = log_observation(field_officer, risk_level="high")
    mine = log_call(operator, urgency="urgent")
    services.assign(analyst, mine, analyst)
    closed = log_call(operator)
    services.close(analyst, closed)
    client = login_as(analyst)

    def board(**params: Any) -> str:
        return client.get("/intake/triage/", params).content.decode()

    page = board()
    assert 'id="board-total">4 items<' in page and closed.code not in page
    assert set(_codes(page)) == {danger.code, routine.code, obs.code, mine.code}
    assert _codes(board(kind="observation")) == [obs.code]
    assert set(_codes(board(kind="call"))) == {danger.code, routine.code, mine.code}
    assert _codes(board(urgency=3)) == [danger.code]
    assert _codes(board(assignee="me")) == [mine.code]
    assert mine.code not in _codes(board(assignee="none"))
    assert _codes(board(status="closed")) == [closed.code]
    assert _codes(board(voivodeship=podkarpackie.pk)) == [obs.code]
    assert obs.code not in _codes(board(voivodeship=lublin.pk))
    assert 'id="board-total">1 item<' in board(urgency=3)
    _age(routine, timedelta(days=2))
    assert _codes(board(age="1d")) == [routine.code]
    assert "Nothing matches these filters." in board(kind="call", urgency=0, age="7d")
    assert board(status="bogus", urgency="x", assignee="'; drop").count("CALL-") >= 3, "bad values are ignored"


def test_pages(login_as: Callable[[User], Client], operator: User, analyst: User,
               log_call: Callable[..., Any]) -> None:
    calls = [log_call(operator, started_at=timezone.now() - timedelta(minutes=i)) for i in range(53)]
    client = login_as(analyst)
    first = client.get("/intake/triage/").content.decode()
    second = client.get("/intake/triage/", {"page": 2}).content.decode()
    assert 'id="board-total">53 items<' in first and "Page 1 of 2" in first
    assert _codes(first) == [c.code for c in calls[:50]]
    assert _codes(second) == [c.code for c in calls[50:]]


def test_an_unassigned_immediate_danger_call_is_flagged(login_as: Callable[[User], Client], operator: User,
                                                        analyst: User, make_user: Callable[..., User],
                                                        police: Any, log_call: Callable[..., Any],
                                                        settings: Any) -> None:
    settings.CTIMS_TRIAGE_UNASSIGNED_MINUTES = 15
    old = log_call(operator, urgency="immediate_danger", topic="exploitation_now")
    _age(old, timedelta(days=9))
    fresh = log_call(operator, urgency="immediate_danger", topic="exploitation_now")
    page = login_as(analyst).get("/intake/triage/").content.decode()
    assert "1 immediate-danger item has waited unassigned for more than 15 minutes." in page
    row = page[page.index(f">{old.code}<"):]
    assert "data-overdue" in row[:row.index("</tr>")] and "1\xa0week" in row[:row.index("</tr>")]
    row = page[page.index(f">{fresh.code}<"):]
    assert "data-overdue" not in row[:row.index("</tr>")]

    supervisor = make_user(Role.SUPERVISOR, police, username="duty")
    home = login_as(supervisor).get("/home/").content.decode()
    assert re.search(r'Triage <span class="nav-badge">1</span>', home)
    services.assign(supervisor, old, analyst)
    assert 'nav-badge' not in login_as(supervisor).get("/home/").content.decode().split("Triage")[1][:40]
