"""Repeated failed sign-ins lock the account, and the address they come from."""

from __future__ import annotations

from django.urls import reverse

from accounts.models import LoginAttempt
from accounts.roles import Role
from accounts.tests.signin import is_signed_in, post_password

LOCKED = "Too many failed attempts"


def test_five_wrong_passwords_lock_the_account_even_with_the_right_one_next(client, make_user, settings):
    settings.CTIMS_DEMO_MODE = True
    make_user(Role.LEARNER, username="michal")
    for _ in range(5):
        response = post_password(client, "michal", "wrong password")
        assert "The username or password is not right." in response.content.decode()
    response = post_password(client, "michal")
    assert LOCKED in response.content.decode()
    assert not is_signed_in(client)


def test_the_lock_is_on_the_account_whatever_the_address_or_letter_case(client, make_user):
    make_user(Role.LEARNER, username="michal")
    for n in range(5):
        post_password(client, "Michal", "wrong password", ip=f"198.51.100.{n + 1}")
    response = post_password(client, "michal", ip="203.0.113.99")
    assert LOCKED in response.content.decode()


def test_fewer_failures_than_the_limit_do_not_lock(client, make_user):
    make_user(Role.LEARNER, username="michal")
    for _ in range(4):
        post_password(client, "michal", "wrong password")
    post_password(client, "michal")
    assert is_signed_in(client)


def test_many_failures_from_one_address_lock_that_address_for_every_account(client, make_user, settings):
    settings.CTIMS_LOCKOUT_MAX_FAILURES_PER_IP = 6
    make_user(Role.LEARNER, username="michal")
    for n in range(6):  # password spraying: one try on each of many accounts
        post_password(client, f"someone{n}", "Summer2026!", ip="198.51.100.7")
    response = post_password(client, "michal", ip="198.51.100.7")
    assert "Too many failed sign-ins from this network." in response.content.decode()
    post_password(client, "michal", ip="203.0.113.8")  # the account itself is fine elsewhere
    assert is_signed_in(client)


def test_a_successful_sign_in_does_not_reset_the_address_count(client, make_user, settings):
    settings.CTIMS_LOCKOUT_MAX_FAILURES_PER_IP = 4
    make_user(Role.LEARNER, username="attacker")
    make_user(Role.LEARNER, username="michal")
    for n in range(4):
        post_password(client, f"victim{n}", "guess", ip="198.51.100.7")
        if n == 2:
            post_password(client, "attacker", ip="198.51.100.7")
            client.post(reverse("accounts:logout"))
    assert "from this network" in post_password(client, "michal", ip="198.51.100.7").content.decode()


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
    client.post(reverse("accounts:logout"))

    post_password(client, "michal")
    assert is_signed_in(client)


def test_wrong_second_factor_codes_count_toward_the_lockout(client, make_user):
    from accounts.tests.signin import enrol_authenticator, post_code

    user = make_user(Role.CASE_WORKER, username="iryna")
    enrol_authenticator(user)
    post_password(client, "iryna")
    for _ in range(5):
        post_code(client, "000000")
    assert LoginAttempt.objects.filter(username="iryna", succeeded=False).count() == 5
    response = post_code(client, "000001")
    assert LOCKED in response.content.decode()


def test_old_attempts_are_pruned_but_recent_ones_kept(make_user):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    LoginAttempt.objects.create(username="old", at=timezone.now() - datetime.timedelta(days=40))
    LoginAttempt.objects.create(username="recent", at=timezone.now() - datetime.timedelta(minutes=5))
    call_command("prune_login_attempts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(LoginAttempt.objects.values_list("username", flat=True)) == ["recent"]
