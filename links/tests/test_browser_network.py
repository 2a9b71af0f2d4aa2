"""In the browser: a Police HQ analyst opens an alert, sees the same driver and car across four reports in
three scripts, confirms the identity, opens the network around him and follows a node."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from accounts.models import Organisation, User
from accounts.roles import Role
from conftest import TEST_PASSWORD
from links.models import Alert, MatchPair, MatchStatus

pytestmark = pytest.mark.browser


def test_analyst_follows_an_alert_to_the_network_and_opens_a_node(
        live_server: Any, page: Any, make_user: Callable[..., User], police: Organisation,
        report: Callable[..., None], screenshot: Callable[[Any, str], str], settings: Any,
        wait_until: Callable[..., None]) -> None:
    settings.CTIMS_DEMO_MODE = True
    make_user(Role.ANALYST, police, username="analyst", is_demo=True)
    car = ("vehicle", "BC 1234 AK", {"country": "UA", "make": "Volkswagen"})
    report(1, police, 0, "Medyka", ("person", "Шевченко Олександр"), ("phone", "+48 601 234 567"), car)
    report(2, police, 3, "Korczowa", ("person", "Oleksandr Shevchenko"), ("phone", "601 234 567"))
    report(3, police, 4, "Przemyśl", ("person", "Szewczenko Sasha"), ("phone", "0048 601 234 567"), car)
    report(4, police, 5, "Hrebenne", ("person", "Schewtschenko Alexander"), ("phone", "+48601234567"), car)
    person_alert = Alert.objects.get(entity__kind="person")

    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("Username").fill("analyst")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/home/")
    page.locator(".site-nav").get_by_role("link", name="Alerts").click()
    page.locator(f"a[href='/links/alerts/{person_alert.pk}/']").click()
    for spelling in ("Шевченко Олександр", "Oleksandr Shevchenko", "Szewczenko Sasha", "Schewtschenko Alexander"):
        expect(page.get_by_text(spelling).first).to_be_visible()
    expect(page.get_by_text("BC 1234 AK").first).to_be_visible()
    screenshot(page, "links-alert")

    page.get_by_role("link", name="Open identity").first.click()
    page.get_by_role("button", name="Confirm this identity").click()
    expect(page.get_by_text("links confirmed")).to_be_visible()
    assert MatchPair.objects.filter(status=MatchStatus.CONFIRMED).count() == 6

    page.get_by_role("link", name="Open network").first.click()
    wait_until(page, "window.linksNetwork && window.linksNetwork.nodes().length > 5")
    screenshot(page, "links-network")
    page.locator("#links-network").scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # cytoscape refreshes its idea of where the canvas is after a scroll
    node_id = page.evaluate("window.linksNetwork.nodes('[type = \"phone\"]')[0].id()")
    pos = page.evaluate(f"window.linksNetwork.getElementById('{node_id}').renderedPosition()")
    box = page.locator("#links-network").bounding_box()
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    page.wait_for_url("**/links/entities/*/")
    expect(page.get_by_role("heading", name="+48 601 234 567")).to_be_visible()
