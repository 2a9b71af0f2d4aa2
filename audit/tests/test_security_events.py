"""Sign-ins, failed sign-ins and refusals are all in the audit log, with address and request id."""

from __future__ import annotations

from django.urls import reverse

from accounts.roles import Role
from accounts.tests.signin import post_password
from audit.models import Action, AuditEvent


def test_a_sign_in_is_recorded_with_address_and_request_id(client, make_user):
    user = make_user(Role.LEARNER, username="michal")
    post_password(client, "michal", ip="203.0.113.5")
    event = AuditEvent.objects.get(action=Action.LOGIN)
    assert event.actor_id == user.pk
    assert event.organisation_id == user.organisation_id
    assert event.ip == "203.0.113.5"
    assert len(event.request_id) >= 16


def test_a_request_id_sent_by_the_proxy_is_kept(client, make_user):
    make_user(Role.LEARNER, username="michal")
    client.post(reverse("accounts:login"), {"username": "michal", "password": "correct-horse-battery-staple"},
                HTTP_X_REQUEST_ID="req-abc-123")
    assert AuditEvent.objects.get(action=Action.LOGIN).request_id == "req-abc-123"


def test_a_failed_sign_in_is_recorded_against_the_organisation_without_the_password(client, make_user):
    user = make_user(Role.LEARNER, username="michal")
    post_password(client, "michal", "my-secret-guess")
    event = AuditEvent.objects.get(action=Action.LOGIN_FAILED)
    assert event.actor_id is None
    assert event.organisation_id == user.organisation_id
    assert event.object_id == str(user.pk)
    assert "my-secret-guess" not in str(event.__dict__)


def test_a_lockout_is_recorded(client, make_user):
    make_user(Role.LEARNER, username="michal")
    for _ in range(6):
        post_password(client, "michal", "wrong")
    assert AuditEvent.objects.filter(action=Action.LOGIN_FAILED, reason="locked out").exists()


def test_a_refused_page_is_recorded(client, make_user):
    user = make_user(Role.HOTLINE_OPERATOR)
    client.force_login(user)
    client.get(reverse("audit:event_list"))
    event = AuditEvent.objects.get(action=Action.PERMISSION_DENIED)
    assert event.actor_id == user.pk
    assert event.object_id == "audit:event_list"


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(client, make_user, settings):
    settings.CTIMS_TRUSTED_PROXIES = 1
    make_user(Role.LEARNER, username="michal")
    # the client forged the first entry; nginx appended the real address
    client.post(reverse("accounts:login"), {"username": "michal", "password": "correct-horse-battery-staple"},
                REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.23")
    assert AuditEvent.objects.get(action=Action.LOGIN).ip == "198.51.100.23"


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, make_user):
    make_user(Role.LEARNER, username="michal")
    client.post(reverse("accounts:login"), {"username": "michal", "password": "correct-horse-battery-staple"},
                REMOTE_ADDR="203.0.113.77", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert AuditEvent.objects.get(action=Action.LOGIN).ip == "203.0.113.77"
