"""A repeat caller is recognised by phone number, but only among calls the operator may see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client

from accounts.models import Organisation, User
from accounts.roles import Role


def test_the_operator_sees_earlier_calls_from_the_same_number(login_as: Callable[[User], Client], operator: User,
                                                              log_call: Callable[..., Any]) -> None:
    first = log_call(operator, caller_contact="+48 601 111 222")
    second = log_call(operator, caller_contact="0048601111222")  # the same number, written differently

    page = login_as(operator).get(f"/intake/calls/{second.pk}/").content.decode()

    assert "Repeat caller" in page
    assert first.code in page


def test_typing_a_known_number_shows_the_history_while_on_the_call(login_as: Callable[[User], Client],
                                                                    operator: User,
                                                                    log_call: Callable[..., Any]) -> None:
    earlier = log_call(operator, caller_contact="+380 67 123 4567")

    page = login_as(operator).post("/intake/calls/caller-history/",
                                   {"caller_contact": "+380671234567"}).content.decode()

    assert earlier.code in page


def test_calls_of_another_organisation_are_never_matched(login_as: Callable[[User], Client], operator: User,
                                                         make_user: Callable[..., User], border_guard: Organisation,
                                                         log_call: Callable[..., Any]) -> None:
    other_operator = make_user(Role.HOTLINE_OPERATOR, border_guard)
    theirs = log_call(other_operator, caller_contact="+48 601 111 222")
    mine = log_call(operator, caller_contact="+48 601 111 222")

    client = login_as(operator)
    detail = client.get(f"/intake/calls/{mine.pk}/").content.decode()
    history = client.post("/intake/calls/caller-history/", {"caller_contact": "+48601111222"}).content.decode()

    assert theirs.code not in detail and "Repeat caller" not in detail
    assert theirs.code not in history
    assert mine.code in history


def test_the_callers_number_is_stored_encrypted(operator: User, log_call: Callable[..., Any]) -> None:
    call = log_call(operator, caller_contact="+48 601 111 222")

    with connection.cursor() as cursor:
        cursor.execute("SELECT caller_contact FROM intake_hotlinecall WHERE id = %s", [call.pk])
        raw = cursor.fetchone()[0]

    assert raw.startswith("enc1:") and "601" not in raw
