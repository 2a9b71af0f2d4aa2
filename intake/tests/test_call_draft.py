"""A hotline operator's browser crashes in a long call: the call form comes back with what they typed,
into the same call only, and a running timer shows how long the call has lasted."""

from __future__ import annotations

import re
from typing import Any

import pytest

from accounts.models import OrganisationType
from accounts.roles import Role
from conftest import TEST_PASSWORD
from intake.models import HotlineCall, Place

pytestmark = pytest.mark.browser

RESTORED = "!document.getElementById('draft-restored').hidden"
NOTES = "Caller says her sister's passport was taken by the employer in Wrocław"


def test_the_operators_draft_survives_a_reload_into_the_same_call_only(
        live_server: Any, page: Any, make_user: Any, make_org: Any, lublin: Place, settings: Any,
        wait_until: Any) -> None:
    settings.CTIMS_DEMO_MODE = True
    make_user(Role.HOTLINE_OPERATOR, make_org("POL", OrganisationType.POLICE), username="olena", is_demo=True)
    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("#id_username", "olena")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/home/")

    page.goto(live_server.url + "/intake/calls/new/")
    page.wait_for_url(re.compile(r"/intake/calls/new/\?call=[0-9a-f-]{36}$"))
    call_url = page.url
    wait_until(page, "document.getElementById('call-timer').dataset.seconds !== undefined")
    page.select_option("#id_hotline", str(lublin.pk))
    page.check("input[name=topic][value=offer_work]")
    page.locator("#call-form details.more:not(#safety-messages) > summary").click()
    page.fill("#id_notes", NOTES)
    wait_until(page, "CTIMS.deviceStore.open().then(s => s.count('draft:')).then(n => n === 1)")

    page.reload()  # the browser crashed and the tab was restored
    wait_until(page, RESTORED)
    assert page.url == call_url
    assert page.locator("#id_notes").input_value() == NOTES

    page.goto(live_server.url + "/intake/calls/new/")  # the next call starts empty
    page.wait_for_url(re.compile(r"/intake/calls/new/\?call="))
    assert page.url != call_url
    page.wait_for_load_state("load")
    page.evaluate("CTIMS.deviceStore.open()")
    assert page.locator("#id_notes").input_value() == ""
    assert page.locator("#draft-restored").is_hidden()

    page.goto(call_url)
    wait_until(page, RESTORED)
    page.check("input[name=language][value=uk]")
    page.check("input[name=caller_type][value=family]")
    page.click("#call-form button[type=submit]")
    page.wait_for_url(re.compile(r"/intake/calls/\d+/$"))
    assert HotlineCall.objects.get().notes == NOTES
    assert page.locator("h1[data-draft-sent]").count() == 1
    wait_until(page, "CTIMS.deviceStore.open().then(s => s.count('draft:')).then(n => n === 0)")
