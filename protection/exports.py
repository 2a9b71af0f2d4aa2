"""Export and import of cases with HTCDS column names (CSV and XLSX).

Exports are anonymous by default; an identified export needs protection.export_identified and a
stated reason, and is audited. Imports check every row first and write nothing unless all are valid.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record
from core.crypto import normalise_phone

from . import choices, services
from .models import Case, Identification, Screening
from .selectors import cases_visible_to

if TYPE_CHECKING:
    from accounts.models import User

MOC = "vic_MethodsOfControl"

ANONYMOUS_COLUMNS = [
    "cas_Status", "prs_Gender", "ageBroad", "prs_Citizenship", "vic_TraffickingStatus",
    "vic_TraffickingStatusDecisionMakingOrg", "vic_TypeOfExploitation", "vic_ForcedLabourIndustry",
    MOC, "vic_LocationOfExploitation", "yearOfRegistration",
]
IDENTIFIED_COLUMNS = [
    "cas_CaseCode", "cas_CaseOwner", "prs_FirstName", "prs_MiddleName", "prs_SecondName", "prs_Birthdate",
    "prs_PrimaryLanguage", "prs_SecondaryLanguage", "prs_MobilePhone", "prs_Email", "prs_MailingStreet",
    "prs_IdentityNumber", "cas_ReasonForCaseClosure",
]
IDENTITY_COLUMNS = {  # HTCDS column -> Identity field
    "prs_FirstName": "first_name", "prs_MiddleName": "middle_name", "prs_SecondName": "second_name",
    "prs_Birthdate": "birth_date", "prs_Citizenship": "citizenship", "prs_PrimaryLanguage": "primary_language",
    "prs_SecondaryLanguage": "secondary_language", "prs_MobilePhone": "mobile_phone", "prs_Email": "email",
    "prs_MailingStreet": "address", "prs_IdentityNumber": "identity_number",
}


# --- small-cell protection of the anonymous export (k-anonymity, the CTDC convention) ------------

K_ANONYMITY = 11  # CTDC publishes victim-level data so that every combination occurs at least 11 times
MISSING = "-99"  # the CTDC missing-value code: a suppressed value reads as missing
QUASI_IDENTIFIERS = ["prs_Gender", "ageBroad", "prs_Citizenship", "vic_TypeOfExploitation",
                     "vic_ForcedLabourIndustry", "vic_LocationOfExploitation", "yearOfRegistration"]
# Steps tried in order for a row whose combination is rarer than k, least informative loss first:
# ("suppress", column) sets the value to -99; ("generalise", "ageBroad") keeps only child / adult.
PROTECTION_STEPS: list[tuple[str, str]] = [
    ("suppress", "vic_ForcedLabourIndustry"), ("suppress", "vic_LocationOfExploitation"),
    ("generalise", "ageBroad"), ("suppress", "prs_Citizenship"), ("suppress", "vic_TypeOfExploitation"),
    ("suppress", "yearOfRegistration"), ("suppress", "ageBroad"), ("suppress", "prs_Gender"),
]
CHILD_AGES = "0--17"
ADULT_AGES = "18+"


@dataclass
class Protection:
    """What small-cell protection did to an anonymous export."""

    k: int
    rows_in: int
    rows_out: int
    suppressed: int  # values replaced by -99
    generalised: int  # ages widened to child / adult
    dropped: int  # rows that could not be protected and were left out


def _generalise_age(value: str) -> str:
    if not value or value == MISSING:
        return value
    return CHILD_AGES if value in choices.CHILD_AGE_RANGES else ADULT_AGES


def _released(row: list[str], level: int, index: dict[str, int]) -> list[str]:
    out = list(row)
    for kind, column in PROTECTION_STEPS[:level]:
        i = index[column]
        out[i] = _generalise_age(out[i]) if kind == "generalise" else MISSING
    return out


def protect_small_cells(rows: list[list[str]], columns: list[str], k: int = K_ANONYMITY
                        ) -> tuple[list[list[str]], Protection]:
    """k-anonymity over the quasi-identifiers: every combination of them in the result occurs at least k times.

    Missing values are written -99 (CTDC), like suppressed ones, and are not counted as suppressed.

    Rows in a combination rarer than k take the next protection step (generalise or suppress one more
    quasi-identifier) until their combination is common enough; rows still rarer than k with every
    quasi-identifier suppressed are dropped. Rows only ever move out of small groups, so groups already
    large enough stay as they are, and the loop ends after at most len(PROTECTION_STEPS) rounds.
    """
    index = {c: i for i, c in enumerate(columns)}
    qi = [index[c] for c in QUASI_IDENTIFIERS if c in index]
    # A missing value is written -99 too, so a suppressed value cannot be told apart from a missing one.
    rows = [[v if v != "" else MISSING for v in row] for row in rows]
    levels = [0] * len(rows)
    top = len(PROTECTION_STEPS)

    def key(i: int) -> tuple[str, ...]:
        released = _released(rows[i], levels[i], index)
        return tuple(released[j] for j in qi)

    while True:
        keys = [key(i) for i in range(len(rows))]
        counts = Counter(keys)
        small = [i for i, kk in enumerate(keys) if counts[kk] < k and levels[i] < top]
        if not small:
            break
        for i in small:
            levels[i] += 1
    out: list[list[str]] = []
    suppressed = generalised = dropped = 0
    for i, row in enumerate(rows):
        if counts[keys[i]] < k:
            dropped += 1
            continue
        released = _released(row, levels[i], index)
        for j in qi:
            if released[j] == row[j]:
                continue
            if released[j] == MISSING:
                suppressed += 1
            else:
                generalised += 1
        out.append(released)
    return out, Protection(k=k, rows_in=len(rows), rows_out=len(out), suppressed=suppressed,
                           generalised=generalised, dropped=dropped)


@dataclass
class ExportFile:
    content: bytes
    content_type: str
    filename: str
    rows: int
    protection: Protection | None = None


def _methods_of_control(case_ids: list[int]) -> dict[int, list[str]]:
    through = Screening.observed.through
    found: dict[int, list[str]] = defaultdict(list)
    for case_id, value in (through.objects.filter(screening__case_id__in=case_ids, indicator__htcds_field=MOC)
                           .values_list("screening__case_id", "indicator__htcds_value").distinct()):
        if value not in found[case_id]:
            found[case_id].append(value)
    return found


def _decision_orgs(case_ids: list[int]) -> dict[int, str]:
    latest: dict[int, str] = {}
    for case_id, org_type in (Identification.objects.filter(case_id__in=case_ids)
                              .order_by("case_id", "-decided_on", "-id").values_list("case_id", "decision_org_type")):
        latest.setdefault(case_id, org_type)
    return latest


def _row(case: Case, moc: list[str], decision_org: str, identified: bool) -> list[str]:
    p = case.person
    row = [case.status, p.gender, p.age_range if p.age_range != choices.AgeRange.UNKNOWN else "", p.citizenship,
           case.trafficking_status, decision_org, case.exploitation_types, case.labour_industry, ";".join(moc),
           case.country_of_exploitation, str(timezone.localtime(case.opened_at).year)]
    if identified:
        birth = p.birth_date
        row += [case.code, case.case_worker.username if case.case_worker else "", p.first_name, p.middle_name,
                p.second_name, birth.isoformat() if isinstance(birth, datetime.date) else "", p.primary_language,
                p.secondary_language, p.mobile_phone, p.email, p.address, p.identity_number, case.closure_reason]
    return row


def export_cases(actor: User, *, fmt: str = "csv", identified: bool = False, reason: str = "") -> ExportFile:
    """The actor's organisation's cases as an HTCDS-columned file. Shared cases are never exported."""
    services.require_capability(actor, "protection.view")
    if identified:
        if not actor.has_capability("protection.export_identified"):
            record(actor, Action.PERMISSION_DENIED, object_type="protection.case", object_id="export_identified")
            raise PermissionDenied
        if not reason.strip():
            raise ValidationError({"reason": _("Say why you need names and contacts in the export.")})
    header = ANONYMOUS_COLUMNS + (IDENTIFIED_COLUMNS if identified else [])
    rows = _export_rows(actor, identified)
    protection = None
    if not identified:  # names and contacts are out; now make sure no rare combination points to one person
        rows, protection = protect_small_cells(rows, header)
    record(actor, Action.EXPORT, object_type="protection.case", fields=header,
           reason=(reason.strip() if identified else "anonymous export") + f" ({len(rows)} rows, {fmt})"
           + (f", k={protection.k}: {protection.suppressed} values suppressed, {protection.generalised} "
              f"generalised, {protection.dropped} rows dropped" if protection else ""))
    stamp = timezone.localdate().isoformat()
    name = f"ctims-cases-{'identified' if identified else 'anonymous'}-{stamp}.{fmt}"
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("cases")
        ws.append(header)
        for r in rows:
            ws.append(r)
        if protection:
            readme = wb.create_sheet("README")
            for line in protection_notes(protection):
                readme.append([line])
        out = io.BytesIO()
        wb.save(out)
        return ExportFile(out.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          name, len(rows), protection)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    return ExportFile(text.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8", name, len(rows), protection)


def _export_rows(actor: User, identified: bool) -> list[list[str]]:
    cases = list(cases_visible_to(actor, "organisation").select_related("person", "case_worker").order_by("id"))
    ids = [c.id for c in cases]
    moc, orgs = _methods_of_control(ids), _decision_orgs(ids)
    return [_row(c, moc.get(c.id, []), orgs.get(c.id, ""), identified) for c in cases]


def anonymous_protection(actor: User) -> Protection:
    """What small-cell protection would do to the actor's anonymous export now (shown on the export page,
    since a CSV file has no place for a note)."""
    services.require_capability(actor, "protection.view")
    return protect_small_cells(_export_rows(actor, False), ANONYMOUS_COLUMNS)[1]


def protection_notes(p: Protection) -> list[str]:
    """The README sheet of an anonymous XLSX export, in the reader's language."""
    return [
        _("Anonymous export with small-cell protection (k-anonymity, k = %(k)d).") % {"k": p.k},
        _("Quasi-identifiers: %(columns)s.") % {"columns": ", ".join(QUASI_IDENTIFIERS)},
        _("Every combination of them occurs at least %(k)d times. Rarer combinations were generalised (age to "
          "child 0--17 or adult 18+) or suppressed (set to -99, the CTDC missing-value code); rows that could "
          "not be protected were left out.") % {"k": p.k},
        _("Cases: %(rows_in)d; rows exported: %(rows_out)d; values suppressed: %(suppressed)d; values "
          "generalised: %(generalised)d; rows left out: %(dropped)d.") % {
            "rows_in": p.rows_in, "rows_out": p.rows_out, "suppressed": p.suppressed,
            "generalised": p.generalised, "dropped": p.dropped},
    ]


# --- import -----------------------------------------------------------------------------------

IMPORT_COLUMNS = set(ANONYMOUS_COLUMNS + IDENTIFIED_COLUMNS) - {"cas_CaseCode", "cas_CaseOwner", "yearOfRegistration",
                                                               MOC}


@dataclass
class Problem:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    problems: list[Problem]
    cases: list[Case]


def _read_rows(filename: str, content: bytes) -> list[list[Any]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ValidationError({"file": _("The file could not be read as an Excel workbook.")}) from exc
        return [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError({"file": _("Save the CSV file as UTF-8 and try again.")}) from exc
    return [list(r) for r in csv.reader(io.StringIO(text))]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _check_choice(value: str, allowed: Iterable[str], multi: bool = False) -> str | None:
    values = [v for v in value.split(";") if v] if multi else [value]
    bad = [v for v in values if v not in set(allowed)]
    return (_("'%(value)s' is not an HTCDS value for this column.") % {"value": bad[0]}) if bad else None


def _validate_row(cells: dict[str, str]) -> list[tuple[str, str]]:
    """Problems in one row as (column, message)."""
    problems: list[tuple[str, str]] = []
    status = cells.get("cas_Status", "")
    if not status:
        problems.append(("cas_Status", _("The case status is missing.")))
    elif msg := _check_choice(status, choices.CaseStatus.values):
        problems.append(("cas_Status", msg))
    elif status in choices.CLOSED_STATUSES and not cells.get("cas_ReasonForCaseClosure"):
        problems.append(("cas_ReasonForCaseClosure", _("A closed case needs the reason for closure.")))
    for column, allowed, multi in (
        ("prs_Gender", choices.Gender.values, False),
        ("ageBroad", choices.AgeRange.values, False),
        ("vic_TraffickingStatus", choices.TraffickingStatus.values, False),
        ("vic_TraffickingStatusDecisionMakingOrg", choices.DecisionMakingOrg.values, False),
        ("vic_TypeOfExploitation", choices.ExploitationType.values, True),
        ("vic_ForcedLabourIndustry", choices.LabourIndustry.values, False),
        ("prs_Citizenship", [c for c, _label in choices.COUNTRIES], True),
        ("vic_LocationOfExploitation", [c for c, _label in choices.COUNTRIES], False),
    ):
        if cells.get(column) and (msg := _check_choice(cells[column], allowed, multi)):
            problems.append((column, msg))
    if cells.get("vic_TraffickingStatus") and not cells.get("vic_TraffickingStatusDecisionMakingOrg"):
        problems.append(("vic_TraffickingStatusDecisionMakingOrg",
                         _("Say which type of organisation decided the trafficking status.")))
    if cells.get("prs_Birthdate"):
        try:
            datetime.date.fromisoformat(cells["prs_Birthdate"])
        except ValueError:
            problems.append(("prs_Birthdate", _("Write the date as YYYY-MM-DD.")))
    if cells.get("prs_MobilePhone") and normalise_phone(cells["prs_MobilePhone"]) is None:
        problems.append(("prs_MobilePhone", _("This is not a phone number we can read; include the country code.")))
    return problems


def import_cases(actor: User, filename: str, content: bytes) -> ImportResult:
    """Check every row; if all are valid, register every person and case in one transaction."""
    services.require_capability(actor, "protection.manage")
    rows = _read_rows(filename, content)
    if not rows or not any(_text(c) for c in rows[0]):
        return ImportResult([Problem(1, "", _("The file is empty: the first row must name the HTCDS columns."))], [])
    header = [_text(c) for c in rows[0]]
    problems = [Problem(1, h, _("Unknown column: use HTCDS field names.")) for h in header
                if h and h not in IMPORT_COLUMNS]
    if "cas_Status" not in header:
        problems.append(Problem(1, "cas_Status", _("The column cas_Status is required.")))
    if any(h in IDENTITY_COLUMNS for h in header) and not actor.has_capability("protection.view_identity"):
        problems.append(Problem(1, "", _("Your role may not import names and contacts.")))
    parsed: list[dict[str, str]] = []
    for number, raw in enumerate(rows[1:], start=2):
        cells = {h: _text(v) for h, v in zip(header, raw, strict=False) if h}
        if not any(cells.values()):
            continue
        problems += [Problem(number, col, msg) for col, msg in _validate_row(cells)]
        parsed.append(cells)
    if not parsed and not problems:
        problems.append(Problem(2, "", _("The file has no rows to import.")))
    if problems:
        return ImportResult(problems, [])
    created = []
    with transaction.atomic():
        for cells in parsed:
            ident = services.Identity.from_data({
                field: (datetime.date.fromisoformat(cells[col]) if field == "birth_date" else cells[col])
                for col, field in IDENTITY_COLUMNS.items() if cells.get(col)})
            case = services.register_person(
                actor, ident, gender=cells.get("prs_Gender") or choices.Gender.UNKNOWN,
                age_range=cells.get("ageBroad", ""), status=cells["cas_Status"],
                closure_reason=cells.get("cas_ReasonForCaseClosure", ""),
                exploitation_types=[v for v in cells.get("vic_TypeOfExploitation", "").split(";") if v],
                labour_industry=cells.get("vic_ForcedLabourIndustry", ""),
                country_of_exploitation=cells.get("vic_LocationOfExploitation", ""))
            if cells.get("vic_TraffickingStatus"):
                services.record_identification(
                    actor, case.id, status=cells["vic_TraffickingStatus"],
                    decision_org_type=cells["vic_TraffickingStatusDecisionMakingOrg"], deciding_organisation=None,
                    decided_on=timezone.localdate())
            created.append(case)
    return ImportResult([], created)
