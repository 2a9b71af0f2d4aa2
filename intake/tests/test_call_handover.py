"""Callbacks with a due time wait in the operator's queue (overdue ones flagged); a call transferred to a
colleague or to another voivodeship's line appears in their queue; the call list is searched by phone
number (blind index) and by codes and labels, through POST."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.roles import Role
from audit.models import AuditEvent
from intake.models import Place
from notifications.models import Notification


def test_a_callback_planned_on_the_call_form_is_in_the_queue_and_overdue_once_past(
        login_as: Callable[[User], Client], operator: User, log_call: Callable[..., Any]) -> None:
    later = log_call(operator, callback_due=timezone.now() + timedelta(hours=2))
    missed = log_call(operator, callback_due=timezone.now() - timedelta(minutes=5))

    page = login_as(operator).get("/intake/queue/").content.decode()
    rows = {c: line for line in page.split("<tr>") for c in (later.code, missed.code) if f">{c}<" in line}

    assert "Overdue" in rows[missed.code] and "Overdue" not in rows[later.code]
    assert "1 callback is overdue." in page


def test_a_done_callback_leaves_the_queue(login_as: Callable[[User], Client], operator: User,
                                          log_call: Callable[..., Any]) -> None:
    call = log_call(operator, callback_due=timezone.now() - timedelta(minutes=5))
    client = login_as(operator)

    client.post(f"/intake/callbacks/{call.callbacks.get().pk}/done/", {"back": "queue"})

    assert call.code not in client.get("/intake/queue/").content.decode()


def test_a_call_transferred_to_a_colleague_is_in_their_queue_and_they_are_told(
        login_as: Callable[[User], Client], operator: User, make_user: Callable[..., User], police: Organisation,
        log_call: Callable[..., Any]) -> None:
    colleague = make_user(Role.HOTLINE_OPERATOR, police, username="colleague")
    call = log_call(operator)

    login_as(operator).post(f"/intake/calls/{call.pk}/transfer/", {"to": f"user:{colleague.pk}", "note": "Speaks RU"})

    assert f">{call.code}<" in login_as(colleague).get("/intake/queue/").content.decode()
    assert Notification.objects.filter(recipient=colleague).count() == 1
    assert AuditEvent.objects.filter(action="create", object_type="intake.calltransfer").count() == 1


def test_a_call_transferred_to_another_line_waits_there_until_taken(
        login_as: Callable[[User], Client], operator: User, make_user: Callable[..., User], police: Organisation,
        podkarpackie: Place, log_call: Callable[..., Any]) -> None:
    rzeszow = make_user(Role.HOTLINE_OPERATOR, police, username="rzeszow")
    call = log_call(operator)
    login_as(operator).post(f"/intake/calls/{call.pk}/transfer/", {"to": f"line:{podkarpackie.pk}"})
    client = login_as(rzeszow)

    waiting = client.get(f"/intake/queue/?line={podkarpackie.pk}").content.decode()
    client.post(f"/intake/calls/{call.pk}/take/")
    after = client.get("/intake/queue/").content.decode()

    assert f">{call.code}<" in waiting.split('id="queue-line"')[1]
    assert f">{call.code}<" in after.split('id="queue-assigned"')[1].split('id="queue-line"')[0]
    assert f">{call.code}<" not in after.split('id="queue-line"')[1]


def test_a_colleague_of_another_organisation_cannot_receive_a_call(
        login_as: Callable[[User], Client], operator: User, make_user: Callable[..., User],
        border_guard: Organisation, log_call: Callable[..., Any]) -> None:
    stranger = make_user(Role.HOTLINE_OPERATOR, border_guard)
    call = log_call(operator)

    login_as(operator).post(f"/intake/calls/{call.pk}/transfer/", {"to": f"user:{stranger.pk}"})

    call.refresh_from_db()
    assert call.assigned_to is None and not call.transfers.exists()


def test_the_call_list_is_searched_by_phone_in_any_format_and_by_code(
        login_as: Callable[[User], Client], operator: User, log_call: Callable[..., Any]) -> None:
    from_number = log_call(operator, caller_contact="+48 601 234 567")
    naming_it = log_call(operator, mentions=[__import__("intake.services", fromlist=["MentionInput"]).MentionInput(
        "phone", "0048601234567")])
    other = log_call(operator, caller_contact="+48 700 000 000")
    client = login_as(operator)

    by_phone = client.post("/intake/calls/", {"phone": "601 234 567"}).content.decode()
    by_code = client.post("/intake/calls/", {"text": other.code}).content.decode()

    assert f">{from_number.code}<" in by_phone and f">{naming_it.code}<" in by_phone
    assert f">{other.code}<" not in by_phone
    assert f">{other.code}<" in by_code and f">{from_number.code}<" not in by_code
