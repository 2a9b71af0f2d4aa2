"""Every write to protection records: one function per action, each with its permission check and audit event.

Pages, the API, imports and the demo all call these, so no path can skip a check or an audit row.
Errors a person can fix raise ValidationError keyed by form field; missing rights raise PermissionDenied;
a case the actor may not open raises Http404 (we never confirm it exists).
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation
from audit.models import Action
from audit.services import record
from core import crypto, storage
from notifications.models import Kind
from notifications.services import notify, users_with

from . import identity as idx
from .choices import (
    CLOSED_STATUSES,
    MONITORING_MONTHS,
    OPEN_STATUSES,
    AgeRange,
    CasePart,
    CaseStatus,
    ConsentPurpose,
    ReferralStatus,
    ReturnStage,
)
from .models import (
    REVIEW_MONTHS,
    Assessment,
    Case,
    CaseCounter,
    CaseDocument,
    CaseNote,
    CaseTask,
    Consent,
    Identification,
    Indicator,
    MonitoringVisit,
    Person,
    Referral,
    ReintegrationAssistance,
    ReturnAndReintegration,
    Screening,
    ServiceDelivered,
    SupportPlanItem,
    Transfer,
    TransferStatus,
    add_months,
)
from .screening import recommend
from .selectors import CaseAccess, case_access, cases_visible_to
from .translit import similar_names

if TYPE_CHECKING:
    from accounts.models import User
    from directory.models import Service

log = logging.getLogger("ctims.protection")

DOCUMENT_DIR = "protection"
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


class ConsentMissing(ValidationError):
    """A referral or transfer without the person's matching, active consent."""


def require_capability(actor: User, capability: str) -> None:
    if not actor.is_authenticated or not actor.has_capability(capability):
        record(actor, Action.PERMISSION_DENIED, object_type="protection", object_id=capability)
        raise PermissionDenied


def managed_case(actor: User, case_id: int) -> CaseAccess:
    """The actor's own organisation's case, for a change; 404 if not visible, 403 if read-only."""
    access = case_access(actor, case_id)
    if access is None:
        raise Http404
    if not access.can_manage:
        record(actor, Action.PERMISSION_DENIED, access.case)
        raise PermissionDenied
    return access


def _today() -> datetime.date:
    return timezone.localdate()


# --- persons and cases ------------------------------------------------------------------------


@dataclass
class Identity:
    """What a person tells us about who they are. Every field is optional and stored encrypted."""

    first_name: str = ""
    middle_name: str = ""
    second_name: str = ""
    other_names: str = ""
    birth_date: datetime.date | None = None
    citizenship: str = ""
    primary_language: str = ""
    secondary_language: str = ""
    mobile_phone: str = ""
    email: str = ""
    address: str = ""
    identity_number: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Identity:
        names = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: v for k, v in data.items() if k in names}
        for k, v in values.items():
            if v is None and k != "birth_date":
                values[k] = ""
        return cls(**values)

    def filled(self) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name)]


@dataclass
class PossibleDuplicate:
    case: Case
    reasons: list[str]
    person_has_open_case: bool = False  # if not, the page offers "open a new case for this person"


def _age_range(birth_date: datetime.date | None, given: str) -> str:
    if birth_date:
        today = _today()
        years = today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
        return AgeRange.for_age(max(years, 0))
    return given or AgeRange.UNKNOWN


def _apply_identity(person: Person, ident: Identity) -> list[str]:
    """Copy identity onto the person and refresh its blind indexes; returns the changed field names."""
    changed = []
    for f in fields(ident):
        value = getattr(ident, f.name)
        if getattr(person, f.name) != value:
            setattr(person, f.name, value)
            changed.append(f.name)
    person.phone_index = idx.phone_index(ident.mobile_phone)
    person.document_index = idx.document_index(ident.identity_number)
    person.name_index = idx.name_index(ident.first_name, ident.second_name)
    person.birth_index = idx.birth_index(ident.birth_date)
    return changed


def possible_duplicates(actor: User, ident: Identity) -> list[PossibleDuplicate]:
    """Cases in the actor's organisation that may be the same person.

    Exact: the same phone or document number (blind index). Close: the same name skeleton across
    Latin and Cyrillic spellings, or the same birth date with a similar name.
    """
    require_capability(actor, "protection.manage")
    org_persons = Person.objects.filter(organisation_id=actor.organisation_id)
    phone, doc = idx.phone_index(ident.mobile_phone), idx.document_index(ident.identity_number)
    name, birth = idx.name_index(ident.first_name, ident.second_name), idx.birth_index(ident.birth_date)
    reasons: dict[int, list[str]] = {}
    if phone:
        for pid in org_persons.filter(phone_index=phone).values_list("id", flat=True)[:20]:
            reasons.setdefault(pid, []).append(_("same phone number"))
    if doc:
        for pid in org_persons.filter(document_index=doc).values_list("id", flat=True)[:20]:
            reasons.setdefault(pid, []).append(_("same document number"))
    if name:
        same_birth = Q(birth_index=birth) if birth else Q()
        for pid in org_persons.filter(Q(name_index=name) & same_birth).values_list("id", flat=True)[:20]:
            reasons.setdefault(pid, []).append(_("same name and date of birth") if birth else _("same name"))
    if birth and (ident.first_name or ident.second_name):
        full = f"{ident.first_name} {ident.second_name}"
        for p in org_persons.filter(birth_index=birth).exclude(name_index=name)[:50]:
            if similar_names(full, f"{p.first_name} {p.second_name}"):
                reasons.setdefault(p.id, []).append(_("similar name and same date of birth"))
    if not reasons:
        return []
    cases = list(cases_visible_to(actor, "organisation").filter(person_id__in=reasons))
    with_open = set(Case.objects.filter(organisation_id=actor.organisation_id, status__in=OPEN_STATUSES,
                                        person_id__in=[c.person_id for c in cases])
                    .values_list("person_id", flat=True))
    return [PossibleDuplicate(c, reasons[c.person_id], c.person_id in with_open) for c in cases]


def next_case_code(organisation: Organisation, year: int) -> str:
    """The next code for the organisation and year, e.g. IOM-2026-00042 (call inside a transaction)."""
    counter, _created = CaseCounter.objects.select_for_update().get_or_create(organisation=organisation, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{organisation.code.upper()}-{year}-{counter.last:05d}"


def _open_case(actor: User, person: Person, **case_fields: Any) -> Case:
    now = timezone.now()
    case = Case.objects.create(
        code=next_case_code(actor.organisation, timezone.localdate(now).year), organisation_id=actor.organisation_id,
        person=person, case_worker=actor, opened_at=now, created_by=actor,
        next_review_due=add_months(timezone.localdate(now), REVIEW_MONTHS), **case_fields,
    )
    record(actor, Action.CREATE, case, fields=["code", "status", *case_fields])
    return case


@transaction.atomic
def register_person(actor: User, ident: Identity, *, gender: str, age_range: str = "", summary: str = "",
                    sensitivity: str = "", exploitation_types: Iterable[str] = (), labour_industry: str = "",
                    country_of_exploitation: str = "", status: str = CaseStatus.ACTIVE,
                    closure_reason: str = "") -> Case:
    """Register a person at risk and open their case in the actor's organisation."""
    require_capability(actor, "protection.manage")
    if status in CLOSED_STATUSES and not closure_reason.strip():
        raise ValidationError({"closure_reason": _("Give the reason for closing the case.")})
    person = Person(organisation_id=actor.organisation_id, gender=gender, created_by=actor,
                    age_range=_age_range(ident.birth_date, age_range))
    _apply_identity(person, ident)
    person.save()
    record(actor, Action.CREATE, person, fields=["gender", "age_range", *ident.filled()])
    extra: dict[str, Any] = {"summary": summary, "exploitation_types": ";".join(exploitation_types),
                             "labour_industry": labour_industry, "country_of_exploitation": country_of_exploitation,
                             "status": status, "closure_reason": closure_reason}
    if sensitivity:
        extra["sensitivity"] = sensitivity
    if status in CLOSED_STATUSES:
        extra["closed_at"] = timezone.now()
    case = _open_case(actor, person, **{k: v for k, v in extra.items() if v})
    _publish_mentions(person)
    return case


@transaction.atomic
def open_case_for_person(actor: User, person_id: int, *, summary: str = "", sensitivity: str = "",
                         exploitation_types: Iterable[str] = (), labour_industry: str = "",
                         country_of_exploitation: str = "") -> Case:
    """A person whose case was closed comes back: open a new case for the same person, without registering
    them again. The actor's organisation must hold a case of the person that the actor may open, and none
    of its cases of that person may still be open (continue that one instead)."""
    require_capability(actor, "protection.manage")
    known = cases_visible_to(actor, "organisation").filter(person_id=person_id).select_related("person").first()
    if known is None:
        raise Http404
    if Case.objects.filter(organisation_id=actor.organisation_id, person_id=person_id,
                           status__in=OPEN_STATUSES).exists():
        raise ValidationError(_("This person already has an open case in your organisation: continue that case "
                                "instead of opening a new one."))
    extra: dict[str, Any] = {"summary": summary, "exploitation_types": ";".join(exploitation_types),
                             "labour_industry": labour_industry, "country_of_exploitation": country_of_exploitation,
                             "sensitivity": sensitivity}
    case = _open_case(actor, known.person, **{k: v for k, v in extra.items() if v})
    record(actor, Action.UPDATE, known.person, fields=["cases"], reason=f"new case {case.code}")
    return case


@transaction.atomic
def open_case_from_intake(actor: User, *, source_type: str, source_id: int, summary: str) -> Case:
    """A hotline call or field observation escalated to protection: a person with no identity yet,
    and an Active case owned by the actor's organisation."""
    require_capability(actor, "protection.manage")
    person = Person.objects.create(organisation_id=actor.organisation_id, created_by=actor)
    record(actor, Action.CREATE, person, fields=["gender", "age_range"])
    return _open_case(actor, person, summary=summary, source_type=source_type[:40], source_id=source_id)


@transaction.atomic
def update_identity(actor: User, case_id: int, ident: Identity, *, gender: str, age_range: str = "") -> Person:
    """Correct or complete the identity of the person in a case (needs protection.view_identity too)."""
    access = managed_case(actor, case_id)
    require_capability(actor, "protection.view_identity")
    person = access.case.person
    changed = _apply_identity(person, ident)
    new_age = _age_range(ident.birth_date, age_range)
    for name, value in (("gender", gender), ("age_range", new_age)):
        if getattr(person, name) != value:
            setattr(person, name, value)
            changed.append(name)
    person.save()
    record(actor, Action.UPDATE, person, fields=changed)
    _publish_mentions(person)
    return person


def _publish_mentions(person: Person) -> None:
    """Hand the person's identifiers to the links module, which matches them across records."""
    from links.services import Mention, record_mentions

    birth: datetime.date | None = person.birth_date  # type: ignore[assignment]
    extra = {"birth_date": birth.isoformat() if birth else "", "sex": person.gender}
    mentions = []
    if person.full_name:
        mentions.append(Mention("person", person.full_name, {k: v for k, v in extra.items() if v}))
    for kind, value in (("phone", person.mobile_phone), ("document", person.identity_number),
                        ("address", person.address)):
        if value.strip():
            mentions.append(Mention(kind, value, {}))
    try:
        # A savepoint: if matching fails (e.g. a race in the links module), the registration still stands.
        with transaction.atomic():
            record_mentions(source_type="protection.person", source_id=person.pk,
                            owner_organisation_id=person.organisation_id, occurred_at=person.created_at,
                            mentions=mentions)
    except Exception as exc:  # the error text may hold identifiers: log its type and the record id only
        log.error("publishing mentions of protection.person %s to links failed: %s", person.pk, type(exc).__name__)


CASE_DETAILS = ("case_worker_id", "sensitivity", "exploitation_types", "labour_industry", "country_of_exploitation",
                "summary")


@transaction.atomic
def update_case(actor: User, case_id: int, *, case_worker: User | None, assigned_workers: Iterable[User],
                sensitivity: str, exploitation_types: Iterable[str], labour_industry: str,
                country_of_exploitation: str, summary: str) -> Case:
    case = managed_case(actor, case_id).case
    workers = list(assigned_workers)
    for w in [case_worker, *workers]:
        if w is not None and w.organisation_id != case.organisation_id:
            raise ValidationError({"case_worker": _("Choose people from the organisation that owns the case.")})
    before = {f: getattr(case, f) for f in CASE_DETAILS}
    before_workers = set(case.assigned_workers.values_list("id", flat=True))
    case.case_worker = case_worker
    case.sensitivity = sensitivity
    case.exploitation_types = ";".join(exploitation_types)
    case.labour_industry = labour_industry
    case.country_of_exploitation = country_of_exploitation
    case.summary = summary
    case.save()
    case.assigned_workers.set(workers)
    changed = [f.removesuffix("_id") for f in CASE_DETAILS if getattr(case, f) != before[f]]
    if {w.pk for w in workers} != before_workers:
        changed.append("assigned_workers")
    record(actor, Action.UPDATE, case, fields=changed)
    newly = [w for w in workers if w.pk not in before_workers]
    if case_worker is not None and case_worker.pk != before["case_worker_id"]:
        newly.append(case_worker)
    notify(newly, Kind.CASE_ASSIGNED, case, actor=actor)
    return case


@transaction.atomic
def set_case_status(actor: User, case_id: int, status: str, closure_reason: str = "") -> Case:
    """Move a case between Active, FollowUp, Closed and ClosedReferred. Closing needs a reason."""
    case = managed_case(actor, case_id).case
    if status not in CaseStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if status in CLOSED_STATUSES:
        if not closure_reason.strip():
            raise ValidationError({"closure_reason": _("Give the reason for closing the case.")})
        case.closure_reason = closure_reason.strip()
        case.closed_at = timezone.now()
    else:
        case.closed_at = None
    case.status = status
    case.save(update_fields=["status", "closure_reason", "closed_at"])
    record(actor, Action.UPDATE, case, fields=["status", *(["closure_reason"] if status in CLOSED_STATUSES else [])])
    return case


def record_review(actor: User, case_id: int) -> Case:
    """The three-monthly review is done: the next one is due three months from today."""
    case = managed_case(actor, case_id).case
    case.last_reviewed_at = timezone.now()
    case.next_review_due = add_months(_today(), REVIEW_MONTHS)
    case.save(update_fields=["last_reviewed_at", "next_review_due"])
    record(actor, Action.UPDATE, case, fields=["last_reviewed_at", "next_review_due"])
    return case


def record_case_view(actor: User, access: CaseAccess, *, sections: Iterable[str] = ()) -> None:
    """Every opening of a case page or API detail leaves a VIEW event (who, when, which parts)."""
    if sections:
        shown = set(sections)
    else:  # the case page: every shared part, identity only where the role shows it
        shown = set(access.parts) - {"identity"} | ({"identity"} if access.identity else set())
    record(actor, Action.VIEW, access.case, fields=sorted(shown))


# --- screening and identification ---------------------------------------------------------------


@transaction.atomic
def record_screening(actor: User, case_id: int, indicator_ids: Iterable[int], notes: str = "") -> Screening:
    case = managed_case(actor, case_id).case
    ids = set(indicator_ids)
    indicators = list(Indicator.objects.filter(pk__in=ids, is_active=True)
                      .select_related("dimension__indicator_set"))
    if len(indicators) != len(ids):
        raise ValidationError({"indicators": _("One of the chosen indicators no longer exists. Reload the page.")})
    result = recommend(indicators)
    screening = Screening.objects.create(case=case, organisation_id=actor.organisation_id, screened_by=actor,
                                         recommendation=result.recommendation, notes=notes)
    screening.observed.set(indicators)
    types = [i.htcds_value for i in indicators if i.htcds_field == "vic_TypeOfExploitation"]
    if types:
        case.exploitation_types = ";".join(dict.fromkeys([*case.exploitation_list, *types]))
        case.save(update_fields=["exploitation_types"])
    record(actor, Action.CREATE, screening, fields=["observed", "recommendation", *(["notes"] if notes else [])])
    return screening


@transaction.atomic
def record_identification(actor: User, case_id: int, *, status: str, decision_org_type: str,
                          deciding_organisation: Organisation | None, decided_on: datetime.date,
                          basis: str = "") -> Identification:
    case = managed_case(actor, case_id).case
    ident = Identification.objects.create(case=case, status=status, decision_org_type=decision_org_type,
                                          deciding_organisation=deciding_organisation, decided_on=decided_on,
                                          basis=basis, recorded_by=actor)
    case.trafficking_status = status
    case.save(update_fields=["trafficking_status"])
    record(actor, Action.CREATE, ident, fields=["status", "decision_org_type", "deciding_organisation", "decided_on"])
    return ident


# --- consent ----------------------------------------------------------------------------------


@transaction.atomic
def give_consent(actor: User, case_id: int, *, purpose: str, language: str, checks: Iterable[str],
                 shared_with: Organisation | None = None, parts: Iterable[str] = (), is_child: bool = False,
                 child_assent: bool = False, guardian_name: str = "", guardian_relationship: str = "",
                 shared_with_service: Service | None = None) -> Consent:
    """Record consent for one purpose. Every HTCDS check must have been explained; a child's needs assent
    and a guardian's consent; sharing needs one named receiver (an organisation in CTIMS or a directory
    service outside it) and the parts it covers."""
    case = managed_case(actor, case_id).case
    errors: dict[str, str] = {}
    done = set(checks)
    if not set(Consent.CHECKS) <= done:
        errors["checks"] = _("Explain every point to the person and tick each one before recording consent.")
    parts = [p for p in CasePart.values if p in set(parts)]
    if purpose == ConsentPurpose.SHARING:
        if shared_with is None and shared_with_service is None:
            errors["shared_with"] = _("Choose the organisation the person agrees to share with.")
        elif shared_with is not None and shared_with_service is not None:
            errors["shared_with_service"] = _("Choose either an organisation in CTIMS or a service from the "
                                              "directory, not both: consent names one receiver.")
        elif shared_with is not None and shared_with.pk == case.organisation_id:
            errors["shared_with"] = _("Choose another organisation: yours already holds the case.")
        if not parts:
            errors["parts"] = _("Choose at least one part of the case that may be shared.")
    else:
        shared_with, shared_with_service, parts = None, None, []
    if is_child:
        if not child_assent:
            errors["child_assent"] = _("A child must assent in their own words before you continue.")
        if not guardian_name.strip():
            errors["guardian_name"] = _("Enter the name of the guardian who consents for the child.")
    if errors:
        raise ValidationError(errors)
    consent = Consent.objects.create(
        case=case, purpose=purpose, shared_with=shared_with, shared_with_service=shared_with_service, parts=parts,
        language=language, is_child=is_child,
        child_assent=child_assent, guardian_name=guardian_name.strip(), guardian_relationship=guardian_relationship,
        taken_by=actor, **dict.fromkeys(Consent.CHECKS, True),
    )
    receiver = ["shared_with_service"] if shared_with_service is not None else ["shared_with"]
    record(actor, Action.CREATE, consent, fields=["purpose", *receiver, "parts", "language", *Consent.CHECKS,
                                                  *(["child_assent", "guardian_name"] if is_child else [])])
    return consent


@transaction.atomic
def withdraw_consent(actor: User, consent_id: int) -> Consent:
    """The person withdraws consent. Referrals that rested on it are revoked at once."""
    consent = Consent.objects.select_for_update().filter(pk=consent_id).first()
    if consent is None:
        raise Http404
    managed_case(actor, consent.case_id)
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = actor
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
        record(actor, Action.UPDATE, consent, fields=["withdrawn_at"])
        for referral in consent.referrals.filter(status__in=(ReferralStatus.SENT, ReferralStatus.ACCEPTED)):
            _close_referral(actor, referral, ReferralStatus.REVOKED, "revoke_reason", _("Consent was withdrawn."))
    return consent


def active_sharing_consent(case: Case, organisation: Organisation) -> Consent | None:
    return (Consent.objects.filter(case=case, purpose=ConsentPurpose.SHARING, shared_with=organisation,
                                   withdrawn_at__isnull=True).order_by("-taken_at").first())


def active_service_consent(case: Case, service: Service) -> Consent | None:
    """The person's active consent to share with this directory service (named to them), if any."""
    return (Consent.objects.filter(case=case, purpose=ConsentPurpose.SHARING, shared_with_service=service,
                                   withdrawn_at__isnull=True).order_by("-taken_at").first())


# --- assessment, plan, services, notes, tasks, documents -----------------------------------------


def add_assessment(actor: User, case_id: int, *, level: str, risk: str, needs: str,
                   assessed_on: datetime.date | None = None) -> Assessment:
    case = managed_case(actor, case_id).case
    item = Assessment.objects.create(case=case, level=level, risk=risk, needs=needs,
                                     assessed_on=assessed_on or _today(), assessed_by=actor)
    record(actor, Action.CREATE, item, fields=["level", "risk", "needs"])
    return item


@transaction.atomic
def add_plan_item(actor: User, case_id: int, *, type: str, objectives: str, action_plan: str = "",
                  planned_end_date: datetime.date | None = None) -> SupportPlanItem:
    case = managed_case(actor, case_id).case
    item = SupportPlanItem.objects.create(case=case, type=type, objectives=objectives, action_plan=action_plan,
                                          planned_end_date=planned_end_date)
    record(actor, Action.CREATE, item, fields=["type", "objectives", "action_plan", "planned_end_date"])
    from approvals.services import plan_item_added

    plan_item_added(actor, item)  # a case worker's plan waits for a supervisor where the organisation says so
    return item


def partner_referral(actor: User, case_id: int) -> Referral | None:
    """The accepted referral through which the actor's organisation may add services and notes to a shared
    case: one that carries the services part (the person consented to share them)."""
    if not actor.is_authenticated or not actor.has_capability("protection.manage"):
        return None
    accepted = Referral.objects.filter(case_id=case_id, to_organisation_id=actor.organisation_id,
                                       status=ReferralStatus.ACCEPTED).order_by("-sent_at")
    return next((r for r in accepted if CasePart.SERVICES in r.parts), None)


def contributing_case(actor: User, case_id: int, what: str) -> CaseAccess:
    """A case the actor may add services and notes to: their own organisation's (with protection.manage), or
    one referred to it by an accepted referral that covers services. 404 if not visible, 403 otherwise."""
    access = case_access(actor, case_id)
    if access is None:
        raise Http404
    if access.own:
        return managed_case(actor, case_id)
    if partner_referral(actor, case_id) is None:
        record(actor, Action.PERMISSION_DENIED, access.case, fields=[what],
               reason="no accepted referral covering services")
        raise PermissionDenied
    return access


def _record_partner_change(actor: User, access: CaseAccess, what: str) -> None:
    """A partner's addition also lands in the owner's case history (the owner sees who added what)."""
    if not access.own:
        record(actor, Action.UPDATE, access.case, fields=[what], reason="added by a referral partner")


def add_service(actor: User, case_id: int, *, type: str, provider: str, started_on: datetime.date,
                ended_on: datetime.date | None = None, outcome: str = "") -> ServiceDelivered:
    """Record a service delivered: by the owner, or by the receiving organisation of an accepted referral
    that covers services."""
    access = contributing_case(actor, case_id, "services")
    if ended_on and ended_on < started_on:
        raise ValidationError({"ended_on": _("The end date must be on or after the start date.")})
    item = ServiceDelivered.objects.create(case=access.case, type=type, provider=provider, started_on=started_on,
                                           ended_on=ended_on, outcome=outcome, recorded_by=actor,
                                           organisation_id=actor.organisation_id)
    record(actor, Action.CREATE, item, fields=["type", "provider", "started_on", "ended_on", "outcome"])
    _record_partner_change(actor, access, "services")
    return item


def add_note(actor: User, case_id: int, text: str) -> CaseNote:
    """Add a note: by the owner, or by the receiving organisation of an accepted referral covering services."""
    access = contributing_case(actor, case_id, "notes")
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    note = CaseNote.objects.create(case=access.case, text=text.strip(), author=actor,
                                   organisation_id=actor.organisation_id)
    record(actor, Action.CREATE, note, fields=["text"])
    _record_partner_change(actor, access, "notes")
    return note


def add_task(actor: User, case_id: int, *, title: str, due_on: datetime.date,
             assigned_to: User | None = None) -> CaseTask:
    case = managed_case(actor, case_id).case
    if assigned_to is not None and assigned_to.organisation_id != case.organisation_id:
        raise ValidationError({"assigned_to": _("Choose people from the organisation that owns the case.")})
    task = CaseTask.objects.create(case=case, title=title, due_on=due_on, assigned_to=assigned_to or actor,
                                   created_by=actor)
    record(actor, Action.CREATE, task, fields=["title", "due_on", "assigned_to"])
    return task


def complete_task(actor: User, task_id: int) -> CaseTask:
    task = CaseTask.objects.filter(pk=task_id).first()
    if task is None:
        raise Http404
    managed_case(actor, task.case_id)
    task.done_at = timezone.now()
    task.save(update_fields=["done_at"])
    record(actor, Action.UPDATE, task, fields=["done_at"])
    return task


def _document_path(storage_name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / DOCUMENT_DIR / storage_name


def add_document(actor: User, case_id: int, *, title: str, filename: str, content_type: str,
                 content: bytes) -> CaseDocument:
    """Store a file encrypted (never in a public place) and list it on the case."""
    case = managed_case(actor, case_id).case
    if len(content) > MAX_DOCUMENT_BYTES:
        raise ValidationError({"file": _("The file is too large: the limit is 10 MB.")})
    storage_name = f"{uuid.uuid4().hex}.bin"
    try:  # whole or not at all: a full disk leaves no truncated file (bench/fault_disk_full.py)
        storage.write_whole(_document_path(storage_name), crypto.fernet().encrypt(content))
    except storage.StorageFullError as exc:
        raise ValidationError({"file": storage.NO_ROOM_MESSAGE}) from exc
    doc = CaseDocument.objects.create(case=case, title=title, filename=filename[:200], size=len(content),
                                      content_type=content_type[:100] or "application/octet-stream",
                                      storage_name=storage_name, uploaded_by=actor)
    record(actor, Action.CREATE, doc, fields=["title", "file"])
    return doc


def read_document(actor: User, document_id: int) -> tuple[CaseDocument, bytes]:
    """The decrypted file, for the owner organisation only (documents are not shared by referral)."""
    doc = CaseDocument.objects.filter(pk=document_id).first()
    if doc is None:
        raise Http404
    access = case_access(actor, doc.case_id)
    if access is None or not access.own:
        raise Http404
    content = crypto.fernet().decrypt(_document_path(doc.storage_name).read_bytes())
    record(actor, Action.VIEW, doc, fields=["file"])
    return doc, content


# --- referrals and transfers ------------------------------------------------------------------


@transaction.atomic
def send_referral(actor: User, case_id: int, *, to_organisation: Organisation | None = None, reason: str,
                  details: str = "", parts: Iterable[str] | None = None,
                  to_service: Service | None = None) -> Referral:
    """Refer a case to another organisation. Needs the person's active consent to share with that
    organisation; the referral carries only the parts the consent covers (narrowed by `parts`).

    With `to_service` instead, the receiver is a directory service outside CTIMS (see
    `send_external_referral`)."""
    if to_service is not None:
        if to_organisation is not None:
            raise ValidationError({"to_service": _("Choose either an organisation in CTIMS or a service from the "
                                                   "directory, not both.")})
        return send_external_referral(actor, case_id, to_service=to_service, reason=reason, details=details,
                                      parts=parts)
    case = managed_case(actor, case_id).case
    if to_organisation is None:
        raise ValidationError({"to_organisation": _("Choose who the case is referred to.")})
    if to_organisation.pk == case.organisation_id:
        raise ValidationError({"to_organisation": _("Choose another organisation: yours already holds the case.")})
    consent = active_sharing_consent(case, to_organisation)
    if consent is None:
        record(actor, Action.PERMISSION_DENIED, case, fields=["referral"], reason="no sharing consent")
        raise ConsentMissing({"to_organisation": _(
            "The person has not consented to share their case with this organisation. "
            "Record their consent first.")})
    wanted = set(parts) if parts is not None else set(consent.parts)
    carried = [p for p in consent.parts if p in wanted]
    if not carried:
        raise ValidationError({"parts": _("Choose at least one part that the consent covers.")})
    if Referral.objects.filter(case=case, to_organisation=to_organisation,
                               status__in=(ReferralStatus.SENT, ReferralStatus.ACCEPTED)).exists():
        raise ValidationError({"to_organisation": _("This case already has an open referral to that organisation.")})
    referral = Referral.objects.create(case=case, from_organisation_id=case.organisation_id,
                                       to_organisation=to_organisation, consent=consent, parts=carried,
                                       reason=reason, details=details, sent_by=actor)
    record(actor, Action.CREATE, referral, fields=["to_organisation", "parts", "reason", "details"])
    notify(users_with(to_organisation.pk, "protection.manage"), Kind.REFERRAL_RECEIVED, referral, actor=actor)
    return referral


def send_external_referral(actor: User, case_id: int, *, to_service: Service, reason: str, details: str = "",
                           parts: Iterable[str] | None = None) -> Referral:
    """Refer a case to a directory service outside CTIMS. Needs the person's active consent naming that
    service; records which consented parts were passed on. The service has no CTIMS account, so the
    referral grants no access to anyone in CTIMS, and the referring case worker records its steps."""
    case = managed_case(actor, case_id).case
    if not to_service.is_active:
        raise ValidationError({"to_service": _("This service is no longer in the directory.")})
    if to_service.organisation_id is not None:
        raise ValidationError({"to_service": _("This service is run by an organisation in CTIMS: refer the "
                                               "case to that organisation instead.")})
    consent = active_service_consent(case, to_service)
    if consent is None:
        record(actor, Action.PERMISSION_DENIED, case, fields=["referral"], reason="no sharing consent")
        raise ConsentMissing({"to_service": _(
            "The person has not consented to share their case with this service. Record their consent first.")})
    wanted = set(parts) if parts is not None else set(consent.parts)
    carried = [p for p in consent.parts if p in wanted]
    if not carried:
        raise ValidationError({"parts": _("Choose at least one part that the consent covers.")})
    if Referral.objects.filter(case=case, to_service=to_service,
                               status__in=(ReferralStatus.SENT, ReferralStatus.ACCEPTED)).exists():
        raise ValidationError({"to_service": _("This case already has an open referral to that service.")})
    referral = Referral.objects.create(case=case, from_organisation_id=case.organisation_id, to_service=to_service,
                                       consent=consent, parts=carried, reason=reason, details=details,
                                       sent_by=actor)
    record(actor, Action.CREATE, referral, fields=["to_service", "parts", "reason", "details"])
    return referral


@transaction.atomic
def record_external_step(actor: User, referral_id: int, action: str, reason: str = "") -> Referral:
    """The referring case worker records what a service outside CTIMS answered: accepted, declined (with
    its reason) or completed. Revoking goes through `revoke_referral` like any referral."""
    referral = Referral.objects.select_for_update().filter(pk=referral_id, to_service__isnull=False).first()
    if referral is None:
        raise Http404
    managed_case(actor, referral.case_id)
    allowed = {"accept": (ReferralStatus.SENT,), "decline": (ReferralStatus.SENT, ReferralStatus.ACCEPTED),
               "complete": (ReferralStatus.ACCEPTED,)}
    if action not in allowed:
        raise Http404
    if referral.status not in allowed[action]:
        raise ValidationError({"status": _("This referral is %(status)s: that step is no longer possible.")
                               % {"status": referral.get_status_display()}})
    now = timezone.now()
    if action == "decline":
        if not reason.strip():
            raise ValidationError({"reason": _("Write the reason the service gave for declining.")})
        referral.responded_by, referral.responded_at = actor, now
        _close_referral(actor, referral, ReferralStatus.DECLINED, "decline_reason", reason.strip())
        return referral
    if action == "accept":
        referral.status = ReferralStatus.ACCEPTED
        referral.responded_by, referral.responded_at = actor, now
    else:
        referral.status, referral.closed_at = ReferralStatus.COMPLETED, now
    referral.save(update_fields=["status", "responded_by", "responded_at", "closed_at"])
    record(actor, Action.UPDATE, referral, fields=["status"])
    return referral


def _incoming(actor: User, referral_id: int, allowed_from: tuple[str, ...]) -> Referral:
    require_capability(actor, "protection.manage")
    referral = Referral.objects.select_for_update().filter(pk=referral_id,
                                                           to_organisation_id=actor.organisation_id).first()
    if referral is None:
        raise Http404
    if referral.status not in allowed_from:
        raise ValidationError({"status": _("This referral is %(status)s: that step is no longer possible.")
                               % {"status": referral.get_status_display()}})
    return referral


@transaction.atomic
def accept_referral(actor: User, referral_id: int) -> Referral:
    referral = _incoming(actor, referral_id, (ReferralStatus.SENT,))
    referral.status = ReferralStatus.ACCEPTED
    referral.responded_by, referral.responded_at = actor, timezone.now()
    referral.save(update_fields=["status", "responded_by", "responded_at"])
    record(actor, Action.UPDATE, referral, fields=["status"])
    _tell_referrer(referral, Kind.REFERRAL_ACCEPTED, actor)
    return referral


def _tell_referrer(referral: Referral, kind: str, actor: User) -> None:
    """The one who sent the referral and the case's worker, if still of the referring organisation."""
    case = referral.case
    people = [u for u in (referral.sent_by, case.case_worker)
              if u is not None and u.organisation_id == referral.from_organisation_id]
    notify(people, kind, referral, actor=actor)


@transaction.atomic
def decline_referral(actor: User, referral_id: int, reason: str) -> Referral:
    """The receiving organisation declines, saying why; it loses access to the case at once."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why you decline, so the referring organisation can find "
                                           "another service.")})
    referral = _incoming(actor, referral_id, (ReferralStatus.SENT,))
    referral.responded_by, referral.responded_at = actor, timezone.now()
    _close_referral(actor, referral, ReferralStatus.DECLINED, "decline_reason", reason.strip())
    _tell_referrer(referral, Kind.REFERRAL_DECLINED, actor)
    return referral


@transaction.atomic
def complete_referral(actor: User, referral_id: int) -> Referral:
    referral = _incoming(actor, referral_id, (ReferralStatus.ACCEPTED,))
    referral.status = ReferralStatus.COMPLETED
    referral.closed_at = timezone.now()
    referral.save(update_fields=["status", "closed_at"])
    record(actor, Action.UPDATE, referral, fields=["status"])
    _tell_referrer(referral, Kind.REFERRAL_COMPLETED, actor)
    return referral


@transaction.atomic
def revoke_referral(actor: User, referral_id: int, reason: str) -> Referral:
    """The referring organisation withdraws the referral; the receiver loses access at once."""
    referral = Referral.objects.select_for_update().filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    managed_case(actor, referral.case_id)
    if referral.status in (ReferralStatus.DECLINED, ReferralStatus.REVOKED):
        raise ValidationError({"status": _("This referral is %(status)s: that step is no longer possible.")
                               % {"status": referral.get_status_display()}})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the referral is revoked.")})
    _close_referral(actor, referral, ReferralStatus.REVOKED, "revoke_reason", reason.strip())
    return referral


REFERRAL_STEPS = ("accept", "decline", "complete", "revoke")


def referral_step(actor: User, referral_id: int, action: str, reason: str = "") -> Referral:
    """One step of a referral by name (accept, decline, complete, revoke): what pages and the API call."""
    steps = {
        "accept": lambda: accept_referral(actor, referral_id),
        "decline": lambda: decline_referral(actor, referral_id, reason),
        "complete": lambda: complete_referral(actor, referral_id),
        "revoke": lambda: revoke_referral(actor, referral_id, reason),
    }
    if action not in steps:
        raise Http404
    if action != "revoke" and Referral.objects.filter(pk=referral_id, to_service__isnull=False).exists():
        return record_external_step(actor, referral_id, action, reason)
    return steps[action]()


def _close_referral(actor: User, referral: Referral, status: str, reason_field: str, reason: str) -> None:
    referral.status = status
    referral.closed_at = timezone.now()
    setattr(referral, reason_field, reason)
    referral.save()
    record(actor, Action.UPDATE, referral, fields=["status", reason_field])


def check_transfer(actor: User, case_id: int, *, to_organisation: Organisation, reason: str) -> Case:
    """The checks of a transfer, before anything is written (also before asking a supervisor's approval)."""
    case = managed_case(actor, case_id).case
    if to_organisation.pk == case.organisation_id:
        raise ValidationError({"to_organisation": _("Choose another organisation: yours already holds the case.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case is transferred.")})
    if active_sharing_consent(case, to_organisation) is None:
        raise ConsentMissing({"to_organisation": _(
            "The person has not consented to share their case with this organisation. "
            "Record their consent first.")})
    if Transfer.objects.filter(case=case, status=TransferStatus.PENDING).exists():
        raise ValidationError({"to_organisation": _("A transfer of this case already waits for an answer.")})
    return case


@transaction.atomic
def transfer_case(actor: User, case_id: int, *, to_organisation: Organisation, reason: str) -> Transfer:
    """Offer the case to another organisation (with the person's consent to share with it). Ownership moves
    only when a supervisor there accepts (`answer_transfer`)."""
    case = check_transfer(actor, case_id, to_organisation=to_organisation, reason=reason)
    transfer = Transfer.objects.create(case=case, from_organisation_id=case.organisation_id,
                                       to_organisation=to_organisation, reason=reason.strip(), transferred_by=actor)
    record(actor, Action.CREATE, transfer, fields=["to_organisation", "reason"])
    notify(users_with(to_organisation.pk, "protection.supervise"), Kind.TRANSFER_REQUESTED, transfer, actor=actor)
    return transfer


@transaction.atomic
def answer_transfer(actor: User, transfer_id: int, *, accept: bool, reason: str = "") -> Transfer:
    """A supervisor of the receiving organisation accepts the transfer (the case becomes theirs, with no case
    worker yet) or refuses it, saying why (the case stays where it was)."""
    require_capability(actor, "protection.supervise")
    transfer = Transfer.objects.select_for_update().select_related("case").filter(
        pk=transfer_id, to_organisation_id=actor.organisation_id).first()
    if transfer is None:
        raise Http404
    if transfer.status != TransferStatus.PENDING:
        raise ValidationError({"status": _("This transfer is %(status)s: that step is no longer possible.")
                               % {"status": transfer.get_status_display()}})
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Say why you refuse the transfer.")})
    transfer.answered_by, transfer.answered_at = actor, timezone.now()
    transfer.status = TransferStatus.ACCEPTED if accept else TransferStatus.REFUSED
    transfer.refuse_reason = "" if accept else reason.strip()
    transfer.save(update_fields=["answered_by", "answered_at", "status", "refuse_reason"])
    record(actor, Action.UPDATE, transfer, fields=["status", *([] if accept else ["refuse_reason"])])
    if accept:
        case = transfer.case
        case.organisation_id = transfer.to_organisation_id
        case.case_worker = None
        case.save(update_fields=["organisation", "case_worker"])
        case.assigned_workers.clear()
        record(actor, Action.UPDATE, case, fields=["organisation", "case_worker", "assigned_workers"])
    requester = transfer.transferred_by
    if requester is not None and requester.organisation_id == transfer.from_organisation_id:
        notify([requester], Kind.TRANSFER_ANSWERED, transfer, actor=actor)
    return transfer


# --- return and reintegration -----------------------------------------------------------------

RETURN_FIELDS = ("country_of_origin", "place_of_origin", "travel_date", "escort", "escort_details", "documents",
                 "receiving_partner", *ReturnAndReintegration.CHECKS)


@transaction.atomic
def save_return_plan(actor: User, case_id: int, **data: Any) -> ReturnAndReintegration:
    """Create or update the voluntary-return plan. Needs the person's consent to return."""
    case = managed_case(actor, case_id).case
    if not Consent.objects.filter(case=case, purpose=ConsentPurpose.RETURN, withdrawn_at__isnull=True).exists():
        raise ConsentMissing(_(  # about the case, not a field of the plan: shown above the form
            "The person has not consented to a voluntary return. Record their consent first."))
    plan = ReturnAndReintegration.objects.filter(case=case).first()
    created = plan is None
    plan = plan or ReturnAndReintegration(case=case)
    changed = []
    for name in RETURN_FIELDS:
        if name in data and getattr(plan, name) != data[name]:
            setattr(plan, name, data[name])
            changed.append(name)
    plan.save()
    record(actor, Action.CREATE if created else Action.UPDATE, plan, fields=changed)
    return plan


@transaction.atomic
def set_return_stage(actor: User, case_id: int, stage: str, returned_on: datetime.date | None = None
                     ) -> ReturnAndReintegration:
    """Move the return forward. 'Ready' needs the whole checklist; 'returned' needs the arrival date
    and schedules the monitoring visits at 3, 6 and 12 months."""
    case = managed_case(actor, case_id).case
    plan = ReturnAndReintegration.objects.filter(case=case).first()
    if plan is None:
        raise Http404
    order = list(ReturnStage.values)
    if stage not in order:
        raise ValidationError({"stage": _("Choose a stage from the list.")})
    if order.index(stage) >= order.index(ReturnStage.READY) and not plan.checklist_done:
        raise ValidationError({"stage": _("Complete the pre-departure checklist first.")})
    if order.index(stage) >= order.index(ReturnStage.RETURNED):
        returned_on = returned_on or plan.returned_on
        if returned_on is None:
            raise ValidationError({"returned_on": _("Enter the date the person arrived home.")})
        plan.returned_on = returned_on
        for months in MONITORING_MONTHS:
            MonitoringVisit.objects.get_or_create(plan=plan, months=months,
                                                  defaults={"due_on": add_months(returned_on, months)})
    plan.stage = stage
    plan.save(update_fields=["stage", "returned_on"])
    record(actor, Action.UPDATE, plan, fields=["stage", *(["returned_on"] if returned_on else [])])
    return plan


def add_assistance(actor: User, case_id: int, *, type: str, given_on: datetime.date, description: str = "",
                   amount: Decimal | None = None, currency: str = "") -> ReintegrationAssistance:
    case = managed_case(actor, case_id).case
    plan = ReturnAndReintegration.objects.filter(case=case).first()
    if plan is None:
        raise Http404
    if amount is not None and len(currency.strip()) != 3:
        raise ValidationError({"currency": _("Enter the three-letter currency code, for example UAH or EUR.")})
    item = ReintegrationAssistance.objects.create(plan=plan, type=type, description=description, amount=amount,
                                                  currency=currency.strip().upper(), given_on=given_on)
    record(actor, Action.CREATE, item, fields=["type", "description", "amount", "currency", "given_on"])
    return item


def record_visit(actor: User, visit_id: int, *, done_on: datetime.date, outcome: str) -> MonitoringVisit:
    visit = MonitoringVisit.objects.select_related("plan").filter(pk=visit_id).first()
    if visit is None:
        raise Http404
    managed_case(actor, visit.plan.case_id)
    visit.done_on, visit.outcome = done_on, outcome
    visit.save(update_fields=["done_on", "outcome"])
    record(actor, Action.UPDATE, visit, fields=["done_on", "outcome"])
    return visit


# --- indicator sets (reference data) ----------------------------------------------------------


def update_indicator(actor: User, indicator_id: int, *, name: str, strength: str, is_active: bool) -> Indicator:
    """An administrator renames, regrades or retires an indicator. Past screenings keep it."""
    require_capability(actor, "reference.manage")
    indicator = Indicator.objects.filter(pk=indicator_id).first()
    if indicator is None:
        raise Http404
    if not name.strip():
        raise ValidationError({"name": _("Enter the indicator's name.")})
    before = {"name": indicator.name, "strength": indicator.strength, "is_active": indicator.is_active}
    indicator.name, indicator.strength, indicator.is_active = name.strip(), strength, is_active
    indicator.save(update_fields=["name", "strength", "is_active"])
    record(actor, Action.UPDATE, indicator, fields=[k for k, v in before.items() if getattr(indicator, k) != v])
    return indicator


def add_indicator(actor: User, dimension_id: int, *, name: str, strength: str, htcds_field: str = "",
                  htcds_value: str = "") -> Indicator:
    require_capability(actor, "reference.manage")
    from django.utils.text import slugify

    from .models import IndicatorDimension

    dimension = IndicatorDimension.objects.filter(pk=dimension_id).first()
    if dimension is None:
        raise Http404
    if not name.strip():
        raise ValidationError({"name": _("Enter the indicator's name.")})
    code = slugify(name)[:70] or "indicator"
    if dimension.indicators.filter(code=code).exists():
        raise ValidationError({"name": _("This dimension already has an indicator with that name.")})
    indicator = Indicator.objects.create(dimension=dimension, code=code, name=name.strip(), strength=strength,
                                         htcds_field=htcds_field, htcds_value=htcds_value,
                                         order=dimension.indicators.count())
    record(actor, Action.CREATE, indicator, fields=["name", "strength", "htcds_field", "htcds_value"])
    return indicator
