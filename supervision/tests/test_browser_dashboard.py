"""In the browser, in Ukrainian: the IOM supervisor opens the supervision dashboard from the menu and reads her
team's caseload in the chart's table, with its downloads beside it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from conftest import TEST_PASSWORD
from protection import services
from protection.choices import Gender

pytestmark = pytest.mark.browser


def test_a_supervisor_reads_the_caseload_in_ukrainian(live_server, page, make_user, iom, settings):
    settings.CTIMS_DEMO_MODE = True
    worker = make_user(Role.CASE_WORKER, iom, first_name="Iryna", last_name="Melnyk", is_demo=True)
    make_user(Role.SUPERVISOR, iom, username="olena", is_demo=True)
    for _ in range(2):
        services.register_person(worker, services.Identity(first_name="Olena"), gender=Gender.FEMININE)

    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "uk", "url": live_server.url}])
    page.goto(live_server.url + "/accounts/sign-in/")
    page.locator("#id_username").fill("olena")
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("button[type=submit].button").click()
    page.wait_for_url("**/home/")
    page.get_by_role("link", name="Нагляд", exact=True).first.click()
    page.get_by_role("link", name="Справи захисту").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Нагляд: Справи захисту")
    caseload = page.locator("#figure-caseload")
    expect(caseload.get_by_role("heading")).to_have_text("Відкриті справи за кейс-менеджерами")
    expect(caseload.locator("tbody tr")).to_have_count(1)
    expect(caseload.locator("tbody tr").first).to_contain_text("Iryna Melnyk")
    expect(caseload.locator("tbody tr td").first).to_have_text("2")
    expect(caseload.get_by_role("link", name="XLSX")).to_have_attribute(
        "href", "/supervision/protection/caseload.xlsx")
    page.wait_for_load_state("networkidle")
