"""The receiving organisation of an accepted referral covering services may add services and notes to the
shared case; audited, and the owner sees them. Anything less (sent, declined, no services part) is refused."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from audit.models import Action, AuditEvent
from protection import services
from protection.choices import CasePart, ReferralReason, SupportType
from protection.models import CaseNote, ServiceDelivered

SERVICE = {"type": SupportType.values[0], "provider": "La Strada shelter, Warsaw", "started_on": "2026-11-20",
           "outcome": "Safe accommodation for three weeks."}


def _referred(make_case, share, iom_worker, lastrada, parts, accept=True):
    case = make_case()
    share(case, lastrada, parts)
    referral = services.send_referral(iom_worker, case.id, to_organisation=lastrada, reason=ReferralReason.OTHER)
    return case, referral


def test_the_partner_records_a_service_and_a_note_and_the_owner_sees_them(login_as, iom_worker, ls_worker, lastrada,
                                                                          make_case, share):
    case, referral = _referred(make_case, share, iom_worker, lastrada, [CasePart.SERVICES])
    services.accept_referral(ls_worker, referral.id)
    partner = login_as(ls_worker)
    page = partner.get(f"/protection/cases/{case.id}/").content.decode()
    assert "Record a service" in page and "Add a note" in page
    assert partner.post(f"/protection/cases/{case.id}/services/", SERVICE).status_code == 302
    assert partner.post(f"/protection/cases/{case.id}/notes/", {"text": "She asked for a Ukrainian-speaking "
                                                                         "psychologist."}).status_code == 302
    service = ServiceDelivered.objects.get()
    note = CaseNote.objects.get()
    assert service.organisation_id == lastrada.id and note.organisation_id == lastrada.id
    # the partner sees its own note even though notes were not shared with it
    assert "Ukrainian-speaking psychologist" in partner.get(f"/protection/cases/{case.id}/").content.decode()
    owner_page = login_as(iom_worker).get(f"/protection/cases/{case.id}/").content.decode()
    assert "La Strada shelter, Warsaw" in owner_page and "Ukrainian-speaking psychologist" in owner_page
    assert f"recorded by {lastrada.name} (referral)" in owner_page
    for obj in (service, note):
        event = AuditEvent.objects.get(action=Action.CREATE, object_id=str(obj.id),
                                       object_type=f"protection.{obj._meta.model_name}")
        assert event.actor_username == ls_worker.username
    history = login_as(iom_worker).get(f"/protection/cases/{case.id}/history/").content.decode()
    assert ls_worker.username in history


def test_the_partner_sees_only_its_own_notes_not_the_owners(login_as, iom_worker, ls_worker, lastrada, make_case,
                                                            share):
    case, referral = _referred(make_case, share, iom_worker, lastrada, [CasePart.SERVICES])
    services.add_note(iom_worker, case.id, "Owner's private note about the family.")
    services.accept_referral(ls_worker, referral.id)
    assert "private note" not in login_as(ls_worker).get(f"/protection/cases/{case.id}/").content.decode()


def test_refused_before_the_referral_is_accepted(login_as, iom_worker, ls_worker, lastrada, make_case, share):
    case, _referral = _referred(make_case, share, iom_worker, lastrada, [CasePart.SERVICES])
    assert login_as(ls_worker).post(f"/protection/cases/{case.id}/services/", SERVICE).status_code == 403
    assert "Record a service" not in login_as(ls_worker).get(f"/protection/cases/{case.id}/").content.decode()
    assert not ServiceDelivered.objects.exists()
    assert AuditEvent.objects.filter(action=Action.PERMISSION_DENIED, actor_username=ls_worker.username).exists()


def test_refused_when_the_consent_did_not_cover_services(login_as, iom_worker, ls_worker, lastrada, make_case,
                                                         share):
    case, referral = _referred(make_case, share, iom_worker, lastrada, [CasePart.SCREENING, CasePart.NOTES])
    services.accept_referral(ls_worker, referral.id)
    assert login_as(ls_worker).post(f"/protection/cases/{case.id}/notes/", {"text": "x"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.add_service(ls_worker, case.id, type=SERVICE["type"], provider="x",
                             started_on=datetime.date(2026, 11, 20))
    assert not CaseNote.objects.exists() and not ServiceDelivered.objects.exists()


def test_refused_after_the_referral_is_revoked_and_for_a_third_organisation(login_as, iom_worker, ls_worker,
                                                                            bg_officer, lastrada, make_case, share):
    case, referral = _referred(make_case, share, iom_worker, lastrada, [CasePart.SERVICES])
    services.accept_referral(ls_worker, referral.id)
    services.revoke_referral(iom_worker, referral.id, "The person moved to another city.")
    assert login_as(ls_worker).post(f"/protection/cases/{case.id}/services/", SERVICE).status_code == 404
    assert login_as(bg_officer).post(f"/protection/cases/{case.id}/notes/", {"text": "x"}).status_code == 404
    assert not ServiceDelivered.objects.exists() and not CaseNote.objects.exists()


def test_the_api_lets_the_partner_record_a_service(login_as, iom_worker, ls_worker, lastrada, make_case, share):
    case, referral = _referred(make_case, share, iom_worker, lastrada, [CasePart.SERVICES])
    url = f"/api/v1/protection/cases/{case.id}/services"
    assert login_as(ls_worker).post(url, SERVICE, content_type="application/json").status_code == 403
    services.accept_referral(ls_worker, referral.id)
    response = login_as(ls_worker).post(url, SERVICE, content_type="application/json")
    assert response.status_code == 201 and response.json()["organisation"] == lastrada.code
