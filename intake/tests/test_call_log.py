"""A hotline operator logs a call in one short form; immediate danger shows what to do now."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from accounts.models import User
from intake.models import HotlineCall, Place


def test_the_form_opens_with_the_start_time_and_defaults_filled_in(login_as: Callable[[User], Client],
                                                                    operator: User, lublin: Place) -> None:
    page = login_as(operator).get("/intake/calls/new/", follow=True).content.decode()

    assert 'name="started_at" value="20' in page  # prefilled with now
    assert 'value="uk"' in page and 'value="routine"' in page
    assert "Call 112" in page  # the immediate-danger steps are on the form, shown when chosen


def test_a_simple_call_needs_only_hotline_time_and_topic(login_as: Callable[[User], Client], operator: User,
                                                         lublin: Place) -> None:
    response = login_as(operator).post("/intake/calls/new/", {
        "hotline": lublin.pk, "started_at": "2026-11-28T09:30", "language": "uk", "caller_type": "anonymous",
        "topic": "information", "urgency": "routine"}, follow=True)

    call = HotlineCall.objects.get()
    assert f"Call {call.code} was saved." in response.content.decode()
    assert call.organisation == operator.organisation and call.created_by == operator


def test_immediate_danger_shows_the_steps_after_saving(login_as: Callable[[User], Client], operator: User,
                                                       lublin: Place) -> None:
    response = login_as(operator).post("/intake/calls/new/", {
        "hotline": lublin.pk, "started_at": "2026-11-28T09:30", "language": "ru", "caller_type": "potential_victim",
        "topic": "exploitation_now", "urgency": "immediate_danger", "indicators": ["documents_taken", "threats"],
        "actions": ["police_notified"], "phones": "+48 601 234 567", "plates": "LU 12345"}, follow=True)

    page = response.content.decode()
    assert "Immediate danger: do this now" in page
    assert "Call 112" in page and "Notify the duty officer" in page
    assert "Documents taken away" in page and "LU 12345" in page


def test_a_missing_topic_and_an_end_before_the_start_are_refused(login_as: Callable[[User], Client],
                                                                 operator: User, lublin: Place) -> None:
    response = login_as(operator).post("/intake/calls/new/", {
        "hotline": lublin.pk, "started_at": "2026-11-28T09:30", "ended_at": "2026-11-28T09:00", "language": "uk",
        "caller_type": "anonymous", "urgency": "routine"})

    page = response.content.decode()
    assert "Choose what the call is about." in page
    assert "The end time must be after the start time." in page
    assert not HotlineCall.objects.exists()


def test_a_field_officer_cannot_log_calls(login_as: Callable[[User], Client], field_officer: User) -> None:
    assert login_as(field_officer).get("/intake/calls/new/").status_code == 403


def test_opening_a_call_is_audited(login_as: Callable[[User], Client], operator: User, lublin: Place,
                                   log_call: Callable[..., HotlineCall]) -> None:
    from audit.models import AuditEvent

    call = log_call(operator, caller_contact="+48 601 111 222")
    login_as(operator).get(f"/intake/calls/{call.pk}/")

    event = AuditEvent.objects.filter(action="view", object_type="intake.hotlinecall").get()
    assert event.object_id == str(call.pk) and event.actor == operator


def test_a_call_logged_while_going_on_is_ended_from_its_page(login_as: Callable[[User], Client], operator: User,
                                                             analyst: User, lublin: Place) -> None:
    from audit.models import AuditEvent

    client = login_as(operator)
    client.post("/intake/calls/new/", {
        "hotline": lublin.pk, "started_at": "2026-11-28T09:30", "language": "uk", "caller_type": "anonymous",
        "topic": "information", "urgency": "routine"})
    call = HotlineCall.objects.get()
    assert call.ended_at is None
    page = client.get(f"/intake/calls/{call.pk}/").content.decode()
    assert f'action="/intake/calls/{call.pk}/end/"' in page and "End the call" in page

    done = client.post(f"/intake/calls/{call.pk}/end/", follow=True).content.decode()
    call.refresh_from_db()
    assert call.ended_at is not None and "The call&#x27;s end time was saved." in done
    assert "End the call" not in done, "the button goes once the end time is set"
    assert any("ended_at" in e.fields for e in AuditEvent.objects.filter(action="update", object_id=str(call.pk)))
    again = client.post(f"/intake/calls/{call.pk}/end/", follow=True).content.decode()
    assert "This call already has an end time." in again

    assert login_as(analyst).post(f"/intake/calls/{call.pk}/end/").status_code == 403, "only those who log calls"


def test_the_api_ends_a_call_at_the_time_given(login_as: Callable[[User], Client], operator: User,
                                               lublin: Place) -> None:
    client = login_as(operator)
    call_id = client.post("/api/v1/intake/calls", {
        "hotline_id": lublin.pk, "started_at": "2026-11-28T10:00:00+01:00", "language": "uk",
        "caller_type": "witness", "topic": "information"}, content_type="application/json").json()["id"]
    early = client.post(f"/api/v1/intake/calls/{call_id}/end", {"ended_at": "2026-11-28T09:00:00+01:00"},
                        content_type="application/json")
    assert early.status_code == 422 and early.json()["error"]["code"] == "validation_error"
    ended = client.post(f"/api/v1/intake/calls/{call_id}/end", {"ended_at": "2026-11-28T10:07:00+01:00"},
                        content_type="application/json")
    from datetime import datetime

    assert ended.status_code == 200
    assert datetime.fromisoformat(ended.json()["ended_at"]) == datetime.fromisoformat("2026-11-28T10:07:00+01:00")
    assert client.post("/api/v1/intake/calls/999999/end", {}, content_type="application/json").status_code == 404
