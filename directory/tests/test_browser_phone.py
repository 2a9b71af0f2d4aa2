"""Done when: a refugee who scans the leaflet's QR code reads, in Ukrainian, on a phone, what to watch for
and whom to call."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_refugee_reads_warning_signs_and_helplines_in_ukrainian_on_a_phone(live_server, phone_page, screenshot,
                                                                             seed_helplines):
    response = phone_page.goto(live_server.url + "/?lang=uk")
    assert response.request.redirected_from is None, "no redirect: each round trip costs seconds on a slow line"
    assert phone_page.locator("html").get_attribute("lang") == "uk"
    heading = phone_page.get_by_role("heading", level=1).inner_text()
    assert heading == "Будьте в безпеці в дорозі, вдома й на роботі в Польщі"
    expect(phone_page.get_by_role("heading", name="Будьте обережні, якщо хтось:")).to_be_visible()
    emergency = phone_page.locator("a.emergency__call")
    assert emergency.inner_text() == "У небезпеці? Телефонуйте 112." and emergency.get_attribute("href") == "tel:112"
    expect(emergency).to_be_visible()
    police = phone_page.locator('a[href="tel:+48477256502"]')
    assert police.count() == 2, "in the short list at the top and in 'Whom to call' with hours and languages"
    box = police.first.bounding_box()
    assert box["y"] + box["height"] <= phone_page.viewport_size["height"], "a helpline number in the first screen"
    screenshot(phone_page, "directory-public-home-uk-phone")
    phone_page.get_by_role("link", name="Тривожні ознаки").first.click()
    expect(phone_page.get_by_role("heading", name="Хтось забирає ваші документи")).to_be_visible()
    phone_page.evaluate("window.scrollTo(0, 1500)")
    assert emergency.is_visible() and emergency.bounding_box()["y"] <= 1, "112 stays in view while reading"
