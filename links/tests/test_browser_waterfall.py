"""In the browser: an analyst opens an identity with a proposed match and sees why it was proposed, comparison by
comparison (Splink's waterfall)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from accounts.models import Organisation, User
from accounts.roles import Role
from conftest import TEST_PASSWORD
from links import names
from links.models import Mention

pytestmark = pytest.mark.browser


def test_analyst_sees_why_a_pair_was_proposed(
        live_server: Any, page: Any, make_user: Callable[..., User], police: Organisation,
        report: Callable[..., None], screenshot: Callable[[Any, str], str], settings: Any) -> None:
    settings.CTIMS_DEMO_MODE = True
    names.name_symbols("Опанас")  # rigour's name table loads once per process (seconds): before the server is asked
    make_user(Role.ANALYST, police, username="analyst", is_demo=True)
    report(1, police, 0, "Medyka", ("person", "Кривоніс Опанас", {"birth_date": "1984-03-12"}))
    report(2, police, 1, "Korczowa", ("person", "Opanas Kryvonis"))
    entity_id = Mention.objects.get(source_id=1, kind="person").entity_id

    page.set_default_timeout(60_000)  # the live server shares this process, busy with matching just before
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("Username").fill("analyst")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/home/")
    page.goto(f"{live_server.url}/links/entities/{entity_id}/")
    waterfall = page.get_by_test_id("waterfall")
    expect(waterfall).to_be_visible()
    surname = waterfall.get_by_role("row").filter(has_text="Surname")
    expect(surname.get_by_text("the same")).to_be_visible()
    assert "raised ×" in surname.inner_text()
    assert waterfall.get_by_role("row").filter(has_text="Birth date").count() == 0  # one side has none
    screenshot(page, "links-waterfall")
