"""Bulk work for trainers: participants from a pasted or uploaded list, from staff accounts or from another
event, and pre/post-test scores for a whole event at once (a grid or a CSV file).

Every bulk write is all or nothing: when any row has a problem nothing is written, and each problem names
its row (the first line or the header counts as row 1) and its column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.models import User
from audit.models import Action
from audit.services import record

from .models import Participant, ParticipantStatus, Sex, TestKind, TestResult, TrainingEvent
from .services import PARTICIPANT_FIELDS, _require_event_manager, email_index

RowError = tuple[int, str, str]  # (row number, column, message)

COLUMNS = ["name", "organisation", "position", "sex", "e-mail"]
HEADER_ALIASES = {
    "name": "name",
    "full name": "name",
    "full_name": "name",
    "imię i nazwisko": "name",
    "nazwisko": "name",
    "піб": "name",
    "ім'я": "name",
    "фио": "name",
    "имя": "name",
    "organisation": "organisation",
    "organization": "organisation",
    "organisation_name": "organisation",
    "organizacja": "organisation",
    "instytucja": "organisation",
    "організація": "organisation",
    "организация": "organisation",
    "position": "position",
    "stanowisko": "position",
    "посада": "position",
    "должность": "position",
    "sex": "sex",
    "gender": "sex",
    "płeć": "sex",
    "стать": "sex",
    "пол": "sex",
    "e-mail": "e-mail",
    "email": "e-mail",
    "mail": "e-mail",
    "адреса e-mail": "e-mail",
    "электронная почта": "e-mail",
}
SEX_WORDS = {
    Sex.FEMALE: {"female", "f", "woman", "k", "kobieta", "ж", "жінка", "женщина", "жен"},
    Sex.MALE: {"male", "m", "man", "mężczyzna", "mezczyzna", "ч", "м", "чоловік", "мужчина", "муж"},
    Sex.OTHER: {"other", "inna", "inny", "інша", "другое", "другой"},
    Sex.UNKNOWN: {"", "unknown", "not recorded", "-", "—", "?"},
}


@dataclass
class ParticipantRow:
    row: int
    full_name: str
    organisation_name: str
    position: str
    sex: str
    email: str


def _sex(value: str) -> str | None:
    v = value.strip().lower()
    for code, words in SEX_WORDS.items():
        if v in words or v == str(code) or v == str(code.label).lower():
            return str(code)
    return None


def split_pasted(text: str) -> list[list[str]]:
    """Rows pasted from a spreadsheet (tab-separated) or typed as CSV (comma or semicolon)."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if "\t" in first:
        delimiter = "\t"
    elif first.count(";") > first.count(","):
        delimiter = ";"
    else:
        delimiter = ","
    return [list(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)]


def read_upload(data: bytes, filename: str) -> list[list[str]]:
    """A CSV or XLSX file as rows of text (the same reader as every other import in CTIMS)."""
    from protection.imports.readers import read_table

    return read_table(data, filename).rows


def _header(row: list[str]) -> list[str] | None:
    """The column order named by a header row, or None when the first row is data."""
    names = [HEADER_ALIASES.get(c.strip().lower()) for c in row]
    if sum(1 for n in names if n) >= 2:
        return [n or "" for n in names]
    return None


def parse_participants(rows: list[list[str]]) -> tuple[list[ParticipantRow], list[RowError]]:
    """Check every row; a header row (in English, Polish, Ukrainian or Russian) is optional, without one the
    columns are name, organisation, position, sex, e-mail."""
    from django.core.validators import validate_email

    errors: list[RowError] = []
    parsed: list[ParticipantRow] = []
    if not rows:
        return [], [(1, pgettext("column", "name"), _("The list is empty."))]
    header = _header(rows[0])
    start = 1
    if header is None:
        header = COLUMNS
        start = 0
    else:
        missing = [c for c in ("name", "organisation") if c not in header]
        if missing:
            return [], [
                (
                    1,
                    ", ".join(missing),
                    _("The header row must name the columns: %(cols)s.") % {"cols": ", ".join(COLUMNS)},
                )
            ]
    labels = {
        "name": pgettext("column", "name"),
        "organisation": pgettext("column", "organisation"),
        "position": pgettext("column", "position"),
        "sex": pgettext("column", "sex"),
        "e-mail": pgettext("column", "e-mail"),
    }
    seen: dict[str, int] = {}
    for i, raw in enumerate(rows[start:], start=start + 1):
        if not any(c.strip() for c in raw):
            continue
        cells = {header[j]: raw[j].strip() for j in range(min(len(raw), len(header))) if header[j]}
        name = cells.get("name", "")
        org = cells.get("organisation", "")
        email = cells.get("e-mail", "")
        sex = _sex(cells.get("sex", ""))
        if not name:
            errors.append((i, labels["name"], _("Enter the participant's name.")))
        elif len(name) > 200:
            errors.append((i, labels["name"], _("The name is longer than 200 characters.")))
        if not org:
            errors.append((i, labels["organisation"], _("Enter the participant's organisation.")))
        elif len(org) > 200:
            errors.append((i, labels["organisation"], _("The organisation is longer than 200 characters.")))
        if len(cells.get("position", "")) > 120:
            errors.append((i, labels["position"], _("The position is longer than 120 characters.")))
        if sex is None:
            errors.append((i, labels["sex"], _("Write female, male, other or leave it empty.")))
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append((i, labels["e-mail"], _("This is not an e-mail address.")))
            else:
                key = email.lower()
                if key in seen:
                    errors.append(
                        (
                            i,
                            labels["e-mail"],
                            _("This e-mail is already on row %(row)d of the list.") % {"row": seen[key]},
                        )
                    )
                seen.setdefault(key, i)
        parsed.append(ParticipantRow(i, name, org, cells.get("position", ""), sex or Sex.UNKNOWN, email))
    if not parsed and not errors:
        errors.append((start + 1, labels["name"], _("The list has no participants.")))
    return parsed, errors


def import_participants(user: User, event: TrainingEvent, rows: list[list[str]]) -> tuple[int, list[RowError]]:
    """Add every listed person to the event, or nobody when any row has a problem."""
    _require_event_manager(user, event)
    parsed, errors = parse_participants(rows)
    label = pgettext("column", "e-mail")
    existing = set(
        Participant.objects.filter(event=event).exclude(email_index="").values_list("email_index", flat=True)
    )
    for p in parsed:
        if p.email and email_index(p.email) in existing:
            errors.append((p.row, label, _("Someone with this e-mail is already on the list for this event.")))
    if errors:
        return 0, sorted(errors)
    with transaction.atomic():
        created = Participant.objects.bulk_create(
            [
                Participant(
                    event=event,
                    full_name=p.full_name,
                    email=p.email,
                    email_index=email_index(p.email),
                    organisation_name=p.organisation_name,
                    position=p.position,
                    sex=p.sex,
                    status=ParticipantStatus.INVITED,
                )
                for p in parsed
            ]
        )
        for participant in created:
            record(user, Action.CREATE, participant, fields=[*PARTICIPANT_FIELDS, "status"])
    return len(created), []


def add_staff(user: User, event: TrainingEvent, staff: Iterable[User]) -> int:
    """Invite many staff accounts at once; those already on the list are skipped."""
    _require_event_manager(user, event)
    already = set(Participant.objects.filter(event=event, user__isnull=False).values_list("user_id", flat=True))
    added = 0
    with transaction.atomic():
        for s in staff:
            if s.pk in already:
                continue
            participant = Participant.objects.create(
                event=event,
                user=s,
                full_name=s.get_full_name() or s.get_username(),
                email=s.email,
                email_index=email_index(s.email),
                organisation_name=str(s.organisation),
                position=s.position,
                sex=Sex.UNKNOWN,
            )
            record(user, Action.CREATE, participant, fields=[*PARTICIPANT_FIELDS, "status"])
            added += 1
    return added


def copy_from_event(user: User, event: TrainingEvent, source: TrainingEvent) -> int:
    """Invite the participants of another event of the same organisation (not those who declined there, not those
    already on this list)."""
    _require_event_manager(user, event)
    _require_event_manager(user, source)
    if source.pk == event.pk:
        raise ValidationError({"source": _("Choose another event.")})
    here_users = set(Participant.objects.filter(event=event, user__isnull=False).values_list("user_id", flat=True))
    here_emails = set(
        Participant.objects.filter(event=event).exclude(email_index="").values_list("email_index", flat=True)
    )
    added = 0
    with transaction.atomic():
        for p in source.participants.exclude(status=ParticipantStatus.DECLINED).order_by("id"):
            if (p.user_id and p.user_id in here_users) or (p.email_index and p.email_index in here_emails):
                continue
            copy = Participant.objects.create(
                event=event,
                user_id=p.user_id,
                full_name=p.full_name,
                email=p.email,
                email_index=p.email_index,
                organisation_name=p.organisation_name,
                position=p.position,
                sex=p.sex,
            )
            record(user, Action.CREATE, copy, fields=[*PARTICIPANT_FIELDS, "status"])
            added += 1
    return added


# --- scores ----------------------------------------------------------------------------------------


def _score(value: str) -> int | None:
    v = value.strip()
    if not v:
        return None
    if not v.isdigit():
        raise ValueError
    return int(v)


def save_score_grid(
    user: User, event: TrainingEvent, cells: dict[tuple[int, str], str], max_scores: dict[str, str]
) -> tuple[int, list[RowError]]:
    """Save every score of the grid in one transaction. `cells` maps (participant id, kind) to what was typed;
    an empty cell leaves that score as it was. Errors name the participant's row number on the page and the
    test. Nothing is saved while any cell is wrong."""
    _require_event_manager(user, event)
    participants = list(event.participants.order_by("id"))
    row_of = {p.pk: n for n, p in enumerate(participants, start=1)}
    errors: list[RowError] = []
    maxima: dict[str, int] = {}
    labels: dict[str, str] = {str(k): str(k.label) for k in TestKind}
    for kind in TestKind.values:
        try:
            m = _score(max_scores.get(kind, ""))
        except ValueError:
            m = None
        if not m:
            errors.append((0, labels[kind], _("Enter the maximum score of this test (a whole number above 0).")))
        else:
            maxima[kind] = m
    values: list[tuple[Participant, str, int]] = []
    by_id = {p.pk: p for p in participants}
    for (pid, kind), raw in cells.items():
        if pid not in by_id or kind not in TestKind.values:
            raise PermissionDenied
        try:
            score = _score(raw)
        except ValueError:
            errors.append((row_of[pid], labels[kind], _("Write a whole number, or leave the cell empty.")))
            continue
        if score is None:
            continue
        if kind in maxima and score > maxima[kind]:
            errors.append(
                (row_of[pid], labels[kind], _("The score is above the maximum (%(max)d).") % {"max": maxima[kind]})
            )
            continue
        values.append((by_id[pid], kind, score))
    if errors:
        return 0, sorted(errors)
    with transaction.atomic():
        for participant, kind, score in values:
            TestResult.objects.update_or_create(
                participant=participant, kind=kind, defaults={"score": score, "max_score": maxima[kind]}
            )
            record(user, Action.UPDATE, participant, fields=[f"{kind}_test"])
    return len(values), []


def import_scores(user: User, event: TrainingEvent, rows: list[list[str]]) -> tuple[int, list[RowError]]:
    """CSV/XLSX `participant,pre,post[,max_pre,max_post]`: participant is the number on the event's list (#) or
    the e-mail. All or nothing, errors by row and column."""
    _require_event_manager(user, event)
    if not rows:
        return 0, [(1, "participant", _("The file is empty."))]
    header = [c.strip().lower() for c in rows[0]]
    if "participant" not in header or not ({"pre", "post"} & set(header)):
        return 0, [
            (
                1,
                "participant",
                _("The header row must name the columns: participant, pre, post (and optionally max_pre, max_post)."),
            )
        ]
    participants = list(event.participants.order_by("id"))
    by_number = {str(n): p for n, p in enumerate(participants, start=1)}
    by_email = {p.email_index: p for p in participants if p.email_index}
    default_max = event.max_test_score or 0
    errors: list[RowError] = []
    values: list[tuple[Participant, str, int, int]] = []
    seen: set[int] = set()
    for i, raw in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in raw):
            continue
        cells = {header[j]: raw[j].strip() for j in range(min(len(raw), len(header)))}
        who = cells.get("participant", "")
        p = by_number.get(who) or (by_email.get(email_index(who)) if "@" in who else None)
        if p is None:
            errors.append((i, "participant", _("No participant with this number or e-mail on the event's list.")))
            continue
        if p.pk in seen:
            errors.append((i, "participant", _("This participant appears earlier in the file.")))
        seen.add(p.pk)
        for kind in TestKind.values:
            try:
                score = _score(cells.get(kind, ""))
                maximum = _score(cells.get(f"max_{kind}", "")) or default_max
            except ValueError:
                errors.append((i, kind, _("Write a whole number, or leave the cell empty.")))
                continue
            if score is None:
                continue
            if not maximum:
                errors.append((i, f"max_{kind}", _("Enter the maximum score of this test (a whole number above 0).")))
            elif score > maximum:
                errors.append((i, kind, _("The score is above the maximum (%(max)d).") % {"max": maximum}))
            else:
                values.append((p, kind, score, maximum))
    if errors:
        return 0, errors
    if not values:
        return 0, [(2, "participant", _("The file has no scores to import."))]
    with transaction.atomic():
        for participant, kind, score, maximum in values:
            TestResult.objects.update_or_create(
                participant=participant, kind=kind, defaults={"score": score, "max_score": maximum}
            )
            record(user, Action.UPDATE, participant, fields=[f"{kind}_test"])
    return len(values), []
