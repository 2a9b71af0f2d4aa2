"""Every write in the directory: concerns from the public, their triage, and the maintenance of services."""

from __future__ import annotations

import csv
import datetime
import io
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Organisation
from audit.models import Action
from audit.services import record, record_view
from core.crypto import blind_index

from . import selectors
from .models import ConcernAttempt, ConcernReport, ConcernStatus, Service, Voivodeship

if TYPE_CHECKING:
    from accounts.models import User

CONCERN_TEXT_MAX = 2000
CONCERN_CONTACT_MAX = 200
CONCERN_PLACE_MAX = 120
RATE_WINDOW = datetime.timedelta(hours=1)


class ConcernRefused(Exception):
    """A concern that cannot be taken now; the message is safe to show to the sender."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# --- concerns from the public ----------------------------------------------------------------


def _source_key(ip: str | None) -> str:
    # Addresses are kept only as a keyed hash, and only for the rate limit's window.
    return blind_index("concern-source", ip or "unknown")


def concern_rate_limited(ip: str | None) -> bool:
    since = timezone.now() - RATE_WINDOW
    count = ConcernAttempt.objects.filter(source=_source_key(ip), at__gte=since).count()
    return count >= settings.CTIMS_CONCERN_MAX_PER_HOUR


def note_concern_attempt(ip: str | None) -> None:
    """Count one try from this address (every try counts, so a flood of bad posts is slowed too)."""
    now = timezone.now()
    ConcernAttempt.objects.filter(at__lt=now - RATE_WINDOW).delete()
    ConcernAttempt.objects.create(source=_source_key(ip), at=now)


def validate_concern(*, text: str, contact: str = "", voivodeship: str = "", place: str = "") -> dict[str, str]:
    """Field name -> message for each problem; empty when the concern can be taken."""
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = _("Write what happened or what worries you.")
    elif len(text) > CONCERN_TEXT_MAX:
        errors["text"] = ngettext("Shorten the message to %(max)d character or fewer (it has %(n)d).",
                                  "Shorten the message to %(max)d characters or fewer (it has %(n)d).",
                                  CONCERN_TEXT_MAX) % {
            "max": CONCERN_TEXT_MAX, "n": len(text)}
    if len(contact) > CONCERN_CONTACT_MAX:
        errors["contact"] = ngettext(
            "Shorten the contact to %(max)d character or fewer.", "Shorten the contact to %(max)d characters or fewer.",
            CONCERN_CONTACT_MAX) % {"max": CONCERN_CONTACT_MAX}
    if voivodeship and voivodeship not in Voivodeship.values:
        errors["voivodeship"] = _("Choose a voivodeship from the list, or leave it empty.")
    if len(place) > CONCERN_PLACE_MAX:
        errors["place"] = ngettext(
            "Shorten the place to %(max)d character or fewer.", "Shorten the place to %(max)d characters or fewer.",
            CONCERN_PLACE_MAX) % {"max": CONCERN_PLACE_MAX}
    return errors


def submit_concern(*, text: str, contact: str = "", language: str = "en", voivodeship: str = "", place: str = "",
                   ip: str | None = None) -> ConcernReport:
    """Take a concern from the public site or API, possibly anonymous, for the receiving organisation's triage.

    Rate-limited per address; raises ConcernRefused (limited or unavailable) or ValidationError (by field).
    Nothing is stored unless the whole concern is accepted.
    """
    if concern_rate_limited(ip):
        note_concern_attempt(ip)
        raise ConcernRefused("rate_limited", _("Too many messages were sent from this connection. Wait an hour and "
                                               "try again. If you are in danger, call 112 now."))
    note_concern_attempt(ip)
    errors = validate_concern(text=text, contact=contact, voivodeship=voivodeship, place=place)
    if errors:
        raise ValidationError(errors)
    organisation = Organisation.objects.filter(code=selectors.concern_organisation_code(), is_active=True).first()
    if organisation is None:
        raise ConcernRefused("unavailable", _("Messages cannot be received right now. Call one of the helplines "
                                              "instead. If you are in danger, call 112."))
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with transaction.atomic():
        concern = ConcernReport.objects.create(
            text=text.strip(), contact=contact.strip(), language=language, voivodeship=voivodeship,
            place=place.strip(), organisation=organisation,
        )
        fields = ["text", "language"] + [name for name, value in
                                         (("contact", contact), ("voivodeship", voivodeship), ("place", place))
                                         if value.strip()]
        record(None, Action.CREATE, concern, fields=fields, organisation_id=organisation.pk,
               reason="sent from the public site")
        # phones, plates and accounts in the text go to links, after the sender has had the answer
        from .tasks import publish_concern_mentions_task

        transaction.on_commit(lambda: publish_concern_mentions_task.enqueue(concern.pk))
    return concern


def view_concern(actor: User, concern_id: int) -> ConcernReport:
    """Open one concern for triage (404 outside the user's scope); the view is audited."""
    concern = selectors.concern_for_triage(actor, concern_id)
    if concern is None:
        raise Http404
    record_view(actor, concern, fields=["text", "contact"])
    return concern


def mark_concern_triaged(actor: User, concern_id: int) -> ConcernReport:
    """The triage has looked at it (and escalated it where needed): take it off the new list."""
    concern = selectors.concern_for_triage(actor, concern_id)
    if concern is None:
        raise Http404
    if concern.status != ConcernStatus.TRIAGED:
        concern.status = ConcernStatus.TRIAGED
        concern.triaged_at = timezone.now()
        concern.triaged_by = actor
        concern.save(update_fields=["status", "triaged_at", "triaged_by"])
        record(actor, Action.UPDATE, concern, fields=["status", "triaged_at", "triaged_by"])
    return concern


# --- the directory of services ---------------------------------------------------------------

SERVICE_FIELDS = [
    "name", "name_pl", "name_uk", "name_ru", "provider", "organisation", "type", "summary_en", "summary_pl",
    "summary_uk", "summary_ru", "phone", "phone_alt", "email", "website", "open_24_7", "days", "opens_at",
    "closes_at", "languages", "audiences",
    "eligibility", "nationwide", "voivodeship", "city", "address", "featured", "order", "is_active", "is_demo",
]


# What only a system administrator sets: which entries the public pages feature first, and in what order.
SYSTEM_ONLY_FIELDS = ("featured", "order")


def _refuse_system_only(actor: User, requested: dict[str, Any], current: Service | None = None) -> None:
    if actor.is_superuser:
        return
    for name in SYSTEM_ONLY_FIELDS:
        default = Service._meta.get_field(name).get_default()  # type: ignore[union-attr]
        if name in requested and requested[name] != (getattr(current, name) if current else default):
            raise ValidationError({name: _("Only a system administrator decides which services the public pages "
                                           "feature and in what order.")})


def _require_manager(actor: User) -> None:
    if not actor.has_capability("directory.manage"):
        record(actor, Action.PERMISSION_DENIED, object_type="directory.service", reason="manage the directory")
        raise PermissionDenied(_("Only directory administrators can change services."))


def _clean_service(service: Service) -> None:
    if not service.nationwide and not service.voivodeship:
        raise ValidationError({"voivodeship": _("Choose the voivodeship, or tick 'serves all of Poland'.")})
    if not service.open_24_7 and bool(service.opens_at) != bool(service.closes_at):
        raise ValidationError({"closes_at": _("Give both the opening and the closing time, or neither.")})
    service.full_clean()


def create_service(actor: User, **fields: Any) -> Service:
    """A new entry. An organisation's administrator adds entries of their own organisation only (it then keeps
    them); a system administrator adds any, including providers outside CTIMS."""
    _require_manager(actor)
    unknown = set(fields) - set(SERVICE_FIELDS)
    if unknown:
        raise ValueError(f"unknown service fields: {', '.join(sorted(unknown))}")
    if not actor.is_superuser:
        if fields.get("organisation") not in (None, actor.organisation):
            raise ValidationError({"organisation": _("You can add the services of your own organisation only.")})
        fields["organisation"] = actor.organisation
    _refuse_system_only(actor, fields)
    service = Service(**fields)
    _clean_service(service)
    with transaction.atomic():
        service.save()
        record(actor, Action.CREATE, service, fields=sorted(k for k, v in fields.items() if v not in ("", None)))
    return service


def update_service(actor: User, service_id: int, **changes: Any) -> Service:
    _require_manager(actor)
    unknown = set(changes) - set(SERVICE_FIELDS)
    if unknown:
        raise ValueError(f"unknown service fields: {', '.join(sorted(unknown))}")
    service = Service.objects.filter(pk=service_id).first()
    if service is None:
        raise Http404
    if not selectors.can_edit_service(actor, service):
        record(actor, Action.PERMISSION_DENIED, service, reason="edit another organisation's directory entry")
        raise PermissionDenied(_("Only the organisation that runs this service, or a system administrator, can "
                                 "change its entry."))
    if not actor.is_superuser and changes.get("organisation", service.organisation) != service.organisation:
        raise ValidationError({"organisation": _("Only a system administrator can give an entry to another "
                                                 "organisation.")})
    _refuse_system_only(actor, changes, service)
    owner_id = service.organisation_id
    changed = [k for k, v in changes.items() if getattr(service, k) != v]
    for key, value in changes.items():
        setattr(service, key, value)
    _clean_service(service)
    outside = owner_id is not None and owner_id != actor.organisation_id
    reason = ""
    if outside:
        reason = ("public phone number changed by a system administrator" if {"phone", "phone_alt"} & set(changed)
                  else "changed by a system administrator")
    with transaction.atomic():
        service.save()
        # Filed under the organisation that runs the service, so its own audit page shows every change to it.
        record(actor, Action.UPDATE, service, fields=changed, organisation_id=owner_id, reason=reason)
    return service


CSV_COLUMNS = ["id", "name", "provider", "type", "phone", "phone_alt", "email", "website", "hours", "languages",
               "audiences", "eligibility", "nationwide", "voivodeship", "city", "address", "is_active", "is_demo"]


def export_services_csv(actor: User) -> str:
    """The directory as CSV (public information about services, so no identified-export reason is needed)."""
    if not actor.is_authenticated:
        raise PermissionDenied
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    services = list(selectors.services_for_staff(actor, include_inactive=True))
    for s in services:
        writer.writerow([s.pk, s.name, s.provider, s.type, s.phone, s.phone_alt, s.email, s.website,
                         "24/7" if s.open_24_7 else f"{s.days} {s.opens_at or ''}-{s.closes_at or ''}".strip(" -"),
                         ";".join(s.language_list), ";".join(s.audience_list), s.eligibility,
                         s.nationwide, s.voivodeship, s.city, s.address, s.is_active, s.is_demo])
    record(actor, Action.EXPORT, object_type="directory.service", reason=f"CSV export of {len(services)} services")
    return out.getvalue()
