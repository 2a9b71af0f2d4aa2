"""An organisation's administrator manages only its own users, in the pages and through the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from audit.models import Action, AuditEvent


@pytest.fixture
def two_orgs(make_org, make_user):
    iom, lastrada = make_org("IOM", name="IOM Poland"), make_org("LS", name="La Strada")
    return {
        "iom_admin": make_user(Role.ADMINISTRATOR, organisation=iom, username="iom.admin"),
        "iom_worker": make_user(Role.CASE_WORKER, organisation=iom, username="iryna", last_name="Melnyk"),
        "ls_admin": make_user(Role.ADMINISTRATOR, organisation=lastrada, username="ls.admin"),
        "ls_worker": make_user(Role.CASE_WORKER, organisation=lastrada, username="joanna", last_name="Mazur"),
    }


def test_the_user_list_shows_only_the_administrators_own_organisation(client, two_orgs):
    client.force_login(two_orgs["iom_admin"])
    html = client.get(reverse("accounts:user_list")).content.decode()
    assert "iryna" in html
    assert "joanna" not in html
    assert "ls.admin" not in html
    searched = client.get(reverse("accounts:user_list"), {"q": "Mazur"}).content.decode()
    assert "joanna" not in searched
    assert "No users match." in searched


def test_another_organisations_user_cannot_be_opened_or_changed(client, two_orgs):
    joanna = two_orgs["ls_worker"]
    client.force_login(two_orgs["iom_admin"])
    url = reverse("accounts:user_edit", args=[joanna.pk])
    assert client.get(url).status_code == 404
    for action in ({"action": "save", "first_name": "X", "last_name": "Y", "email": "x@y.invalid", "role": "analyst"},
                   {"action": "status"}, {"action": "unlock"}, {"action": "reset_mfa"}):
        assert client.post(url, action).status_code == 404
    joanna.refresh_from_db()
    assert joanna.is_active
    assert joanna.role == Role.CASE_WORKER


def test_the_administrator_edits_their_own_users(client, two_orgs):
    iryna = two_orgs["iom_worker"]
    client.force_login(two_orgs["iom_admin"])
    url = reverse("accounts:user_edit", args=[iryna.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert AuditEvent.objects.filter(action=Action.VIEW, object_type="accounts.user", object_id=str(iryna.pk)).exists()
    response = client.post(url, {"action": "save", "first_name": "Iryna", "last_name": "Melnyk",
                                 "email": "iryna@iom.invalid", "position": "", "role": Role.SUPERVISOR}, follow=True)
    assert "Changes saved." in response.content.decode()
    iryna.refresh_from_db()
    assert iryna.role == Role.SUPERVISOR
    event = AuditEvent.objects.filter(action=Action.UPDATE, object_id=str(iryna.pk)).latest("id")
    assert "role" in event.fields
    assert "iryna@iom.invalid" not in str(event.fields)


def test_a_new_user_joins_the_administrators_organisation(client, two_orgs):
    admin = two_orgs["iom_admin"]
    client.force_login(admin)
    response = client.post(reverse("accounts:user_create"), {
        "username": "new.person", "first_name": "Nowa", "last_name": "Osoba", "email": "new@iom.invalid",
        "position": "", "role": Role.HOTLINE_OPERATOR}, follow=True)
    assert "first password" in response.content.decode()
    assert User.objects.get(username="new.person").organisation == admin.organisation


def test_a_missing_field_is_named_and_nothing_is_created(client, two_orgs):
    client.force_login(two_orgs["iom_admin"])
    response = client.post(reverse("accounts:user_create"), {
        "username": "new.person", "first_name": "Nowa", "last_name": "Osoba", "email": "", "role": Role.LEARNER})
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_email"' in html
    assert not User.objects.filter(username="new.person").exists()


def test_an_administrator_cannot_deactivate_themselves(client, two_orgs):
    admin = two_orgs["iom_admin"]
    client.force_login(admin)
    response = client.post(reverse("accounts:user_edit", args=[admin.pk]), {"action": "status"})
    assert "You cannot deactivate yourself" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_other_roles_get_403_on_the_user_pages(client, make_user, role):
    user = make_user(role)
    colleague = make_user(Role.LEARNER, organisation=user.organisation)
    client.force_login(user)
    assert client.get(reverse("accounts:user_list")).status_code == 403
    assert client.get(reverse("accounts:user_create")).status_code == 403
    assert client.post(reverse("accounts:user_edit", args=[colleague.pk]), {"action": "status"}).status_code == 403
    colleague.refresh_from_db()
    assert colleague.is_active


def test_the_403_page_says_what_to_do_and_is_audited(client, make_user):
    user = make_user(Role.CASE_WORKER)
    client.force_login(user)
    response = client.get(reverse("accounts:user_list"))
    assert "ask your organisation&#x27;s administrator" in response.content.decode()
    event = AuditEvent.objects.get(action=Action.PERMISSION_DENIED)
    assert event.actor_id == user.pk
    assert event.object_id == "accounts:user_list"


def test_the_api_lists_only_own_users_and_hides_the_others(client, two_orgs):
    client.force_login(two_orgs["iom_admin"])
    listing = client.get("/api/v1/users").json()
    usernames = {item["username"] for item in listing["items"]}
    assert usernames == {"iom.admin", "iryna"}
    assert listing["count"] == 2
    assert all("id" in item for item in listing["items"])
    assert client.get("/api/v1/users/").json() == listing
    own = client.get(f"/api/v1/users/{two_orgs['iom_worker'].pk}")
    assert own.status_code == 200
    assert own.json()["username"] == "iryna"
    other = client.get(f"/api/v1/users/{two_orgs['ls_worker'].pk}")
    assert other.status_code == 404
    assert other.json()["error"]["code"] == "not_found"


def test_non_administrators_get_403_from_the_users_api(client, two_orgs):
    worker = two_orgs["iom_worker"]
    client.force_login(worker)
    response = client.get("/api/v1/users")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert client.get(f"/api/v1/users/{two_orgs['iom_admin'].pk}").status_code == 403
    assert AuditEvent.objects.filter(actor=worker, action=Action.PERMISSION_DENIED).count() == 2


def test_a_new_account_has_no_role_until_one_is_chosen(client, two_orgs):
    client.force_login(two_orgs["iom_admin"])
    page = client.get(reverse("accounts:user_create"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    select = page.split('name="role"', 1)[1].split("</select>", 1)[0]
    assert '<option value="" selected>Choose a role</option>' in select, "administrator is not the default"
    response = client.post(reverse("accounts:user_create"), {
        "username": "new.person", "first_name": "Nowa", "last_name": "Osoba", "email": "n@iom.invalid", "role": ""},
        HTTP_ACCEPT_LANGUAGE="en")
    assert "Choose the person&#x27;s role." in response.content.decode()
    assert not User.objects.filter(username="new.person").exists()
