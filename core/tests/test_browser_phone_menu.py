"""A supervisor on a 390 px phone, in Ukrainian or Russian, reaches every destination of the staff menu
through its "Menu" button, with the keyboard too, and no label is cut off ("Мо…"); without JavaScript the
menu shows every item, wrapped."""

from __future__ import annotations

import pytest
from django.utils import translation
from playwright.sync_api import expect

from accounts.roles import Role
from conftest import TEST_PASSWORD, close_quietly
from core.navigation import items_for
from directory.tests.test_browser_axe import _violations

pytestmark = pytest.mark.browser

# every link of the menu: its text, and whether it is cut (wider inside than its box, or past the screen)
CLIPPED = """() => [...document.querySelectorAll('#site-nav-items a')].map(a => {
  const box = a.getBoundingClientRect();
  return {text: a.textContent.trim(), cut: a.scrollWidth > a.clientWidth + 1 || box.left < 0
          || box.right > document.documentElement.clientWidth + 1 || box.width === 0};
})"""


def _sign_in(pg, base: str, language: str, settings) -> None:
    pg.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}])
    pg.goto(base + "/accounts/sign-in/")
    pg.locator("#id_username").fill("olena")
    pg.locator("#id_password").fill(TEST_PASSWORD)
    pg.locator("button[type=submit].button").click()
    pg.wait_for_url("**/home/")


def _labels(user, language: str) -> list[str]:
    with translation.override(language):
        return [item["label"] for item in items_for(user)]


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_every_menu_item_is_reachable_through_the_menu_button(live_server, phone_page, make_user, iom, settings,
                                                              screenshot, language):
    settings.CTIMS_DEMO_MODE = True
    supervisor = make_user(Role.SUPERVISOR, iom, username="olena", is_demo=True)
    labels = _labels(supervisor, language)
    assert len(labels) >= 15, "a role with many menu items"
    pg = phone_page
    _sign_in(pg, live_server.url, language, settings)

    with translation.override(language):
        name = translation.pgettext("navigation button", "Menu")
    button = pg.get_by_role("button", name=name)
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(pg.locator("#site-nav-items")).to_be_hidden()
    header = pg.evaluate("() => document.querySelector('.site-header').getBoundingClientRect().height")
    assert header <= 200, f"the closed menu leaves the first screen to the page (header {header}px)"

    button.focus()
    pg.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    links = pg.locator("#site-nav-items a")
    expect(links).to_have_count(len(labels))
    expect(links).to_contain_text(labels)
    measured = pg.evaluate(CLIPPED)
    assert [m["text"] for m in measured if m["cut"]] == []
    assert not _violations(pg)
    screenshot(pg, f"phone-menu-open-{language}")

    pg.keyboard.press("Tab")  # the first destination follows the button
    assert pg.evaluate("() => document.activeElement.textContent.trim()") == labels[0]
    pg.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(pg.locator("#site-nav-items")).to_be_hidden()

    button.click()  # a tap opens it as well, and the last destination works
    links.last.click()
    pg.wait_for_url(f"**{items_for(supervisor)[-1]['url']}")
    expect(pg.locator("h1")).to_be_visible()


def test_without_javascript_the_phone_menu_shows_every_item_uncut(live_server, browser, make_user, iom, settings):
    settings.CTIMS_DEMO_MODE = True
    supervisor = make_user(Role.SUPERVISOR, iom, username="olena", is_demo=True)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  java_script_enabled=False)
    try:
        pg = context.new_page()
        _sign_in(pg, live_server.url, "ru", settings)
        expect(pg.locator(".site-nav__toggle")).to_be_hidden()
        links = pg.locator("#site-nav-items a")
        expect(links).to_have_count(len(_labels(supervisor, "ru")))
        measured = pg.evaluate(CLIPPED)
        assert [m["text"] for m in measured if m["cut"]] == []
        overflow = pg.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1
    finally:
        close_quietly(context)
