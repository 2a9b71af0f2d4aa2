"""An officer on a phone loses the connection while filing: the draft stays on the phone and is
sent by itself when the connection is back."""

from __future__ import annotations

import re
from typing import Any

import pytest

from accounts.roles import Role
from conftest import TEST_PASSWORD
from intake.models import FieldObservation, Place

pytestmark = pytest.mark.browser


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(out, format="PNG")
    return out.getvalue()


def test_the_offline_draft_is_sent_after_reconnection(live_server: Any, phone_page: Any, make_user: Any,
                                                      police: Any, medyka: Place, screenshot: Any,
                                                      settings: Any, wait_until: Any) -> None:
    settings.CTIMS_DEMO_MODE = True
    make_user(Role.FIELD_OFFICER, police, username="piotr", is_demo=True)
    page = phone_page
    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("#id_username", "piotr")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/home/")

    page.goto(live_server.url + "/intake/observations/new/")
    page.select_option("#id_place", str(medyka.pk))
    page.check("input[name=offer_types][value=transport]")
    page.fill("#id_description", "Van driver offering free lifts to Berlin")
    page.click("#people-section summary")
    page.fill("#id_person-0-name", "Szewczenko")
    page.set_input_files("#id_photos", files=[{"name": "van.png", "mimeType": "image/png", "buffer": _png()}])

    page.context.set_offline(True)
    page.click("#observation-form button[type=submit]")
    assert page.locator("#draft-offline").is_visible()
    screenshot(page, "intake-observation-offline")
    assert FieldObservation.objects.count() == 0

    page.context.set_offline(False)
    page.wait_for_url(re.compile(r"/intake/observations/\d+/$"))
    obs = FieldObservation.objects.get()
    assert obs.code in page.locator("h1").inner_text()
    assert obs.description == "Van driver offering free lifts to Berlin"
    assert obs.mentions.get(kind="person").value == "Szewczenko"
    assert obs.photos.count() == 1, "the photo chosen before the connection dropped is sent with the held form"
    wait_until(page, "CTIMS.deviceStore.open().then(s => s.count('draft:')).then(n => n === 0)")
