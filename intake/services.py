"""Every write in intake: places, calls, observations, photos and triage, each permission-checked and audited.

The HTML forms and the API both build a CallInput / ObservationInput and call the same
function, so a call filed from a phone app is checked exactly like one typed in the browser.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import changed_fields, record
from core import crypto

from .models import (
    PRIORITY_OF_RISK,
    PRIORITY_OF_URGENCY,
    CallAction,
    CallerType,
    FieldObservation,
    HotlineCall,
    Indicator,
    Language,
    Mention,
    MentionKind,
    ObservationPhoto,
    ObservationType,
    OfferedTo,
    OfferType,
    Place,
    PlaceType,
    RiskLevel,
    Topic,
    TriageComment,
    TriageStatus,
    Urgency,
)
from .tasks import publish_mentions_task

logger = logging.getLogger(__name__)

PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp"}
PHOTO_MAX_BYTES = 8 * 1024 * 1024


def _require(actor: Any, capability: str) -> None:
    if not actor.has_capability(capability):
        record(actor, Action.PERMISSION_DENIED, object_type="intake", object_id=capability)
        raise PermissionDenied


# --- places -------------------------------------------------------------------------------------

PLACE_FIELDS = ["type", "name", "voivodeship", "address", "latitude", "longitude", "active_from", "active_to"]


def save_place(actor: Any, place: Place | None, data: dict[str, Any]) -> Place:
    """Create or update a place (administrators with reference.manage)."""
    _require(actor, "reference.manage")
    before = {f: getattr(place, f) for f in PLACE_FIELDS} if place else {}
    place = place or Place()
    for f in PLACE_FIELDS:
        if f in data:
            setattr(place, f, data[f])
    if place.type == PlaceType.VOIVODESHIP:
        place.voivodeship = None
    elif place.voivodeship is None:
        raise ValidationError({"voivodeship": _("Choose the voivodeship this place is in.")})
    if place.active_from and place.active_to and place.active_to < place.active_from:
        raise ValidationError({"active_to": _("The end date must be on or after the start date.")})
    created = place.pk is None
    place.full_clean()
    place.save()
    after = {f: getattr(place, f) for f in PLACE_FIELDS}
    record(actor, Action.CREATE if created else Action.UPDATE, place,
           fields=PLACE_FIELDS if created else changed_fields(before, after))
    return place


# --- mentions -----------------------------------------------------------------------------------


@dataclass
class MentionInput:
    """A person, phone, vehicle or account as typed by the operator or officer."""

    kind: str
    value: str = ""
    sex: str = ""
    approximate_age: int | None = None
    nationality: str = ""
    language: str = ""
    country: str = ""
    make: str = ""
    colour: str = ""
    description: str = ""

    def is_empty(self) -> bool:
        return not any([self.value.strip(), self.description.strip(), self.make, self.colour, self.nationality,
                        self.approximate_age])


def mention_index(kind: str, value: str, country: str = "") -> str:
    """Blind index for an exact-match identifier; people are matched elsewhere (links), not here."""
    normalised: str | None = None
    if kind == MentionKind.PHONE:
        normalised = crypto.normalise_phone(value) or None
    elif kind == MentionKind.VEHICLE:
        normalised = crypto.normalise_plate(value)
    elif kind == MentionKind.ACCOUNT:
        normalised = crypto.normalise_handle(value)
    return crypto.blind_index(kind, normalised) if normalised else ""


def _build_mentions(items: list[MentionInput], **owner: Any) -> list[Mention]:
    out = []
    for m in items:
        if m.is_empty():
            continue
        if m.kind not in MentionKind.values:
            raise ValidationError({"mentions": _("Unknown kind of mention: use person, phone, vehicle or account.")})
        value = m.value.strip()
        country = m.country.strip().upper()[:3]
        out.append(Mention(kind=m.kind, value=value, value_index=mention_index(m.kind, value, country),
                           sex=m.sex, approximate_age=m.approximate_age, nationality=m.nationality.strip()[:40],
                           language=m.language.strip()[:40], country=country, make=m.make.strip()[:40],
                           colour=m.colour.strip()[:30], description=m.description.strip(), **owner))
    return out


def publish_mentions(record_: HotlineCall | FieldObservation) -> None:
    """Hand the people, phones, plates and accounts to the links module, which matches them across reports.

    Runs in a background task (intake.tasks) after the save has committed.
    """
    from links.services import Mention as LinkMention
    from links.services import record_mentions

    kind_map = {MentionKind.PERSON: "person", MentionKind.PHONE: "phone", MentionKind.VEHICLE: "vehicle",
                MentionKind.ACCOUNT: "account"}
    mentions = []
    # an officer's repeated report of what they reported shortly before is not new evidence for links
    repeated: set[str] = set()
    if isinstance(record_, FieldObservation) and record_.repeat_of_id:
        repeated = set(Mention.objects.filter(observation_id=record_.repeat_of_id).exclude(value_index="")
                       .values_list("value_index", flat=True))
    if isinstance(record_, FieldObservation):
        # the employer and the workplace of a labour inspection: the same firm or farm across inspections and reports
        mentions += [LinkMention(kind=kind, value=value) for kind, value in
                     (("organisation", record_.employer), ("address", record_.workplace)) if value.strip()]
    for m in record_.mentions.all():
        if m.value_index and m.value_index in repeated:
            continue
        extra = {k: str(v) for k, v in {
            "sex": m.sex, "approximate_age": m.approximate_age or "", "nationality": m.nationality,
            "language": m.language, "country": m.country, "make": m.make, "colour": m.colour,
        }.items() if v}
        mentions.append(LinkMention(kind=kind_map[MentionKind(m.kind)], value=m.value, extra=extra))
    if isinstance(record_, HotlineCall):
        source_type, occurred_at, place = "intake.hotlinecall", record_.started_at, record_.hotline.name
    else:
        source_type, occurred_at, place = "intake.fieldobservation", record_.observed_at, record_.place.name
    if not mentions:
        return
    try:
        record_mentions(source_type=source_type, source_id=record_.pk,
                        owner_organisation_id=record_.organisation_id, occurred_at=occurred_at, place=place,
                        mentions=mentions)
    except Exception:
        # The call or observation is already saved: log the failure (type and id only, never a value)
        # so the links module can pick the record up again.
        logger.exception("publishing mentions of %s %s to links failed", source_type, record_.pk)


def _check_choices(errors: dict[str, str], name: str, values: list[str], allowed: list[str]) -> None:
    if any(v not in allowed for v in values):
        errors[name] = _("One of the chosen values is not in the list.")


# --- hotline calls ------------------------------------------------------------------------------


@dataclass
class CallInput:
    hotline: Place | None
    started_at: datetime | None
    language: str
    caller_type: str
    topic: str
    ended_at: datetime | None = None
    caller_contact: str = ""
    indicators: list[str] = field(default_factory=list)
    urgency: str = Urgency.ROUTINE
    actions: list[str] = field(default_factory=list)
    notes: str = ""
    mentions: list[MentionInput] = field(default_factory=list)
    referred_to: list[int] = field(default_factory=list)  # directory services the caller was told about
    callback_due: datetime | None = None  # call the caller back by then (a task in the operator's queue)


def caller_phone_index(contact: str) -> str:
    """Blind index of the caller's phone number, if the contact is one (for repeat callers)."""
    phone = crypto.normalise_phone(contact)
    return crypto.blind_index("phone", phone) if phone else ""


def log_call(actor: Any, data: CallInput) -> HotlineCall:
    """Record a hotline call for the operator's organisation. Nothing is written if a field is wrong."""
    _require(actor, "intake.log_call")
    errors: dict[str, str] = {}
    if data.hotline is None or data.hotline.type != PlaceType.VOIVODESHIP:
        errors["hotline"] = _("Choose the voivodeship hotline that took the call.")
    if data.started_at is None:
        errors["started_at"] = _("Enter when the call started.")
    elif data.ended_at is not None and data.ended_at < data.started_at:
        errors["ended_at"] = _("The end time must be after the start time.")
    for name, value, choices in [("language", data.language, Language.values),
                                 ("caller_type", data.caller_type, CallerType.values),
                                 ("topic", data.topic, Topic.values), ("urgency", data.urgency, Urgency.values)]:
        if value not in choices:
            errors[name] = _("Choose one of the options.")
    _check_choices(errors, "indicators", data.indicators, Indicator.values)
    _check_choices(errors, "actions", data.actions, CallAction.values)
    if errors or data.hotline is None or data.started_at is None:
        raise ValidationError(errors)
    contact = data.caller_contact.strip()
    with transaction.atomic():
        call = HotlineCall.objects.create(
            organisation_id=actor.organisation_id, created_by=actor, hotline=data.hotline,
            started_at=data.started_at, ended_at=data.ended_at, language=data.language,
            caller_type=data.caller_type, caller_contact=contact, caller_phone_index=caller_phone_index(contact),
            topic=data.topic, indicators=sorted(set(data.indicators)), urgency=data.urgency,
            priority=PRIORITY_OF_URGENCY[Urgency(data.urgency)], actions=sorted(set(data.actions)),
            notes=data.notes.strip(),
        )
        mentions = _build_mentions(data.mentions, call=call)
        Mention.objects.bulk_create(mentions)
        record(actor, Action.CREATE, call, fields=_filled(
            ["hotline", "started_at", "ended_at", "language", "caller_type", "topic", "indicators", "urgency",
             "actions"], caller_contact=contact, notes=data.notes, mentions=mentions))
        from . import hotline_services

        for service_id in dict.fromkeys(data.referred_to):
            # a service taken off the directory during the call: the call is saved without it
            with contextlib.suppress(ValidationError):
                hotline_services.refer_to_service(actor, call, service_id)
        if data.callback_due is not None:
            hotline_services.plan_callback(actor, call, data.callback_due)
        if mentions:
            transaction.on_commit(lambda: publish_mentions_task.enqueue("call", call.pk))
    return call


def _filled(always: list[str], **optional: Any) -> list[str]:
    return always + [k for k, v in optional.items() if v]


# --- field observations -------------------------------------------------------------------------


@dataclass
class ObservationInput:
    place: Place | None
    observed_at: datetime | None
    offer_types: list[str] = field(default_factory=list)
    offered_to: str = ""
    description: str = ""
    risk_level: str = RiskLevel.LOW
    indicators: list[str] = field(default_factory=list)
    action_taken: str = ""
    mentions: list[MentionInput] = field(default_factory=list)
    type: str = ObservationType.SIGHTING
    workplace: str = ""  # a labour inspection's workplace, employer and the number of workers met
    employer: str = ""
    workers_met: int | None = None


@dataclass
class PhotoInput:
    content: bytes
    content_type: str


def already_filed(actor: Any, idempotency_key: uuid.UUID | None) -> FieldObservation | None:
    """The observation this officer already filed under `idempotency_key` (a retried send), if any."""
    if idempotency_key is None or not getattr(actor, "pk", None):
        return None
    return FieldObservation.objects.filter(created_by=actor, idempotency_key=idempotency_key).first()


def duplicate_window_hours() -> int:
    """How far apart (hours) two reports of the same phone or plate at one place count as the same sighting."""
    return int(getattr(settings, "CTIMS_OBSERVATION_DUPLICATE_HOURS", 24))


def identifier_indexes(data: ObservationInput) -> list[str]:
    """Blind indexes of the phones and plates an observation names (what a duplicate is recognised by)."""
    return sorted({i for m in data.mentions if m.kind in (MentionKind.PHONE, MentionKind.VEHICLE)
                   and (i := mention_index(m.kind, m.value.strip()))})


def log_observation(actor: Any, data: ObservationInput, photos: list[PhotoInput] | None = None,
                    idempotency_key: uuid.UUID | None = None,
                    repeat_of: FieldObservation | None = None) -> FieldObservation:
    """Record what an officer saw at a reception point or border crossing. Place and time are required.

    With an `idempotency_key` (the device's outbox sends one per held observation), sending the same
    observation again returns the one already filed: never a second record, even for two sends at once
    (the unique constraint per officer decides)."""
    _require(actor, "intake.log_observation")
    inspection = data.type == ObservationType.LABOUR_INSPECTION
    if inspection:
        _require(actor, "intake.log_inspection")
    existing = already_filed(actor, idempotency_key)
    if existing is not None:
        return existing
    errors: dict[str, str] = {}
    if data.type not in ObservationType.values:
        errors["type"] = _("Choose one of the options.")
    if inspection:
        _check_inspection(errors, data)
    elif data.place is None:
        errors["place"] = _("Choose the reception point or border crossing where you saw this.")
    elif data.place.type not in (PlaceType.RP, PlaceType.BCP):
        errors["place"] = _("Observations are filed at a reception point or a border crossing.")
    if data.observed_at is None:
        errors["observed_at"] = _("Enter the date and time you saw this.")
    _check_choices(errors, "offer_types", data.offer_types, OfferType.values)
    _check_choices(errors, "indicators", data.indicators, Indicator.values)
    if data.offered_to and data.offered_to not in OfferedTo.values:
        errors["offered_to"] = _("Choose one of the options.")
    if data.risk_level not in RiskLevel.values:
        errors["risk_level"] = _("Choose one of the options.")
    for p in photos or []:
        if p.content_type not in PHOTO_TYPES:
            errors["photos"] = _("Photos must be JPEG, PNG or WebP images.")
        elif len(p.content) > PHOTO_MAX_BYTES:
            errors["photos"] = _("Each photo must be smaller than 8 MB.")
    if errors or data.place is None or data.observed_at is None:
        raise ValidationError(errors)
    try:
        return _create_observation(actor, data, photos, idempotency_key,
                                   repeat_of if repeat_of is not None and repeat_of.created_by_id == actor.pk else None)
    except IntegrityError:
        existing = already_filed(actor, idempotency_key)  # the same send, arrived twice at once
        if existing is None:
            raise
        return existing


def _check_inspection(errors: dict[str, str], data: ObservationInput) -> None:
    """A labour inspection is filed in the voivodeship of the workplace it visited, and names that workplace."""
    if data.place is None or data.place.type != PlaceType.VOIVODESHIP:
        errors["place"] = _("Choose the voivodeship of the workplace you inspected.")
    if not data.workplace.strip():
        errors["workplace"] = _("Enter the workplace you inspected: its name or address.")
    if data.workers_met is not None and not 0 <= data.workers_met <= 10000:
        errors["workers_met"] = _("Enter the number of workers you met, from 0 to 10,000.")


def _create_observation(actor: Any, data: ObservationInput, photos: list[PhotoInput] | None,
                        idempotency_key: uuid.UUID | None, repeat_of: FieldObservation | None) -> FieldObservation:
    assert data.place is not None and data.observed_at is not None
    with transaction.atomic():
        obs = FieldObservation.objects.create(
            organisation_id=actor.organisation_id, created_by=actor, place=data.place, observed_at=data.observed_at,
            offer_types=sorted(set(data.offer_types)), offered_to=data.offered_to,
            indicators=sorted(set(data.indicators)), description=data.description.strip(), risk_level=data.risk_level,
            priority=PRIORITY_OF_RISK[RiskLevel(data.risk_level)], action_taken=data.action_taken.strip(),
            idempotency_key=idempotency_key, repeat_of=repeat_of, type=data.type,
            workplace=data.workplace.strip(), employer=data.employer.strip(), workers_met=data.workers_met,
        )
        mentions = _build_mentions(data.mentions, observation=obs)
        Mention.objects.bulk_create(mentions)
        ObservationPhoto.objects.bulk_create([
            ObservationPhoto(observation=obs, content=crypto.fernet().encrypt(p.content), content_type=p.content_type,
                             size=len(p.content)) for p in photos or []])
        record(actor, Action.CREATE, obs, fields=_filled(
            ["place", "observed_at", "offer_types", "offered_to", "risk_level", "indicators"],
            description=data.description,
            action_taken=data.action_taken, mentions=mentions, photos=photos, type=obs.is_inspection,
            workplace=obs.workplace, employer=obs.employer, workers_met=obs.workers_met is not None))
        if mentions or obs.employer or obs.workplace:
            transaction.on_commit(lambda: publish_mentions_task.enqueue("observation", obs.pk))
    return obs


def photo_bytes(photo: ObservationPhoto) -> bytes:
    """The decrypted photo (the caller got `photo` through the scoped selector, which audited the view)."""
    return crypto.fernet().decrypt(bytes(photo.content))


# --- triage -------------------------------------------------------------------------------------

TriageRecord = HotlineCall | FieldObservation


def end_call(actor: Any, call: HotlineCall, at: datetime | None = None) -> HotlineCall:
    """The operator marks a call logged while it was going on as ended (now, or at `at`)."""
    _require(actor, "intake.log_call")
    if call.organisation_id != actor.organisation_id:
        raise PermissionDenied
    if call.ended_at is not None:
        raise ValidationError({"ended_at": _("This call already has an end time.")})
    ended = at or timezone.now()
    if ended < call.started_at:
        raise ValidationError({"ended_at": _("The end time must be after the start time.")})
    call.ended_at = ended
    call.save(update_fields=["ended_at"])
    record(actor, Action.UPDATE, call, fields=["ended_at"])
    return call


def assign(actor: Any, item: TriageRecord, assignee: Any | None) -> None:
    _require(actor, "intake.triage")
    if assignee is not None and assignee.organisation_id != item.organisation_id:
        raise ValidationError({"assigned_to": _("Assign to someone in your own organisation.")})
    before = item.assigned_to_id
    item.assigned_to = assignee
    if item.status == TriageStatus.NEW and assignee is not None:
        item.status = TriageStatus.ASSIGNED
    item.save(update_fields=["assigned_to", "status"])
    record(actor, Action.UPDATE, item, fields=["assigned_to", "status"])
    if assignee is not None and assignee.pk != before:
        from notifications.models import Kind
        from notifications.services import notify

        notify([assignee], Kind.CALL_ASSIGNED, item, actor=actor)


def add_comment(actor: Any, item: TriageRecord, text: str) -> TriageComment:
    _require(actor, "intake.triage")
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a comment first.")})
    owner = {"call": item} if isinstance(item, HotlineCall) else {"observation": item}
    comment = TriageComment.objects.create(author=actor, text=text, **owner)
    record(actor, Action.CREATE, comment, fields=["text"])
    return comment


def close(actor: Any, item: TriageRecord) -> None:
    """No further action needed (not every call is a case)."""
    _require(actor, "intake.triage")
    item.status = TriageStatus.CLOSED
    item.save(update_fields=["status"])
    record(actor, Action.UPDATE, item, fields=["status"])


def _source(item: TriageRecord) -> tuple[str, str]:
    if isinstance(item, HotlineCall):
        return "intake.hotlinecall", item.code
    return "intake.fieldobservation", item.code


def escalate_to_protection(actor: Any, item: TriageRecord, summary: str) -> Any:
    """Open a protection case for a person at risk; the call/observation keeps the case's id and code."""
    _require(actor, "intake.triage")
    if item.protection_case_id:
        raise ValidationError(_("This record was already escalated to a protection case."))
    try:
        from protection.services import open_case_from_intake  # type: ignore[import-not-found,attr-defined,unused-ignore]
    except ImportError as exc:
        raise ValidationError(_("Protection cases are not available in this installation yet.")) from exc
    source_type, _code = _source(item)
    with transaction.atomic():
        case = open_case_from_intake(actor, source_type=source_type, source_id=item.pk, summary=summary.strip())
        item.protection_case_id = case.pk
        item.protection_case_code = str(getattr(case, "code", case.pk))[:40]
        item.status = TriageStatus.ESCALATED
        item.save(update_fields=["protection_case_id", "protection_case_code", "status"])
        record(actor, Action.UPDATE, item, fields=["protection_case_id", "status"])
    return case


def escalate_to_investigation(actor: Any, item: TriageRecord, *, offence: Any, summary: str) -> Any:
    """Open an investigation for a suspected crime, linked both ways to this call or observation."""
    from investigations import services as investigation_services

    _require(actor, "intake.triage")
    if item.investigation_id:
        raise ValidationError(_("This record was already escalated to an investigation."))
    source_type, code = _source(item)
    with transaction.atomic():
        inv = investigation_services.open_from_intake(actor, offence=offence, summary=summary.strip(),
                                                      source_type=source_type, source_id=item.pk, label=code,
                                                      voivodeship=_voivodeship_of(item))
        item.investigation = inv
        item.status = TriageStatus.ESCALATED
        item.save(update_fields=["investigation", "status"])
        record(actor, Action.UPDATE, item, fields=["investigation", "status"])
    return inv


def _voivodeship_of(item: TriageRecord) -> Place | None:
    if isinstance(item, HotlineCall):
        return item.hotline
    if item.place.type == PlaceType.VOIVODESHIP:  # a labour inspection: the workplace's voivodeship
        return item.place
    return item.place.voivodeship
