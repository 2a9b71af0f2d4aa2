"""Reads for intake, already scoped: a user sees the calls and observations of their own organisation.

Lists and detail pages (HTML and API) go through the same querysets, so an id of another
organisation's record answers 404. Opening a record with personal data writes a VIEW event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from audit.services import record_view
from core.ordering import polish_order

from .models import (
    FieldObservation,
    HotlineCall,
    MentionKind,
    ObservationPhoto,
    Place,
    PlaceType,
    TriageStatus,
    call_code,
    observation_code,
)

VIEW_CAPABILITIES = ("intake.view", "intake.triage", "intake.log_call", "intake.log_observation")


def can_view_intake(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and any(user.has_capability(c) for c in VIEW_CAPABILITIES)


# --- places (reference data, not personal) -----------------------------------------------------


def places(*, type: str = "", voivodeship_id: int | None = None) -> QuerySet[Place]:
    qs = Place.objects.select_related("voivodeship")
    if type:
        qs = qs.filter(type=type)
    if voivodeship_id:
        qs = qs.filter(Q(pk=voivodeship_id) | Q(voivodeship_id=voivodeship_id))
    return qs


def voivodeships() -> QuerySet[Place]:
    """The 16 voivodeships (each has a hotline); other modules use them to group by region."""
    return Place.objects.filter(type=PlaceType.VOIVODESHIP).order_by(polish_order("name"))


def observation_places() -> QuerySet[Place]:
    """Where officers file observations: reception points and border crossings open today."""
    today = timezone.localdate()
    return (Place.objects.filter(type__in=[PlaceType.RP, PlaceType.BCP])
            .filter(Q(active_from__isnull=True) | Q(active_from__lte=today))
            .filter(Q(active_to__isnull=True) | Q(active_to__gte=today))
            .select_related("voivodeship").order_by(polish_order("name")))


# --- calls and observations ---------------------------------------------------------------------


def calls_visible_to(user: Any) -> QuerySet[HotlineCall]:
    if not can_view_intake(user):
        return HotlineCall.objects.none()
    return HotlineCall.objects.filter(organisation_id=user.organisation_id).select_related("hotline")


def observations_visible_to(user: Any) -> QuerySet[FieldObservation]:
    if not can_view_intake(user):
        return FieldObservation.objects.none()
    return FieldObservation.objects.filter(organisation_id=user.organisation_id).select_related(
        "place", "place__voivodeship")


def open_call(user: Any, call_id: int) -> HotlineCall:
    """One call for its detail page or API: 404 outside the user's scope; the view is audited."""
    call = calls_visible_to(user).select_related("assigned_to", "investigation").filter(pk=call_id).first()
    if call is None:
        raise Http404
    record_view(user, call, fields=["caller_contact", "notes", "mentions"])
    return call


def possible_duplicates(user: Any, place: Place | None, observed_at: datetime | None, indexes: list[str],
                        hours: int) -> list[FieldObservation]:
    """Observations the user may see at the same place within `hours` of this one that name one of the same
    phones or plates (by blind index): what the form warns about before saving (codes and times only)."""
    if place is None or observed_at is None or not indexes:
        return []
    window = timedelta(hours=hours)
    return list(observations_visible_to(user).filter(
        place=place, observed_at__gte=observed_at - window, observed_at__lte=observed_at + window,
        mentions__kind__in=[MentionKind.PHONE, MentionKind.VEHICLE], mentions__value_index__in=indexes,
    ).distinct().order_by("-observed_at")[:5])


def recent_observations_of(user: Any) -> QuerySet[FieldObservation]:
    """What this officer filed, newest first: codes, places, times, risk and status only (nothing decrypted)."""
    return observations_visible_to(user).filter(created_by_id=user.pk).order_by("-created_at", "-id")


def open_observation(user: Any, observation_id: int) -> FieldObservation:
    obs = observations_visible_to(user).select_related("assigned_to", "investigation").filter(
        pk=observation_id).first()
    if obs is None:
        raise Http404
    record_view(user, obs, fields=["description", "action_taken", "mentions", "photos"])
    return obs


def open_photo(user: Any, photo_id: int) -> ObservationPhoto:
    photo = ObservationPhoto.objects.filter(
        pk=photo_id, observation__in=observations_visible_to(user)).first()
    if photo is None:
        raise Http404
    record_view(user, photo, fields=["content"])
    return photo


def earlier_calls_of_caller(user: Any, phone_index: str, *, exclude_id: int | None = None) -> QuerySet[HotlineCall]:
    """Earlier calls from the same number, only among the calls this user may see."""
    if not phone_index:
        return HotlineCall.objects.none()
    qs = calls_visible_to(user).filter(caller_phone_index=phone_index)
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return qs.order_by("-started_at")


# --- triage -------------------------------------------------------------------------------------


@dataclass
class BoardItem:
    """One row of the triage board, whatever it came from. Holds no personal data."""

    kind: str  # call, observation, concern
    id: int
    code: str
    occurred_at: datetime
    priority: int
    place: str
    summary: str
    status: str  # shown to the user, already translated
    assigned_to: str
    url: str


def _place_filter(field: str, place: Place | None) -> Q:
    if place is None:
        return Q()
    if place.type == PlaceType.VOIVODESHIP:
        return Q(**{field: place}) | Q(**{f"{field}__voivodeship": place})
    return Q(**{field: place})


def triage_board(user: Any, *, place: Place | None = None, limit: int = 100) -> list[BoardItem]:
    """Open calls, observations (and public concern reports) by urgency, then newest first.

    Reads plain values, never the encrypted columns (the board shows no personal data), and builds
    labels and links only for the rows that make the cut: the board is opened all day long.
    """
    from django.urls import reverse

    from .models import OfferType, Topic

    if not user.has_capability("intake.triage"):
        return []
    open_statuses = [TriageStatus.NEW, TriageStatus.ASSIGNED]
    calls = (calls_visible_to(user).filter(status__in=open_statuses).filter(_place_filter("hotline", place))
             .order_by("-priority", "-started_at")
             .values("id", "started_at", "priority", "topic", "status", "hotline__name", "assigned_to__username")
             [:limit])
    observations = (observations_visible_to(user).filter(status__in=open_statuses)
                    .filter(_place_filter("place", place)).order_by("-priority", "-observed_at")
                    .values("id", "observed_at", "priority", "offer_types", "status", "place__name",
                            "assigned_to__username")[:limit])
    rows: list[tuple[str, datetime, dict[str, Any]]] = [("call", c["started_at"], dict(c)) for c in calls]
    rows += [("observation", o["observed_at"], dict(o)) for o in observations]
    rows.sort(key=lambda r: (-r[2]["priority"], -r[1].timestamp()))
    statuses = {k: str(v) for k, v in TriageStatus.choices}
    topics = {k: str(v) for k, v in Topic.choices}
    offers = {k: str(v) for k, v in OfferType.choices}
    call_url = reverse("intake:call_detail", args=[0]).replace("/0/", "/{}/")
    observation_url = reverse("intake:observation_detail", args=[0]).replace("/0/", "/{}/")
    items = []
    for kind, when, r in rows[:limit]:
        if kind == "call":
            items.append(BoardItem("call", r["id"], call_code(r["id"]), when, r["priority"], r["hotline__name"],
                                   topics.get(r["topic"], r["topic"]), statuses[r["status"]],
                                   r["assigned_to__username"] or "", call_url.format(r["id"])))
        else:
            offered = ", ".join(offers.get(o, o) for o in r["offer_types"] or [])
            items.append(BoardItem("observation", r["id"], observation_code(r["id"]), when, r["priority"],
                                   r["place__name"], offered, statuses[r["status"]],
                                   r["assigned_to__username"] or "", observation_url.format(r["id"])))
    if place is None:
        items.extend(_concerns(user, limit))
        items.sort(key=lambda i: (-i.priority, -i.occurred_at.timestamp()))
    return items[:limit]


def _concerns(user: Any, limit: int) -> list[BoardItem]:
    """New concern reports sent from the public site to the user's organisation (directory module).

    They carry no urgency of their own, so they sit with medium-risk items.
    """
    from django.urls import reverse

    try:
        from directory.selectors import concerns_for_triage
    except ImportError:  # the directory module is not installed
        return []
    return [BoardItem("concern", c.pk, c.code, c.received_at, 1, capfirst(c.get_voivodeship_display()) or c.place,
                      str(_("Concern from the public")), c.get_status_display(), "",
                      reverse("directory:concern_detail", args=[c.pk]))
            for c in concerns_for_triage(user, status="new").only(
                "id", "received_at", "voivodeship", "place", "status", "organisation_id")[:limit]]


# --- statistics (aggregate counts only) ----------------------------------------------------------


def _rows(values: Any) -> list[dict[str, Any]]:
    """A values() queryset as plain dicts (the pages add a translated label to each)."""
    return [dict(row) for row in values]


def call_statistics(user: Any, *, since: datetime | None = None) -> dict[str, list[dict[str, Any]]]:
    qs = calls_visible_to(user)
    if since:
        qs = qs.filter(started_at__gte=since)
    return {
        "per_day": _rows(qs.annotate(day=TruncDate("started_at")).values("day").annotate(n=Count("id"))
                         .order_by("-day")[:60]),
        "per_voivodeship": _rows(qs.values("hotline__name").annotate(n=Count("id")).order_by("-n", "hotline__name")),
        "per_language": _rows(qs.values("language").annotate(n=Count("id")).order_by("-n")),
        "per_topic": _rows(qs.values("topic").annotate(n=Count("id")).order_by("-n")),
    }


def observation_statistics(user: Any, *, since: datetime | None = None) -> dict[str, list[dict[str, Any]]]:
    qs = observations_visible_to(user)
    if since:
        qs = qs.filter(observed_at__gte=since)
    per_offer: dict[str, int] = {}
    for offers in qs.values_list("offer_types", flat=True):
        for o in offers or []:
            per_offer[o] = per_offer.get(o, 0) + 1
    return {
        "per_place": _rows(qs.values("place__name", "place__type").annotate(n=Count("id"))
                           .order_by("-n", "place__name")),
        "per_offer": [{"offer": k, "n": v} for k, v in sorted(per_offer.items(), key=lambda kv: -kv[1])],
    }
