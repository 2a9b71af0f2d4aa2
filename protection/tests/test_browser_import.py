"""In the browser: a case worker uploads a partner's toolkit sheet, fixes the one value CTIMS could not map,
checks, imports and finds the cases in the case list."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from conftest import TEST_PASSWORD
from protection.models import Case

from .import_files import toolkit_rows, xlsx

pytestmark = pytest.mark.browser


def test_upload_map_import_and_find_the_cases(live_server, page, make_user, iom, settings, screenshot):
    settings.CTIMS_DEMO_MODE = True
    make_user(Role.CASE_WORKER, iom, username="iryna", is_demo=True)
    rows = toolkit_rows(3)
    rows[3][4] = "Moldova Rep. of"  # a partner's own spelling: no ISO name, flagged for the user
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("Username").fill("iryna")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/home/")

    page.goto(live_server.url + "/protection/import/")
    page.get_by_label("File (XLSX, XLSM, CSV or KoboToolbox JSON)").set_input_files(
        {"name": "partner.xlsx", "mimeType": "application/octet-stream", "buffer": xlsx(rows, hidden_rows=(1,))})
    page.get_by_role("button", name="Upload and map").click()
    page.wait_for_url("**/protection/import/*/")
    assert "Moldova Rep. of" in page.locator("#import-problems").inner_text()
    screenshot(page, "protection-import-mapping")

    page.get_by_label("Moldova Rep. of", exact=True).select_option("MD")
    page.get_by_role("button", name="Check again").click()
    page.wait_for_url("**/protection/import/*/#check")
    assert page.locator("#import-problems").count() == 0
    assert "3 new cases would be imported" in page.locator("#import-counts").inner_text()

    page.get_by_role("button", name="Import").click()
    page.wait_for_selector("#import-result")
    assert "3 cases imported." in page.locator("#import-result").inner_text()
    page.get_by_role("link", name="Go to the case list").click()
    page.wait_for_url("**/protection/")
    for case in Case.objects.all():
        expect(page.get_by_text(case.code).first).to_be_visible()
    assert Case.objects.count() == 3
    assert {c.person.citizenship for c in Case.objects.select_related("person")} == {"VN", "MD", "UA;PL"}
