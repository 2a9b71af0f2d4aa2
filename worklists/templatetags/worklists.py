"""What a list page shows of bulk work: the flag filter, each row's flags, the bulk bar and the saved searches.

The list pages (protection's case list, intake's call list) include these, so their own views change little."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join

from accounts.models import User

from .. import selectors
from ..models import FlagKind, ListName

register = template.Library()


def _assignees(user: Any, list_name: str) -> list[tuple[int, str]]:
    """Colleagues a batch may be assigned to: case workers and supervisors for cases, anyone active for calls."""
    staff = User.objects.filter(organisation_id=user.organisation_id, is_active=True)
    if list_name == ListName.CASES:
        staff = staff.filter(role__in=["case_worker", "supervisor"])
    return [(u.pk, u.get_full_name() or u.username) for u in staff.order_by("username")]


@register.inclusion_tag("worklists/_flag_filter.html")
def flag_filter(value: str) -> dict[str, Any]:
    return {"value": value, "choices": selectors.flag_choices()}


@register.simple_tag(takes_context=True)
def page_flags(context: Any, list_name: str, rows: Any) -> dict[int, list[Any]]:
    """The organisation's active flags on the rows of this page, in one query: `{% page_flags "cases" rows as f %}`."""
    return selectors.flags_by_id(context["request"].user, list_name, [getattr(r, "pk", None) or r.id for r in rows])


@register.simple_tag
def row_flags(flags: dict[int, list[Any]], pk: int) -> str:
    if not isinstance(flags, dict):
        return ""
    labels = {k: str(v) for k, v in FlagKind.choices}
    return format_html_join(" ", '<span class="tag tag--warn" data-flag="{}">{}</span>',
                            ((f.kind, labels.get(f.kind, f.kind)) for f in flags.get(pk, [])))


@register.simple_tag
def select_header() -> str:
    """The heading of the tick-box column (read by screen readers only)."""
    from django.utils.translation import gettext as _

    return format_html('<span class="visually-hidden">{}</span>', _("Select"))


@register.simple_tag
def row_checkbox(pk: int, code: str) -> str:
    from django.utils.translation import gettext as _

    return format_html('<input type="checkbox" name="ids" value="{}" form="bulk-form" aria-label="{}">',
                       pk, _("Select %(code)s") % {"code": code})


@register.inclusion_tag("worklists/_bulk_bar.html", takes_context=True)
def bulk_bar(context: Any, list_name: str) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    can_assign = (user.has_capability("protection.manage") if list_name == ListName.CASES
                  else user.has_capability("intake.triage"))
    return {"list_name": list_name, "assignees": _assignees(user, list_name) if can_assign else [],
            "can_assign": can_assign, "kinds": FlagKind.choices, "back": request.get_full_path(),
            "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("worklists/_saved_searches.html", takes_context=True)
def saved_searches(context: Any, list_name: str) -> dict[str, Any]:
    request = context["request"]
    return {"list_name": list_name, "searches": list(selectors.saved_searches_of(request.user, list_name)),
            "filters": selectors.filters_of(list_name, request.GET), "csrf_token": context.get("csrf_token")}
