"""On a call's page an analyst assigns it, comments on it, or closes it: not every call is a case."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from accounts.models import User


def test_assign_and_comment_show_on_the_board_and_the_record(login_as: Callable[[User], Client], operator: User,
                                                             analyst: User, log_call: Callable[..., Any]) -> None:
    call = log_call(operator)
    client = login_as(analyst)

    client.post(f"/intake/triage/call/{call.pk}/", {"action": "assign", "assigned_to": analyst.pk})
    client.post(f"/intake/triage/call/{call.pk}/", {"action": "comment", "text": "Called back, no answer"})

    board = client.get("/intake/triage/").content.decode()
    detail = client.get(f"/intake/calls/{call.pk}/").content.decode()
    assert "Assigned" in board and analyst.username in board
    assert "Called back, no answer" in detail


def test_a_closed_call_leaves_the_board_but_stays_in_the_list(login_as: Callable[[User], Client], operator: User,
                                                              analyst: User, log_call: Callable[..., Any]) -> None:
    call = log_call(operator, topic="information")
    client = login_as(analyst)

    response = client.post(f"/intake/triage/call/{call.pk}/", {"action": "close"}, follow=True)

    assert "Closed: no further action needed." in response.content.decode()
    assert call.code not in client.get("/intake/triage/").content.decode()
    assert call.code in client.get("/intake/calls/").content.decode()


def test_an_empty_comment_is_refused(login_as: Callable[[User], Client], operator: User, analyst: User,
                                     log_call: Callable[..., Any]) -> None:
    call = log_call(operator)

    response = login_as(analyst).post(f"/intake/triage/call/{call.pk}/", {"action": "comment", "text": " "},
                                      follow=True)

    assert "Write a comment first." in response.content.decode()
    assert not call.comments.exists()


def test_every_hint_a_screen_reader_is_pointed_to_exists(login_as: Callable[[User], Client], operator: User,
                                                         analyst: User, log_call: Callable[..., Any]) -> None:
    import re

    call = log_call(operator)
    page = login_as(analyst).get(f"/intake/calls/{call.pk}/").content.decode()

    described = {i for ids in re.findall(r'aria-describedby="([^"]+)"', page) for i in ids.split()}
    assert described, "the triage panel's fields have hints"
    for hint in described:
        assert f'id="{hint}"' in page, hint
