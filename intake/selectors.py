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
    record_view(user, obs, fields=["description", "action_taken", "mentions", "photos"]
                + (["workplace", "employer"] if obs.is_inspection else []))
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
    received_at: datetime | None = None  # when it reached CTIMS (the board shows its age)
    overdue: bool = False  # immediate danger, nobody assigned, past CTIMS_TRIAGE_UNASSIGNED_MINUTES


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


# --- the triage board with filters, total and pages ------------------------------------------------

BOARD_STATUSES = ("open", "new", "assigned", "escalated", "closed", "all")
BOARD_AGES = {"15m": timedelta(minutes=15), "1h": timedelta(hours=1), "1d": timedelta(days=1),
              "7d": timedelta(days=7)}


def unassigned_limit() -> timedelta:
    """How long an immediate-danger item may wait unassigned before the board flags it (default 15 minutes)."""
    from django.conf import settings

    return timedelta(minutes=int(getattr(settings, "CTIMS_TRIAGE_UNASSIGNED_MINUTES", 15)))


@dataclass
class BoardFilters:
    """What the analyst narrowed the board to; every value comes from a closed list (checked by the view)."""

    status: str = "open"  # open (new or assigned), one status, or all
    kind: str = ""  # call, observation, concern
    urgency: int | None = None  # the priority: 3 immediate danger, 2 urgent/high, 1 medium, 0 routine/low
    place: Place | None = None  # a place, or a voivodeship with everything in it
    voivodeship: Place | None = None
    assignee: str = ""  # "me", "none", or a colleague's id
    older_than: str = ""  # a key of BOARD_AGES


@dataclass
class BoardPage:
    items: list[BoardItem]
    total: int
    overdue: int  # immediate-danger items waiting unassigned too long (whatever the filters)


def _board_sources(user: Any, f: BoardFilters) -> tuple[QuerySet[HotlineCall], QuerySet[FieldObservation]]:
    calls, observations = calls_visible_to(user), observations_visible_to(user)
    q = Q()
    if f.status == "open":
        q &= Q(status__in=[TriageStatus.NEW, TriageStatus.ASSIGNED])
    elif f.status in TriageStatus.values:
        q &= Q(status=f.status)
    if f.urgency is not None:
        q &= Q(priority=f.urgency)
    if f.assignee == "me":
        q &= Q(assigned_to=user)
    elif f.assignee == "none":
        q &= Q(assigned_to__isnull=True)
    elif f.assignee.isdigit():
        q &= Q(assigned_to_id=int(f.assignee))
    if f.older_than in BOARD_AGES:
        q &= Q(created_at__lte=timezone.now() - BOARD_AGES[f.older_than])
    calls = calls.filter(q).filter(_place_filter("hotline", f.place))
    observations = observations.filter(q).filter(_place_filter("place", f.place))
    if f.voivodeship is not None:
        calls = calls.filter(hotline=f.voivodeship)
        # a labour inspection is filed at the voivodeship itself
        observations = observations.filter(Q(place=f.voivodeship) | Q(place__voivodeship=f.voivodeship))
    if f.kind == "call":
        observations = observations.none()
    elif f.kind == "observation":
        calls = calls.none()
    elif f.kind == "concern":
        calls, observations = calls.none(), observations.none()
    return calls, observations


def _board_concerns(user: Any, f: BoardFilters) -> Any:
    """Public concerns have no urgency or place record (they sit with medium-risk items, and a voivodeship is
    matched by its name); they are assigned, escalated and closed ("triaged") like calls."""
    try:
        from directory.models import OPEN_CONCERN_STATUSES, ConcernStatus
        from directory.selectors import concerns_for_triage
    except ImportError:  # the directory module is not installed
        return None
    if f.kind not in ("", "concern") or f.place is not None or f.urgency not in (None, 1):
        return None
    qs = concerns_for_triage(user).select_related("assigned_to")
    if f.status == "open":
        qs = qs.filter(status__in=OPEN_CONCERN_STATUSES)
    elif f.status == TriageStatus.CLOSED:
        qs = qs.filter(status=ConcernStatus.TRIAGED)
    elif f.status != "all":
        qs = qs.filter(status=f.status)
    if f.voivodeship is not None:
        qs = qs.filter(voivodeship=f.voivodeship.name.lower())
    if f.assignee == "me":
        qs = qs.filter(assigned_to=user)
    elif f.assignee == "none":
        qs = qs.filter(assigned_to__isnull=True)
    elif f.assignee.isdigit():
        qs = qs.filter(assigned_to_id=int(f.assignee))
    if f.older_than in BOARD_AGES:
        qs = qs.filter(received_at__lte=timezone.now() - BOARD_AGES[f.older_than])
    return qs


def triage_page(user: Any, f: BoardFilters, *, offset: int = 0, limit: int = 50, counts: bool = True) -> BoardPage:
    """One page of the board: calls, observations and public concerns by urgency, then newest first, with
    the total matching the filters. Reads plain values only (no decryption); the rows are merged from the
    first offset+limit of each source, so a page costs three short index scans and three counts."""
    from django.urls import reverse

    from .models import OfferType, Topic

    if not user.has_capability("intake.triage"):
        return BoardPage([], 0, 0)
    calls, observations = _board_sources(user, f)
    concerns = _board_concerns(user, f)
    late = timezone.now() - unassigned_limit()
    n = offset + limit
    fields = ("id", "priority", "status", "assigned_to__username", "created_at", "assigned_to_id")
    call_rows = [("call", c["started_at"], c) for c in calls.order_by("-priority", "-started_at").values(
        *fields, "started_at", "topic", "hotline__name")[:n]]
    observation_rows = [("observation", o["observed_at"], o) for o in observations.order_by(
        "-priority", "-observed_at").values(*fields, "observed_at", "offer_types", "place__name")[:n]]
    concern_rows = [("concern", c.received_at, {"concern": c}) for c in concerns.only(
        "id", "received_at", "voivodeship", "place", "status", "assigned_to__username")[:n]] \
        if concerns is not None else []
    rows: list[tuple[str, datetime, dict[str, Any]]] = call_rows + observation_rows + concern_rows
    total = overdue = 0
    if counts:  # a source that did not fill the window has been read whole: its length is its count
        total = sum(len(got) if len(got) < n or qs is None else qs.count()
                    for got, qs in ((call_rows, calls), (observation_rows, observations), (concern_rows, concerns)))
        overdue = overdue_triage_count(user)
    rows.sort(key=lambda r: (-(r[2].get("priority", 1)), -r[1].timestamp()))
    statuses = {k: str(v) for k, v in TriageStatus.choices}
    topics = {k: str(v) for k, v in Topic.choices}
    offers = {k: str(v) for k, v in OfferType.choices}
    items = []
    for kind, when, r in rows[offset:n]:
        if kind == "concern":
            c = r["concern"]
            items.append(BoardItem("concern", c.pk, c.code, c.received_at, 1,
                                   capfirst(c.get_voivodeship_display()) or c.place, str(_("Concern from the public")),
                                   c.get_status_display(), c.assigned_to.get_username() if c.assigned_to else "",
                                   reverse("directory:concern_detail", args=[c.pk]), received_at=c.received_at))
            continue
        overdue_item = r["priority"] == 3 and not r["assigned_to_id"] and r["status"] == TriageStatus.NEW \
            and r["created_at"] <= late
        if kind == "call":
            items.append(BoardItem("call", r["id"], call_code(r["id"]), when, r["priority"], r["hotline__name"],
                                   topics.get(r["topic"], r["topic"]), statuses[r["status"]],
                                   r["assigned_to__username"] or "", reverse("intake:call_detail", args=[r["id"]]),
                                   received_at=r["created_at"], overdue=overdue_item))
        else:
            offered = ", ".join(offers.get(o, o) for o in r["offer_types"] or [])
            items.append(BoardItem("observation", r["id"], observation_code(r["id"]), when, r["priority"],
                                   r["place__name"], offered, statuses[r["status"]], r["assigned_to__username"] or "",
                                   reverse("intake:observation_detail", args=[r["id"]]),
                                   received_at=r["created_at"], overdue=overdue_item))
    return BoardPage(items, total, overdue)


def overdue_triage_count(user: Any) -> int:
    """Immediate-danger calls and observations nobody has taken past the limit: the badge on "Triage" in the
    menu of everyone who triages (the duty supervisor among them), on every page."""
    if not user.has_capability("intake.triage"):
        return 0
    cached = getattr(user, "_intake_overdue", None)  # the menu and the board ask in the same request
    if cached is not None:
        return int(cached)
    q = Q(priority=3, assigned_to__isnull=True, status=TriageStatus.NEW,
          created_at__lte=timezone.now() - unassigned_limit())
    count = calls_visible_to(user).filter(q).count() + observations_visible_to(user).filter(q).count()
    user._intake_overdue = count
    return count
