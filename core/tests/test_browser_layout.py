"""The staff pages fit a phone screen, keep every input labelled, and show a visible keyboard focus."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from audit.models import Action
from audit.services import record
from conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

PAGES = [("home", "/home/"), ("profile", "/accounts/profile/"), ("users", "/accounts/users/"),
         ("user-edit", None), ("audit", "/audit/")]


def _sign_in(pg, base: str) -> None:
    pg.goto(base + "/accounts/sign-in/")
    pg.locator("#id_username").fill("ewa")
    pg.locator("#id_password").fill(TEST_PASSWORD)
    pg.locator("button[type=submit].button").click()
    pg.wait_for_url("**/home/")


def _check_page(pg, name: str, screenshot) -> None:
    unlabelled = pg.evaluate("""() => [...document.querySelectorAll(
            'main input:not([type=hidden]), main select, main textarea')]
        .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')).map(el => el.name)""")
    assert unlabelled == [], f"{name}: inputs without a label: {unlabelled}"
    overflow = pg.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{name}: the page is {overflow}px wider than the screen"
    screenshot(pg, name)


def test_staff_pages_on_desktop_and_phone(live_server, page, phone_page, make_user, make_org, screenshot, settings):
    settings.CTIMS_DEMO_MODE = True
    org = make_org("POL", name="Police Headquarters — Counter-Trafficking Department", short_name="Police HQ")
    admin = make_user(Role.ADMINISTRATOR, organisation=org, username="ewa", first_name="Ewa", last_name="Kamińska",
                      is_demo=True)
    colleague = make_user(Role.HOTLINE_OPERATOR, organisation=org, username="olena", first_name="Olena",
                          last_name="Kowalczyk")
    for n in range(3):
        record(admin, Action.VIEW, object_type="protection.case", object_id=f"POL-2026-{n:04d}")
    record(admin, Action.UPDATE, colleague, fields=["role", "email"])

    for pg, suffix in ((page, "desktop"), (phone_page, "phone")):
        pg.goto(live_server.url + "/accounts/sign-in/")
        _check_page(pg, f"sign-in-{suffix}", screenshot)
        _sign_in(pg, live_server.url)
        for name, path in PAGES:
            pg.goto(live_server.url + (path or f"/accounts/users/{colleague.pk}/"))
            assert pg.locator("h1").count() == 1
            _check_page(pg, f"{name}-{suffix}", screenshot)
            if suffix == "phone":
                header = pg.evaluate("() => document.querySelector('.site-header').getBoundingClientRect().height")
                assert header <= 200, f"{name}: the header takes {header}px of the phone's first screen"

    page.goto(live_server.url + "/home/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.className")
    assert "skip-link" in focused
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
