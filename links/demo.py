"""Links demo: publish the intake demo's calls and observations to links, then run a full match.

Intake's demo bulk-creates its records (so its save-time hook does not run); here each record is
handed to intake's own publishing function, exactly as a saved record would be (protection
publishes its persons itself). A full (Splink) match then resolves the Шевченко / Shevchenko /
Szewczenko driver that intake's demo places at Medyka and Korczowa with one phone, in Police and
Border Guard reports, and raises alerts for police.analyst.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .services import deferred_matching

if TYPE_CHECKING:
    from core.demo import DemoContext

def _publish_intake(ctx: DemoContext) -> int:
    from intake.services import publish_mentions

    data = ctx.extra.get("intake") or {}
    records = [*data.get("calls", []), *data.get("observations", [])]
    for record in records:
        publish_mentions(record)
    return len(records)


def load(ctx: DemoContext) -> None:
    from . import matching
    from .models import Mention as MentionRow

    with deferred_matching():
        published = _publish_intake(ctx)
    run_pairs = matching.run_full(None)
    alerts = matching.check_alerts(MentionRow.objects.values_list("pk", flat=True))
    ctx.say(f"links: {published} intake records published, {MentionRow.objects.count()} mentions, "
            f"{run_pairs} person pairs, {len(alerts)} alerts")
