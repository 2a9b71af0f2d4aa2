"""A case worker using a screen reader or a keyboard can work on the main staff pages in every language:
axe-core finds no WCAG 2.x A/AA violation on them (see directory/tests/test_browser_axe.py)."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from conftest import TEST_PASSWORD
from directory.tests.test_browser_axe import _violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "pl", "uk", "ru"])
def test_staff_pages_have_no_wcag_violations(live_server, page, make_user, iom, make_case, settings, language):
    settings.CTIMS_DEMO_MODE = True
    worker = make_user(Role.CASE_WORKER, iom, username="iryna", is_demo=True)
    case = make_case(actor=worker)
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("Username").fill("iryna")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/home/")
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
    found = {}
    for path in ("/home/", "/protection/", f"/protection/cases/{case.id}/", f"/protection/cases/{case.id}/status/",
                 "/protection/export/"):
        page.goto(f"{live_server.url}{path}")
        assert page.locator("html").get_attribute("lang") == language, path
        violations = _violations(page)
        if violations:
            found[path] = violations
    assert not found, found
