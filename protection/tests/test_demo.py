"""The demo shows every stage: about 60 cases in four organisations, 10 returns, pending referrals, overdue reviews."""

from __future__ import annotations

from accounts import demo as accounts_demo
from core.demo import DemoContext
from protection import demo, selectors
from protection.choices import ReferralStatus
from protection.models import Case, Referral, ReturnAndReintegration


def test_the_demo_has_cases_returns_referrals_and_overdue_reviews(db):
    ctx = DemoContext()
    accounts_demo.load(ctx)
    demo.load(ctx)
    assert Case.objects.count() == 60
    assert {c.organisation.code for c in Case.objects.select_related("organisation")} == {"IOM", "LS", "KCIK", "SG"}
    assert ReturnAndReintegration.objects.values("stage").distinct().count() == 5
    assert ReturnAndReintegration.objects.count() == 10
    assert Referral.objects.filter(status=ReferralStatus.SENT).count() >= 3
    iom_worker = ctx.users["iom.caseworker"]
    assert selectors.overdue_for(iom_worker).reviews
    assert selectors.cases_visible_to(ctx.users["lastrada.caseworker"], "shared").exists()
    for case in Case.objects.all():
        assert case.code.split("-")[1] == str(case.opened_at.year), f"{case.code} opened {case.opened_at:%Y-%m-%d}"
