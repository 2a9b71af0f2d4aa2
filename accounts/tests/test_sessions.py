"""Sessions end after 30 minutes idle, after 12 hours in any case, on sign-out, and on deactivation."""

from __future__ import annotations

import time

from django.contrib.sessions.models import Session
from django.urls import reverse

from accounts.middleware import LAST_SEEN, LOGIN_AT
from accounts.roles import Role
from accounts.tests.signin import is_signed_in, post_password


def _shift(client, **seconds_ago: float) -> None:
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[{"last_seen": LAST_SEEN, "login_at": LOGIN_AT}[key]] = now - ago
    session.save()


def test_signing_in_gives_a_new_session_key(client, make_user):
    make_user(Role.LEARNER, username="michal")
    client.get(reverse("accounts:login"))
    client.session.save()
    before = client.session.session_key
    client.cookies["sessionid"] = before
    post_password(client, "michal")
    assert is_signed_in(client)
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_twenty_nine_idle_minutes_keep_the_session(client, make_user):
    make_user(Role.LEARNER, username="michal")
    post_password(client, "michal")
    _shift(client, last_seen=29 * 60)
    assert is_signed_in(client)


def test_thirty_idle_minutes_end_the_session(client, make_user):
    make_user(Role.LEARNER, username="michal")
    post_password(client, "michal")
    _shift(client, last_seen=30 * 60 + 5)
    response = client.get(reverse("core:home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert "Your session ended. Please sign in again." in response.content.decode()
    assert not is_signed_in(client)


def test_twelve_hours_end_the_session_even_when_active(client, make_user):
    make_user(Role.LEARNER, username="michal")
    post_password(client, "michal")
    _shift(client, login_at=12 * 60 * 60 - 60, last_seen=60)
    assert is_signed_in(client)
    _shift(client, login_at=12 * 60 * 60 + 5, last_seen=60)
    assert not is_signed_in(client)


def test_the_session_cookie_expires_with_the_idle_limit(client, make_user):
    make_user(Role.LEARNER, username="michal")
    post_password(client, "michal")
    assert client.session.get_expiry_age() == 30 * 60


def test_signing_out_ends_the_session_and_is_audited(client, make_user):
    from audit.models import Action, AuditEvent

    user = make_user(Role.LEARNER, username="michal")
    post_password(client, "michal")
    key = client.session.session_key
    response = client.post(reverse("accounts:logout"), follow=True)
    assert "You have signed out." in response.content.decode()
    assert not Session.objects.filter(session_key=key).exists()
    assert not is_signed_in(client)
    assert AuditEvent.objects.filter(actor=user, action=Action.LOGOUT).exists()


def test_opening_the_sign_out_address_asks_first_and_does_not_sign_out(client, make_user):
    make_user(Role.LEARNER, username="michal")
    post_password(client, "michal")
    page = client.get(reverse("accounts:logout"))
    assert page.status_code == 200
    assert "Sign out of CTIMS?" in page.content.decode()
    assert is_signed_in(client)


def test_deactivating_a_user_ends_all_their_sessions_and_api_tokens(client, make_user, make_org, django_user_model):
    from django.test import Client

    org = make_org()
    admin = make_user(Role.ADMINISTRATOR, organisation=org)
    make_user(Role.LEARNER, organisation=org, username="michal")
    laptop, phone = Client(), Client()
    post_password(laptop, "michal")
    post_password(phone, "michal")
    token = laptop.post("/api/v1/auth/token", {"username": "michal", "password": "correct-horse-battery-staple"},
                        content_type="application/json").json()["token"]
    assert phone.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200

    client.force_login(admin)
    michal = django_user_model.objects.get(username="michal")
    response = client.post(reverse("accounts:user_edit", args=[michal.pk]), {"action": "status"}, follow=True)
    assert "Changes saved." in response.content.decode()

    assert not is_signed_in(laptop)
    assert not is_signed_in(phone)
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert post_password(Client(), "michal").status_code == 200  # the sign-in form again, with an error


def test_a_session_whose_key_changed_after_sign_in_is_still_ended_on_deactivation(client, make_user, make_org):
    """A password change gives the session a new key; deactivation must still find it."""
    from django.test import Client

    from accounts import services

    org = make_org()
    admin = make_user(Role.ADMINISTRATOR, organisation=org)
    user = make_user(Role.LEARNER, organisation=org, username="michal")
    browser = Client()
    post_password(browser, "michal")
    response = browser.post(reverse("accounts:password_change"), {
        "old_password": "correct-horse-battery-staple", "new_password1": "a-much-longer-new-pass-2026",
        "new_password2": "a-much-longer-new-pass-2026"})
    assert response.status_code == 302
    assert is_signed_in(browser)
    services.end_all_sessions(user)
    assert not is_signed_in(browser)
    assert admin.is_active


def test_an_htmx_request_after_the_session_ended_loads_the_sign_in_page_whole(client, make_user):
    make_user(Role.LEARNER, username="michal")
    post_password(client, "michal")
    _shift(client, last_seen=31 * 60)
    response = client.get(reverse("core:home"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))


def _session_writes(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum('"django_session"' in q["sql"] and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
               for q in queries.captured_queries)


def test_a_page_view_writes_the_session_at_most_once_a_minute(client, make_user):
    make_user(Role.LEARNER, username="michal")
    post_password(client, "michal")
    home = reverse("core:home")
    assert _session_writes(client, home) == 0, "seen a moment ago: nothing to write"
    assert _session_writes(client, home) == 0
    _shift(client, last_seen=61)
    assert _session_writes(client, home) == 1, "a minute on: the last-seen time is written"
    assert time.time() - client.session[LAST_SEEN] < 5
    assert _session_writes(client, home) == 0
