"""The key that encrypts a user's drafts on a device goes to that user's signed-in pages only, and
signing out asks first when drafts are unsent, then tells the browser to clear CTIMS's data."""

from __future__ import annotations

import base64

from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from accounts.services import end_all_sessions
from accounts.tests.signin import post_password

KEY_URL = "/accounts/device-key/"


def _key(client: Client) -> dict[str, str]:
    response = client.get(KEY_URL)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return response.json()


def test_nobody_signed_in_gets_no_key(client):
    response = client.get(KEY_URL)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_signed_in"
    assert "key" not in response.json()


def test_each_user_gets_their_own_key_under_an_opaque_name(make_user, make_org):
    anna = make_user(Role.FIELD_OFFICER, make_org(), username="anna")
    bohdan = make_user(Role.FIELD_OFFICER, make_org(), username="bohdan")
    anna_client, bohdan_client = Client(), Client()
    anna_client.force_login(anna)
    bohdan_client.force_login(bohdan)
    a, b = _key(anna_client), _key(bohdan_client)
    assert a["key"] != b["key"] and a["store"] != b["store"]
    assert len(base64.b64decode(a["key"])) == 32  # AES-256
    for given in (a["store"], a["key"]):
        assert "anna" not in given and str(anna.pk) != given
    assert _key(anna_client) == a, "the same session gets the same key on every page"


def test_the_same_user_gets_the_key_back_after_a_new_sign_in(client, make_user):
    """A session that ended by itself (idle) leaves the draft readable to its author signing in again."""
    make_user(Role.LEARNER, username="anna")
    post_password(client, "anna")
    first = _key(client)
    client.cookies.clear()
    post_password(client, "anna")
    assert _key(client) == first


def test_signing_out_renews_the_key_so_a_copy_left_behind_cannot_be_read(client, make_user):
    make_user(Role.LEARNER, username="anna")
    post_password(client, "anna")
    before = _key(client)
    client.post(reverse("accounts:logout"))
    post_password(client, "anna")
    after = _key(client)
    assert after["store"] == before["store"]  # so the page can find and drop what it can no longer read
    assert after["key"] != before["key"]


def test_an_administrator_ending_every_session_renews_the_key(client, make_user):
    anna = make_user(Role.LEARNER, username="anna")
    client.force_login(anna)
    before = _key(client)
    end_all_sessions(anna)
    client.force_login(User.objects.get(pk=anna.pk))
    assert _key(client)["key"] != before["key"]


def test_sign_out_tells_the_browser_to_clear_the_device(client, make_user):
    make_user(Role.LEARNER, username="anna")
    post_password(client, "anna")
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    sign_in = client.get(response["Location"]).content.decode()
    assert "You have signed out." in sign_in
    assert "data-device-clear" in sign_in, "and clears it itself where the header is not honoured"
    assert "data-device-clear" not in client.get(reverse("accounts:login")).content.decode()


def test_the_sign_out_page_says_how_many_drafts_are_unsent_and_offers_the_way_back(client, make_user):
    client.force_login(make_user(Role.FIELD_OFFICER))
    page = client.get(reverse("accounts:logout"), {"unsent": "2", "back": "/intake/observations/new/"})
    text = page.content.decode()
    # the count is of drafts and of observations held in the outbox: the words say both
    assert "You have 2 unsent items on this device: drafts, and observations waiting to be sent." in text
    assert 'href="/intake/observations/new/"' in text
    assert "Sign out and remove the unsent items" in text
    one = client.get(reverse("accounts:logout"), {"unsent": "1"}, HTTP_ACCEPT_LANGUAGE="pl")
    assert "1 niewysłany element" in one.content.decode()


def test_the_way_back_never_leads_off_site(client, make_user):
    client.force_login(make_user(Role.FIELD_OFFICER))
    text = client.get(reverse("accounts:logout"), {"unsent": "1", "back": "https://evil.example/"}).content.decode()
    assert 'href="https://evil.example/"' not in text
    assert 'href="/home/"' in text


def test_a_sign_out_page_without_drafts_just_asks(client, make_user):
    client.force_login(make_user(Role.FIELD_OFFICER))
    text = client.get(reverse("accounts:logout"), {"unsent": "lots"}).content.decode()
    assert "unsent item" not in text
    assert "Sign out of CTIMS?" in text


def test_a_signed_out_visitor_asking_to_sign_out_goes_to_sign_in(client):
    response = client.get(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
