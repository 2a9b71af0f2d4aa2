"""Pages for hotline operators, field officers and analysts: thin adapters over selectors and services."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import User
from core.ordering import polish_order
from core.permissions import capability_required
from worklists import selectors as worklists

from . import selectors, services
from .forms import CallForm, ObservationForm, PersonFormSet, PlaceForm, TriageForm, VehicleFormSet
from .models import FieldObservation, HotlineCall, Place, PlaceType, Topic, TriageStatus, Urgency

VIEW_CAPS = selectors.VIEW_CAPABILITIES
LAST_HOTLINE = "intake_last_hotline"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _apply_errors(form: Form | PlaceForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


# --- places -------------------------------------------------------------------------------------


@capability_required(*VIEW_CAPS, "reference.manage", "investigations.view")
def place_list(request: HttpRequest) -> HttpResponse:
    type_ = request.GET.get("type", "")
    if type_ not in PlaceType.values:
        type_ = ""
    rows = list(selectors.places(type=type_))
    points = [{"name": p.name, "type": p.type, "type_label": str(p.get_type_display()), "lat": p.latitude,
               "lng": p.longitude} for p in rows if p.latitude is not None and p.longitude is not None]
    return render(request, "intake/place_list.html", {
        "places": rows, "points": points, "type": type_, "types": PlaceType.choices,
        "tile_url": settings.CTIMS_MAP_TILE_URL, "can_manage": _user(request).has_capability("reference.manage"),
    })


@capability_required("reference.manage")
def place_edit(request: HttpRequest, place_id: int | None = None) -> HttpResponse:
    place = get_object_or_404(Place, pk=place_id) if place_id else None
    form = PlaceForm(request.POST or None, instance=place)
    form.fields["voivodeship"].queryset = selectors.voivodeships()  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            services.save_place(_user(request), place, {f: form.cleaned_data[f] for f in services.PLACE_FIELDS})
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The place was saved."))
            return redirect("intake:place_list")
    return render(request, "intake/place_form.html", {"form": form, "place": place})


# --- hotline calls ------------------------------------------------------------------------------


@capability_required(*VIEW_CAPS)
def call_list(request: HttpRequest) -> HttpResponse:
    from .hotline_views import call_search, flag_labels

    user = _user(request)
    filters: dict[str, Any] = {"hotline": _int(request.GET.get("hotline")), "topic": request.GET.get("topic", ""),
                               "urgency": request.GET.get("urgency", "")}
    qs, search = call_search(request, selectors.calls_visible_to(user))
    hotline_id = filters["hotline"]
    if isinstance(hotline_id, int):
        qs = qs.filter(hotline_id=hotline_id)
    if filters["topic"] in Topic.values:
        qs = qs.filter(topic=filters["topic"])
    if filters["urgency"] in Urgency.values:
        qs = qs.filter(urgency=filters["urgency"])
    filters["flag"] = worklists.clean_flag(request.GET.get("flag", ""))
    if filters["flag"]:
        qs = worklists.flagged(user, "calls", qs, filters["flag"])
    # a search is POSTed: its results are one page (of up to 100), never pages linked by address
    page = Paginator(qs, 100 if search["searching"] else 50).get_page(
        1 if search["searching"] else request.GET.get("page"))
    flag_labels(user, page)
    query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
    return render(request, "intake/call_list.html", {
        "page": page, "filters": filters, "query": query, "hotlines": selectors.voivodeships(),
        "topics": Topic.choices, "urgencies": Urgency.choices, "can_log": user.has_capability("intake.log_call"),
        **search,
    })


CALL_DRAFT_SENT = "intake_call_draft_sent"


@capability_required("intake.log_call")
def call_create(request: HttpRequest) -> HttpResponse:
    """The call form. Each call being logged has its own id in the address (?call=, random, nothing personal),
    so the draft the operator's device keeps as they type comes back after a reload or a crash into this
    call, and never into the next one (a new call gets a new id)."""
    user = _user(request)
    try:
        draft_key = str(uuid.UUID(request.GET.get("call", "")))
    except ValueError:
        if request.method != "POST":
            return redirect(f"{reverse('intake:call_create')}?call={uuid.uuid4()}")
        draft_key = ""  # a form posted from elsewhere: no draft on the device to clear
    initial = {"started_at": timezone.localtime().replace(second=0, microsecond=0),
               "hotline": request.session.get(LAST_HOTLINE)}
    form = CallForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.log_call(user, form.to_input())
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            request.session[LAST_HOTLINE] = call.hotline_id
            if draft_key:
                request.session[CALL_DRAFT_SENT] = draft_key  # the call's page removes its draft from the device
            messages.success(request, _("Call %(code)s was saved.") % {"code": call.code})
            return redirect("intake:call_detail", call_id=call.pk)
    from .safety_messages import messages_in_languages

    return render(request, "intake/call_form.html", {"form": form, "draft_key": draft_key,
                                                     "safety": messages_in_languages()})


def _triage_context(user: User, item: HotlineCall | FieldObservation) -> dict[str, Any]:
    from investigations.selectors import offences

    ctx: dict[str, Any] = {"can_triage": user.has_capability("intake.triage"),
                           "can_view_investigations": user.has_capability("investigations.view")}
    if ctx["can_triage"]:
        ctx["colleagues"] = User.objects.filter(organisation_id=user.organisation_id, is_active=True).order_by(
            "username")
        ctx["offences"] = offences()
    ctx["comments"] = list(item.comments.select_related("author"))
    return ctx


@capability_required(*VIEW_CAPS)
def call_detail(request: HttpRequest, call_id: int) -> HttpResponse:
    user = _user(request)
    call = selectors.open_call(user, call_id)
    from . import hotline_selectors
    from .hotline_views import transfer_targets
    from .models import CallerFlagKind

    return render(request, "intake/call_detail.html", {
        "call": call, "mentions": list(call.mentions.all()),
        "panel": hotline_selectors.caller_panel(user, call.caller_phone_index, exclude_id=call.pk),
        "flag_kinds": CallerFlagKind.choices, "call_id": call.pk, **transfer_targets(user, call),
        "can_end": call.ended_at is None and user.has_capability("intake.log_call"),
        "draft_sent": request.session.pop(CALL_DRAFT_SENT, ""),
        **_triage_context(user, call),
    })


@capability_required("intake.log_call")
@require_POST
def call_end(request: HttpRequest, call_id: int) -> HttpResponse:
    user = _user(request)
    call = get_object_or_404(selectors.calls_visible_to(user), pk=call_id)
    try:
        services.end_call(user, call)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The call's end time was saved."))
    return redirect("intake:call_detail", call_id=call.pk)


# --- field observations -------------------------------------------------------------------------


@capability_required(*VIEW_CAPS)
def observation_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    place_id = _int(request.GET.get("place"))
    qs = selectors.observations_visible_to(user)
    if place_id:
        qs = qs.filter(place_id=place_id)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "intake/observation_list.html", {
        "page": page, "place_id": place_id, "query": f"place={place_id}" if place_id else "",
        "places": selectors.observation_places(), "can_log": user.has_capability("intake.log_observation"),
        "inspection": user.has_capability("intake.log_inspection"),
        # the import pages are protection's (protection.manage); the target itself needs intake.log_observation
        "can_import": user.has_capability("intake.log_observation") and user.has_capability("protection.manage"),
        "import_url": f"{reverse('protection:import')}?target=field_observation",
    })


@capability_required(*VIEW_CAPS)
def observation_xlsform(request: HttpRequest) -> HttpResponse:
    """The field-observation XLSForm for KoboToolbox or ODK Collect (four languages; no personal data)."""
    from protection.xlsforms import XLSX_CONTENT_TYPE, xlsx_bytes

    from .imports import observation_form

    response = HttpResponse(xlsx_bytes(observation_form()), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="ctims-field-observation.xlsx"'
    return response


def _filled_forms(formset: Any) -> list[dict[str, Any]]:
    return [f.cleaned_data for f in formset.forms if f.cleaned_data and any(f.cleaned_data.values())]


def _idempotency_key(request: HttpRequest) -> uuid.UUID | None:
    """The key the device's outbox sends with a held observation (header, or the form field of the same name)."""
    value = request.headers.get("Idempotency-Key") or request.POST.get("idempotency_key", "")
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _sent(obs: FieldObservation) -> JsonResponse:
    return JsonResponse({"id": obs.pk, "code": obs.code,
                         "url": reverse("intake:observation_detail", args=[obs.pk])}, status=201)


def _form_errors_json(*forms: Any) -> JsonResponse:
    """A held observation the server refuses: every problem named by its field, for the outbox to show."""
    fields: dict[str, list[str]] = {}
    for f in forms:
        for form in getattr(f, "forms", [f]):
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                fields[form.add_prefix(name) if name != "__all__" else name] = [
                    f"{label}: {e}" if label else str(e) for e in errors]
        for e in getattr(f, "non_form_errors", lambda: [])():
            fields.setdefault("__all__", []).append(str(e))
    message = " ".join(m for ms in fields.values() for m in ms)
    return JsonResponse({"error": {"code": "invalid_observation", "message": message, "fields": fields}}, status=400)


@capability_required("intake.log_observation")
def observation_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    key = _idempotency_key(request) if request.method == "POST" else None
    existing = services.already_filed(user, key)
    if existing is not None:  # a retried send of a held observation: the one already filed, never a second
        return _sent(existing) if _wants_json(request) else redirect("intake:observation_detail", existing.pk)
    data = request.POST if request.method == "POST" else None
    form = ObservationForm(data, request.FILES or None,
                           initial={"observed_at": timezone.localtime().replace(second=0, microsecond=0)},
                           inspection=user.has_capability("intake.log_inspection"))
    people = PersonFormSet(data, prefix="person")
    vehicles = VehicleFormSet(data, prefix="vehicle")
    if request.method == "POST":
        valid = form.is_valid() & people.is_valid() & vehicles.is_valid()
        if valid:
            data_in = form.to_input(_filled_forms(people), _filled_forms(vehicles))
            hours = services.duplicate_window_hours()
            duplicates = selectors.possible_duplicates(user, data_in.place, data_in.observed_at,
                                                       services.identifier_indexes(data_in), hours)
            if duplicates and request.POST.get("confirm_duplicate") != "1":
                return _duplicate_warning(request, duplicates, hours, {
                    "form": form, "people": people, "vehicles": vehicles})
            try:
                obs = services.log_observation(
                    user, data_in, form.photo_inputs(), idempotency_key=key,
                    repeat_of=next((d for d in duplicates if d.created_by_id == user.pk), None))
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                if _wants_json(request):
                    return _sent(obs)
                messages.success(request, _("Observation %(code)s was saved.") % {"code": obs.code})
                return redirect("intake:observation_detail", observation_id=obs.pk)
        if _wants_json(request):
            return _form_errors_json(form, people, vehicles)
    return render(request, "intake/observation_form.html", {"form": form, "people": people, "vehicles": vehicles})


def _duplicate_warning(request: HttpRequest, duplicates: list[FieldObservation], hours: int,
                       context: dict[str, Any]) -> HttpResponse:
    """The same phone or plate at the same place shortly before: warn, and save only when confirmed."""
    message = ngettext(
        "The same phone number or vehicle plate was reported at this place within %(hours)s hour of this one. "
        "Is this the same sighting?",
        "The same phone number or vehicle plate was reported at this place within %(hours)s hours of this one. "
        "Is this the same sighting?", hours) % {"hours": hours}
    found = [{"code": d.code, "url": reverse("intake:observation_detail", args=[d.pk])} for d in duplicates]
    if _wants_json(request):
        return JsonResponse({"error": {"code": "possible_duplicate", "message": message, "duplicates": found}},
                            status=409)
    return render(request, "intake/observation_form.html", {**context, "duplicates": found,
                                                            "duplicate_message": message}, status=409)


@capability_required("intake.log_observation")
def observation_mine(request: HttpRequest) -> HttpResponse:
    """The officer's own recent observations (kept by the service worker for this officer, to read offline)."""
    rows = list(selectors.recent_observations_of(_user(request))[:30])
    return render(request, "intake/observation_mine.html", {"observations": rows})


@capability_required(*VIEW_CAPS)
def observation_detail(request: HttpRequest, observation_id: int) -> HttpResponse:
    user = _user(request)
    obs = selectors.open_observation(user, observation_id)
    return render(request, "intake/observation_detail.html", {
        "obs": obs, "mentions": list(obs.mentions.all()), "photos": list(obs.photos.only("id", "size")),
        **_triage_context(user, obs),
    })


@capability_required(*VIEW_CAPS)
def photo(request: HttpRequest, photo_id: int) -> HttpResponse:
    p = selectors.open_photo(_user(request), photo_id)
    response = HttpResponse(services.photo_bytes(p), content_type=p.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- triage -------------------------------------------------------------------------------------


class _Sized:
    """What the paginator needs of the board: its total (the rows of the page come with it)."""

    def __init__(self, total: int) -> None:
        self.total = total

    def count(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[Any]:
        return []


BOARD_PAGE_SIZE = 50


@capability_required("intake.triage")
def triage_board(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    get = request.GET
    place_id, voivodeship_id = _int(get.get("place")), _int(get.get("voivodeship"))
    urgency = _int(get.get("urgency"))
    assignee = get.get("assignee", "")
    colleagues = list(User.objects.filter(organisation_id=user.organisation_id, is_active=True)
                      .order_by("username").values_list("pk", "username"))
    filters = selectors.BoardFilters(
        status=get.get("status", "open") if get.get("status", "open") in selectors.BOARD_STATUSES else "open",
        kind=get.get("kind", "") if get.get("kind", "") in ("call", "observation", "concern") else "",
        urgency=urgency if urgency in (0, 1, 2, 3) else None,
        place=Place.objects.filter(pk=place_id).first() if place_id else None,
        voivodeship=selectors.voivodeships().filter(pk=voivodeship_id).first() if voivodeship_id else None,
        assignee=assignee if assignee in ("me", "none") or assignee in {str(pk) for pk, _u in colleagues} else "",
        older_than=get.get("age", "") if get.get("age", "") in selectors.BOARD_AGES else "",
    )
    number = max(_int(get.get("page")) or 1, 1)
    board = selectors.triage_page(user, filters, offset=(number - 1) * BOARD_PAGE_SIZE, limit=BOARD_PAGE_SIZE)
    if number > 1 and not board.items and board.total:  # past the last page: show the last one
        number = (board.total - 1) // BOARD_PAGE_SIZE + 1
        board = selectors.triage_page(user, filters, offset=(number - 1) * BOARD_PAGE_SIZE, limit=BOARD_PAGE_SIZE)
    page: Any = Paginator(_Sized(board.total), BOARD_PAGE_SIZE).get_page(number)  # type: ignore[arg-type]
    page.object_list = board.items
    # the filter's options, labelled once here: get_type_display per place rebuilt the choices every time
    types = {k: str(v) for k, v in PlaceType.choices}
    places = [(pk, f"{name} ({types.get(kind, kind)})") for pk, name, kind
              in selectors.places().order_by("type", polish_order("name")).values_list("pk", "name", "type")]
    query = urlencode({k: v for k, v in get.items() if k != "page" and v})
    return render(request, "intake/triage_board.html", {
        "page": page, "items": board.items, "total": board.total, "overdue": board.overdue,
        "overdue_minutes": int(selectors.unassigned_limit().total_seconds() // 60), "f": filters,
        "place": filters.place, "places": places, "voivodeships": selectors.voivodeships(),
        "colleagues": colleagues, "query": query, "assignee": filters.assignee, "urgency": filters.urgency,
        "statuses": [("open", _("Open (new or assigned)")), *TriageStatus.choices, ("all", _("All"))],
        "kinds": [("call", _("Calls")), ("observation", _("Observations")), ("concern", _("Public concerns"))],
        "urgencies": [(3, _("Immediate danger")), (2, _("Urgent")), (1, _("Medium")), (0, _("Routine"))],
        "ages": [("15m", _("15 minutes")), ("1h", _("1 hour")), ("1d", _("1 day")), ("7d", _("7 days"))],
    })


@capability_required("intake.triage")
@require_POST
def triage_action(request: HttpRequest, kind: str, record_id: int) -> HttpResponse:
    user = _user(request)
    if kind == "call":
        item: HotlineCall | FieldObservation = selectors.calls_visible_to(user).filter(pk=record_id).first() or _404()
        detail = "intake:call_detail"
    elif kind == "observation":
        item = selectors.observations_visible_to(user).filter(pk=record_id).first() or _404()
        detail = "intake:observation_detail"
    else:
        raise Http404
    form = TriageForm(request.POST)
    form.is_valid()
    d = form.cleaned_data
    action = request.POST.get("action", "")
    try:
        if action == "assign":
            assignee = User.objects.filter(pk=d.get("assigned_to") or 0, organisation_id=user.organisation_id).first()
            services.assign(user, item, assignee)
            messages.success(request, _("The assignment was saved."))
        elif action == "comment":
            services.add_comment(user, item, d.get("text") or "")
            messages.success(request, _("Your comment was added."))
        elif action == "close":
            services.close(user, item)
            messages.success(request, _("Closed: no further action needed."))
        elif action == "protection":
            case = services.escalate_to_protection(user, item, d.get("summary") or "")
            messages.success(request, _("Protection case %(code)s was opened.") % {
                "code": getattr(case, "code", case.pk)})
        elif action == "investigation":
            from investigations.selectors import offences

            offence = offences().filter(pk=d.get("offence") or 0).first()
            inv = services.escalate_to_investigation(user, item, offence=offence, summary=d.get("summary") or "")
            messages.success(request, _("Investigation %(code)s was opened.") % {"code": inv.code})
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        # the board is already limited to triage roles: a refusal here comes from the module asked to
        # open the case (e.g. protection cases need a role that manages them)
        messages.error(request, _("Your role cannot open this kind of case. Ask a duty officer or a case worker."))
    return redirect(detail, item.pk)


def _404() -> Any:
    raise Http404


# --- statistics ---------------------------------------------------------------------------------


@capability_required("stats.view", "intake.triage")
def statistics(request: HttpRequest) -> HttpResponse:
    """Aggregate counts only, for the user's organisation: calls, observations, investigations."""
    from django.utils.formats import date_format

    from investigations.models import Stage
    from investigations.selectors import stage_statistics

    from .models import Language, OfferType

    user = _user(request)
    calls = selectors.call_statistics(user)
    observations = selectors.observation_statistics(user)

    def labelled(rows: list[dict[str, Any]], key: str, labels: dict[Any, Any] | None = None) -> list[dict[str, Any]]:
        for row in rows:
            value = row[key]
            row["label"] = labels.get(value, value) if labels is not None else value
        return rows

    tables = {
        "per_day": labelled(calls["per_day"], "day", {r["day"]: date_format(r["day"], "SHORT_DATE_FORMAT")
                                                     for r in calls["per_day"]}),
        "per_voivodeship": labelled(calls["per_voivodeship"], "hotline__name"),
        "per_language": labelled(calls["per_language"], "language", dict(Language.choices)),
        "per_topic": labelled(calls["per_topic"], "topic", dict(Topic.choices)),
        "per_place": labelled(observations["per_place"], "place__name"),
        "per_offer": labelled(observations["per_offer"], "offer", dict(OfferType.choices)),
        "stages": labelled(stage_statistics(user), "stage", dict(Stage.choices))
        if user.has_capability("investigations.view") else [],
    }
    context: dict[str, Any] = dict(tables)
    for name, rows in tables.items():
        context["max_" + name.removeprefix("per_").rstrip("s")] = max([r["n"] for r in rows], default=1)
    context["total_calls"] = sum(r["n"] for r in tables["per_voivodeship"])
    context["total_observations"] = sum(r["n"] for r in tables["per_place"])
    return render(request, "intake/statistics.html", context)
