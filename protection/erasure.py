"""What the retention module needs from protection: find a case, list closed cases, anonymise, erase.

Retention decides *when* (its schedule, holds and second-person confirmation); these functions decide
*what* a case's end of life touches, so the retention app never reaches into protection's tables.
Each writes its own audit event (field names only) and removes encrypted files only once the
transaction has committed, so a rolled-back erasure loses nothing.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from audit.models import Action
from audit.services import record

from .choices import CLOSED_STATUSES
from .models import (
    Assessment,
    Case,
    CaseDocument,
    CaseNote,
    CaseTask,
    Consent,
    Identification,
    MonitoringVisit,
    Person,
    Referral,
    ReintegrationAssistance,
    ReturnAndReintegration,
    Screening,
    ServiceDelivered,
    SupportPlanItem,
    Transfer,
)
from .services import DOCUMENT_DIR

PERSON_SOURCE = "protection.person"  # the links module's source type for a person's identifiers


def find_case(organisation_id: int, code: str) -> Case | None:
    """The organisation's own case with this code (codes are stored upper-case), or None."""
    return Case.objects.filter(organisation_id=organisation_id, code=code.strip().upper()).first()


def case_codes(ids: list[int]) -> dict[int, str]:
    return dict(Case.objects.filter(pk__in=ids).values_list("pk", "code"))


def case_owner(case_id: int) -> int | None:
    return Case.objects.filter(pk=case_id).values_list("organisation_id", flat=True).first()


def closed_cases(closed_before: datetime.datetime) -> QuerySet[Case]:
    """Closed cases whose closure is older than `closed_before` (the retention schedule's candidates)."""
    return Case.objects.filter(status__in=CLOSED_STATUSES, closed_at__lt=closed_before)


def _remove_files_after_commit(storage_names: list[str]) -> None:
    root = Path(settings.MEDIA_ROOT) / DOCUMENT_DIR

    def remove() -> None:
        for name in storage_names:
            (root / name).unlink(missing_ok=True)

    if storage_names:
        transaction.on_commit(remove)


def _drop_documents_notes_tasks(case: Case) -> dict[str, int]:
    docs = CaseDocument.objects.filter(case=case)
    names = list(docs.values_list("storage_name", flat=True))
    counts = {"documents": docs.delete()[0], "notes": CaseNote.objects.filter(case=case).delete()[0],
              "tasks": CaseTask.objects.filter(case=case).delete()[0]}
    _remove_files_after_commit(names)
    return counts


def _forget_person(person: Person) -> None:
    from links.services import forget_source

    forget_source(source_type=PERSON_SOURCE, source_id=person.pk)


@transaction.atomic
def anonymise_case(case_id: int, *, closed_before: datetime.datetime) -> bool:
    """Wipe every free-text and identifying value of a closed case, keeping what statistics count.

    Status, dates, exploitation types, sex and age range stay, so programme figures do not change;
    notes, tasks and documents (with their files) go. The person's identity is wiped too unless
    another of their cases is still open or closed more recently than `closed_before`.
    Returns False if the case no longer exists.
    """
    case = Case.objects.select_related("person").filter(pk=case_id).first()
    if case is None:
        return False
    Case.objects.filter(pk=case.pk).update(summary="", closure_reason="")
    Screening.objects.filter(case=case).update(notes="")
    Identification.objects.filter(case=case).update(basis="")
    Consent.objects.filter(case=case).update(guardian_name="", guardian_relationship="")
    Assessment.objects.filter(case=case).update(needs="")
    SupportPlanItem.objects.filter(case=case).update(objectives="", action_plan="")
    ServiceDelivered.objects.filter(case=case).update(outcome="")
    Referral.objects.filter(case=case).update(details="", decline_reason="", revoke_reason="")
    Transfer.objects.filter(case=case).update(reason="")
    ReturnAndReintegration.objects.filter(case=case).update(place_of_origin="", escort_details="", documents="")
    ReintegrationAssistance.objects.filter(plan__case=case).update(description="")
    MonitoringVisit.objects.filter(plan__case=case).update(outcome="")
    _drop_documents_notes_tasks(case)
    fields = ["summary", "closure_reason", "notes", "documents", "tasks", "screening.notes",
              "identification.basis", "consent.guardian_name", "assessment.needs", "plan.objectives",
              "service.outcome", "referral.details", "transfer.reason", "return_plan.place_of_origin"]
    person = case.person
    others_kept = person.cases.exclude(pk=case.pk).exclude(
        Q(status__in=CLOSED_STATUSES) & Q(closed_at__lt=closed_before)).exists()
    if not others_kept:
        wiped: dict[str, object] = dict.fromkeys(Person.IDENTITY_FIELDS, "")
        wiped.update(birth_date=None, phone_index="", document_index="", name_index="", birth_index="")
        Person.objects.filter(pk=person.pk).update(**wiped)
        _forget_person(person)
        fields += [f"person.{f}" for f in Person.IDENTITY_FIELDS]
    record(None, Action.UPDATE, case, fields=fields, reason="retention: anonymised",
           organisation_id=case.organisation_id)
    return True


@transaction.atomic
def erase_case(case_id: int, *, reason: str = "erasure") -> dict[str, int]:
    """Delete a case and everything derived from it (GDPR Art. 17): its records, notes, encrypted files,
    referrals (so no organisation keeps a shared view) and consents; the person too when they have no
    other case, with the identifiers they gave the links module. Returns counts of what went."""
    case = Case.objects.select_related("person").filter(pk=case_id).first()
    if case is None:
        return {}
    counts = _drop_documents_notes_tasks(case)
    counts["referrals"] = Referral.objects.filter(case=case).delete()[0]
    counts["consents"] = Consent.objects.filter(case=case).delete()[0]
    person, organisation_id = case.person, case.organisation_id
    case.delete()
    counts["cases"] = 1
    if not person.cases.exists():
        _forget_person(person)
        person.delete()
        counts["persons"] = 1
    record(None, Action.DELETE, object_type="protection.case", object_id=case_id, fields=sorted(counts),
           reason=reason, organisation_id=organisation_id)
    return counts


def forget_source_record(source_type: str, source_id: int) -> int:
    """A call or observation a case was opened from is erased: the case forgets where it came from."""
    return Case.objects.filter(source_type=source_type, source_id=source_id).update(source_type="", source_id=None)
