"""On a call, the operator sees who called from the same number before (any way the number was written), what
came of it, that another organisation holds a call from it (by name only), and a flag on abusive or test callers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from accounts.models import Organisation, User
from accounts.roles import Role
from audit.models import AuditEvent
from intake.models import CallerFlag


def panel(client: Client, number: str) -> str:
    return client.post("/intake/calls/caller-history/", {"caller_contact": number}).content.decode()


def test_the_panel_finds_earlier_calls_written_another_way_and_not_other_numbers(
        login_as: Callable[[User], Client], operator: User, log_call: Callable[..., Any]) -> None:
    earlier = log_call(operator, caller_contact="+48 601 234 567", actions=["advice"])
    other = log_call(operator, caller_contact="+48 601 234 568")

    page = panel(login_as(operator), "601234567")

    assert earlier.code in page and "Advice given" in page
    assert other.code not in page
    assert "1 earlier call from this number" in page
    assert "1 of them is still open" in page
    assert AuditEvent.objects.filter(actor=operator, action="view", object_type="intake.caller").count() == 1


def test_the_number_stays_out_of_the_address(login_as: Callable[[User], Client], operator: User) -> None:
    assert login_as(operator).get("/intake/calls/caller-history/?caller_contact=601234567").status_code == 405


def test_another_organisations_call_shows_only_as_a_record_of_that_organisation(
        login_as: Callable[[User], Client], operator: User, make_user: Callable[..., User],
        border_guard: Organisation, log_call: Callable[..., Any]) -> None:
    theirs = log_call(make_user(Role.HOTLINE_OPERATOR, border_guard), caller_contact="+48 601 234 567",
                      notes="Met the recruiter at the station")

    page = panel(login_as(operator), "0048 601 234 567")

    assert 'A record of <span lang="pl">Border Guard HQ</span> exists.' in page
    assert theirs.code not in page and "recruiter" not in page


def test_a_flag_set_on_one_call_shows_on_the_next_call_and_in_the_call_list(
        login_as: Callable[[User], Client], operator: User, log_call: Callable[..., Any]) -> None:
    first = log_call(operator, caller_contact="+48 601 234 567")
    client = login_as(operator)

    client.post("/intake/calls/caller-flag/", {"call_id": first.pk, "kind": "test"})
    next_call_panel = panel(client, "601-234-567")
    second = log_call(operator, caller_contact="601234567")
    unflagged = log_call(operator, caller_contact="+48 602 000 000")
    listing = client.get("/intake/calls/").content.decode()

    assert '<span class="tag tag--warn" id="caller-flag">Test or prank caller</span>' in next_call_panel
    row = {c: line for line in listing.splitlines() for c in (second.code, unflagged.code) if f">{c}<" in line}
    assert "Test or prank caller" in row[second.code]
    assert "Test or prank caller" not in row[unflagged.code]
    flag = CallerFlag.objects.get()
    assert flag.set_by == operator and "601" not in flag.phone_index
    assert AuditEvent.objects.filter(action="create", object_type="intake.callerflag").count() == 1


def test_the_operator_lifts_a_flag_and_the_history_keeps_it(login_as: Callable[[User], Client], operator: User,
                                                             log_call: Callable[..., Any]) -> None:
    log_call(operator, caller_contact="+48 601 234 567")
    client = login_as(operator)
    client.post("/intake/calls/caller-flag/", {"caller_contact": "601234567", "kind": "abusive"},
                headers={"HX-Request": "true"})

    lifted = client.post("/intake/calls/caller-flag/", {"caller_contact": "601234567", "do": "clear"},
                         headers={"HX-Request": "true"}).content.decode()

    assert 'id="caller-flag"' not in lifted and "Flag: Abusive caller" in lifted
    assert CallerFlag.objects.get().cleared_by == operator
    assert AuditEvent.objects.filter(action="update", object_type="intake.callerflag").count() == 1


def test_a_flag_of_another_organisation_is_not_shown(login_as: Callable[[User], Client], operator: User,
                                                     make_user: Callable[..., User], border_guard: Organisation,
                                                     log_call: Callable[..., Any]) -> None:
    log_call(operator, caller_contact="+48 601 234 567")
    login_as(make_user(Role.HOTLINE_OPERATOR, border_guard)).post(
        "/intake/calls/caller-flag/", {"caller_contact": "601234567", "kind": "abusive"})

    assert 'id="caller-flag"' not in panel(login_as(operator), "601234567")
