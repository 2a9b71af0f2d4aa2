"""Triage of public concerns, as for calls: assign, comment, escalate to a protection case or an investigation.

Also hands the phone numbers, vehicle plates and online accounts written in a concern's text to the links
module, so a number the public reports meets the same number heard on the hotline.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import phonenumbers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record

from . import selectors
from .models import ConcernComment, ConcernReport, ConcernStatus

if TYPE_CHECKING:
    from accounts.models import User

SOURCE_TYPE = "directory.concernreport"


def _concern(actor: User, concern_id: int) -> ConcernReport:
    if not actor.has_capability("intake.triage"):
        record(actor, Action.PERMISSION_DENIED, object_type=SOURCE_TYPE, object_id=concern_id)
        raise PermissionDenied
    concern = selectors.concern_for_triage(actor, concern_id)
    if concern is None:
        raise Http404
    return concern


def assign_concern(actor: User, concern_id: int, assignee: User | None) -> ConcernReport:
    """Give the concern to a colleague (or take it back); the colleague is notified."""
    concern = _concern(actor, concern_id)
    if assignee is not None and assignee.organisation_id != concern.organisation_id:
        raise ValidationError({"assigned_to": _("Assign to someone in your own organisation.")})
    before = concern.assigned_to_id
    concern.assigned_to = assignee
    if concern.status == ConcernStatus.NEW and assignee is not None:
        concern.status = ConcernStatus.ASSIGNED
    elif concern.status == ConcernStatus.ASSIGNED and assignee is None:
        concern.status = ConcernStatus.NEW
    with transaction.atomic():
        concern.save(update_fields=["assigned_to", "status"])
        record(actor, Action.UPDATE, concern, fields=["assigned_to", "status"])
        if assignee is not None and assignee.pk != before:
            from notifications.models import Kind
            from notifications.services import notify

            notify([assignee], Kind.CALL_ASSIGNED, concern, actor=actor)
    return concern


def comment_on_concern(actor: User, concern_id: int, text: str) -> ConcernComment:
    concern = _concern(actor, concern_id)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a comment first.")})
    with transaction.atomic():
        comment = ConcernComment.objects.create(concern=concern, author=actor, text=text)
        record(actor, Action.CREATE, comment, fields=["text"], organisation_id=concern.organisation_id)
    return comment


def escalate_concern_to_protection(actor: User, concern_id: int, summary: str) -> Any:
    """Open a protection case for a person at risk; the concern keeps the case's id and code."""
    from protection.services import open_case_from_intake

    concern = _concern(actor, concern_id)
    if concern.protection_case_id:
        raise ValidationError(_("This record was already escalated to a protection case."))
    with transaction.atomic():
        case = open_case_from_intake(actor, source_type=SOURCE_TYPE, source_id=concern.pk, summary=summary.strip())
        concern.protection_case_id = case.pk
        concern.protection_case_code = str(case.code)[:40]
        concern.status = ConcernStatus.ESCALATED
        concern.save(update_fields=["protection_case_id", "protection_case_code", "status"])
        record(actor, Action.UPDATE, concern, fields=["protection_case_id", "status"])
    return case


def escalate_concern_to_investigation(actor: User, concern_id: int, *, offence: Any, summary: str) -> Any:
    """Open an investigation for a suspected crime, linked both ways to this concern."""
    from intake.selectors import voivodeships
    from investigations import services as investigation_services

    concern = _concern(actor, concern_id)
    if concern.investigation_id:
        raise ValidationError(_("This record was already escalated to an investigation."))
    voivodeship = voivodeships().filter(name__iexact=concern.voivodeship).first() if concern.voivodeship else None
    with transaction.atomic():
        inv = investigation_services.open_from_intake(actor, offence=offence, summary=summary.strip(),
                                                      source_type=SOURCE_TYPE, source_id=concern.pk,
                                                      label=concern.code, voivodeship=voivodeship)
        concern.investigation = inv
        concern.status = ConcernStatus.ESCALATED
        concern.save(update_fields=["investigation", "status"])
        record(actor, Action.UPDATE, concern, fields=["investigation", "status"])
    return inv


# --- phones, plates and accounts in the text ---------------------------------------------------

# Where the public writes from: Polish numbers without a prefix first, then Ukrainian ones.
PHONE_REGIONS = ("PL", "UA")
# A plate: Polish (WA 12345, LU 1234K) or Ukrainian (AA 1234 BC), in capitals as written on the plate.
_PLATE = re.compile(r"(?<![\w-])(?:[A-ZА-ЯІЇЄ]{2}[ -]?\d{4}[ -]?[A-ZА-ЯІЇЄ]{2}|[A-Z]{2,3}[ -]?\d[A-Z0-9]{3,4})"
                    r"(?![\w-])")
# An account: @handle (not an e-mail address) or a t.me / instagram / facebook / tiktok link.
_HANDLE = re.compile(r"(?<![\w.])@([A-Za-z0-9_.]{3,32})|(?:t\.me|instagram\.com|facebook\.com|tiktok\.com/@?)/"
                     r"([A-Za-z0-9_.]{3,64})", re.IGNORECASE)


def identifiers_in(text: str) -> list[tuple[str, str]]:
    """(kind, value) of each phone number, vehicle plate and online account written in `text`, once each."""
    found: dict[tuple[str, str], None] = {}
    taken: list[tuple[int, int]] = []
    for region in PHONE_REGIONS:
        for number in phonenumbers.PhoneNumberMatcher(text, region):
            if any(number.start < end and start < number.end for start, end in taken):
                continue
            taken.append((number.start, number.end))
            found[("phone", phonenumbers.format_number(number.number, phonenumbers.PhoneNumberFormat.E164))] = None
    for plate in _PLATE.finditer(text):
        if not any(plate.start() < end and start < plate.end() for start, end in taken):
            found[("vehicle", plate.group(0))] = None
    for handle in _HANDLE.finditer(text):
        found[("account", "@" + (handle.group(1) or handle.group(2)))] = None
    return list(found)


def publish_concern_mentions(concern: ConcernReport) -> int:
    """Hand the identifiers in the concern's text to links (replacing what was sent before); returns how many.

    Runs on the task worker after the concern is saved; links records its own system audit event."""
    from links.services import Mention, record_mentions

    mentions = [Mention(kind, value) for kind, value in identifiers_in(str(concern.text))]
    record_mentions(source_type=SOURCE_TYPE, source_id=concern.pk, owner_organisation_id=concern.organisation_id,
                    occurred_at=concern.received_at, place=concern.voivodeship, mentions=mentions)
    return len(mentions)
