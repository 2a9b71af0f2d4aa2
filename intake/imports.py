"""Field observations imported from a file: KoboToolbox / ODK Collect submissions of CTIMS's own XLSForm.

The import target "field_observation" (registered from IntakeConfig.ready) names the observation form's
fields with their labels and choices; the same fields make the downloadable XLSForm (`observation_form`),
so what officers collect offline maps back without editing. Each row is filed through
`services.log_observation`, so an imported observation reaches the triage board and the links module
exactly like one typed in the browser.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from protection.imports.kobo import metadata_not_stored
from protection.imports.targets import Target, TargetChoice, TargetField
from protection.xlsforms import Choice, Group, Question, XLSForm, question_from

from . import selectors, services
from .models import Indicator, MentionKind, OfferedTo, OfferType, Place, RiskLevel

if TYPE_CHECKING:
    from accounts.models import User

TARGET_KEY = "field_observation"
FORM_ID = "ctims_field_observation"


def _choices(text_choices: Any) -> tuple[TargetChoice, ...]:
    return tuple(TargetChoice(code=str(value), label=label) for value, label in text_choices.choices)


FIELDS: tuple[TargetField, ...] = (
    # Kobo's _uuid, ODK's meta/instanceID ("uuid:..."): the key that makes a second import create nothing
    TargetField("submission_uuid", gettext_lazy("Submission ID (KoboToolbox or ODK)"),
                aliases=("_uuid", "instanceID", "meta-instanceID", "KEY")),
    TargetField("place", gettext_lazy("Place"), required=True),
    TargetField("observed_at", gettext_lazy("Date and time"), aliases=("time", "datetime"), required=True),
    TargetField("offer_types", gettext_lazy("What was offered"), kind="multichoice", choices=_choices(OfferType)),
    TargetField("offered_to", gettext_lazy("Offered to whom"), kind="choice", choices=_choices(OfferedTo)),
    TargetField("indicators", gettext_lazy("Indicators noticed"), kind="multichoice", choices=_choices(Indicator)),
    TargetField("risk_level", gettext_lazy("Risk level"), kind="choice", choices=_choices(RiskLevel)),
    TargetField("description", gettext_lazy("What happened")),
    TargetField("action_taken", gettext_lazy("Action taken")),
    TargetField("phones", gettext_lazy("Phone numbers"), aliases=("phone",)),
    TargetField("plates", gettext_lazy("Vehicle plates"), aliases=("plate", "vehicle_plates")),
    TargetField("accounts", gettext_lazy("Online accounts or adverts"), aliases=("handles", "handle", "account")),
)


# --- places, by the code the form uses or by name ------------------------------------------------


def place_code(place: Place) -> str:
    """The place's choice name in the XLSForm: its type and its name in ASCII ("bcp_medyka")."""
    ascii_name = slugify(place.name.replace("ł", "l").replace("Ł", "L")).replace("-", "_")
    return f"{place.type}_{ascii_name}"


def _places_by_value() -> dict[str, Place]:
    found: dict[str, Place] = {}
    for place in selectors.observation_places():
        found[place_code(place)] = place
        found.setdefault(place.name.casefold(), place)
    return found


def _place(value: Any, places: dict[str, Place] | None = None) -> Place | None:
    text = str(value or "").strip()
    if not text:
        return None
    places = places if places is not None else _places_by_value()
    return places.get(text) or places.get(text.casefold())


def _observed_at(value: Any) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        moment = value
    else:
        try:
            parsed = parse_datetime(str(value or "").strip().replace(" ", "T", 1))
        except ValueError:
            return None
        if parsed is None:
            return None
        moment = parsed
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _lines(value: Any) -> list[str]:
    """Several numbers, plates or handles in one answer: one per line, or separated by commas or semicolons."""
    return [v.strip() for v in re.split(r"[\n;,]+", str(value or "")) if v.strip()]


def _codes(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    return str(value or "").split()


def natural_key(row: dict[str, Any]) -> str | None:
    """The submission's uuid (Kobo _uuid = ODK instanceID without "uuid:"), so re-importing creates nothing."""
    uuid = str(row.get("submission_uuid") or "").strip().removeprefix("uuid:")
    return f"uuid:{uuid}" if uuid else None


def existing_keys(actor: User, keys: list[str]) -> set[str]:
    """The keys of rows this organisation already imported as observations."""
    from protection.models import ImportedRow

    return set(ImportedRow.objects.filter(organisation_id=actor.organisation_id, target=TARGET_KEY, key__in=keys)
               .values_list("key", flat=True))


def check_row(row: dict[str, Any]) -> list[tuple[str, str]]:
    """The checks only this target makes (the engine checks choices): a known place, a real date and time."""
    problems = []
    if not row.get("place"):
        problems.append(("place", _("Choose the reception point or border crossing where you saw this.")))
    elif _place(row["place"]) is None:
        problems.append(("place", _("No open reception point or border crossing has this name or code.")))
    if not row.get("observed_at"):
        problems.append(("observed_at", _("Enter the date and time you saw this.")))
    else:
        moment = _observed_at(row["observed_at"])
        if moment is None:
            problems.append(("observed_at", _("Enter a date and time, for example 2026-11-30 14:05.")))
        elif moment > timezone.now() + datetime.timedelta(minutes=5):
            problems.append(("observed_at", _("The date and time is in the future.")))
    return problems


def _input(row: dict[str, Any], places: dict[str, Place]) -> services.ObservationInput:
    mentions = ([services.MentionInput(MentionKind.PHONE, v) for v in _lines(row.get("phones"))]
                + [services.MentionInput(MentionKind.VEHICLE, v) for v in _lines(row.get("plates"))]
                + [services.MentionInput(MentionKind.ACCOUNT, v) for v in _lines(row.get("accounts"))])
    return services.ObservationInput(
        place=_place(row.get("place"), places), observed_at=_observed_at(row.get("observed_at")),
        offer_types=_codes(row.get("offer_types")), offered_to=str(row.get("offered_to") or ""),
        indicators=_codes(row.get("indicators")),
        description=str(row.get("description") or ""), risk_level=str(row.get("risk_level") or RiskLevel.LOW),
        action_taken=str(row.get("action_taken") or ""), mentions=mentions)


def commit(actor: User, rows: list[dict[str, Any]], job: Any) -> int:
    """File every row as a field observation, all or none (a wrong row names its number and field).

    Each row's key is kept (ImportedRow), so the same submissions imported again create nothing."""
    from protection.models import ImportedRow

    places = _places_by_value()
    created = []
    with transaction.atomic():
        for row in rows:
            try:
                observation = services.log_observation(actor, _input(row, places))
            except ValidationError as exc:
                fields = ", ".join(getattr(exc, "message_dict", {}) or ["-"])
                raise ValidationError(_("Row %(row)s (%(fields)s): %(problem)s") % {
                    "row": row.get("_row", "?"), "fields": fields, "problem": "; ".join(exc.messages)}) from exc
            created.append(observation)
            if row.get("_key"):
                ImportedRow.objects.create(organisation_id=actor.organisation_id, target=TARGET_KEY,
                                           key=str(row["_key"])[:200], object_id=observation.pk, job=job)
        if job is not None:
            job.created_ids = [o.pk for o in created]
    return len(created)


def target() -> Target:
    not_stored = {**metadata_not_stored(), "photo": gettext_lazy(
        "photos stay in KoboToolbox or ODK: an export holds only links to them")}
    # what the import pages say about this target's rows (they speak of cases otherwise)
    pages = {
        "new_message": ngettext_lazy("%(count)d new observation would be imported",
                                     "%(count)d new observations would be imported", "count"),
        "imported_message": ngettext_lazy("%(count)d observation imported.", "%(count)d observations imported.",
                                          "count"),
        "created_links": created_links,
        "result_link": (reverse_lazy("intake:observation_list"), gettext_lazy("Go to the observations")),
    }
    return Target(key=TARGET_KEY, label=gettext_lazy("Field observations (KoboToolbox / ODK)"), fields=FIELDS,
                  commit=commit, natural_key=natural_key, capability="intake.log_observation", check_row=check_row,
                  existing_keys=existing_keys, extra={"not_stored": not_stored, **pages})


def created_links(user: User, ids: list[int]) -> list[tuple[str, str]]:
    """(code, page) of the observations an import created, among those the user may see."""
    return [(o.code, reverse("intake:observation_detail", args=[o.pk]))
            for o in selectors.observations_visible_to(user).filter(pk__in=ids).order_by("pk")]


# --- the XLSForm officers fill offline -------------------------------------------------------------


def observation_form() -> XLSForm:
    """The field-observation XLSForm, question for question the import target's fields."""
    by_name = {f.name: f for f in FIELDS}
    place = by_name["place"]
    places = tuple(Choice(place_code(p), {"en": str(p)}) for p in selectors.observation_places())
    lines_hint = gettext_lazy("One per line.")
    observation = Group("observation", gettext_lazy("Observation"), (
        Question(place.name, "choice", place.label, required=True, choices=places, appearance="autocomplete"),
        Question("observed_at", "datetime", by_name["observed_at"].label, required=True, default="now()"),
        question_from(by_name["offer_types"]),
        question_from(by_name["offered_to"]),
        question_from(by_name["indicators"]),
        question_from(by_name["risk_level"], default=RiskLevel.LOW),
        question_from(by_name["description"], appearance="multiline"),
        question_from(by_name["action_taken"], appearance="multiline"),
    ))
    identifiers = Group("identifiers", gettext_lazy("Phones, vehicles and online accounts"), (
        question_from(by_name["phones"], hint=lines_hint, appearance="multiline"),
        question_from(by_name["plates"], hint=lines_hint, appearance="multiline"),
        question_from(by_name["accounts"], hint=gettext_lazy(
            "One per line: a profile name, a group or a link to the advert."), appearance="multiline"),
        Question("photo", "image", gettext_lazy("Photo"), hint=gettext_lazy(
            "For example of an advert or a vehicle. The photo stays in KoboToolbox or ODK: CTIMS imports the "
            "answers, not the photos.")),
    ))
    return XLSForm(form_id=FORM_ID, title=gettext_lazy("CTIMS field observation"), groups=[observation, identifiers])
