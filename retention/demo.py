"""Demo retention: two IOM closed cases moved close to (and past) the end of their retention, one of them on
legal hold, a pending erasure request waiting for a second person, and a dry run to show on the page."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from core.demo import DemoContext

from . import services
from .models import RecordKind


def load(ctx: DemoContext) -> None:
    from protection.erasure import closed_cases
    from protection.models import Case

    supervisor = ctx.users.get("iom.supervisor")
    if supervisor is None:
        return
    now = timezone.now()
    closed = list(closed_cases(now).filter(organisation=supervisor.organisation).order_by("pk")[:3])
    open_case = Case.objects.filter(organisation=supervisor.organisation, closed_at__isnull=True).order_by("pk").first()
    if len(closed) < 2 or open_case is None:
        return
    keep = datetime.timedelta(days=settings.CTIMS_RETENTION_DAYS[RecordKind.CASE])
    # Invented history: one case closed long enough ago to be anonymised in 12 days, one already past it.
    Case.objects.filter(pk=closed[0].pk).update(closed_at=now - keep + datetime.timedelta(days=12))
    Case.objects.filter(pk=closed[1].pk).update(closed_at=now - keep - datetime.timedelta(days=3))
    services.place_hold(supervisor, kind=RecordKind.CASE, reference=closed[1].code,
                        reason="Witness in criminal proceedings (District Court, Lublin, II K 123/26); keep until "
                               "the judgment is final.")
    services.request_erasure(supervisor, kind=RecordKind.CASE, reference=open_case.code,
                             reason="The person asked by e-mail on arrival in Kyiv to erase her data (Art. 17).")
    services.apply_retention(dry_run=True)
    ctx.say("retention: 1 legal hold, 1 erasure request waiting for a second person (sign in as admin), 1 dry run")
