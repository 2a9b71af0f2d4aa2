"""After sign-in each role lands on a home page made for it: a line about its work and its own cards."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.roles import Role
from core.views import ROLE_INTROS


def test_a_hotline_operator_is_told_what_the_page_is_for(client, make_user):
    client.force_login(make_user(Role.HOTLINE_OPERATOR, first_name="Olena"))
    html = client.get(reverse("core:home")).content.decode()
    assert "Welcome, Olena" in html
    assert "Log calls as they happen" in html
    assert "Hotline operator" in html


@pytest.mark.parametrize("role", list(Role))
def test_every_role_has_its_own_intro(client, make_user, role):
    client.force_login(make_user(role))
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert escape(str(ROLE_INTROS[role])) in response.content.decode()


def test_intros_differ_between_roles():
    assert len({str(text) for text in ROLE_INTROS.values()}) == len(Role)


def test_an_administrator_sees_cards_for_users_and_the_audit_log(client, make_user):
    client.force_login(make_user(Role.ADMINISTRATOR))
    html = client.get(reverse("core:home")).content.decode()
    assert reverse("accounts:user_list") in html
    assert reverse("audit:event_list") in html


def test_a_learner_sees_no_administration(client, make_user):
    client.force_login(make_user(Role.LEARNER))
    html = client.get(reverse("core:home")).content.decode()
    assert reverse("accounts:user_list") not in html
    assert reverse("audit:event_list") not in html


def test_staff_without_an_authenticator_are_nudged_to_set_one_up(client, make_user):
    client.force_login(make_user(Role.CASE_WORKER))
    assert "Set it up now" in client.get(reverse("core:home")).content.decode()


def test_the_home_page_needs_sign_in(client, db):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_chosen_language_is_remembered_on_the_account(client, make_user):
    user = make_user(Role.LEARNER, username="michal")
    client.force_login(user)
    response = client.post(reverse("core:set_language"), {"language": "uk", "next": reverse("core:home")})
    assert response["Location"] == reverse("core:home")
    user.refresh_from_db()
    assert user.preferred_language == "uk"
    client.logout()
    client.cookies.clear()
    from accounts.tests.signin import post_password

    response = post_password(client, "michal")
    assert response.cookies["ctims_language"].value == "uk"


def test_the_language_switch_will_not_redirect_off_site(client, db):
    response = client.post(reverse("core:set_language"), {"language": "pl", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert response.cookies["ctims_language"].value == "pl"


def test_each_role_sees_its_main_pages_first():
    from core.views import cards_for

    items = [{"label": name, "url": f"/{name}/", "description": "", "url_name": name}
             for name in ("core:home", "accounts:user_list", "training:event_list", "intake:call_list",
                          "intake:observation_list", "audit:event_list")]
    hotline = cards_for(Role.HOTLINE_OPERATOR, items)
    assert [c["url_name"] for c in hotline][:1] == ["intake:call_list"]
    assert hotline[0]["primary"] and not hotline[1]["primary"]
    assert "core:home" not in {c["url_name"] for c in hotline}
    admin = cards_for(Role.ADMINISTRATOR, items)
    assert [c["url_name"] for c in admin][:2] == ["accounts:user_list", "audit:event_list"]
    assert [c["url_name"] for c in admin][2:] == ["training:event_list", "intake:call_list", "intake:observation_list"]


def test_an_administrators_home_starts_with_users_then_the_audit_log(client, make_user):
    client.force_login(make_user(Role.ADMINISTRATOR))
    cards = client.get(reverse("core:home")).context["cards"]
    assert [c["url_name"] for c in cards][:2] == ["accounts:user_list", "audit:event_list"]


def test_operators_and_field_officers_start_their_main_task_from_the_home_page(client, make_user):
    client.force_login(make_user(Role.HOTLINE_OPERATOR))
    html = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="uk").content.decode()
    assert '<a class="button button--big" href="/intake/calls/new/">Зареєструвати дзвінок</a>' in html
    client.force_login(make_user(Role.FIELD_OFFICER))
    html = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert '<a class="button button--big" href="/intake/observations/new/">Zgłoś obserwację</a>' in html
    client.force_login(make_user(Role.ANALYST))
    assert "button--big" not in client.get(reverse("core:home")).content.decode()
