"""Reads of flags and saved searches, scoped to the user's organisation (flags) or the user (saved searches),
and the person search that leads to a person's timeline."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.urls import reverse

from . import lists
from .models import Flag, FlagKind, SavedSearch

ANY_FLAG = "any"


def active_flags(user: Any) -> QuerySet[Flag]:
    """The flags the user's organisation has set and not cleared; nobody else's."""
    if not getattr(user, "is_authenticated", False) or not user.organisation_id:
        return Flag.objects.none()
    return Flag.objects.filter(organisation_id=user.organisation_id, cleared_at=None)


def flags_by_id(user: Any, list_name: str, ids: list[int]) -> dict[int, list[Flag]]:
    """The organisation's active flags on the rows `ids` of one list, one query for the whole page."""
    found: dict[int, list[Flag]] = defaultdict(list)
    if not ids:
        return found
    ct = ContentType.objects.get_for_model(lists.get(list_name).model())
    for flag in active_flags(user).filter(content_type=ct, object_id__in=ids).order_by("kind"):
        found[flag.object_id].append(flag)
    return found


def clean_flag(value: str) -> str:
    """A flag filter's value from a query string: "any", a flag kind, or "" for anything else."""
    return value if value == ANY_FLAG or value in FlagKind.values else ""


def flagged(user: Any, list_name: str, qs: QuerySet[Any], kind: str) -> QuerySet[Any]:
    """`qs` narrowed to rows carrying one of the organisation's active flags (`kind`, or any with "any")."""
    if kind != ANY_FLAG and kind not in FlagKind.values:
        return qs
    ct = ContentType.objects.get_for_model(lists.get(list_name).model())
    flags = active_flags(user).filter(content_type=ct)
    if kind != ANY_FLAG:
        flags = flags.filter(kind=kind)
    return qs.filter(pk__in=flags.values("object_id"))


def flag_choices() -> list[tuple[str, Any]]:
    """The flag filter's options: any flag, then each kind."""
    from django.utils.translation import gettext as _

    return [(ANY_FLAG, _("Any flag")), *FlagKind.choices]


def saved_searches_of(user: Any, list_name: str = "") -> QuerySet[SavedSearch]:
    """The user's own saved searches (never a colleague's), for one list or all."""
    if not getattr(user, "is_authenticated", False):
        return SavedSearch.objects.none()
    qs = SavedSearch.objects.filter(user_id=user.pk)
    return qs.filter(list_name=list_name) if list_name else qs


def filters_of(list_name: str, query: Any) -> dict[str, str]:
    """The filters of a list page's query string that a saved search keeps: the list's own names, non-empty."""
    keep = lists.get(list_name).filters
    return {k: str(query.get(k, ""))[:64] for k in keep if query.get(k)}


# --- person search --------------------------------------------------------------------------------


@dataclass
class PersonResult:
    """A registered person the user may see, the cases through which, and why they matched."""

    person_id: int
    cases: list[Any] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def timeline_url(self) -> str:
        return reverse("timeline:person", args=[self.person_id])


def find_people(user: Any, term: str) -> list[PersonResult]:
    """People whose case code, phone, document number or name matches `term` exactly, among those the user may
    see. Identifiers are compared by blind index, so nothing is decrypted to search; identifiers are searched
    only by roles that see identity, and only among the organisation's own people (as duplicate checks are)."""
    from django.utils.translation import gettext as _

    from protection import identity as idx
    from protection.models import Person
    from protection.selectors import cases_visible_to

    term = term.strip()[:200]
    if not term or not user.has_capability("protection.view"):
        return []
    reasons: dict[int, list[str]] = defaultdict(list)
    for pid in cases_visible_to(user).filter(code=term.upper()).values_list("person_id", flat=True):
        reasons[pid].append(_("case code"))
    if user.has_capability("protection.view_identity"):
        own = Person.objects.filter(organisation_id=user.organisation_id)
        checks = [("phone_index", idx.phone_index(term) if sum(ch.isdigit() for ch in term) >= 6 else "",
                   _("phone number")),
                  ("document_index", idx.document_index(term), _("document number")),
                  ("name_index", idx.name_index(term) if len(term.split()) >= 2 else "",
                   _("name"))]
        for column, value, label in checks:
            if value:
                for pid in own.filter(**{column: value}).values_list("id", flat=True)[:50]:
                    reasons[pid].append(label)
    if not reasons:
        return []
    cases: dict[int, list[Any]] = defaultdict(list)
    for case in cases_visible_to(user).filter(person_id__in=reasons).select_related("organisation"):
        cases[case.person_id].append(case)
    # a person is a result only through a case the user may open: no case, no result
    return [PersonResult(pid, cases[pid], reasons[pid]) for pid in sorted(cases, reverse=True)]
