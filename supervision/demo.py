"""Demo: this morning's calls at the police hotline, most of them triaged by the duty officer.

The bulk-loaded demo calls carry no triage times (the audit log dates each change when it happens), so the
hotline supervisor's "time to triage" and "immediate danger" figures need calls handled through intake's
services, as a real morning would be.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from core.demo import DemoContext


def load(ctx: DemoContext) -> None:
    from intake import services
    from intake.models import CallAction, Place, PlaceType, Urgency

    supervisor, operator = ctx.users.get("police.supervisor"), ctx.users.get("police.hotline")
    analyst = ctx.users.get("police.analyst")
    hotlines = list(Place.objects.filter(type=PlaceType.VOIVODESHIP,
                                         name__in=["Lubelskie", "Podkarpackie", "Mazowieckie"]).order_by("name"))
    if supervisor is None or operator is None or analyst is None or not hotlines:
        return
    now = timezone.now()
    triaged = 0
    for i in range(14):
        started = now - dt.timedelta(minutes=12 + 37 * i)
        urgency = (Urgency.IMMEDIATE_DANGER if i in (0, 4, 9) else Urgency.URGENT if i % 3 == 1
                   else Urgency.ROUTINE)
        actions: list[str] = [CallAction.POLICE_NOTIFIED if urgency == Urgency.IMMEDIATE_DANGER else CallAction.ADVICE]
        call = services.log_call(operator, services.CallInput(
            hotline=hotlines[i % len(hotlines)], started_at=started, ended_at=started + dt.timedelta(minutes=9),
            language=ctx.rng.choice(["uk", "uk", "ru", "pl"]), caller_type="potential_victim", topic="offer_work",
            urgency=urgency, actions=actions))
        if i not in (0, 4, 5, 6):  # left waiting: two in immediate danger, for the supervisor to see their age
            services.assign(supervisor, call, analyst)
            triaged += 1
    ctx.say(f"supervision: 14 calls this morning, {triaged} triaged (sign in as police.supervisor or "
            "iom.supervisor, Supervision)")
