"""In the browser: a case worker asks to close a case; her supervisor sees it in the notification centre (the
count in the header), opens it, and approves it on the approvals page; the case worker is told."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from conftest import TEST_PASSWORD
from protection import services
from protection.choices import CaseStatus, Gender
from protection.models import Case

pytestmark = pytest.mark.browser


def _sign_in(page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(url + "/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/home/")
    page.wait_for_load_state("networkidle")  # the page's own background requests end before the next page


def test_a_closure_is_approved_from_the_notification_centre(live_server, page, make_user, iom, settings):
    settings.CTIMS_DEMO_MODE = True
    worker = make_user(Role.CASE_WORKER, iom, username="iryna", is_demo=True)
    make_user(Role.SUPERVISOR, iom, username="jan", is_demo=True)
    case = services.register_person(worker, services.Identity(first_name="Olena"), gender=Gender.FEMININE)

    _sign_in(page, live_server.url, "iryna")
    page.goto(f"{live_server.url}/protection/cases/{case.id}/status/")
    page.get_by_label("Status").select_option(CaseStatus.CLOSED)
    page.get_by_label("Reason for case closure").fill("Needs met; safe work found.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("sent to a supervisor for approval")).to_be_visible()
    _sign_in(page, live_server.url, "jan")
    page.goto(f"{live_server.url}/approvals/")  # a page of his own after sign-in, wherever sign-in landed
    bell = page.locator("[data-notification-bell]")
    assert bell.locator("[data-unread-count]").inner_text() == "1"
    bell.click()
    row = page.locator("tr[data-unread]")
    assert case.code in row.inner_text() and "waits for your approval" in row.inner_text()
    row.get_by_role("button", name="Open").click()
    page.wait_for_url("**/approvals/")
    assert not page.locator("[data-notification-bell] [data-unread-count]").count(), "read once opened"
    form = page.locator("tr[id^=approval-]")
    assert "Needs met; safe work found." in form.inner_text()
    form.get_by_label("Decision").select_option("approve")
    form.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_text(f"Approved: case {case.code}.")).to_be_visible()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED

    _sign_in(page, live_server.url, "iryna")
    page.locator("[data-notification-bell]").click()
    assert "was decided" in page.locator("tr[data-unread]").inner_text()
