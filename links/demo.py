"""Links demo: publish the intake demo's calls and observations to links, then run a full match.

Intake's demo bulk-creates its records (so its save-time hook does not run); here each record is
handed to intake's own publishing function, exactly as a saved record would be. The demo then
adds one Border Guard and one protection-style report in Cyrillic and German spelling, so the
Шевченко / Shevchenko / Szewczenko / Schewtschenko driver with the same phone shows across four
scripts and agencies, and runs a full (Splink) match, which raises alerts for police.analyst.

If intake is not there (or publishes nothing), a few clearly marked placeholder reports
(source type "links.demo") are created instead.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from .services import Mention, deferred_matching, record_mentions

if TYPE_CHECKING:
    from core.demo import DemoContext

DRIVER_PHONE = "+48 601 234 567"
DRIVER_PLATE = "BC 1234 AK"


def _publish_intake(ctx: DemoContext) -> int:
    data = ctx.extra.get("intake") or {}
    try:
        from intake import services as intake_services
    except ImportError:
        return 0
    publish: Any = getattr(intake_services, "publish_mentions", None) or getattr(
        intake_services, "_publish_mentions", None)
    if publish is None:
        return 0
    count = 0
    for record in [*data.get("calls", []), *data.get("observations", [])]:
        publish(record)
        count += 1
    return count


def _placeholders(ctx: DemoContext, now: dt.datetime) -> None:
    """Marked placeholder reports: used only when intake published nothing."""
    police, border = ctx.organisations["POL"], ctx.organisations["SG"]
    reports = [
        (1, police, 9, "Medyka", "Шевченко Олександр"),
        (2, police, 7, "Korczowa", "Oleksandr Shevchenko"),
        (3, border, 6, "Medyka", "Szewczenko Sasha"),
        (4, police, 5, "Przemyśl", "Schewtschenko Alexander"),
    ]
    for sid, org, days, place, name in reports:
        record_mentions(source_type="links.demo", source_id=sid, owner_organisation_id=org.pk,
                        occurred_at=now - dt.timedelta(days=days), place=f"{place} (demo placeholder)",
                        mentions=[Mention("person", name, {"sex": "m"}), Mention("phone", DRIVER_PHONE),
                                  Mention("vehicle", DRIVER_PLATE, {"country": "UA", "make": "Volkswagen",
                                                                    "colour": "white"})])


def load(ctx: DemoContext) -> None:
    from . import matching

    now = timezone.now()
    with deferred_matching():
        published = _publish_intake(ctx)
        from .models import Mention as MentionRow

        if not MentionRow.objects.exists():
            _placeholders(ctx, now)
    run_pairs = matching.run_full(None)
    alerts = matching.check_alerts(MentionRow.objects.values_list("pk", flat=True))
    ctx.say(f"links: {published} intake records published, {MentionRow.objects.count()} mentions, "
            f"{run_pairs} person pairs, {len(alerts)} alerts")
