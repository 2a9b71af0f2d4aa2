"""Demo bulk work: the IOM case worker's organisation has flagged two cases, the police analyst has flagged a call,
and each has a saved search, so the flag filter and the saved-search menu show something at once."""

from __future__ import annotations

from django.http import QueryDict

from core.demo import DemoContext

from . import lists, services
from .models import FlagKind, ListName, SavedSearch


def load(ctx: DemoContext) -> None:
    worker, analyst = ctx.users.get("iom.caseworker"), ctx.users.get("police.analyst")
    if worker is not None and not SavedSearch.objects.filter(user=worker).exists():
        cases = list(lists.get(ListName.CASES).visible(worker).filter(organisation_id=worker.organisation_id)
                     .order_by("id").values_list("id", flat=True)[:2])
        if cases:
            services.flag(worker, ListName.CASES, cases[:1], FlagKind.SAFETY, note="Trafficker called the shelter.")
            services.flag(worker, ListName.CASES, cases, FlagKind.FOLLOW_UP)
        services.save_search(worker, ListName.CASES, "Safety concerns", QueryDict("scope=organisation&flag=safety"))
    if analyst is not None and not SavedSearch.objects.filter(user=analyst).exists():
        calls = list(lists.get(ListName.CALLS).visible(analyst).filter(urgency="immediate_danger")
                     .values_list("id", flat=True)[:1])
        if calls:
            services.flag(analyst, ListName.CALLS, calls, FlagKind.SUPERVISOR)
        services.save_search(analyst, ListName.CALLS, "Immediate danger", QueryDict("urgency=immediate_danger"))
    flagged = services.Flag.objects.filter(cleared_at=None).count()
    ctx.say(f"worklists: {flagged} flags on cases and calls; saved searches for iom.caseworker and police.analyst")
