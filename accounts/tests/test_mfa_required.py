"""Staff must use a second factor; only demo accounts in demo mode may skip it, never in production."""

from __future__ import annotations

import importlib

from django.urls import reverse

from accounts.roles import STAFF_ROLES, Role
from accounts.tests.signin import enrol_authenticator, is_signed_in, next_code, post_code, post_password


def test_every_role_but_learner_is_a_staff_role():
    assert set(STAFF_ROLES) == set(Role) - {Role.LEARNER}


def test_a_case_worker_without_an_authenticator_must_set_one_up_before_getting_in(client, make_user):
    make_user(Role.CASE_WORKER, username="iryna")
    response = post_password(client, "iryna")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:mfa_enrol")
    assert not is_signed_in(client)


def test_a_demo_account_must_still_use_mfa_when_demo_mode_is_off(client, make_user, settings):
    settings.CTIMS_DEMO_MODE = False
    make_user(Role.ADMINISTRATOR, username="admin", is_demo=True)
    response = post_password(client, "admin")
    assert response["Location"] == reverse("accounts:mfa_enrol")
    assert not is_signed_in(client)


def test_a_demo_account_skips_mfa_only_in_demo_mode(client, make_user, settings):
    settings.CTIMS_DEMO_MODE = True
    make_user(Role.HOTLINE_OPERATOR, username="police.hotline", is_demo=True)
    response = post_password(client, "police.hotline")
    assert response["Location"] == reverse("core:home")
    assert is_signed_in(client)


def test_a_real_account_needs_mfa_even_in_demo_mode(client, make_user, settings):
    settings.CTIMS_DEMO_MODE = True
    make_user(Role.HOTLINE_OPERATOR, username="real.operator", is_demo=False)
    assert post_password(client, "real.operator")["Location"] == reverse("accounts:mfa_enrol")
    assert not is_signed_in(client)


def test_an_enrolled_staff_member_is_asked_for_a_code_and_gets_in_with_it(client, make_user):
    user = make_user(Role.INVESTIGATOR, username="kasia")
    totp = enrol_authenticator(user)
    assert post_password(client, "kasia")["Location"] == reverse("accounts:mfa_verify")
    assert not is_signed_in(client)
    response = post_code(client, "123456" if next_code(totp) != "123456" else "654321")
    assert "That code is not right." in response.content.decode()
    assert post_code(client, next_code(totp))["Location"] == reverse("core:home")
    assert is_signed_in(client)


def test_a_learner_needs_no_second_factor(client, make_user):
    make_user(Role.LEARNER, username="michal")
    post_password(client, "michal")
    assert is_signed_in(client)


def test_a_password_alone_cannot_enrol_a_new_authenticator_over_an_existing_one(client, make_user):
    """Someone who stole the password must not be able to replace the victim's second factor."""
    user = make_user(Role.CASE_WORKER, username="iryna")
    enrol_authenticator(user)
    post_password(client, "iryna")
    response = client.get(reverse("accounts:mfa_enrol"))
    assert response["Location"] == reverse("accounts:mfa_verify")
    response = client.post(reverse("accounts:mfa_enrol"), {"code": "123456"})
    assert response["Location"] == reverse("accounts:mfa_verify")
    assert user.totp_devices.count() == 1
    assert not is_signed_in(client)


def test_an_api_token_needs_the_second_factor_too(client, make_user):
    user = make_user(Role.CASE_WORKER, username="iryna")
    url = "/api/v1/auth/token"
    response = client.post(url, {"username": "iryna", "password": "correct-horse-battery-staple"},
                           content_type="application/json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "mfa_not_enrolled"
    totp = enrol_authenticator(user)
    response = client.post(url, {"username": "iryna", "password": "correct-horse-battery-staple"},
                           content_type="application/json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "otp_required"
    response = client.post(url, {"username": "iryna", "password": "correct-horse-battery-staple",
                                 "otp": next_code(totp)}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["token"].startswith("ctims_")


def test_production_settings_turn_demo_mode_off_whatever_the_environment_says(monkeypatch):
    monkeypatch.setenv("CTIMS_DEMO_MODE", "true")
    production = importlib.import_module("ctims.settings.production")
    assert production.CTIMS_DEMO_MODE is False
    assert production.DEBUG is False
