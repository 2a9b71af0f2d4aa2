"""A person signs in in the browser, switches to Ukrainian, and sees Ukrainian text."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_case_worker_signs_in_and_switches_to_ukrainian(live_server, page, make_user, screenshot, settings):
    settings.CTIMS_DEMO_MODE = True
    make_user(Role.CASE_WORKER, username="olena", is_demo=True, first_name="Olena")
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("Username").fill("olena")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/home/")
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome, Olena"
    page.get_by_role("button", name="Українська").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Ласкаво просимо, Olena"
    expect(page.get_by_role("button", name="Вийти")).to_be_visible()
    screenshot(page, "home-uk")
