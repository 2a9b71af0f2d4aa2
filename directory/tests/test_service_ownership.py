"""Only the organisation that runs a service keeps its directory entry; a system administrator's change to a
public helpline number is shown to that organisation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from accounts.models import Organisation, User
from accounts.roles import Role
from audit.models import AuditEvent
from directory.models import Service, ServiceType

POLICE_NUMBER = "+48 22 60 147 86"


@pytest.fixture
def helpline(police: Organisation, make_service: Callable[..., Service]) -> Service:
    return make_service("Police helpline for victims of trafficking", type=ServiceType.HOTLINE, nationwide=True,
                        provider="Police Headquarters", organisation=police, phone=POLICE_NUMBER, featured=True,
                        open_24_7=True)


def _form(service: Service, **changes: Any) -> dict[str, Any]:
    data = {"name": service.name, "provider": service.provider, "type": service.type, "phone": service.phone,
            "language_codes": service.language_list, "audience_codes": service.audience_list, "order": "100",
            "is_active": "on", "featured": "on", "nationwide": "on", "open_24_7": "on"}
    return {**data, **changes}


def _api(client: Client, user: User, service: Service, body: dict[str, Any]) -> Any:
    client.force_login(user)
    return client.patch(f"/api/v1/directory/services/{service.pk}", body, content_type="application/json",
                        HTTP_ACCEPT_LANGUAGE="en")


def test_another_organisations_administrator_cannot_change_the_police_helpline(
        client: Client, make_user: Callable[..., User], lastrada: Organisation, helpline: Service,
        make_service: Callable[..., Service]) -> None:
    own = make_service("La Strada helpline", organisation=lastrada, phone="+48 22 628 01 20")
    admin = make_user(Role.ADMINISTRATOR, organisation=lastrada)
    client.force_login(admin)

    listing = client.get("/directory/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"/directory/services/{own.pk}/edit/" in listing
    assert f"/directory/services/{helpline.pk}/edit/" not in listing
    assert "Police helpline for victims of trafficking" in listing
    assert client.get(f"/directory/services/{helpline.pk}/edit/").status_code == 403
    assert client.post(f"/directory/services/{helpline.pk}/edit/",
                       _form(helpline, phone="+48 800 000 000")).status_code == 403

    response = _api(client, admin, helpline, {"phone": "+48 800 000 000"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied" and response.json()["error"]["message"]

    helpline.refresh_from_db()
    assert helpline.phone == POLICE_NUMBER
    assert not AuditEvent.objects.filter(action="update", object_type="directory.service").exists()
    assert AuditEvent.objects.filter(action="permission_denied", actor=admin, object_id=str(helpline.pk)).exists()


def test_the_police_administrator_changes_their_own_helpline(client: Client, make_user: Callable[..., User],
                                                            police: Organisation, helpline: Service) -> None:
    admin = make_user(Role.ADMINISTRATOR, organisation=police)
    client.force_login(admin)
    assert f"/directory/services/{helpline.pk}/edit/" in client.get("/directory/").content.decode()
    response = client.post(f"/directory/services/{helpline.pk}/edit/", _form(helpline, phone="+48 22 60 100 00"))
    assert response.status_code == 302
    response = _api(client, admin, helpline, {"phone_alt": "+48 800 100 100"})
    assert response.status_code == 200, response.content
    assert response.json()["phones"] == ["+48 22 60 100 00", "+48 800 100 100"]
    events = AuditEvent.objects.filter(action="update", object_type="directory.service", organisation=police)
    assert sorted(f for e in events for f in e.fields) == ["phone", "phone_alt"]
    # their own change is not announced to them as someone else's
    assert "Changed for your organisation" not in client.get("/directory/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_owner_sees_a_system_administrators_change_of_the_number(
        client: Client, make_user: Callable[..., User], police: Organisation, iom: Organisation,
        helpline: Service) -> None:
    sysadmin = make_user(Role.ADMINISTRATOR, organisation=iom, is_superuser=True, username="sysadmin")
    response = _api(client, sysadmin, helpline, {"phone": "+48 22 60 999 99"})
    assert response.status_code == 200, response.content

    event = AuditEvent.objects.get(action="update", object_type="directory.service")
    assert event.organisation_id == police.pk and event.fields == ["phone"]
    assert "phone number" in event.reason

    owner = make_user(Role.ADMINISTRATOR, organisation=police)
    client.force_login(owner)
    audit = client.get("/audit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "sysadmin" in audit and f"#{helpline.pk}" in audit and "phone" in audit
    directory = client.get("/directory/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Changed for your organisation by a system administrator" in directory
    assert "Police helpline for victims of trafficking: changed by sysadmin" in directory
    assert "The public phone number was changed" in directory
    edit = client.get(f"/directory/services/{helpline.pk}/edit/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "Zmieniono publiczny numer telefonu: sprawdź, czy jest poprawny." in edit


def test_an_organisation_administrator_adds_entries_of_their_own_organisation_only(
        client: Client, make_user: Callable[..., User], lastrada: Organisation, police: Organisation) -> None:
    client.force_login(make_user(Role.ADMINISTRATOR, organisation=lastrada))
    form = client.get("/directory/services/new/").content.decode()
    assert 'name="organisation"' not in form
    response = client.post("/directory/services/new/", {
        "name": "Shelter Warsaw", "provider": "La Strada", "type": "shelter", "language_codes": ["pl"],
        "audience_codes": ["women"], "voivodeship": "mazowieckie", "order": "100", "is_active": "on",
        "organisation": police.pk})
    assert response.status_code == 302
    assert Service.objects.get(name="Shelter Warsaw").organisation == lastrada


def test_only_a_system_administrator_features_a_service_on_the_public_pages(
        client: Client, make_user: Callable[..., User], lastrada: Organisation,
        make_service: Callable[..., Service]) -> None:
    from django.core.exceptions import ValidationError

    from directory import services

    own = make_service("La Strada helpline", organisation=lastrada, phone="+48 22 628 01 20", nationwide=True)
    admin = make_user(Role.ADMINISTRATOR, organisation=lastrada)
    client.force_login(admin)
    page = client.get(f"/directory/services/{own.pk}/edit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="featured"' not in page and 'name="order"' not in page
    response = client.post(f"/directory/services/{own.pk}/edit/", _form(own, order="1"))
    assert response.status_code == 302
    own.refresh_from_db()
    assert not own.featured and own.order != 1, "the posted values were ignored"
    with pytest.raises(ValidationError) as refused:
        services.update_service(admin, own.pk, featured=True)
    assert "featured" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.create_service(admin, name="Another line", type=ServiceType.HOTLINE, nationwide=True, featured=True)

    root = make_user(Role.ADMINISTRATOR, organisation=lastrada, is_superuser=True)
    services.update_service(root, own.pk, featured=True, order=1)
    own.refresh_from_db()
    assert own.featured and own.order == 1
