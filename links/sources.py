"""Which module owns each kind of source record, and whether a user may open one.

Modules that send mentions register their source type from their AppConfig.ready():

    from links.sources import register_source
    register_source("intake.hotlinecall", label=_("Hotline call"),
                    can_open=lambda user, pk: calls_visible_to(user).filter(pk=pk).exists(),
                    url=lambda pk: reverse("intake:call_detail", args=[pk]),
                    owner_label=lambda pk: ...)

Until a source type is registered, its records are shown only as "a record exists, owned by
<organisation>": nobody gets a link, and mention content is shown only to users of the
organisation that recorded it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Source:
    source_type: str
    label: str | Promise
    can_open: Callable[[Any, int], bool]
    url: Callable[[int], str]
    owner_label: Callable[[int], str]
    code: Callable[[int], str] | None = None
    # optional: of these ids, the ones `user` may open, in one query (lists check 50 records at once)
    visible_ids: Callable[[Any, list[int]], set[int]] | None = None


_REGISTRY: dict[str, Source] = {}

# Labels for the source types other modules will send, so pages read well before they register.
DEFAULT_LABELS: dict[str, str | Promise] = {
    "intake.hotlinecall": _("Hotline call"),
    "intake.fieldobservation": _("Field observation"),
    "protection.person": _("Protection case person"),
    "investigations.investigation": _("Investigation"),
}


def register_source(source_type: str, *, label: str | Promise, can_open: Callable[[Any, int], bool],
                    url: Callable[[int], str], owner_label: Callable[[int], str],
                    code: Callable[[int], str] | None = None,
                    visible_ids: Callable[[Any, list[int]], set[int]] | None = None) -> None:
    """Tell links how to check access to, link to and name the owner of records of `source_type`, and (`code`)
    the record's own reference (CALL-0138), shown only to those who may open the record. `visible_ids`
    (optional) answers `can_open` for many records in one query; it must agree with `can_open`."""
    _REGISTRY[source_type] = Source(source_type, label, can_open, url, owner_label, code, visible_ids)


def unregister_source(source_type: str) -> None:
    _REGISTRY.pop(source_type, None)


def get_source(source_type: str) -> Source | None:
    return _REGISTRY.get(source_type)


def label_for(source_type: str) -> str:
    source = _REGISTRY.get(source_type)
    if source is not None:
        return str(source.label)
    return str(DEFAULT_LABELS.get(source_type, _("Record")))


def code_for(source_type: str, source_id: int) -> str:
    """The record's reference (e.g. its call code), or '' when the module gives none. Callers show it only to
    users who may open the record."""
    source = _REGISTRY.get(source_type)
    if source is None or source.code is None:
        return ""
    try:
        return str(source.code(source_id) or "")
    except Exception:  # a module's lookup failing leaves the label without a code
        return ""


def can_open(user: Any, source_type: str, source_id: int, owner_organisation_id: int) -> bool:
    """Whether `user` may see the record's content. Unregistered: only its own organisation's users."""
    if not getattr(user, "is_authenticated", False):
        return False
    source = _REGISTRY.get(source_type)
    if source is None:
        return bool(user.organisation_id == owner_organisation_id)
    try:
        return bool(source.can_open(user, source_id))
    except Exception:  # a module's check failing must never open a record
        return False


def can_open_many(user: Any, records: list[tuple[str, int, int]]) -> set[tuple[str, int]]:
    """`can_open` for many (source_type, source_id, owner_organisation_id) at once: the (type, id) the user
    may open. One query per source type that registered `visible_ids`, else one check per record."""
    if not getattr(user, "is_authenticated", False):
        return set()
    by_type: dict[str, list[tuple[int, int]]] = {}
    for source_type, source_id, owner in records:
        by_type.setdefault(source_type, []).append((source_id, owner))
    out: set[tuple[str, int]] = set()
    for source_type, items in by_type.items():
        source = _REGISTRY.get(source_type)
        if source is not None and source.visible_ids is not None:
            try:
                ids = source.visible_ids(user, sorted({i for i, _o in items}))
            except Exception:  # a module's check failing must never open a record
                ids = set()
            out.update((source_type, i) for i, _o in items if i in ids)
        else:
            out.update((source_type, i) for i, owner in items if can_open(user, source_type, i, owner))
    return out


def url_of(source_type: str, source_id: int) -> str:
    """The record's page, for a caller that has just checked `can_open` for this user (else use url_for)."""
    source = _REGISTRY.get(source_type)
    if source is None:
        return ""
    try:
        return source.url(source_id)
    except Exception:
        return ""


def url_for(user: Any, source_type: str, source_id: int) -> str:
    """The record's page, only where the user may open it (else '')."""
    source = _REGISTRY.get(source_type)
    if source is None:
        return ""
    try:
        if not source.can_open(user, source_id):
            return ""
        return source.url(source_id)
    except Exception:
        return ""
