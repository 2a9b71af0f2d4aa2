"""The list pages that offer bulk work: where each list lives, which filters a saved search may keep, which rows
the user may touch (through the owning module's selector), and the columns of an export of selected rows.

A saved search reopens its list with the filters in the address, as the list itself puts them there, so a list's
`filters` name only parameters that hold codes, choices and ids (never a name, phone or free text).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import ListName


@dataclass(frozen=True)
class WorkList:
    name: str
    url_name: str
    filters: tuple[str, ...]
    model: Callable[[], type[Model]]
    visible: Callable[[Any], QuerySet[Any]]  # every row the user may see, scoped by the owning module
    columns: tuple[Any, ...]  # export header (translated when written)
    row: Callable[[Any], list[str]]


def _case_model() -> type[Model]:
    from protection.models import Case

    return Case


def _call_model() -> type[Model]:
    from intake.models import HotlineCall

    return HotlineCall


def _cases_visible(user: Any) -> QuerySet[Any]:
    from protection.selectors import cases_visible_to

    return cases_visible_to(user).select_related("organisation", "case_worker", "person")


def _calls_visible(user: Any) -> QuerySet[Any]:
    from intake.selectors import calls_visible_to

    return calls_visible_to(user).select_related("assigned_to")


def _person_name(user: Any) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _case_row(case: Any) -> list[str]:
    """What the case list shows of a case, and nothing more: no identity, no free text."""
    review = date_format(case.next_review_due, "SHORT_DATE_FORMAT") if case.is_open else ""
    return [case.code, str(case.get_status_display()), str(case.organisation), _person_name(case.case_worker),
            str(case.person.get_gender_display()), str(case.person.get_age_range_display()), review]


def _call_row(call: Any) -> list[str]:
    """What the call list shows of a call: codes and choices, never the caller's contact or the notes."""
    return [call.code, date_format(timezone.localtime(call.started_at), "SHORT_DATETIME_FORMAT"), call.hotline.name,
            str(call.get_language_display()), str(call.get_topic_display()), str(call.get_urgency_display()),
            str(call.get_status_display()), _person_name(call.assigned_to)]


LISTS: dict[str, WorkList] = {
    ListName.CASES: WorkList(
        ListName.CASES, "protection:case_list", ("scope", "status", "code", "overdue", "flag"), _case_model,
        _cases_visible,
        (_("Case code"), _("Status"), _("Owner"), _("Case worker"), _("Gender"), _("Age range"),
         _("Next review due")),
        _case_row),
    ListName.CALLS: WorkList(
        ListName.CALLS, "intake:call_list", ("hotline", "topic", "urgency", "flag"), _call_model, _calls_visible,
        (_("Call"), _("Started"), _("Hotline"), _("Language"), _("Topic"), _("Urgency"), _("Status"),
         _("Assigned to")),
        _call_row),
}


def get(name: str) -> WorkList:
    """The list called `name`; KeyError for anything else (views turn it into a 404)."""
    return LISTS[name]
