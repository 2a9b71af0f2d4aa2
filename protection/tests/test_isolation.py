"""A Border Guard officer cannot open, list, search, export or reach by API a La Strada case never referred to her."""

from __future__ import annotations

import pytest

from protection import services
from protection.choices import ConsentPurpose, Gender, ReturnStage, SupportType
from protection.models import Case

from .conftest import ALL_CHECKS


@pytest.fixture
def ls_case(ls_worker) -> Case:
    case = services.register_person(ls_worker, services.Identity(first_name="Hanna", second_name="Shevchuk",
                                                                 mobile_phone="+48 600 700 800"),
                                    gender=Gender.FEMININE)
    services.add_note(ls_worker, case.id, "Lives at the shelter.")
    services.add_task(ls_worker, case.id, title="Call the lawyer", due_on=case.next_review_due)
    services.add_document(ls_worker, case.id, title="Statement", filename="s.txt", content_type="text/plain",
                          content=b"statement")
    services.give_consent(ls_worker, case.id, purpose=ConsentPurpose.RETURN, language="uk", checks=ALL_CHECKS)
    services.save_return_plan(ls_worker, case.id, country_of_origin="UA", **dict.fromkeys(
        ("check_consent", "check_risk_assessment", "check_documents", "check_medical", "check_partner",
         "check_family"), True))
    services.set_return_stage(ls_worker, case.id, ReturnStage.RETURNED, case.next_review_due)
    services.add_assistance(ls_worker, case.id, type=SupportType.LIVELIHOOD, given_on=case.next_review_due)
    return case


def test_the_case_is_in_no_list_and_no_search(login_as, bg_officer, ls_case):
    client = login_as(bg_officer)
    for scope in ("mine", "organisation", "shared", "all"):
        assert ls_case.code not in client.get(f"/protection/?scope={scope}").content.decode()
        searched = client.get(f"/protection/?scope={scope}&code={ls_case.code}").content.decode()
        assert f"/protection/cases/{ls_case.id}/" not in searched and "No cases match." in searched
        api = client.get(f"/api/v1/protection/cases?scope={scope}&code={ls_case.code}").json()
        assert api["count"] == 0 and api["items"] == []
    assert client.get("/api/v1/protection/persons").json()["count"] == 0
    assert client.get("/api/v1/protection/referrals").json()["count"] == 0
    assert ls_case.code not in client.get("/protection/overdue/").content.decode()
    assert ls_case.code not in client.get("/protection/referrals/").content.decode()


def test_every_page_of_the_case_answers_not_found(login_as, bg_officer, ls_case):
    client = login_as(bg_officer)
    plan = ls_case.return_plan
    pages = ["", "history/", "identity/", "edit/", "status/", "screening/", "identification/", "consent/",
             "assessment/", "plan/", "services/", "notes/", "tasks/", "documents/",
             f"documents/{ls_case.documents.get().id}/", "referral/", "transfer/", "return/", "return/stage/",
             "return/assistance/", f"return/visits/{plan.visits.first().id}/"]
    for page in pages:
        assert client.get(f"/protection/cases/{ls_case.id}/{page}").status_code == 404, page
    posts = ["review/", f"tasks/{ls_case.tasks.get().id}/done/", f"consent/{ls_case.consents.get().id}/withdraw/",
             "notes/", "status/"]
    for page in posts:
        assert client.post(f"/protection/cases/{ls_case.id}/{page}", {"text": "x", "status": "Closed",
                                                                      "closure_reason": "x"}).status_code == 404
    ls_case.refresh_from_db()
    assert ls_case.status == "Active" and ls_case.notes.count() == 1


def test_every_api_endpoint_answers_not_found(login_as, bg_officer, ls_case):
    client = login_as(bg_officer)
    person_id = ls_case.person_id
    for url in (f"/api/v1/protection/cases/{ls_case.id}", f"/api/v1/protection/cases/{ls_case.id}/screenings",
                f"/api/v1/protection/persons/{person_id}"):
        assert client.get(url).status_code == 404, url
    response = client.post(f"/api/v1/protection/cases/{ls_case.id}/screenings", {"indicators": []},
                           content_type="application/json")
    assert response.status_code == 404
    response = client.post(f"/api/v1/protection/cases/{ls_case.id}/referrals",
                           {"to_organisation": "SG", "reason": "Other"}, content_type="application/json")
    assert response.status_code == 404


def test_the_export_holds_only_the_officers_own_cases(login_as, bg_officer, ls_case):
    services.register_person(bg_officer, services.Identity(first_name="Van"), gender=Gender.MASCULINE)
    response = login_as(bg_officer).post("/protection/export/", {"format": "csv"})
    body = response.content.decode("utf-8-sig")
    assert len(body.strip().splitlines()) == 1, "a header; the officer's one case is too rare to export (k = 11)"
    from protection import exports

    protection = exports.export_cases(bg_officer).protection
    assert protection is not None and protection.rows_in == 1, "the officer's one case, not La Strada's"


def test_a_referral_to_another_organisation_is_invisible_to_a_third(login_as, bg_officer, ls_case, iom, ls_worker):
    services.give_consent(ls_worker, ls_case.id, purpose=ConsentPurpose.SHARING, language="uk", checks=ALL_CHECKS,
                          shared_with=iom, parts=["services"])
    referral = services.send_referral(ls_worker, ls_case.id, to_organisation=iom, reason="Other")
    client = login_as(bg_officer)
    assert client.get(f"/api/v1/protection/referrals/{referral.id}").status_code == 404
    assert client.post(f"/api/v1/protection/referrals/{referral.id}/accept", {},
                       content_type="application/json").status_code == 404
    assert client.post(f"/protection/referrals/{referral.id}/accept/").status_code == 404
