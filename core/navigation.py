"""The main navigation: each entry shows only to roles with its capability.

Modules add their entries here, in the order a user meets them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    capabilities: tuple[str, ...]  # any one of them shows the entry; () = every signed-in user
    description: str | Promise = ""  # shown on the home page card


NAV_ITEMS: list[NavItem] = [
    NavItem(_("Home"), "core:home", ()),
    NavItem(_("Users"), "accounts:user_list", ("accounts.manage_users",),
            _("Add people from your organisation, set their roles, unlock accounts.")),
    NavItem(_("Audit log"), "audit:event_list", ("audit.view",),
            _("Who opened or changed which record, when and from where.")),
]


def items_for(user: object) -> list[dict[str, str]]:
    items = []
    for item in NAV_ITEMS:
        if item.capabilities and not any(user.has_capability(c) for c in item.capabilities):  # type: ignore[attr-defined]
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": str(item.label), "url": url, "description": str(item.description),
                      "url_name": item.url_name})
    return items
