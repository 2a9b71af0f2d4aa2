"""What the retention module needs from training: find an event, list ended events, and wipe the identity of
its external participants (people without a CTIMS account) once the retention period has passed.

Sex, organisation name, status and attendance stay, so the project's results by sex and organisation do
not change. Certificates keep their own copy of the holder's name: the holder may still need to prove
the training, and the public verification page shows only that copy.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import QuerySet

from audit.models import Action
from audit.services import record

from .models import Participant, TrainingEvent


def find_event(organisation_id: int, code: str) -> TrainingEvent | None:
    return TrainingEvent.objects.filter(organisation_id=organisation_id, code=code.strip().upper()).first()


def ended_events(before: datetime.datetime) -> QuerySet[TrainingEvent]:
    """Events whose last day is before `before` and which had external participants."""
    return TrainingEvent.objects.filter(end_date__lt=before.date(), participants__user__isnull=True).distinct()


@transaction.atomic
def anonymise_external_participants(event_id: int) -> int:
    """Wipe names, e-mails and positions of the event's participants without an account; returns how many."""
    organisation_id = TrainingEvent.objects.filter(pk=event_id).values_list("organisation_id", flat=True).first()
    if organisation_id is None:
        return 0
    count = Participant.objects.filter(event_id=event_id, user__isnull=True).update(
        full_name="", email="", email_index="", position="")
    record(None, Action.UPDATE, object_type="training.trainingevent", object_id=event_id,
           fields=["participants.full_name", "participants.email", "participants.position"],
           reason="retention: anonymised", organisation_id=organisation_id)
    return count
