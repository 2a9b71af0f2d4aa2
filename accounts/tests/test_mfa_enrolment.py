"""A staff member sets up an authenticator by QR code, keeps recovery codes, and uses one."""

from __future__ import annotations

import pyotp
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.signin import is_signed_in, next_code, post_code, post_password


def _enrol_through_the_pages(client, username: str) -> tuple[pyotp.TOTP, list[str]]:
    assert post_password(client, username)["Location"] == reverse("accounts:mfa_enrol")
    page = client.get(reverse("accounts:mfa_enrol"))
    html = page.content.decode()
    assert "<svg" in html  # the QR code, drawn inline
    secret = page.context["secret"]
    assert secret in html  # for people who cannot scan
    totp = pyotp.TOTP(secret)
    assert totp.provisioning_uri(name=username, issuer_name="CTIMS") == page.context["enrolment"].uri

    wrong = client.post(reverse("accounts:mfa_enrol"), {"code": "12345x"})
    assert "That code is not right." in wrong.content.decode()

    response = client.post(reverse("accounts:mfa_enrol"), {"code": totp.now()})
    assert response["Location"] == reverse("accounts:recovery_codes")
    codes_page = client.get(reverse("accounts:recovery_codes"))
    codes = codes_page.context["codes"]
    assert len(codes) == 10
    for code in codes:
        assert code in codes_page.content.decode()
    assert "They will not be shown again." in codes_page.content.decode()
    return totp, codes


def test_enrolment_signs_the_user_in_and_shows_recovery_codes_once(client, make_user):
    user = make_user(Role.CASE_WORKER, username="iryna")
    _enrol_through_the_pages(client, "iryna")
    assert is_signed_in(client)
    assert user.has_mfa
    again = client.get(reverse("accounts:recovery_codes"))
    assert again.context["codes"] is None
    assert "make new ones" in again.content.decode()


def test_the_next_sign_in_asks_for_a_code_and_a_replayed_code_is_refused(client, make_user):
    make_user(Role.CASE_WORKER, username="iryna")
    totp, _codes = _enrol_through_the_pages(client, "iryna")
    client.post(reverse("accounts:logout"))

    code = next_code(totp)
    assert post_password(client, "iryna")["Location"] == reverse("accounts:mfa_verify")
    assert post_code(client, code)["Location"] == reverse("core:home")
    client.post(reverse("accounts:logout"))

    post_password(client, "iryna")
    response = post_code(client, code)  # someone who saw the code over her shoulder
    assert "That code is not right." in response.content.decode()
    assert not is_signed_in(client)


def test_the_code_used_to_enrol_cannot_be_replayed_to_sign_in(client, make_user):
    make_user(Role.CASE_WORKER, username="iryna")
    post_password(client, "iryna")
    totp = pyotp.TOTP(client.get(reverse("accounts:mfa_enrol")).context["secret"])
    code = totp.now()
    client.post(reverse("accounts:mfa_enrol"), {"code": code})
    client.post(reverse("accounts:logout"))
    post_password(client, "iryna")
    assert "That code is not right." in post_code(client, code).content.decode()


def test_a_recovery_code_works_once_instead_of_the_phone(client, make_user):
    make_user(Role.CASE_WORKER, username="iryna")
    _totp, codes = _enrol_through_the_pages(client, "iryna")
    client.post(reverse("accounts:logout"))

    post_password(client, "iryna")
    assert post_code(client, codes[3].upper())["Location"] == reverse("core:home")
    client.post(reverse("accounts:logout"))

    post_password(client, "iryna")
    assert "That code is not right." in post_code(client, codes[3]).content.decode()
    assert post_code(client, codes[4])["Location"] == reverse("core:home")


def test_recovery_codes_are_stored_hashed(client, make_user):
    user = make_user(Role.CASE_WORKER, username="iryna")
    _totp, codes = _enrol_through_the_pages(client, "iryna")
    stored = list(user.recovery_codes.values_list("code_hash", flat=True))
    assert len(stored) == 10
    assert not set(codes) & set(stored)


def test_making_new_recovery_codes_retires_the_old_ones(client, make_user):
    make_user(Role.CASE_WORKER, username="iryna")
    _totp, old = _enrol_through_the_pages(client, "iryna")
    client.post(reverse("accounts:recovery_codes"))
    new = client.get(reverse("accounts:recovery_codes")).context["codes"]
    assert set(new).isdisjoint(old)
    client.post(reverse("accounts:logout"))
    post_password(client, "iryna")
    assert "That code is not right." in post_code(client, old[0]).content.decode()
    assert post_code(client, new[0])["Location"] == reverse("core:home")


def test_an_administrator_resets_a_lost_authenticator(client, make_user, make_org):
    org = make_org()
    admin = make_user(Role.ADMINISTRATOR, organisation=org)
    user = make_user(Role.CASE_WORKER, organisation=org, username="iryna")
    from accounts.tests.signin import enrol_authenticator

    enrol_authenticator(user)
    client.force_login(admin)
    response = client.post(reverse("accounts:user_edit", args=[user.pk]), {"action": "reset_mfa"}, follow=True)
    assert "The authenticator was removed." in response.content.decode()
    assert not user.has_mfa
    client.post(reverse("accounts:logout"))
    assert post_password(client, "iryna")["Location"] == reverse("accounts:mfa_enrol")


def test_moving_to_a_new_phone_needs_a_code_from_the_old_one(client, make_user):
    from accounts.tests.signin import enrol_authenticator

    user = make_user(Role.CASE_WORKER, username="iryna")
    old_phone = enrol_authenticator(user)
    client.force_login(user)
    page = client.get(reverse("accounts:mfa_enrol"))
    assert "Code from your current authenticator" in page.content.decode()
    new_phone = pyotp.TOTP(page.context["secret"])

    refused = client.post(reverse("accounts:mfa_enrol"), {"current_code": "000000", "code": new_phone.now()})
    assert "That code is not right." in refused.content.decode()
    assert user.totp_devices.filter(confirmed=True).get().secret == old_phone.secret

    response = client.post(reverse("accounts:mfa_enrol"), {"current_code": next_code(old_phone),
                                                           "code": new_phone.now()})
    assert response["Location"] == reverse("accounts:recovery_codes")
    assert user.totp_devices.filter(confirmed=True).get().secret == new_phone.secret
