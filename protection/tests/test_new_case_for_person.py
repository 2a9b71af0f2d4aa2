"""A person whose case was closed comes back: a new case for the same person, without registering them again."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from audit.models import Action, AuditEvent
from protection import services
from protection.choices import CaseStatus, ExploitationType
from protection.models import Case, Person


def _closed(case: Case, actor) -> Case:
    return services.set_case_status(actor, case.id, CaseStatus.CLOSED, "Returned home; no further needs.")


def test_a_closed_case_offers_a_new_case_for_the_same_person(login_as, iom_worker, make_case):
    first = _closed(make_case(), iom_worker)
    client = login_as(iom_worker)
    assert "Open a new case for this person" in client.get(f"/protection/cases/{first.id}/").content.decode()
    response = client.post(f"/protection/cases/{first.id}/new-case/", {
        "sensitivity": "normal", "exploitation_types": [ExploitationType.FORCED_LABOUR],
        "summary": "Came back: recruited again, this time for a warehouse."})
    new = Case.objects.exclude(pk=first.pk).get()
    assert response.status_code == 302 and response["Location"].startswith(f"/protection/cases/{new.id}/")
    assert new.person_id == first.person_id and new.code != first.code and new.is_open
    assert Person.objects.count() == 1, "not registered again"
    page = client.get(f"/protection/cases/{new.id}/").content.decode()
    assert first.code in page and "Other cases of this person" in page
    assert AuditEvent.objects.filter(action=Action.CREATE, object_type="protection.case",
                                     object_id=str(new.id)).exists()


def test_no_new_case_while_the_person_has_an_open_one(login_as, iom_worker, make_case):
    case = make_case()
    client = login_as(iom_worker)
    assert "Open a new case for this person" not in client.get(f"/protection/cases/{case.id}/").content.decode()
    response = client.post(f"/protection/cases/{case.id}/new-case/", {"sensitivity": "normal"})
    assert "already has an open case" in response.content.decode()
    assert Case.objects.count() == 1


def test_another_organisation_cannot_open_a_case_for_the_person(login_as, iom_worker, ls_worker, make_case):
    case = _closed(make_case(), iom_worker)
    assert login_as(ls_worker).post(f"/protection/cases/{case.id}/new-case/",
                                    {"sensitivity": "normal"}).status_code == 404
    with pytest.raises(Http404):
        services.open_case_for_person(ls_worker, case.person_id)
    assert Case.objects.count() == 1


def test_the_duplicate_warning_offers_a_new_case_for_the_person(login_as, iom_worker, make_case):
    closed = _closed(make_case(mobile_phone="+380671234567"), iom_worker)
    page = login_as(iom_worker).post("/protection/register/", {
        "first_name": "Olena", "second_name": "Kovalchuk", "gender": "Feminine", "mobile_phone": "+380 67 123 4567",
        "sensitivity": "normal"}).content.decode()
    assert closed.code in page and f"/protection/cases/{closed.id}/new-case/" in page


def test_the_duplicate_warning_does_not_offer_it_while_a_case_is_open(login_as, iom_worker, make_case):
    make_case(mobile_phone="+380671234567")
    page = login_as(iom_worker).post("/protection/register/", {
        "first_name": "Olena", "second_name": "Kovalchuk", "gender": "Feminine", "mobile_phone": "+380 67 123 4567",
        "sensitivity": "normal"}).content.decode()
    assert "Possible duplicates" in page and "/new-case/" not in page


def test_the_api_opens_a_new_case_for_a_known_person(login_as, iom_worker, ls_worker, make_case):
    first = _closed(make_case(), iom_worker)
    url = f"/api/v1/protection/persons/{first.person_id}/cases"
    assert login_as(ls_worker).post(url, {}, content_type="application/json").status_code == 404
    response = login_as(iom_worker).post(url, {"summary": "Came back."}, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["person"]["id"] == first.person_id
    again = login_as(iom_worker).post(url, {}, content_type="application/json")
    assert again.status_code in (400, 409, 422)
    with pytest.raises(ValidationError):
        services.open_case_for_person(iom_worker, first.person_id)
