from __future__ import annotations

from typing import Any

from django import template

from ..selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/bell.html", takes_context=True)
def notification_bell(context: dict[str, Any]) -> dict[str, Any]:
    """The header link to the notification centre with the number of unread notifications."""
    user = context.get("user")
    return {"count": unread_count(user) if user is not None and user.is_authenticated else 0}
