"""Each record type the schedule knows: how long it is kept (settings), where its date comes from, and the
owning module's functions that find, list, anonymise or erase it. Retention never queries another
module's tables except through these functions.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Model, QuerySet

from .models import RecordKind


@dataclass(frozen=True)
class Kind:
    kind: str
    model: Callable[[], type[Model]]
    date_field: str  # the date retention counts from
    candidates: Callable[[datetime.datetime], QuerySet[Any]]  # records whose date is before the argument
    find: Callable[[int, str], Model | None]  # (organisation id, reference typed by a person)
    code: Callable[[Any], str]
    erase: Callable[[int, str], dict[str, int]] | None  # (id, audit reason); None: not erased one by one
    # The schedule anonymises these instead of deleting them: (id, the schedule's cutoff).
    anonymise: Callable[[int, datetime.datetime], object] | None = None
    code_fields: tuple[str, ...] = ()  # what `code` reads, besides the id

    @property
    def anonymises(self) -> bool:
        return self.anonymise is not None

    def light(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        """Only the id, owner, date and code columns: listing what is due never decrypts anything."""
        return qs.only("pk", "organisation_id", self.date_field, *self.code_fields)

    @property
    def days(self) -> int:
        """Days a record is kept after its date; 0 keeps it for ever."""
        return int(settings.CTIMS_RETENTION_DAYS.get(self.kind, 0))

    def cutoff(self, now: datetime.datetime) -> datetime.datetime | None:
        return now - datetime.timedelta(days=self.days) if self.days > 0 else None


def audit_cutoff(now: datetime.datetime) -> datetime.datetime | None:
    """Audit events older than this are purged (None: the audit log is kept for ever)."""
    days = int(settings.CTIMS_RETENTION_DAYS.get(RecordKind.AUDIT, 0))
    return now - datetime.timedelta(days=days) if days > 0 else None


def _case_model() -> type[Model]:
    from protection.models import Case

    return Case


def _call_model() -> type[Model]:
    from intake.models import HotlineCall

    return HotlineCall


def _observation_model() -> type[Model]:
    from intake.models import FieldObservation

    return FieldObservation


def _concern_model() -> type[Model]:
    from directory.models import ConcernReport

    return ConcernReport


def _closed_cases(before: datetime.datetime) -> QuerySet[Any]:
    from protection.erasure import closed_cases

    return closed_cases(before)


def _calls(before: datetime.datetime) -> QuerySet[Any]:
    from intake.erasure import calls_without_follow_up

    return calls_without_follow_up(before)


def _observations(before: datetime.datetime) -> QuerySet[Any]:
    from intake.erasure import observations_without_follow_up

    return observations_without_follow_up(before)


def _concerns(before: datetime.datetime) -> QuerySet[Any]:
    from directory.erasure import triaged_concerns

    return triaged_concerns(before)


def _find_case(organisation_id: int, reference: str) -> Model | None:
    from protection.erasure import find_case

    return find_case(organisation_id, reference)


def _find_call(organisation_id: int, reference: str) -> Model | None:
    from intake.erasure import find_call

    return find_call(organisation_id, reference)


def _find_observation(organisation_id: int, reference: str) -> Model | None:
    from intake.erasure import find_observation

    return find_observation(organisation_id, reference)


def _find_concern(organisation_id: int, reference: str) -> Model | None:
    from directory.erasure import find_concern

    return find_concern(organisation_id, reference)


def _erase_case(pk: int, reason: str) -> dict[str, int]:
    from intake.erasure import forget_case
    from investigations.erasure import forget_linked
    from protection.erasure import erase_case

    counts = erase_case(pk, reason=reason)
    if counts:
        counts["investigation_links"] = forget_linked("protection.case", pk)
        counts["intake_links"] = forget_case(pk)
    return counts


def _anonymise_case(pk: int, cutoff: datetime.datetime) -> object:
    from protection.erasure import anonymise_case

    return anonymise_case(pk, closed_before=cutoff)


def _training_events(before: datetime.datetime) -> QuerySet[Any]:
    from training.erasure import ended_events

    return ended_events(before)


def _find_event(organisation_id: int, reference: str) -> Model | None:
    from training.erasure import find_event

    return find_event(organisation_id, reference)


def _anonymise_participants(pk: int, cutoff: datetime.datetime) -> object:
    from training.erasure import anonymise_external_participants

    return anonymise_external_participants(pk)


def _training_model() -> type[Model]:
    from training.models import TrainingEvent

    return TrainingEvent


def _erase_call(pk: int, reason: str) -> dict[str, int]:
    from intake.erasure import erase_call

    return erase_call(pk, reason=reason)


def _erase_observation(pk: int, reason: str) -> dict[str, int]:
    from intake.erasure import erase_observation

    return erase_observation(pk, reason=reason)


def _erase_concern(pk: int, reason: str) -> dict[str, int]:
    from directory.erasure import erase_concern

    return erase_concern(pk, reason=reason)


KINDS: dict[str, Kind] = {
    RecordKind.CASE: Kind(RecordKind.CASE, _case_model, "closed_at", _closed_cases, _find_case,
                          lambda obj: str(obj.code), _erase_case, _anonymise_case,
                          code_fields=("code",)),
    RecordKind.CALL: Kind(RecordKind.CALL, _call_model, "started_at", _calls, _find_call,
                          lambda obj: str(obj.code), _erase_call),
    RecordKind.OBSERVATION: Kind(RecordKind.OBSERVATION, _observation_model, "observed_at", _observations,
                                 _find_observation, lambda obj: str(obj.code), _erase_observation),
    RecordKind.CONCERN: Kind(RecordKind.CONCERN, _concern_model, "received_at", _concerns, _find_concern,
                             lambda obj: str(obj.code), _erase_concern),
    RecordKind.TRAINING: Kind(RecordKind.TRAINING, _training_model, "end_date", _training_events, _find_event,
                              lambda obj: str(obj.code), None, _anonymise_participants, code_fields=("code",)),
}
