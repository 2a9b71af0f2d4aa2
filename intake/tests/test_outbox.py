"""A field officer at a reception point with no signal: the form opens offline after one visit online,
observations with photos wait on the phone (through a reload) and arrive once each when the signal
returns; a second officer on the same phone sees nothing of the first one's outbox."""

from __future__ import annotations

import io
from typing import Any

import pytest

from accounts.models import OrganisationType, User
from accounts.roles import Role
from conftest import TEST_PASSWORD
from intake.models import FieldObservation, Place

pytestmark = pytest.mark.browser

FORM = "/intake/observations/new/"
WAITING = "CTIMS.outbox.waiting()"


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def officers(make_user: Any, make_org: Any, settings: Any) -> tuple[User, User]:
    settings.CTIMS_DEMO_MODE = True  # demo accounts skip the authenticator
    police = make_org("POL", OrganisationType.POLICE, name="Police HQ")
    guards = make_org("SG", OrganisationType.BORDER_GUARD, name="Border Guard HQ")
    return (make_user(Role.FIELD_OFFICER, police, username="anna", is_demo=True),
            make_user(Role.FIELD_OFFICER, guards, username="bohdan", is_demo=True))


def _sign_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/home/")


def _visit_once_online(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + FORM)
    assert page.evaluate("CTIMS.offlineReady") is True, "the service worker kept the offline pages"


def _file_offline(page: Any, place: Place, description: str, wait_until: Any, held: int) -> None:
    page.select_option("#id_place", str(place.pk))
    page.fill("#id_description", description)
    page.set_input_files("#id_photos", files=[{"name": "van.png", "mimeType": "image/png", "buffer": _png()}])
    page.click("#observation-form button[type=submit]")
    wait_until(page, f"{WAITING}.then(n => n === {held})")
    # the phone speaks Ukrainian: "kept on this device: it will be sent by itself..." beside the button
    page.locator("#outbox-status", has_text="Збережено на цьому пристрої").wait_for()
    assert page.locator("#observation-form button[type=submit]").is_enabled()


def test_the_form_opens_offline_after_one_visit(live_server: Any, phone_page: Any, officers: Any,
                                                medyka: Place) -> None:
    page = phone_page
    _sign_in(page, live_server, "anna")
    _visit_once_online(page, live_server)
    page.context.set_offline(True)
    page.goto(live_server.url + FORM)
    assert page.locator(f"#id_place option[value='{medyka.pk}']").count() == 1
    page.goto(live_server.url + "/home/")
    assert page.locator("h1").count() == 1
    page.goto(live_server.url + "/intake/observations/mine/")
    assert page.locator("h1").count() == 1


def test_two_observations_filed_offline_arrive_once_each_after_a_reload(
        live_server: Any, phone_page: Any, officers: Any, medyka: Place, wait_until: Any, screenshot: Any) -> None:
    page = phone_page
    _sign_in(page, live_server, "anna")
    _visit_once_online(page, live_server)
    page.context.set_offline(True)
    _file_offline(page, medyka, "Van driver offering free lifts to Berlin", wait_until, 1)
    assert page.locator("#id_description").input_value() == "", "the form is ready for the next one"
    _file_offline(page, medyka, "Second van, same driver", wait_until, 2)
    bar = page.locator("#outbox-bar")
    assert "2 спостереження чекають на цьому пристрої на надсилання." in bar.inner_text()  # the plural for 2
    screenshot(page, "intake-outbox-offline")

    page.reload()  # the page closed and opened again, still without a connection
    wait_until(page, "!document.getElementById('outbox-bar').hidden")
    assert "2 спостереження" in bar.inner_text()
    assert FieldObservation.objects.count() == 0

    page.context.set_offline(False)
    wait_until(page, f"{WAITING}.then(n => n === 0)")
    assert sorted(FieldObservation.objects.values_list("description", flat=True)) == [
        "Second van, same driver", "Van driver offering free lifts to Berlin"]
    assert all(o.photos.count() == 1 for o in FieldObservation.objects.all())
    page.evaluate("CTIMS.outbox.send()")  # a retry finds nothing more to send
    assert FieldObservation.objects.count() == 2

    page.goto(live_server.url + "/intake/observations/mine/")
    sent = page.locator("#outbox-list [data-outbox=sent]")
    sent.first.wait_for()
    codes = sorted(o.code for o in FieldObservation.objects.all())
    assert sorted(sent.locator("a").all_inner_texts()) == codes


def test_another_officer_on_the_phone_sees_no_trace(live_server: Any, phone_page: Any, officers: Any,
                                                   medyka: Place, wait_until: Any) -> None:
    page = phone_page
    _sign_in(page, live_server, "anna")
    _visit_once_online(page, live_server)
    page.context.set_offline(True)
    _file_offline(page, medyka, "Held by Anna", wait_until, 1)
    page.context.clear_cookies()  # her session ends without signing out, before her observation was sent
    page.context.set_offline(False)
    _sign_in(page, live_server, "bohdan")
    page.goto(live_server.url + "/intake/observations/mine/")
    page.wait_for_load_state("load")
    assert page.evaluate(WAITING) == 0
    assert page.locator("#outbox-bar").is_hidden()
    assert page.locator("#outbox-list").is_hidden()
    page.evaluate("CTIMS.outbox.send()")
    assert not FieldObservation.objects.exists(), "Bohdan's session never sends Anna's observation"
    caches = page.evaluate("caches.keys()")
    owner = page.evaluate("document.querySelector('[data-device-store]').dataset.deviceStore")
    assert [c for c in caches if c.startswith("ctims-pages-")] in ([], ["ctims-pages-" + owner])
    assert page.evaluate("CTIMS.offlineReady") is True
    assert [c for c in page.evaluate("caches.keys()") if c.startswith("ctims-pages-")] == ["ctims-pages-" + owner]
    page.context.set_offline(True)
    page.goto(live_server.url + FORM)  # offline, Bohdan gets his own page, never Anna's
    assert page.locator("[data-device-store]").get_attribute("data-device-store") == owner
    page.context.set_offline(False)

    page.context.clear_cookies()
    _sign_in(page, live_server, "anna")  # Anna back on her phone: her held observation goes, once
    wait_until(page, f"{WAITING}.then(n => n === 0)")
    assert list(FieldObservation.objects.values_list("description", "created_by__username")) == [
        ("Held by Anna", "anna")]


def test_the_duplicate_warning_shows_beside_the_button(live_server: Any, phone_page: Any, officers: Any,
                                                        medyka: Place, log_observation: Any, wait_until: Any) -> None:
    from intake.services import MentionInput

    earlier = log_observation(officers[0], mentions=[MentionInput(kind="vehicle", value="WZ 4821K")])
    page = phone_page
    _sign_in(page, live_server, "anna")
    page.goto(live_server.url + FORM)
    page.select_option("#id_place", str(medyka.pk))
    page.click("#vehicles-section summary")
    page.fill("#id_vehicle-0-plate", "WZ4821K")
    page.set_input_files("#id_photos", files=[{"name": "van.png", "mimeType": "image/png", "buffer": _png()}])
    page.click("#observation-form button[type=submit]")
    status = page.locator("#outbox-status")
    status.get_by_role("link", name=earlier.code).wait_for()
    assert "Це той самий випадок?" in status.inner_text()  # "is this the same sighting?" (Ukrainian phone)
    assert FieldObservation.objects.count() == 1
    status.locator("[data-confirm-duplicate]").click()
    page.wait_for_url(f"**/intake/observations/{earlier.pk + 1}/")
    repeat = FieldObservation.objects.get(pk=earlier.pk + 1)
    assert repeat.repeat_of_id == earlier.pk and repeat.photos.count() == 1, "the photo was kept through the warning"
