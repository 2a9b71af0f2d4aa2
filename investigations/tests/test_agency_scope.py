"""Only the owning agency, and the organisations it shares a case with, see an investigation:
on the registry, the case page, the dashboard, the statistics and every API endpoint."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from accounts.models import Organisation, OrganisationType, User
from accounts.roles import Role
from investigations import services
from investigations.models import Investigation, Offence


@pytest.fixture
def police(make_org: Callable[..., Organisation]) -> Organisation:
    return make_org("POL", OrganisationType.POLICE)


@pytest.fixture
def border_guard(make_org: Callable[..., Organisation]) -> Organisation:
    return make_org("SG", OrganisationType.BORDER_GUARD)


@pytest.fixture
def police_investigator(make_user: Callable[..., User], police: Organisation) -> User:
    return make_user(Role.INVESTIGATOR, police)


@pytest.fixture
def bg_investigator(make_user: Callable[..., User], border_guard: Organisation) -> User:
    return make_user(Role.INVESTIGATOR, border_guard)


@pytest.fixture
def police_case(police_investigator: User) -> Investigation:
    return services.create_investigation(police_investigator, services.InvestigationInput(
        offence=Offence.objects.get(article="189a"), unit="CT Department", summary="Forced labour at a farm",
        people=[services.PersonInput("victim", "Olena Kovalenko")]))


def _everything_seen_by(client: Client, inv: Investigation) -> list[tuple[str, int, str]]:
    pages = ["/investigations/", "/investigations/dashboard/", f"/investigations/{inv.pk}/",
             f"/investigations/{inv.pk}/edit/", "/intake/statistics/", "/api/v1/investigations/cases",
             f"/api/v1/investigations/cases/{inv.pk}"]
    seen = []
    for url in pages:
        r = client.get(url)
        seen.append((url, r.status_code, r.content.decode()))
    return seen


def test_another_agency_sees_nothing_of_the_case(login_as: Callable[[User], Client], police_case: Investigation,
                                                 bg_investigator: User) -> None:
    client = login_as(bg_investigator)
    for url, _status, body in _everything_seen_by(client, police_case):
        assert police_case.code not in body, url
        assert "Olena" not in body, url
    assert client.get(f"/investigations/{police_case.pk}/").status_code == 404
    assert client.get(f"/api/v1/investigations/cases/{police_case.pk}").status_code == 404
    assert client.get("/api/v1/investigations/cases").json()["count"] == 0
    dashboard = client.get("/investigations/dashboard/").content.decode()
    assert "Active cases you can see: 0." in dashboard
    assert client.post(f"/investigations/{police_case.pk}/action/", {"action": "person", "person-role": "suspect",
                                                                      "person-name": "X"}).status_code == 404


def test_an_ngo_case_worker_cannot_open_the_registry(login_as: Callable[[User], Client], police_case: Investigation,
                                                     make_user: Callable[..., User]) -> None:
    client = login_as(make_user(Role.CASE_WORKER))
    assert client.get("/investigations/").status_code == 403
    assert client.get(f"/api/v1/investigations/cases/{police_case.pk}").status_code == 404
    assert client.get("/api/v1/investigations/cases").status_code == 403


def test_sharing_lets_the_other_agency_read_but_not_change(login_as: Callable[[User], Client],
                                                           police_case: Investigation, police_investigator: User,
                                                           bg_investigator: User, border_guard: Organisation) -> None:
    login_as(police_investigator).post(f"/investigations/{police_case.pk}/action/",
                                       {"action": "share", "share-organisation": border_guard.pk})

    client = login_as(bg_investigator)
    assert police_case.code in client.get("/investigations/").content.decode()
    assert "Olena Kovalenko" in client.get(f"/investigations/{police_case.pk}/").content.decode()
    assert client.get(f"/api/v1/investigations/cases/{police_case.pk}").json()["code"] == police_case.code
    assert client.get(f"/investigations/{police_case.pk}/edit/").status_code == 403
    client.post(f"/investigations/{police_case.pk}/action/", {"action": "person", "person-role": "suspect",
                                                              "person-name": "Someone"})
    assert police_case.people.count() == 1


def test_the_owner_sees_the_case_everywhere(login_as: Callable[[User], Client], police_case: Investigation,
                                            police_investigator: User) -> None:
    client = login_as(police_investigator)
    for url, status, _body in _everything_seen_by(client, police_case):
        assert status == 200, url
    assert police_case.code in client.get("/investigations/").content.decode()
    assert "Active cases you can see: 1." in client.get("/investigations/dashboard/").content.decode()


def test_the_victims_name_is_encrypted_at_rest(police_case: Investigation) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM investigations_investigationperson")
        assert all(row[0].startswith("enc1:") for row in cursor.fetchall())


def test_a_case_registered_through_the_api_stays_with_its_agency(login_as: Callable[[User], Client],
                                                                 police_investigator: User,
                                                                 bg_investigator: User) -> None:
    client = login_as(police_investigator)
    created = client.post("/api/v1/investigations/cases", {
        "offence_id": Offence.objects.get(article="204").pk, "stage": "pre_trial", "unit": "CT Department",
        "people": [{"role": "suspect", "name": "Шевченко"}]}, content_type="application/json")

    assert created.status_code == 201, created.content
    case_id = created.json()["id"]
    assert created.json()["code"].startswith("POL-INV-")
    other = login_as(bg_investigator)
    assert other.get(f"/api/v1/investigations/cases/{case_id}").status_code == 404
    assert other.get("/api/v1/investigations/cases").json()["count"] == 0
