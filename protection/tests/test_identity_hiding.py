"""Identity is shown only to roles with protection.view_identity (field-level hiding), on pages and in the API."""

from __future__ import annotations

import datetime

from accounts.roles import Role


def test_an_investigator_sees_the_case_but_not_who_the_person_is(login_as, make_user, iom, make_case):
    case = make_case(mobile_phone="+48 600 100 200", birth_date=datetime.date(1990, 5, 1))
    investigator = make_user(Role.INVESTIGATOR, iom)
    client = login_as(investigator)
    page = client.get(f"/protection/cases/{case.id}/").content.decode()
    assert case.code in page
    assert "Kovalchuk" not in page and "600 100 200" not in page and "1990-05-01" not in page
    assert "Hidden: your role does not show names" in page
    detail = client.get(f"/api/v1/protection/cases/{case.id}").json()
    assert detail["person"]["identity"] is None and detail["person"]["identity_hidden"] is True
    person = client.get(f"/api/v1/protection/persons/{case.person_id}").json()
    assert person["identity"] is None


def test_a_case_worker_sees_the_identity(login_as, iom_worker, make_case):
    case = make_case()
    client = login_as(iom_worker)
    assert "Kovalchuk" in client.get(f"/protection/cases/{case.id}/").content.decode()
    assert client.get(f"/api/v1/protection/cases/{case.id}").json()["person"]["identity"]["second_name"] == "Kovalchuk"


def test_an_investigator_cannot_open_the_identity_form(login_as, make_user, iom, make_case):
    case = make_case()
    assert login_as(make_user(Role.INVESTIGATOR, iom)).get(f"/protection/cases/{case.id}/identity/").status_code == 403
