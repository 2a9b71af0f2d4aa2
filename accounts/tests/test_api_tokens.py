"""Scripts get a personal token with POST /api/v1/auth/token and send it as a Bearer token."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken
from accounts.roles import Role
from conftest import TEST_PASSWORD

TOKEN_URL = "/api/v1/auth/token"


def _token(client: Client, username: str, **extra: str) -> object:
    return client.post(TOKEN_URL, {"username": username, "password": TEST_PASSWORD, **extra},
                       content_type="application/json")


def test_a_script_gets_a_token_and_uses_it(client, make_user):
    make_user(Role.LEARNER, username="michal", first_name="Michał")
    response = _token(client, "michal")
    assert response.status_code == 200
    token = response.json()["token"]
    me = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert me.status_code == 200
    assert me.json()["username"] == "michal"
    assert me.json()["first_name"] == "Michał"
    org = Client().get("/api/v1/organisation", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert org.status_code == 200
    assert org.json()["code"] == me.json()["organisation"]["code"]


def test_tokens_are_stored_only_as_a_hash(client, make_user):
    make_user(Role.LEARNER, username="michal")
    token = _token(client, "michal").json()["token"]
    stored = ApiToken.objects.get()
    assert stored.token_hash == ApiToken.hash(token)
    assert token not in {stored.token_hash, stored.prefix, stored.name}
    assert len(stored.prefix) < len(token) // 4


def test_a_wrong_password_gets_no_token(client, make_user):
    make_user(Role.LEARNER, username="michal")
    response = client.post(TOKEN_URL, {"username": "michal", "password": "nope"}, content_type="application/json")
    assert response.status_code == 401
    assert response.json() == {"error": {"code": "invalid_credentials",
                                         "message": "The username or password is not right."}}
    assert not ApiToken.objects.exists()


def test_a_locked_account_gets_429(client, make_user):
    make_user(Role.LEARNER, username="michal")
    for _ in range(5):
        client.post(TOKEN_URL, {"username": "michal", "password": "nope"}, content_type="application/json")
    response = _token(client, "michal")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "locked_out"


def test_a_revoked_token_is_refused(client, make_user):
    user = make_user(Role.LEARNER, username="michal")
    token = _token(client, "michal").json()["token"]
    client.force_login(user)
    page = client.get(reverse("accounts:profile"))
    assert "API token" in page.content.decode()
    stored = ApiToken.objects.get()
    response = client.post(reverse("accounts:revoke_token", args=[stored.pk]), follow=True)
    assert "The token was revoked." in response.content.decode()
    refused = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "not_authenticated"


def test_a_token_made_on_the_profile_page_is_shown_once_and_works(client, make_user):
    user = make_user(Role.LEARNER, username="michal")
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"name": "nightly export"})
    token = response.context["new_token"]
    assert token in response.content.decode()
    assert "It will not be shown again." in response.content.decode()
    assert token not in client.get(reverse("accounts:profile")).content.decode()
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_someone_elses_token_cannot_be_revoked(client, make_user):
    owner = make_user(Role.LEARNER, username="michal")
    other = make_user(Role.LEARNER, username="pawel")
    token = _token(Client(), "michal").json()["token"]
    client.force_login(other)
    stored = ApiToken.objects.get(user=owner)
    assert client.post(reverse("accounts:revoke_token", args=[stored.pk])).status_code == 404
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_a_made_up_token_is_refused(make_user):
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION="Bearer ctims_made-up")
    assert response.status_code == 401


def test_a_username_no_account_could_have_is_simply_not_right(client, make_user):
    make_user(Role.LEARNER, username="michal")
    for name in ("mi\x00chal", "m" * 151):
        response = client.post(TOKEN_URL, {"username": name, "password": "nope"}, content_type="application/json")
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "invalid_credentials"
