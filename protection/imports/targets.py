"""What an imported table becomes: a Target with fields, each with a kind and, for picklists, choices.

The mapping engine (mapping.py) is generic over targets; the protection module registers "htcds_case"
(htcds.py), the intake module registers "field_observation". See /tmp contract in docs/modules/protection.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accounts.models import User

KINDS = ("text", "date", "choice", "multichoice", "country", "integer", "boolean", "email", "phone")


@dataclass(frozen=True)
class TargetChoice:
    code: str
    label: Any  # a lazy gettext string: matched in en/pl/uk/ru
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class TargetField:
    name: str
    label: Any
    aliases: tuple[str, ...] = ()
    kind: str = "text"
    choices: tuple[TargetChoice, ...] = ()
    required: bool = False
    multi: bool = False  # for "country": several countries in one cell


@dataclass
class Target:
    key: str
    label: Any
    fields: tuple[TargetField, ...]
    commit: Callable[[User, list[dict[str, Any]], Any], int]
    natural_key: Callable[[dict[str, Any]], str | None]
    capability: str
    # optional hooks: extra checks of one converted row -> [(field name, message)], and duplicate lookup
    check_row: Callable[[dict[str, Any]], list[tuple[str, str]]] | None = None
    find_duplicates: Callable[[User, list[dict[str, Any]]], dict[int, list[dict[str, Any]]]] | None = None
    existing_keys: Callable[[User, list[str]], set[str]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def field(self, name: str) -> TargetField | None:
        return next((f for f in self.fields if f.name == name), None)


_REGISTRY: dict[str, Target] = {}


def register(target: Target) -> None:
    _REGISTRY[target.key] = target


def get_target(key: str) -> Target:
    _load()
    return _REGISTRY[key]


def targets_for(user: User) -> list[Target]:
    _load()
    found = [t for t in _REGISTRY.values() if user.is_authenticated and user.has_capability(t.capability)]
    return sorted(found, key=lambda t: t.key != "htcds_case")  # HTCDS cases first: the default


def _load() -> None:
    if "htcds_case" not in _REGISTRY:
        from . import htcds  # noqa: F401 - registers itself
