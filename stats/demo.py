"""Demo: the administrator's yearly release of this year's cases by sex and calls by line and month, at ε = 1
each, shown on the public statistics page (/statistics/?lang=uk)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from . import services
from .models import Release

if TYPE_CHECKING:
    from core.demo import DemoContext

DEMO_RELEASES = ("cases_sex", "calls_line_month")


def load(ctx: DemoContext) -> None:
    admin = ctx.users.get("admin")
    if admin is None:
        return
    year = timezone.localdate().year
    for table in DEMO_RELEASES:
        query = {"table": table, "year_from": year, "year_to": year}
        if Release.objects.filter(query=query).exists():
            continue
        services.release(admin, table=table, year_from=year, year_to=year, epsilon=1.0)
    ctx.say(f"stats: {Release.objects.count()} differentially private releases at ε = 1 (public page /statistics/)")
