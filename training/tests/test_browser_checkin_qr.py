"""In the browser: the trainer opens the check-in screen; a participant's phone opens the address in the QR code
the screen shows (decoded from the picture, as a phone camera would), confirms her name and is present; the
trainer's live list shows her without a reload."""

from __future__ import annotations

from typing import Any

import pytest
import zxingcpp
from django.utils import timezone, translation
from PIL import Image
from playwright.sync_api import expect

from accounts.models import Organisation, User
from accounts.roles import Role
from conftest import TEST_PASSWORD
from training import services
from training.models import Attendance

pytestmark = pytest.mark.browser


def test_a_participant_checks_in_from_the_qr_code_and_the_trainer_sees_her(
    live_server: Any, page: Any, phone_page: Any, make_user: Any, iom: Organisation, make_event: Any,
    screenshot: Any, settings: Any, tmp_path: Any
) -> None:
    settings.CTIMS_DEMO_MODE = True
    settings.CTIMS_PUBLIC_BASE_URL = ""  # the code then leads to the address the screen is served on
    trainer: User = make_user(Role.TRAINER, iom, username="pawel", is_demo=True)
    event = make_event(by=trainer, start_date=timezone.localdate())
    anna = services.add_participant(trainer, event, full_name="Anna Nowak", organisation_name="La Strada")
    services.add_participant(trainer, event, full_name="Jan Kowalski", organisation_name="SG")

    page.goto(live_server.url + "/accounts/sign-in/", timeout=120_000)  # the first request loads every URLconf
    page.get_by_label("Username").fill("pawel")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/home/")
    page.goto(live_server.url + f"/training/events/{event.pk}/check-in/")
    live = page.locator("#checkin-live")
    expect(live.get_by_role("heading", name="0 of 2 present")).to_be_visible()

    qr = page.locator(".checkin-qr svg")
    expect(qr).to_be_visible()
    shot = tmp_path / "qr.png"
    qr.screenshot(path=str(shot))
    codes = [r.text for r in zxingcpp.read_barcodes(Image.open(shot).convert("L"))]
    assert len(codes) == 1 and codes[0].startswith(live_server.url + "/training/check-in/"), codes

    phone_page.goto(codes[0])  # the phone is nobody's session: Anna is on the list by name only
    phone_page.locator("#name").fill("Anna Nowak")
    phone_page.locator("main form button[type=submit]").click()
    with translation.override("uk"):  # the phone's browser asks for Ukrainian
        checked_in = translation.gettext("You are checked in")
    expect(phone_page.get_by_role("heading", name=checked_in)).to_be_visible()
    expect(phone_page.locator("main")).to_contain_text("Anna Nowak")
    screenshot(phone_page, "training-checkin-phone")

    # no reload: the screen refreshes itself every 5 seconds
    expect(live.get_by_role("heading", name="1 of 2 present")).to_be_visible(timeout=15_000)
    expect(live.locator(".checkin-list li")).to_have_text(["Anna Nowak"])
    screenshot(page, "training-checkin-screen")
    attendance = Attendance.objects.get(participant=anna, day=timezone.localdate())
    assert attendance.present and attendance.by_qr
