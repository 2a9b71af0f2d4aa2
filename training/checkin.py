"""Check-in by QR code: the trainer's screen shows a code that changes every 30 seconds; a participant scans it
with their phone and is marked present for that day.

The code is a signed token naming the event, the day and a 30-second window; it is accepted during its window
and the next one (a scan that takes a moment still counts), only on that day. Whoever holds a valid token has
seen the trainer's screen in the room. A signed-in participant is recognised by their account; an external
participant types their name as it is on the list and is checked in only when exactly one not-yet-present
person on the event's list has that name (case and spacing ignored). The answer to a name that does not match
says only that it was not found, and to ask the trainer."""

from __future__ import annotations

import datetime
import time
import unicodedata

from django.core import signing
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.models import Action
from audit.services import record

from .models import Attendance, Participant, ParticipantStatus, TrainingEvent
from .services import completion_status

SALT = "training.checkin"
WINDOW_SECONDS = 30


def window(now: float | None = None) -> int:
    return int((now if now is not None else time.time()) // WINDOW_SECONDS)


def token(event: TrainingEvent, day: datetime.date, now: float | None = None) -> str:
    return signing.dumps([event.pk, day.isoformat(), window(now)], salt=SALT, compress=True)


def read(value: str, now: float | None = None) -> tuple[TrainingEvent, datetime.date] | None:
    """The event and day of a code still in its window (or the next), for today; None otherwise."""
    try:
        event_id, day, signed_window = signing.loads(value, salt=SALT)
        the_day = datetime.date.fromisoformat(day)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if window(now) - int(signed_window) not in (0, 1) or the_day != timezone.localdate():
        return None
    event = TrainingEvent.objects.filter(pk=event_id).first()
    if event is None or the_day not in event.days():
        return None
    return event, the_day


def _norm(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def find_by_name(event: TrainingEvent, name: str, day: datetime.date) -> Participant | None:
    """The one external participant of the event with this name who is not marked present today, or None."""
    wanted = _norm(name)
    if not wanted:
        return None
    present = set(
        Attendance.objects.filter(participant__event=event, day=day, present=True).values_list(
            "participant_id", flat=True
        )
    )
    matches = [
        p
        for p in event.participants.filter(user__isnull=True).exclude(status=ParticipantStatus.DECLINED)
        if p.pk not in present and _norm(p.full_name) == wanted
    ]
    return matches[0] if len(matches) == 1 else None


def for_user(event: TrainingEvent, user: User) -> Participant | None:
    return event.participants.filter(user=user).exclude(status=ParticipantStatus.DECLINED).first()


def check_in(participant: Participant, day: datetime.date, actor: User | None) -> Participant:
    """Present on `day`, checked in by the participant's own scan."""
    with transaction.atomic():
        Attendance.objects.update_or_create(
            participant=participant, day=day, defaults={"present": True, "marked_by": actor, "by_qr": True}
        )
        new_status = completion_status(participant, participant.event.days())
        if new_status and new_status != participant.status:
            participant.status = new_status
            participant.save(update_fields=["status"])
    record(actor, Action.UPDATE, participant, fields=["attendance", "status"], reason="QR check-in")
    return participant
