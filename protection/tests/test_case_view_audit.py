"""Every view of a case, on a page or through the API, writes an audit VIEW event; the owner can see who looked."""

from __future__ import annotations

from audit.models import Action, AuditEvent
from protection import services
from protection.choices import ReferralReason


def _views(case) -> int:
    return AuditEvent.objects.filter(action=Action.VIEW, object_type="protection.case", object_id=str(case.id)).count()


def test_each_opening_of_the_case_page_is_audited(login_as, iom_worker, make_case):
    case = make_case()
    client = login_as(iom_worker)
    client.get(f"/protection/cases/{case.id}/")
    client.get(f"/protection/cases/{case.id}/")
    client.get(f"/api/v1/protection/cases/{case.id}")
    assert _views(case) == 3
    event = AuditEvent.objects.filter(action=Action.VIEW, object_id=str(case.id)).first()
    assert event.actor_username == "iom.caseworker" and "identity" in event.fields


def test_the_owner_sees_that_a_referral_partner_opened_the_case(login_as, iom_worker, ls_worker, lastrada,
                                                                make_case, share):
    case = make_case()
    share(case, lastrada)
    services.send_referral(iom_worker, case.id, to_organisation=lastrada, reason=ReferralReason.OTHER)
    login_as(ls_worker).get(f"/protection/cases/{case.id}/")
    history = login_as(iom_worker).get(f"/protection/cases/{case.id}/history/").content.decode()
    assert "lastrada.caseworker" in history


def test_a_refused_open_leaves_no_view_event(login_as, bg_officer, make_case):
    case = make_case()
    assert login_as(bg_officer).get(f"/protection/cases/{case.id}/").status_code == 404
    assert _views(case) == 0


def test_opening_the_identity_form_is_a_view_of_the_identity(login_as, iom_worker, make_case):
    case = make_case()
    login_as(iom_worker).get(f"/protection/cases/{case.id}/identity/")
    event = AuditEvent.objects.get(action=Action.VIEW, object_id=str(case.id))
    assert event.fields == ["identity"]


def test_a_view_by_a_role_without_identity_does_not_log_identity_as_seen(login_as, make_user, iom, make_case):
    case = make_case()
    login_as(make_user("investigator", iom)).get(f"/protection/cases/{case.id}/")
    event = AuditEvent.objects.get(action=Action.VIEW, object_id=str(case.id))
    assert "identity" not in event.fields and "screening" in event.fields
