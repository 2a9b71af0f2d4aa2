"""Reads: the public directory search, the list of receivers for referrals, and concerns for triage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q, QuerySet

from audit.models import Action, AuditEvent

from .models import ConcernReport, ConcernStatus, Resource, Service

if TYPE_CHECKING:
    from accounts.models import User


def search_services(*, voivodeship: str = "", type: str = "", language: str = "", audience: str = "",
                    text: str = "") -> QuerySet[Service]:
    """Active services matching every filter given. Services for all of Poland match any voivodeship;
    services for everyone match any audience. Public data: no scope needed."""
    qs = Service.objects.filter(is_active=True)
    if voivodeship:
        qs = qs.filter(Q(voivodeship=voivodeship) | Q(nationwide=True))
    if type:
        qs = qs.filter(type=type)
    if language:
        qs = qs.filter(languages__contains=f",{language},")
    if audience:
        qs = qs.filter(Q(audiences__contains=f",{audience},") | Q(audiences__contains=",everyone,"))
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(provider__icontains=text) | Q(city__icontains=text))
    return qs.order_by("-nationwide", "order", "name")


def public_service(service_id: int) -> Service | None:
    return Service.objects.filter(pk=service_id, is_active=True).first()


def featured_helplines() -> QuerySet[Service]:
    """The helplines shown on every public page's helpline list and on the leaflet, in their set order."""
    return Service.objects.filter(is_active=True, featured=True).order_by("order", "name")


def services_for_referral() -> QuerySet[Service]:
    """Every active service a case worker may choose as the receiver of a referral.

    `organisation` is set when the provider is a CTIMS member, so the referral can be sent inside the system.
    """
    return Service.objects.filter(is_active=True).select_related("organisation").order_by("provider", "name")


def services_for_staff(user: User, *, include_inactive: bool = False) -> QuerySet[Service]:
    """The directory as staff see it: every service; inactive ones only for those who maintain it."""
    qs = Service.objects.select_related("organisation")
    if not (include_inactive and user.has_capability("directory.manage")):
        qs = qs.filter(is_active=True)
    return qs.order_by("type", "provider", "name")


def can_edit_service(user: User, service: Service) -> bool:
    """Only the organisation that runs a service keeps its entry (its directory administrators), and system
    administrators keep every entry, including those of providers outside CTIMS."""
    if not user.is_authenticated or not user.has_capability("directory.manage"):
        return False
    if user.is_superuser:
        return True
    return service.organisation_id is not None and service.organisation_id == user.organisation_id


def outside_changes(user: User, *, service: Service | None = None, limit: int = 10) -> list[AuditEvent]:
    """Changes to the user's organisation's entries made by someone outside it (a system administrator),
    newest first: the owner must see when, say, its public helpline number was changed for it."""
    if not user.is_authenticated or not user.has_capability("directory.manage") or not user.organisation_id:
        return []
    qs = AuditEvent.objects.filter(organisation_id=user.organisation_id, object_type="directory.service",
                                   action=Action.UPDATE).exclude(actor__organisation_id=user.organisation_id)
    if service is not None:
        qs = qs.filter(object_id=str(service.pk))
    events = list(qs.order_by("-at", "-id")[:limit])
    names = dict(Service.objects.filter(pk__in=[e.object_id for e in events if e.object_id.isdigit()])
                 .values_list("pk", "name"))
    for event in events:
        event.service_name = names.get(int(event.object_id), "") if event.object_id.isdigit() else ""  # type: ignore[attr-defined]
    return events


def resources(*, language: str = "") -> QuerySet[Resource]:
    qs = Resource.objects.all()
    if language:
        qs = qs.filter(languages__contains=f",{language},")
    return qs


def concerns_for_triage(user: User, *, status: str = "") -> QuerySet[ConcernReport]:
    """Concerns the user may triage: those assigned to the user's organisation, for roles with intake.triage."""
    if not user.is_authenticated or not user.has_capability("intake.triage"):
        return ConcernReport.objects.none()
    qs = ConcernReport.objects.filter(organisation_id=user.organisation_id)
    if status in ConcernStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-received_at", "-id")


def concern_for_triage(user: User, concern_id: int) -> ConcernReport | None:
    """One concern through the same scope as the list (None when outside it)."""
    return concerns_for_triage(user).filter(pk=concern_id).first()


def concern_organisation_code() -> str:
    return str(getattr(settings, "CTIMS_CONCERN_ORGANISATION_CODE", "POL"))
