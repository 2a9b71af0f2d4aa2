"""Demo approvals: the IOM case worker asks to close one of her open cases, so the IOM supervisor starts the day
with something to approve (the protection demo's support plans by case workers wait for approval as well)."""

from __future__ import annotations

from core.demo import DemoContext

from . import services
from .models import ApprovalKind, ApprovalStatus


def load(ctx: DemoContext) -> None:
    from protection.choices import CaseStatus
    from protection.models import Case

    worker = ctx.users.get("iom.caseworker")
    if worker is None:
        return
    case = (Case.objects.filter(organisation_id=worker.organisation_id, status=CaseStatus.ACTIVE)
            .exclude(approval_requests__status=ApprovalStatus.PENDING,
                     approval_requests__kind=ApprovalKind.CLOSURE).order_by("pk").first())
    if case is None:
        return
    services.request_closure(worker, case.id, CaseStatus.CLOSED,
                             "Found safe work in Gdańsk through the partner agency; no further needs.")
    pending = services.ApprovalRequest.objects.filter(status=ApprovalStatus.PENDING).count()
    ctx.say(f"approvals: {pending} requests waiting for a supervisor (sign in as iom.supervisor, Approvals)")
