"""The demo gives the IOM supervisor approvals to decide and the case workers notifications to read."""

from __future__ import annotations

from accounts import demo as accounts_demo
from approvals import demo as approvals_demo
from approvals.selectors import to_decide
from core.demo import DemoContext
from notifications import demo as notifications_demo
from notifications.models import Kind, Notification
from protection import demo as protection_demo


def test_the_demo_has_pending_approvals_and_notifications(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    ctx = DemoContext()
    accounts_demo.load(ctx)
    protection_demo.load(ctx)
    approvals_demo.load(ctx)
    notifications_demo.load(ctx)
    supervisor = ctx.users["iom.supervisor"]
    assert to_decide(supervisor).filter(kind="closure").count() == 1
    assert Notification.objects.filter(recipient=supervisor, kind=Kind.APPROVAL_REQUESTED).exists()
    assert Notification.objects.filter(recipient=ctx.users["iom.caseworker"], kind=Kind.REVIEW_OVERDUE).exists()
    assert Notification.objects.filter(recipient=ctx.users["lastrada.caseworker"],
                                       kind=Kind.REFERRAL_RECEIVED).exists()
