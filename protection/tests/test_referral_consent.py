"""A referral needs the person's consent to share with that organisation, and carries only what it covers."""

from __future__ import annotations

import pytest

from protection import services
from protection.choices import CasePart, ReferralReason
from protection.models import Referral


def test_a_referral_without_consent_is_refused_on_the_page(login_as, iom_worker, lastrada, make_case):
    case = make_case()
    response = login_as(iom_worker).post(f"/protection/cases/{case.id}/referral/", {
        "to_organisation": lastrada.pk, "reason": ReferralReason.ADDITIONAL_SERVICES})
    assert "has not consented to share their case with this organisation" in response.content.decode()
    assert not Referral.objects.exists()


def test_a_referral_without_consent_is_refused_by_the_api(login_as, iom_worker, lastrada, make_case):
    case = make_case()
    response = login_as(iom_worker).post(f"/api/v1/protection/cases/{case.id}/referrals", {
        "to_organisation": "LS", "reason": ReferralReason.ADDITIONAL_SERVICES}, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "consent_missing"
    assert not Referral.objects.exists()


def test_consent_to_share_with_another_organisation_does_not_cover_this_one(iom_worker, lastrada, border_guard,
                                                                             make_case, share):
    case = make_case()
    share(case, border_guard)
    with pytest.raises(services.ConsentMissing):
        services.send_referral(iom_worker, case.id, to_organisation=lastrada, reason=ReferralReason.OTHER)


def test_withdrawn_consent_no_longer_allows_a_referral(iom_worker, lastrada, make_case, share):
    case = make_case()
    consent = share(case, lastrada)
    services.withdraw_consent(iom_worker, consent.id)
    with pytest.raises(services.ConsentMissing):
        services.send_referral(iom_worker, case.id, to_organisation=lastrada, reason=ReferralReason.OTHER)


def test_the_referral_carries_only_the_parts_the_consent_covers(login_as, iom_worker, ls_worker, lastrada,
                                                                make_case, share):
    case = make_case()
    services.add_note(iom_worker, case.id, "Says her passport is kept by the farm owner.")
    share(case, lastrada, parts=[CasePart.SERVICES])
    referral = services.send_referral(iom_worker, case.id, to_organisation=lastrada, reason=ReferralReason.OTHER,
                                      parts=[CasePart.SERVICES, CasePart.NOTES])
    assert referral.parts == [CasePart.SERVICES]
    page = login_as(ls_worker).get(f"/protection/cases/{case.id}/").content.decode()
    assert case.code in page
    assert "passport is kept" not in page, "notes were not consented"
    assert "Kovalchuk" not in page, "identity was not consented"
    assert "Not shared" in page
