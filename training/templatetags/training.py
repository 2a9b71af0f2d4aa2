"""Template filters for training pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """0.42 -> '42%'; None (not computable) -> '—'."""
    if value is None:
        return "—"
    return f"{round(value * 100)}%"
