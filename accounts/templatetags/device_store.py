"""``{{ user|device_store_name }}``: the opaque name of the user's records on the device (for base.html)."""

from __future__ import annotations

from django import template

from accounts import services
from accounts.models import User

register = template.Library()


@register.filter
def device_store_name(user: object) -> str:
    return services.device_store_name(user) if isinstance(user, User) else ""
