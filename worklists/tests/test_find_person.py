"""A case worker finds a person by phone, document number, name or case code and opens the person's timeline
from the result; the term travels in the request body, never in an address or the audit log."""

from __future__ import annotations

from accounts.roles import Role
from audit.models import AuditEvent


def test_the_result_links_to_the_persons_timeline(login_as, iom_worker, make_case):
    case = make_case(mobile_phone="+380 67 123 45 67", identity_number="FX123456")
    client = login_as(iom_worker)
    for term in ("+380671234567", "fx 123456", "Olena Kovalchuk", case.code.lower()):
        page = client.post("/worklists/people/", {"term": term}).content.decode()
        assert f'href="/timeline/person/{case.person_id}/" data-timeline-link' in page, term
        assert case.code in page
    assert client.get(f"/timeline/person/{case.person_id}/").status_code == 200


def test_another_organisations_person_is_not_found(login_as, iom_worker, ls_worker, make_case):
    theirs = make_case(actor=ls_worker, mobile_phone="+380 67 765 43 21")
    page = login_as(iom_worker).post("/worklists/people/", {"term": "+380677654321"}).content.decode()
    assert "/timeline/person/" not in page
    assert theirs.code not in page
    assert "Nobody you may see matches." in page


def test_a_role_without_identity_finds_by_case_code_only(login_as, make_user, iom, make_case):
    case = make_case(mobile_phone="+380 67 123 45 67")
    investigator = make_user(Role.INVESTIGATOR, iom, username="iom.investigator")
    client = login_as(investigator)
    assert "/timeline/person/" not in client.post("/worklists/people/", {"term": "+380671234567"}).content.decode()
    assert f"/timeline/person/{case.person_id}/" in client.post("/worklists/people/",
                                                                {"term": case.code}).content.decode()


def test_the_search_term_is_not_in_the_audit_log(login_as, iom_worker, make_case):
    make_case(mobile_phone="+380 67 123 45 67")
    login_as(iom_worker).post("/worklists/people/", {"term": "Olena Kovalchuk"})
    event = AuditEvent.objects.filter(object_type="protection.person", object_id="search").get()
    assert "Olena" not in f"{event.reason} {event.fields}"
