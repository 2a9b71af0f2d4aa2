"""Export and import of cases with HTCDS column names (CSV and XLSX).

Exports are anonymous by default; an identified export needs protection.export_identified and a
stated reason, and is audited. Imports check every row first and write nothing unless all are valid.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.models import Action
from audit.services import record

from . import choices, services
from .models import Case, Identification, Screening
from .selectors import cases_visible_to

if TYPE_CHECKING:
    from accounts.models import User

MOC = "vic_MethodsOfControl"

# CTIMS columns that are not HTCDS 2.0 fields carry this prefix, so an importer can tell them apart
# (documented in docs/modules/protection.md). ctims_ageBroad and ctims_yearOfRegistration are the CTDC variables.
EXTRA_PREFIX = "ctims_"
AGE = "ctims_ageBroad"
YEAR = "ctims_yearOfRegistration"

ANONYMOUS_COLUMNS = [
    "cas_Status", "prs_Gender", AGE, "prs_Citizenship", "vic_TraffickingStatus",
    "vic_TraffickingStatusDecisionMakingOrg", "vic_TypeOfExploitation", "vic_ForcedLabourIndustry",
    MOC, "vic_LocationOfExploitation", YEAR, "vic_MethodOfRecruitment", "vic_TypeOfSexExploitation",
    "vic_RelationshipToTrafficker",
]
# The identified export re-imports as it is (cas_CaseCode keys the rows, so a second import creates nothing).
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
QUASI_IDENTIFIERS = ["prs_Gender", AGE, "prs_Citizenship", "vic_TypeOfExploitation",
                     "vic_ForcedLabourIndustry", "vic_LocationOfExploitation", YEAR]
# Steps tried in order for a row whose combination is rarer than k, least informative loss first:
# ("suppress", column) sets the value to -99; ("generalise", AGE) keeps only child / adult.
PROTECTION_STEPS: list[tuple[str, str]] = [
    ("suppress", "vic_ForcedLabourIndustry"), ("suppress", "vic_LocationOfExploitation"),
    ("generalise", AGE), ("suppress", "prs_Citizenship"), ("suppress", "vic_TypeOfExploitation"),
    ("suppress", YEAR), ("suppress", AGE), ("suppress", "prs_Gender"),
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
    moc = list(dict.fromkeys([*case.methods_of_control.split(";"), *moc]))
    row = [case.status, p.gender, p.age_range if p.age_range != choices.AgeRange.UNKNOWN else "", p.citizenship,
           case.trafficking_status, decision_org, case.exploitation_types, case.labour_industry,
           ";".join(m for m in moc if m), case.country_of_exploitation, str(timezone.localtime(case.opened_at).year),
           case.recruitment_methods, case.sex_exploitation_types, case.relationship_to_trafficker]
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
        ngettext("Every combination of them occurs at least %(k)d time. Rarer combinations were generalised (age "
                 "to child 0--17 or adult 18+) or suppressed (set to -99, the CTDC missing-value code); rows that "
                 "could not be protected were left out.",
                 "Every combination of them occurs at least %(k)d times. Rarer combinations were generalised (age "
                 "to child 0--17 or adult 18+) or suppressed (set to -99, the CTDC missing-value code); rows that "
                 "could not be protected were left out.", p.k) % {"k": p.k},
        _("Cases: %(rows_in)d; rows exported: %(rows_out)d; values suppressed: %(suppressed)d; values "
          "generalised: %(generalised)d; rows left out: %(dropped)d.") % {
            "rows_in": p.rows_in, "rows_out": p.rows_out, "suppressed": p.suppressed,
            "generalised": p.generalised, "dropped": p.dropped},
    ]
