"""In the browser: an IOM case worker registers a person, screens, records consent and refers the case to
La Strada, whose case worker accepts and completes the referral."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from conftest import TEST_PASSWORD
from protection.indicators import load_indicator_sets

pytestmark = pytest.mark.browser


def _sign_in(page, url: str, username: str) -> None:
    page.goto(url + "/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/home/")


def test_one_person_from_registration_to_a_completed_referral(live_server, page, make_user, iom, lastrada,
                                                               screenshot, settings):
    settings.CTIMS_DEMO_MODE = True
    load_indicator_sets()  # live-server tests start from a flushed database
    make_user(Role.CASE_WORKER, iom, username="iryna", is_demo=True)
    make_user(Role.CASE_WORKER, lastrada, username="joanna", is_demo=True)

    _sign_in(page, live_server.url, "iryna")
    page.goto(live_server.url + "/protection/register/")
    page.get_by_label("First name").fill("Олена")
    page.get_by_label("Surname").fill("Коваленко")
    page.get_by_label("Gender").select_option("Feminine")
    page.get_by_label("Mobile phone").fill("+380 67 123 4567")
    page.get_by_role("button", name="Register and open the case").click()
    page.wait_for_url("**/protection/cases/*/")
    code = page.locator(".case-header__code").inner_text()
    assert code.startswith("IOM-")
    screenshot(page, "protection-case-new")

    page.get_by_role("link", name="Screen for indicators").click()
    page.get_by_label("Retention of identity documents").check()
    page.get_by_label("Withholding of wages").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Refer for formal identification").first).to_be_visible()
    page.get_by_role("link", name="Record consent").click()
    page.get_by_label("Sharing with a named organisation").check()
    page.locator("#id_shared_with").select_option(label="La Strada")
    page.get_by_label("Services delivered").check()
    page.get_by_label("Screening", exact=True).check()
    for check in page.locator("input[name=checks]").all():
        check.check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Refer to another organisation").click()
    page.locator("#id_to_organisation").select_option(label="La Strada")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Referral sent.")).to_be_visible()
    screenshot(page, "protection-case-referred")

    page.get_by_role("button", name="Sign out").click()
    _sign_in(page, live_server.url, "joanna")
    page.goto(live_server.url + "/protection/referrals/")
    page.get_by_role("link", name=code).click()
    expect(page.get_by_text("Not shared: the person did not agree to share their identity")).to_be_visible()
    assert "Коваленко" not in page.content()
    page.get_by_role("button", name="Accept the referral").click()
    page.get_by_role("button", name="Mark the referral completed").click()
    page.goto(live_server.url + "/protection/referrals/")
    expect(page.locator("td", has_text="Completed").first).to_be_visible()
    screenshot(page, "protection-referral-completed")
