"""``{% if user|uses_offline_app %}``: whether base.html installs the offline app (service worker, outbox bar)
for this user: those who file observations in the field. Other roles work online and get no worker."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def uses_offline_app(user: object) -> bool:
    has = getattr(user, "has_capability", None)
    return bool(getattr(user, "is_authenticated", False) and has and has("intake.log_observation"))
