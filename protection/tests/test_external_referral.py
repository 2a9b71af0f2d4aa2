"""A referral to a directory service outside CTIMS: only with consent naming that service, carrying only the
consented parts, its answers recorded by the referring case worker, and no access for anyone in CTIMS."""

from __future__ import annotations

import pytest

from audit.models import AuditEvent
from directory.models import Service, ServiceType
from protection import selectors, services
from protection.choices import ALL_PARTS, CasePart, ConsentPurpose, ReferralReason, ReferralStatus
from protection.models import Referral
from protection.tests.conftest import ALL_CHECKS


@pytest.fixture
def shelter(db) -> Service:
    return Service.objects.create(name="Hostel for women, Lublin", provider="Caritas Lublin",
                                  type=ServiceType.SHELTER, city="Lublin")


def _consent_for(actor, case, service, parts):
    return services.give_consent(actor, case.id, purpose=ConsentPurpose.SHARING, language="uk", checks=ALL_CHECKS,
                                 shared_with_service=service, parts=parts)


def test_the_form_offers_organisations_and_directory_services(login_as, iom_worker, lastrada, shelter, make_case):
    case = make_case()
    page = login_as(iom_worker).get(f"/protection/cases/{case.id}/referral/").content.decode()
    assert "La Strada" in page or lastrada.name in page
    assert "Hostel for women, Lublin (Caritas Lublin)" in page


def test_a_referral_to_a_service_without_consent_naming_it_is_refused(login_as, iom_worker, lastrada, shelter,
                                                                      make_case, share):
    case = make_case()
    share(case, lastrada)  # consent for another receiver does not count
    response = login_as(iom_worker).post(f"/protection/cases/{case.id}/referral/", {
        "to_service": shelter.pk, "reason": ReferralReason.ADDITIONAL_SERVICES})
    assert "has not consented to share their case with this service" in response.content.decode()
    assert not Referral.objects.exists()


def test_the_api_refuses_it_too(login_as, iom_worker, shelter, make_case):
    case = make_case()
    response = login_as(iom_worker).post(f"/api/v1/protection/cases/{case.id}/referrals", {
        "to_service": shelter.pk, "reason": ReferralReason.OTHER}, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "consent_missing"


def test_it_records_only_the_consented_parts(login_as, iom_worker, shelter, make_case):
    case = make_case()
    _consent_for(iom_worker, case, shelter, [CasePart.ASSESSMENT, CasePart.SERVICES])
    client = login_as(iom_worker)
    client.post(f"/protection/cases/{case.id}/referral/", {
        "to_service": shelter.pk, "reason": ReferralReason.ADDITIONAL_SERVICES,
        "parts": [CasePart.SERVICES, CasePart.IDENTITY]})
    referral = Referral.objects.get()
    assert referral.is_external and referral.to_organisation is None
    assert referral.parts == [CasePart.SERVICES]  # identity asked for but not consented: not recorded as shared
    page = client.get(f"/protection/cases/{case.id}/").content.decode()
    assert "Hostel for women, Lublin (Caritas Lublin)" in page and "outside CTIMS" in page
    event = AuditEvent.objects.filter(object_type="protection.referral").get()
    assert "to_service" in event.fields and "Caritas" not in str(event.fields)


def test_it_grants_no_access_to_anyone_in_ctims(iom_worker, ls_worker, bg_officer, shelter, make_case):
    case = make_case()
    _consent_for(iom_worker, case, shelter, sorted(ALL_PARTS))
    referral = services.send_referral(iom_worker, case.id, to_service=shelter, reason=ReferralReason.OTHER)
    services.referral_step(iom_worker, referral.id, "accept")
    for other in (ls_worker, bg_officer):
        assert not selectors.cases_visible_to(other).filter(pk=case.id).exists()
        assert selectors.case_access(other, case.id) is None
        assert not selectors.referrals_visible_to(other).filter(pk=referral.id).exists()


def test_the_case_worker_records_the_services_answers(login_as, iom_worker, ls_worker, shelter, make_case):
    case = make_case()
    _consent_for(iom_worker, case, shelter, [CasePart.SERVICES])
    referral = services.send_referral(iom_worker, case.id, to_service=shelter, reason=ReferralReason.OTHER)
    client = login_as(iom_worker)
    client.post(f"/protection/referrals/{referral.id}/accept/")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    client.post(f"/protection/referrals/{referral.id}/complete/")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    listing = client.get("/protection/referrals/").content.decode()
    assert "Hostel for women, Lublin" in listing and "Completed" in listing
    # nobody else can record a step for it
    with pytest.raises(Exception):  # noqa: B017 - 404 or 403, never a change
        services.referral_step(ls_worker, referral.id, "decline", "full")


def test_a_decline_needs_the_reason_the_service_gave(login_as, iom_worker, shelter, make_case):
    case = make_case()
    _consent_for(iom_worker, case, shelter, [CasePart.SERVICES])
    referral = services.send_referral(iom_worker, case.id, to_service=shelter, reason=ReferralReason.OTHER)
    client = login_as(iom_worker)
    client.post(f"/protection/referrals/{referral.id}/decline/", {"reason": ""})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    client.post(f"/protection/referrals/{referral.id}/decline/", {"reason": "No free beds until January."})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert "No free beds until January." in client.get(f"/protection/cases/{case.id}/").content.decode()


def test_withdrawing_the_consent_revokes_the_external_referral(iom_worker, shelter, make_case):
    case = make_case()
    consent = _consent_for(iom_worker, case, shelter, [CasePart.SERVICES])
    referral = services.send_referral(iom_worker, case.id, to_service=shelter, reason=ReferralReason.OTHER)
    services.withdraw_consent(iom_worker, consent.id)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REVOKED
