"""The receiving organisation sees a referred case while the referral is active, and loses it when it ends."""

from __future__ import annotations

from protection import services
from protection.choices import ReferralReason, ReferralStatus


def _refer(iom_worker, lastrada, make_case, share):
    case = make_case()
    share(case, lastrada)
    return case, services.send_referral(iom_worker, case.id, to_organisation=lastrada, reason=ReferralReason.OTHER)


def test_la_strada_sees_a_case_referred_to_it(login_as, iom_worker, ls_worker, lastrada, make_case, share):
    case, _referral = _refer(iom_worker, lastrada, make_case, share)
    client = login_as(ls_worker)
    assert case.code in client.get("/protection/?scope=shared").content.decode()
    assert client.get(f"/protection/cases/{case.id}/").status_code == 200
    assert client.get(f"/api/v1/protection/cases/{case.id}").status_code == 200


def test_declining_a_referral_removes_access(login_as, iom_worker, ls_worker, lastrada, make_case, share):
    case, referral = _refer(iom_worker, lastrada, make_case, share)
    client = login_as(ls_worker)
    client.post(f"/protection/referrals/{referral.id}/decline/", {"reason": "No shelter place this month."})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert referral.decline_reason == "No shelter place this month."
    assert client.get(f"/protection/cases/{case.id}/").status_code == 404
    assert client.get(f"/api/v1/protection/cases/{case.id}").status_code == 404
    assert case.code not in client.get("/protection/?scope=all").content.decode()


def test_declining_needs_a_reason(login_as, ls_worker, iom_worker, lastrada, make_case, share):
    case, referral = _refer(iom_worker, lastrada, make_case, share)
    response = login_as(ls_worker).post(f"/protection/referrals/{referral.id}/decline/", {"reason": " "})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    assert response["Location"] == f"/protection/cases/{case.id}/", "back to the case, where the reason is typed"


def test_revoking_a_referral_removes_access(client, iom_worker, ls_worker, lastrada, make_case, share):
    case, referral = _refer(iom_worker, lastrada, make_case, share)
    client.force_login(ls_worker)
    client.post(f"/api/v1/protection/referrals/{referral.id}/accept", {}, content_type="application/json")
    assert client.get(f"/protection/cases/{case.id}/").status_code == 200
    client.force_login(iom_worker)
    client.post(f"/protection/referrals/{referral.id}/revoke/", {"reason": "The person asked us to."})
    client.force_login(ls_worker)
    assert client.get(f"/protection/cases/{case.id}/").status_code == 404
    assert client.get(f"/api/v1/protection/cases/{case.id}/screenings").status_code == 404
    items = client.get("/api/v1/protection/cases").json()["items"]
    assert case.id not in [i["id"] for i in items]


def test_withdrawing_consent_revokes_the_referral_that_relied_on_it(login_as, iom_worker, ls_worker, lastrada,
                                                                    make_case, share):
    case, referral = _refer(iom_worker, lastrada, make_case, share)
    services.withdraw_consent(iom_worker, referral.consent_id)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REVOKED
    assert login_as(ls_worker).get(f"/protection/cases/{case.id}/").status_code == 404


def test_a_completed_referral_keeps_what_was_shared_visible(login_as, iom_worker, ls_worker, lastrada, make_case,
                                                            share):
    case, referral = _refer(iom_worker, lastrada, make_case, share)
    services.accept_referral(ls_worker, referral.id)
    services.complete_referral(ls_worker, referral.id)
    assert login_as(ls_worker).get(f"/protection/cases/{case.id}/").status_code == 200


def test_a_transfer_moves_the_case_to_the_other_organisation(login_as, iom_worker, ls_worker, lastrada, make_case,
                                                             share, make_user):
    case = make_case()
    share(case, lastrada)
    transfer = services.transfer_case(iom_worker, case.id, to_organisation=lastrada, reason="She moved to Warsaw.")
    assert login_as(ls_worker).get(f"/protection/cases/{case.id}/").status_code == 404, "not before acceptance"
    from accounts.roles import Role

    services.answer_transfer(make_user(Role.SUPERVISOR, lastrada), transfer.id, accept=True)
    assert login_as(ls_worker).get(f"/protection/cases/{case.id}/").status_code == 200
    assert "Kovalchuk" in login_as(ls_worker).get(f"/protection/cases/{case.id}/").content.decode()
    assert login_as(iom_worker).get(f"/protection/cases/{case.id}/").status_code == 404
