"""A participant answers the feedback survey on a phone: each rating is a finger-sized choice with its own
label, not a row of tiny browser-default radio buttons."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from accounts.models import Organisation, User
from accounts.roles import Role
from conftest import TEST_PASSWORD
from training import services
from training.models import Feedback

pytestmark = pytest.mark.browser


def test_a_participant_rates_the_event_on_a_phone(
    live_server: Any, phone_page: Any, make_user: Any, iom: Organisation, trainer: User, make_event: Any,
    screenshot: Any, settings: Any
) -> None:
    settings.CTIMS_DEMO_MODE = True
    officer = make_user(Role.LEARNER, username="michal", is_demo=True, first_name="Michał", last_name="Pawlak")
    participant = services.add_participant(trainer, make_event(), staff_user=officer)
    page = phone_page
    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("#id_username", "michal")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/home/")

    page.goto(live_server.url + f"/training/my/events/{participant.pk}/feedback/")
    for name in ("overall", "relevance", "trainers"):
        group = page.locator(f"fieldset#id_{name}")
        expect(group.locator("legend")).to_be_visible()
        four = group.get_by_label("4", exact=True)
        box = four.bounding_box()
        assert box is not None and box["width"] >= 20 and box["height"] >= 20, box
        option = group.locator("label.checkbox").filter(has=page.locator("input[value='4']"))
        label = option.bounding_box()
        assert label is not None and label["height"] >= 40, label
        option.click()
        assert four.is_checked()
    screenshot(page, "training-feedback-phone")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/training/my/")
    assert Feedback.objects.get(participant=participant).overall == 4
