"""Finding the calls, observations and protection cases to link to an investigation.

One text box: a record's code (CALL-138, OBS-42, IOM-2026-00042), a phone number or a plate (compared by
blind index, never decrypted), or a person's name, which is looked up only through the links module's
resolved identities (keyed hashes of the name's match keys). Every result comes from the owning module's
selector for this user, so the picker never offers a record the user could not open. The search text
arrives in a POST body and is neither logged nor audited (only that a search was made).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from audit.models import Action
from audit.services import record
from core import crypto

from .models import Investigation, LinkKind

MAX_RESULTS = 50
_CALL = re.compile(r"^CALL-?(\d{1,12})$")
_OBS = re.compile(r"^OBS-?(\d{1,12})$")

MATCHED_BY = {"code": _("code"), "phone": _("phone number"), "plate": _("plate"), "name": _("name")}


@dataclass
class Candidate:
    kind: str  # a LinkKind value
    object_id: int
    code: str
    when: datetime.datetime | None
    matched: str  # a MATCHED_BY key
    linked: bool = False

    @property
    def kind_label(self) -> str | Promise:
        return LinkKind(self.kind).label

    @property
    def matched_label(self) -> str | Promise:
        return MATCHED_BY[self.matched]


def _calls(user: Any) -> Any:
    from intake.selectors import calls_visible_to

    return calls_visible_to(user)


def _observations(user: Any) -> Any:
    from intake.selectors import observations_visible_to

    return observations_visible_to(user)


def _cases(user: Any) -> Any:
    from protection.selectors import cases_visible_to

    return cases_visible_to(user)


def _add_intake(out: dict[tuple[str, int], Candidate], calls: Any, observations: Any, matched: str) -> None:
    for call in calls.order_by("-started_at")[:MAX_RESULTS]:
        out.setdefault((LinkKind.CALL, call.pk), Candidate(LinkKind.CALL, call.pk, call.code, call.started_at,
                                                           matched))
    for obs in observations.order_by("-observed_at")[:MAX_RESULTS]:
        out.setdefault((LinkKind.OBSERVATION, obs.pk), Candidate(LinkKind.OBSERVATION, obs.pk, obs.code,
                                                                 obs.observed_at, matched))


def _add_cases(out: dict[tuple[str, int], Candidate], cases: Any, matched: str) -> None:
    for pk, code, opened_at in cases.order_by("-opened_at").values_list("pk", "code", "opened_at")[:MAX_RESULTS]:
        out.setdefault((LinkKind.PROTECTION_CASE, pk), Candidate(LinkKind.PROTECTION_CASE, pk, code, opened_at,
                                                                 matched))


def _by_code(user: Any, text: str, out: dict[tuple[str, int], Candidate]) -> None:
    code = text.upper().replace(" ", "")
    if m := _CALL.match(code):
        _add_intake(out, _calls(user).filter(pk=int(m[1])), _observations(user).none(), "code")
    elif m := _OBS.match(code):
        _add_intake(out, _calls(user).none(), _observations(user).filter(pk=int(m[1])), "code")
    elif re.search(r"[A-Z]", code) and re.search(r"\d", code):
        _add_cases(out, _cases(user).filter(code=code), "code")


def _by_phone(user: Any, text: str, out: dict[tuple[str, int], Candidate]) -> None:
    phone = crypto.normalise_phone(text) if re.fullmatch(r"[\d\s()+./-]{7,25}", text) else None
    if not phone:
        return
    index = crypto.blind_index("phone", phone)  # the index intake and protection keep for phone numbers
    calls = _calls(user).filter(Q(caller_phone_index=index) | Q(mentions__kind="phone", mentions__value_index=index))
    observations = _observations(user).filter(mentions__kind="phone", mentions__value_index=index)
    _add_intake(out, calls.distinct(), observations.distinct(), "phone")
    _add_cases(out, _cases(user).filter(person__phone_index=index), "phone")


def _by_plate(user: Any, text: str, out: dict[tuple[str, int], Candidate]) -> None:
    plate = crypto.normalise_plate(text)
    if not plate or len(plate) > 12 or not (re.search(r"\d", plate) and re.search(r"[^\W\d_]", plate)):
        return
    index = crypto.blind_index("vehicle", plate)  # intake's index of a plate (intake.services.mention_index)
    _add_intake(out, _calls(user).filter(mentions__kind="vehicle", mentions__value_index=index).distinct(),
                _observations(user).filter(mentions__kind="vehicle", mentions__value_index=index).distinct(),
                "plate")


def identity_records(user: Any, entity: Any) -> list[tuple[str, int]]:
    """The calls, observations and protection cases that mention a links identity, as (LinkKind, id), limited to
    those the user may open (entity: from links.selectors.entities_visible_to)."""
    refs = set(entity.mentions.values_list("source_type", "source_id"))
    call_ids = [i for t, i in refs if t == LinkKind.CALL]
    obs_ids = [i for t, i in refs if t == LinkKind.OBSERVATION]
    person_ids = [i for t, i in refs if t == "protection.person"]
    out: list[tuple[str, int]] = []
    out += [(LinkKind.CALL, pk) for pk in _calls(user).filter(pk__in=call_ids).values_list("pk", flat=True)]
    out += [(LinkKind.OBSERVATION, pk) for pk in _observations(user).filter(pk__in=obs_ids)
            .values_list("pk", flat=True)]
    out += [(LinkKind.PROTECTION_CASE, pk) for pk in _cases(user).filter(
        Q(pk__in=[i for t, i in refs if t == LinkKind.PROTECTION_CASE]) | Q(person_id__in=person_ids))
        .values_list("pk", flat=True)]
    return out


def _by_name(user: Any, text: str, out: dict[tuple[str, int], Candidate]) -> None:
    if re.search(r"\d", text) or len(text) < 2:
        return
    from links import names
    from links.selectors import entities_visible_to

    parsed = names.parse_name(text)
    if parsed.surname_key and parsed.given_key:  # both parts, in either order
        key = "n:" + "|".join(sorted((parsed.surname_key, parsed.given_key)))
    elif parsed.surname_key:
        key = f"s:{parsed.surname_key}"
    elif parsed.given_key:
        key = f"g:{parsed.given_key}"
    else:
        return
    hashed = crypto.blind_index("links.namekey", key)  # links.services.person_name_keys
    entities = entities_visible_to(user, kind="person").filter(mentions__name_keys__key=hashed)[:MAX_RESULTS]
    refs: set[tuple[str, int]] = set()
    for entity in entities:
        refs.update(identity_records(user, entity))
    _add_intake(out, _calls(user).filter(pk__in=[i for k, i in refs if k == LinkKind.CALL]),
                _observations(user).filter(pk__in=[i for k, i in refs if k == LinkKind.OBSERVATION]), "name")
    _add_cases(out, _cases(user).filter(pk__in=[i for k, i in refs if k == LinkKind.PROTECTION_CASE]), "name")


def find(user: Any, inv: Investigation, text: str) -> list[Candidate]:
    """Records the user may open that `text` names, newest first; those already linked are marked."""
    text = " ".join(text.split())[:100]
    if not text:
        return []
    out: dict[tuple[str, int], Candidate] = {}
    for search in (_by_code, _by_phone, _by_plate, _by_name):
        search(user, text, out)
    record(user, Action.VIEW, object_type="investigations.picker", object_id=inv.pk, fields=["search"])
    linked = set(inv.links.values_list("kind", "object_id"))
    results = sorted(out.values(), key=lambda c: c.when or datetime.datetime.min.replace(tzinfo=datetime.UTC),
                     reverse=True)[:MAX_RESULTS]
    for c in results:
        c.linked = (c.kind, c.object_id) in linked
    return results
