"""Links other modules' pages show to the statistics: the aggregate alternative on the anonymous export page."""

from __future__ import annotations

from typing import Any

from django import template

from stats.services import default_years

register = template.Library()


@register.inclusion_tag("stats/_export_alternative.html", takes_context=True)
def export_alternative(context: dict[str, Any], dropped: int = 0) -> dict[str, Any]:
    """When k-anonymity leaves rows out of a file, the national aggregate tables (small cells hidden) count every
    case; shown to those who may see statistics."""
    request = context.get("request")
    user = getattr(request, "user", None)
    allowed = bool(user and user.is_authenticated and user.has_capability("stats.view"))
    y0, y1 = default_years()
    return {"show": allowed and dropped > 0, "dropped": dropped, "year_from": y0, "year_to": y1}
