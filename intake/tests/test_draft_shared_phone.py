"""Two officers of different organisations share one phone: an unsent observation draft is readable
by the officer who wrote it and nobody else, and signing out warns about it and takes it off the phone."""

from __future__ import annotations

import re
from typing import Any

import pytest

from accounts.models import OrganisationType, User
from accounts.roles import Role
from conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

PLATE = "WZ 4821K"
PHONE = "+48 601 234 567"
FORM = "/intake/observations/new/"
PROBE = "new Promise(ok => { indexedDB.open('probe').onsuccess = e => { e.target.result.close(); ok(); }; })"
RESTORED = "!document.getElementById('draft-restored').hidden"
DRAFTS = "CTIMS.deviceStore.open().then(s => s.count('draft:'))"

# Everything CTIMS keeps on the device, read raw as another script on the origin would: the records
# (owner, name and the bytes of iv and ciphertext as text) and localStorage.
RAW_DEVICE = """async () => {
  const dbs = (await indexedDB.databases()).map(d => d.name);
  const out = {databases: dbs, records: [], localStorage: JSON.stringify(Object.assign({}, localStorage))};
  if (!dbs.includes("ctims-device")) return out;
  const done = r => new Promise((ok, no) => { r.onsuccess = () => ok(r.result); r.onerror = no; });
  const db = await done(indexedDB.open("ctims-device"));
  const all = await done(db.transaction("records").objectStore("records").getAll());
  db.close();
  const text = b => String.fromCharCode(...new Uint8Array(b.buffer || b));
  out.records = all.map(r => ({owner: r.owner, name: r.name, bytes: text(r.iv) + text(r.data)}));
  return out;
}"""


@pytest.fixture
def officers(make_user: Any, make_org: Any, settings: Any) -> tuple[User, User]:
    settings.CTIMS_DEMO_MODE = True  # demo accounts skip the authenticator, so the story stays short
    police = make_org("POL", OrganisationType.POLICE, name="Police HQ")
    guards = make_org("SG", OrganisationType.BORDER_GUARD, name="Border Guard HQ")
    anna = make_user(Role.FIELD_OFFICER, police, username="anna", is_demo=True)
    bohdan = make_user(Role.FIELD_OFFICER, guards, username="bohdan", is_demo=True)
    return anna, bohdan


def _sign_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(live_server.url + "/accounts/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/home/")


def _start_draft(page: Any, live_server: Any, wait_until: Any) -> None:
    page.goto(live_server.url + FORM)
    page.click("#vehicles-section summary")
    page.fill("#id_vehicle-0-plate", PLATE)
    page.fill("#id_phones", PHONE)
    wait_until(page, "CTIMS.deviceStore.open().then(s => s.get('draft:intake.observation'))"
                     f".then(d => d !== null && d.phones === '{PHONE}')")


def _assert_no_plaintext(page: Any) -> dict[str, Any]:
    device = page.evaluate(RAW_DEVICE)
    for secret in (PLATE, PHONE, "4821", "601 234", "anna"):
        assert secret not in device["localStorage"]
        for record in device["records"]:
            assert secret not in record["bytes"] and secret not in record["owner"] and secret not in record["name"]
    return device


def _open_form_as_someone_else(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + FORM)
    # the page's own draft lookup has finished once this answers (same store, same connection)
    assert page.evaluate("CTIMS.deviceStore.open().then(s => s.get('draft:intake.observation'))") is None
    assert page.locator("#id_phones").input_value() == ""
    assert page.locator("#id_vehicle-0-plate").input_value() == ""
    assert page.locator("#draft-restored").is_hidden()


def test_sign_out_warns_about_the_draft_then_takes_it_off_the_phone(live_server: Any, page: Any, officers: Any,
                                                                    wait_until: Any, screenshot: Any) -> None:
    _sign_in(page, live_server, "anna")
    _start_draft(page, live_server, wait_until)
    _assert_no_plaintext(page)

    page.reload()  # a dropped connection or a reload: Anna's draft comes back to Anna
    wait_until(page, RESTORED)
    assert page.locator("#id_vehicle-0-plate").input_value() == PLATE
    assert page.locator("#id_phones").input_value() == PHONE

    page.click("form[data-sign-out] button")
    page.wait_for_url(re.compile(r"/accounts/sign-out/\?"))
    assert "You have 1 unsent item on this device" in page.locator("#unsent-drafts").inner_text()
    screenshot(page, "accounts-sign-out-unsent-draft")
    page.get_by_role("link", name="Go back").click()
    page.wait_for_url("**" + FORM)
    wait_until(page, RESTORED)
    assert page.locator("#id_phones").input_value() == PHONE

    # a database CTIMS's own script does not know about: only Clear-Site-Data can remove it
    page.evaluate(PROBE)
    page.click("form[data-sign-out] button")
    page.wait_for_url(re.compile(r"/accounts/sign-out/\?"))
    page.get_by_role("button", name="Sign out and remove the unsent items").click()
    page.wait_for_url("**/accounts/sign-in/")
    assert "You have signed out." in page.content()
    device = page.evaluate(RAW_DEVICE)
    assert "probe" not in device["databases"], "Chromium honours Clear-Site-Data over http://127.0.0.1"
    wait_until(page, "indexedDB.databases().then(d => !d.some(x => x.name === 'ctims-device'))")
    assert page.evaluate(RAW_DEVICE)["localStorage"] == "{}"

    _sign_in(page, live_server, "bohdan")
    _open_form_as_someone_else(page, live_server)
    _assert_no_plaintext(page)


def test_a_draft_left_behind_is_readable_only_by_its_author(live_server: Any, page: Any, officers: Any,
                                                          wait_until: Any) -> None:
    _sign_in(page, live_server, "anna")
    _start_draft(page, live_server, wait_until)
    page.context.clear_cookies()  # Anna's session ends without signing out (idle timeout, closed tab)

    _sign_in(page, live_server, "bohdan")
    _open_form_as_someone_else(page, live_server)
    device = _assert_no_plaintext(page)
    assert len(device["records"]) == 1, "Anna's draft is still on the phone, encrypted"
    assert page.evaluate(DRAFTS) == 0, "and it is not counted among Bohdan's drafts"
    bohdan_store = page.evaluate("CTIMS.deviceStore.open().then(s => s.owner)")
    assert device["records"][0]["owner"] != bohdan_store

    page.context.clear_cookies()
    _sign_in(page, live_server, "anna")  # Anna signs in again on the same phone
    page.goto(live_server.url + FORM)
    wait_until(page, RESTORED)
    assert page.locator("#id_vehicle-0-plate").input_value() == PLATE
    assert page.locator("#id_phones").input_value() == PHONE


def test_a_plain_text_draft_of_an_earlier_version_is_removed(live_server: Any, page: Any, officers: Any) -> None:
    _sign_in(page, live_server, "bohdan")
    page.evaluate("localStorage.setItem('ctims-intake-observation-draft', JSON.stringify({phones: '"
                  + PHONE + "'}))")
    page.goto(live_server.url + FORM)
    page.wait_for_load_state("load")
    assert page.evaluate("localStorage.getItem('ctims-intake-observation-draft')") is None
    assert page.locator("#id_phones").input_value() == ""


def test_where_the_browser_ignores_clear_site_data_the_sign_in_page_clears_the_draft(
        live_server: Any, page: Any, officers: Any, wait_until: Any) -> None:
    def without_the_header(route: Any) -> None:
        response = route.fetch(max_redirects=0)
        headers = {k: v for k, v in response.headers.items() if k.lower() != "clear-site-data"}
        route.fulfill(response=response, headers=headers)

    _sign_in(page, live_server, "anna")
    _start_draft(page, live_server, wait_until)
    page.route("**/accounts/sign-out/", without_the_header)
    page.evaluate(PROBE)
    page.click("form[data-sign-out] button")
    page.wait_for_url(re.compile(r"/accounts/sign-out/\?"))
    page.get_by_role("button", name="Sign out and remove the unsent items").click()
    page.wait_for_url("**/accounts/sign-in/")
    wait_until(page, "indexedDB.databases().then(d => !d.some(x => x.name === 'ctims-device'))")
    assert "probe" in page.evaluate(RAW_DEVICE)["databases"], "the header really was ignored"

    _sign_in(page, live_server, "bohdan")
    _open_form_as_someone_else(page, live_server)
    assert page.evaluate(RAW_DEVICE)["records"] == []


def test_looking_at_an_earlier_observation_keeps_the_draft(live_server: Any, page: Any, officers: Any,
                                                           log_observation: Any, wait_until: Any) -> None:
    earlier = log_observation(officers[0])
    _sign_in(page, live_server, "anna")
    _start_draft(page, live_server, wait_until)
    page.goto(live_server.url + f"/intake/observations/{earlier.pk}/")
    assert earlier.code in page.locator("h1").inner_text()
    page.goto(live_server.url + FORM)
    wait_until(page, RESTORED)
    assert page.locator("#id_phones").input_value() == PHONE
