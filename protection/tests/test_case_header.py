"""The header of a case page says only what the reader may know: a partner without the identification part
of the case does not learn from it whether the person was identified as a victim."""

from __future__ import annotations

import datetime

from protection import services
from protection.choices import CasePart, DecisionMakingOrg, ReferralReason, TraffickingStatus


def _identified_and_referred(iom_worker, lastrada, iom, make_case, share, parts):
    case = make_case()
    services.record_identification(iom_worker, case.id, status=TraffickingStatus.ACTUAL,
                                   decision_org_type=DecisionMakingOrg.NGO, deciding_organisation=iom,
                                   decided_on=datetime.date(2026, 11, 30))
    share(case, lastrada, parts=parts)
    services.send_referral(iom_worker, case.id, to_organisation=lastrada, reason=ReferralReason.OTHER)
    return case


def test_la_strada_does_not_see_the_trafficking_status_when_identification_was_not_shared(
        login_as, iom_worker, ls_worker, lastrada, iom, make_case, share):
    case = _identified_and_referred(iom_worker, lastrada, iom, make_case, share, [CasePart.SERVICES])
    page = login_as(ls_worker).get(f"/protection/cases/{case.id}/").content.decode()
    assert case.code in page
    assert "Trafficking status" not in page and "Actual victim of trafficking" not in page
    assert "Trafficking status" in login_as(iom_worker).get(f"/protection/cases/{case.id}/").content.decode()


def test_la_strada_sees_the_trafficking_status_when_identification_was_shared(
        login_as, iom_worker, ls_worker, lastrada, iom, make_case, share):
    case = _identified_and_referred(iom_worker, lastrada, iom, make_case, share, [CasePart.IDENTIFICATION])
    assert "Trafficking status" in login_as(ls_worker).get(f"/protection/cases/{case.id}/").content.decode()
