"""Repeated failed sign-ins lock that username at that address (django-axes), and an address that
tries many accounts; nobody can lock a colleague out from somewhere else."""

from __future__ import annotations

import logging

from axes.models import AccessAttempt
from django.db.models import Sum
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.signin import enrol_authenticator, is_signed_in, next_code, post_code, post_password
from audit.models import Action, AuditEvent
from conftest import TEST_PASSWORD

LOCKED = "Too many failed attempts"
ATTACKER = "198.51.100.66"
OFFICE = "203.0.113.8"
TOKEN_URL = "/api/v1/auth/token"


def test_five_wrong_passwords_lock_that_address_even_with_the_right_one_next(client, make_user, settings):
    settings.CTIMS_DEMO_MODE = True
    make_user(Role.LEARNER, username="michal")
    for _ in range(5):
        response = post_password(client, "michal", "wrong password", ip=ATTACKER)
        assert "The username or password is not right." in response.content.decode()
    response = post_password(client, "michal", ip=ATTACKER)
    assert LOCKED in response.content.decode()
    assert not is_signed_in(client)


def test_five_wrong_passwords_from_elsewhere_do_not_stop_the_real_user(client, make_user):
    make_user(Role.LEARNER, username="michal")
    for _ in range(6):  # someone who knows the username tries to lock the account
        post_password(client, "michal", "wrong password", ip=ATTACKER)
    assert LOCKED in post_password(client, "michal", ip=ATTACKER).content.decode()

    post_password(client, "michal", ip=OFFICE)  # Michał at his own desk
    assert is_signed_in(client)


def test_letter_case_does_not_buy_more_tries(client, make_user):
    make_user(Role.LEARNER, username="michal")
    for name in ("Michal", "MICHAL", "michal", "mIchal", "Michal"):
        post_password(client, name, "wrong password", ip=ATTACKER)
    assert LOCKED in post_password(client, "michal", ip=ATTACKER).content.decode()


def test_fewer_failures_than_the_limit_do_not_lock(client, make_user):
    make_user(Role.LEARNER, username="michal")
    for _ in range(4):
        post_password(client, "michal", "wrong password")
    post_password(client, "michal")
    assert is_signed_in(client)


def test_a_full_sign_in_clears_the_failures_of_that_address(client, make_user):
    make_user(Role.LEARNER, username="michal")
    for _ in range(4):
        post_password(client, "michal", "wrong password")
    post_password(client, "michal")
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        post_password(client, "michal", "wrong password")
    post_password(client, "michal")
    assert is_signed_in(client)


def test_many_usernames_from_one_address_hit_the_address_ceiling(client, make_user, settings):
    settings.CTIMS_LOCKOUT_MAX_FAILURES_PER_IP = 6
    make_user(Role.LEARNER, username="michal")
    for n in range(6):  # password spraying: one try on each of many accounts
        post_password(client, f"someone{n}", "Summer2026!", ip=ATTACKER)
    response = post_password(client, "michal", ip=ATTACKER)
    assert "Too many failed sign-ins from this network." in response.content.decode()
    assert not is_signed_in(client)
    post_password(client, "michal", ip=OFFICE)  # the account itself is fine elsewhere
    assert is_signed_in(client)


def test_a_successful_sign_in_does_not_reset_the_address_count(client, make_user, settings):
    settings.CTIMS_LOCKOUT_MAX_FAILURES_PER_IP = 4
    make_user(Role.LEARNER, username="attacker")
    make_user(Role.LEARNER, username="michal")
    for n in range(4):
        post_password(client, f"victim{n}", "guess", ip=ATTACKER)
        if n == 2:
            post_password(client, "attacker", ip=ATTACKER)
            client.post(reverse("accounts:logout"))
    assert "from this network" in post_password(client, "michal", ip=ATTACKER).content.decode()


def test_an_administrator_unlocks_a_locked_account(client, make_user, make_org):
    org = make_org()
    admin = make_user(Role.ADMINISTRATOR, organisation=org)
    make_user(Role.LEARNER, organisation=org, username="michal")
    for _ in range(5):
        post_password(client, "michal", "wrong password")
    assert LOCKED in post_password(client, "michal").content.decode()

    client.force_login(admin)
    target = admin.organisation.users.get(username="michal")
    page = client.get(reverse("accounts:user_edit", args=[target.pk]))
    assert "Unlock account" in page.content.decode()
    response = client.post(reverse("accounts:user_edit", args=[target.pk]), {"action": "unlock"}, follow=True)
    assert "The account is unlocked." in response.content.decode()
    assert "Unlock account" not in response.content.decode()
    client.post(reverse("accounts:logout"))

    post_password(client, "michal")
    assert is_signed_in(client)


def test_wrong_second_factor_codes_count_toward_the_lockout(client, make_user):
    user = make_user(Role.CASE_WORKER, username="iryna")
    totp = enrol_authenticator(user)
    post_password(client, "iryna", ip=ATTACKER)
    for _ in range(5):
        post_code(client, "000000", ip=ATTACKER)
    failures = AccessAttempt.objects.filter(username="iryna", ip_address=ATTACKER)
    assert failures.aggregate(n=Sum("failures_since_start"))["n"] == 5
    response = post_code(client, next_code(totp), ip=ATTACKER)
    assert LOCKED in response.content.decode()
    assert not is_signed_in(client)


def test_a_lockout_leaves_an_audit_row_for_the_owner(client, make_user):
    user = make_user(Role.LEARNER, username="michal")
    for _ in range(5):
        post_password(client, "michal", "wrong password", ip=ATTACKER)
    started = AuditEvent.objects.get(action=Action.LOGIN_FAILED, reason="lockout started")
    assert started.organisation_id == user.organisation_id
    assert started.object_id == str(user.pk)
    assert started.ip == ATTACKER
    post_password(client, "michal", ip=ATTACKER)
    assert AuditEvent.objects.filter(action=Action.LOGIN_FAILED, reason="locked out").count() == 1


def test_the_logs_name_neither_the_username_nor_the_address(client, make_user, caplog):
    make_user(Role.LEARNER, username="michal")
    with caplog.at_level(logging.INFO, logger="axes"):
        for _ in range(5):
            post_password(client, "michal", "wrong password", ip=ATTACKER)
    assert any("login failure" in r.getMessage() for r in caplog.records)
    assert not [r for r in caplog.records if "michal" in r.getMessage() or ATTACKER in r.getMessage()]


def _token(client, password: str, ip: str, **extra: str):
    return client.post(TOKEN_URL, {"username": "michal", "password": password, **extra},
                       content_type="application/json", REMOTE_ADDR=ip)


def test_the_api_token_endpoint_locks_the_pair_and_not_the_account(client, make_user):
    make_user(Role.LEARNER, username="michal")
    for _ in range(5):
        assert _token(client, "nope", ATTACKER).status_code == 401
    locked = _token(client, TEST_PASSWORD, ATTACKER)
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "locked_out"
    assert _token(client, TEST_PASSWORD, OFFICE).status_code == 200


def test_wrong_one_time_codes_on_the_api_count_too(client, make_user):
    user = make_user(Role.CASE_WORKER, username="michal")
    totp = enrol_authenticator(user)
    for _ in range(5):
        assert _token(client, TEST_PASSWORD, ATTACKER, otp="000000").json()["error"]["code"] == "invalid_otp"
    assert _token(client, TEST_PASSWORD, ATTACKER, otp=next_code(totp)).status_code == 429
    assert _token(client, TEST_PASSWORD, OFFICE, otp=next_code(totp)).status_code == 200


def test_web_failures_and_api_failures_share_one_count(client, make_user):
    make_user(Role.LEARNER, username="michal")
    for _ in range(3):
        post_password(client, "michal", "wrong password", ip=ATTACKER)
    for _ in range(2):
        _token(client, "nope", ATTACKER)
    assert LOCKED in post_password(client, "michal", ip=ATTACKER).content.decode()
