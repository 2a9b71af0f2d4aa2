"""The HTCDS case target: an HTCDS 2.0 row becomes a person and a protection case (services, audited).

Fields named and labelled as in HTCDS 2.0 (the standard's .ods); picklist values match by value name, the
standard's own value labels, our labels in four languages, and the toolkit's other spellings. Fields of the
standard that CTIMS deliberately does not store are listed in NOT_STORED with the reason (a column naming
one is proposed as "ignore" and reported); see docs/modules/protection.md.
"""

from __future__ import annotations

import gettext
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from audit.models import Action

from .. import choices
from .. import identity as idx
from ..translit import similar_names
from .kobo import metadata_not_stored
from .targets import Target, TargetChoice, TargetField, register

if TYPE_CHECKING:
    from accounts.models import User

HTCDS_VALUE_LABELS = {
    "TransgenderFeminine": "Transgender Feminine",
    "TransgenderMasculine": "Transgender Masculine",
    "NonConforming": "Non-Conforming",
    "NonSpecifiedUnknown": "Not Specified/Unknown",
    "Feminine": "Feminine",
    "Masculine": "Masculine",
    "NonPoliceGovernmentalOrganization": "Non-police governmental organization",
    "ThreatensChildrenFamily": "Threatens children/family",
    "PsychoactiveSubstance": "Psychoactive substance",
    "ForcedMilitaryByNonStateActors": "Forced military (by non-state actors)",
    "E_WaterSupplySewerageWasteManagement": "Water supply; sewerage, waste management and remediation",
    "G_WholesaleAndRetailTradeRepairOfMotorVehicles": ("Wholesale and retail trade; repair of motor vehicles and "
                                                       "motorcycles"),
    "I_AccommodationAndFoodServiceActivities": "Accommodation and food service activities",
    "N_AdministrativeAndSupportServiceActivities": "Administrative and support service activities",
    "O_PublicAdministrationAndDefence": "Public administration and defence; compulsory social security",
    "Q_HumanHealthAndSocialWorkActivities": "Human health and social work activities",
    "S_OtherServiceActivities": "Other service activities",
    "T_ActivitiesOfHouseholdsAsEmployers": ("Activities of households as employers; undifferentiated goods- and "
                                            "services- producing activities of households for own use"),
    "U_ActivitiesOfExtraterritorialOrganizations": "Activities of extraterritorial organizations and bodies",
    "FollowUp": "Follow Up",
    "ClosedReferred": "Closed Referred",
    "Unaquainted": "Unaquainted",
    "Familial": "Familial",
}

# Other names partners' sheets use for the same values.
VALUE_ALIASES: dict[str, tuple[str, ...]] = {
    "Feminine": ("F", "Female", "Woman", "K", "Kobieta", "Ж", "Жінка", "Женщина"),
    "Masculine": ("M", "Male", "Man", "Mężczyzna", "Чоловік", "Мужчина"),
    "NonSpecifiedUnknown": ("Unknown", "Not specified"),
    **dict(choices.METHOD_OF_CONTROL_ALIASES),
}
# The Field Definitions name each method of control "MethodsOfControl<Name>" (a yes/no column per method).
for _code in choices.MethodOfControl.values:
    VALUE_ALIASES[_code] = (*VALUE_ALIASES.get(_code, ()), f"MethodsOfControl{_code}")


def _choices(enum: Any) -> tuple[TargetChoice, ...]:
    return tuple(TargetChoice(code, label, tuple(a for a in (HTCDS_VALUE_LABELS.get(code, ""),
                                                            *VALUE_ALIASES.get(code, ())) if a))
                 for code, label in enum.choices)


def _language_choices() -> tuple[TargetChoice, ...]:
    """Our languages by ISO 639-1 code, also matched by ISO 639-2/3 codes and names (pycountry, four languages)."""
    import pycountry

    langs = [gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[lng], fallback=True)
             for lng in ("pl", "uk", "ru")]
    out = []
    for code, label in choices.LANGUAGES:
        aliases: list[str] = []
        found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
        if found is not None:
            names = [found.name, getattr(found, "alpha_3", ""), getattr(found, "bibliographic", "")]
            aliases += [n for n in names if n] + [t.gettext(found.name) for t in langs]
        out.append(TargetChoice(code, label, tuple(aliases)))
    return tuple(out)


F = TargetField
FIELDS: tuple[TargetField, ...] = (
    F("cas_CaseCode", gettext_lazy("Case code"), ("Case ID", "CaseCode", "Case number", "Kod sprawy")),
    F("cas_CaseOwner", gettext_lazy("Case owner"), ("Case worker", "CaseWorker")),
    F("cas_Status", pgettext_lazy("import field", "Case status"), ("Status",), "choice", _choices(choices.CaseStatus)),
    F("cas_ReasonForCaseClosure", gettext_lazy("Reason for case closure"), ("ReasonForClosure",)),
    F("prs_FirstName", gettext_lazy("First name"), ("Given name", "Imię")),
    F("prs_MiddleName", gettext_lazy("Middle name"), ("Drugie imię",)),
    F("prs_SecondName", gettext_lazy("Surname"), ("Second Name", "Last name", "LastName", "Family name", "Nazwisko")),
    F("prs_Birthdate", gettext_lazy("Date of birth"), ("Birthdate", "Birth date", "DOB", "BirthDate",
                                                         "Data urodzenia"), "date"),
    F("prs_Gender", gettext_lazy("Gender"), ("Sex", "Płeć"), "choice", _choices(choices.Gender)),
    F("ageBroad", gettext_lazy("Age range"), ("Age group", "AgeBroad", "ctims_ageBroad"), "choice",
      _choices(choices.AgeRange)),
    F("prs_Citizenship", gettext_lazy("Citizenship"), ("Nationality", "Obywatelstwo"), "country", multi=True),
    F("prs_PrimaryLanguage", gettext_lazy("Primary language"), ("Language", "First language"), "choice",
      _language_choices()),
    F("prs_SecondaryLanguage", gettext_lazy("Secondary language"), ("Second language", "Other language"), "choice",
      _language_choices()),
    F("prs_MobilePhone", gettext_lazy("Mobile phone"), ("Phone", "Mobile", "Telefon"), "phone"),
    F("prs_Email", gettext_lazy("Email"), ("E-mail", "Email address", "Mail"), "email"),
    F("prs_MailingStreet", gettext_lazy("Mailing street"), ("Address", "Street", "Adres")),
    F("prs_MailingCity", gettext_lazy("Mailing city"), ("City", "Miasto")),
    F("prs_MailingPostalCode", gettext_lazy("Mailing postal code"), ("Mailing Zip/Postal Code", "Postal code",
                                                                      "Kod pocztowy")),
    F("prs_MailingState", gettext_lazy("Mailing state or province"), ("Mailing State/Province",)),
    F("prs_MailingCountry", gettext_lazy("Mailing country"), (), "country"),
    F("prs_IdentityNumber", gettext_lazy("Identity number"), ("Passport number", "Document number", "ID number")),
    F("vic_TraffickingStatus", gettext_lazy("Trafficking status"), (), "choice",
      _choices(choices.TraffickingStatus)),
    F("vic_TraffickingStatusDecisionMakingOrg", gettext_lazy("Trafficking status decision making organisation"),
      ("Trafficking Status Decision Making Organization", "DecisionMakingOrg"), "choice",
      _choices(choices.DecisionMakingOrg)),
    F("vic_TypeOfExploitation", gettext_lazy("Type of exploitation"), ("Types of exploitation",
                                                                         "TypeOfExploitation"), "multichoice",
      _choices(choices.ExploitationType)),
    F("vic_ForcedLabourIndustry", gettext_lazy("Forced labour industry"), ("Forced Labor Industry", "Industry"),
      "choice", _choices(choices.LabourIndustry)),
    F("vic_LocationOfExploitation", gettext_lazy("Location of exploitation"), ("Country of exploitation",),
      "country"),
    F("vic_MethodsOfControl", gettext_lazy("Methods of control"), ("Method of control", "MethodOfControl"),
      "multichoice", _choices(choices.MethodOfControl)),
    F("vic_MethodOfRecruitment", gettext_lazy("Method of recruitment"), ("Methods of recruitment", "Recruitment"),
      "multichoice", _choices(choices.RecruitmentMethod)),
    F("vic_TypeOfSexExploitation", gettext_lazy("Type of sexual exploitation"), ("Type of Sex Exploitation",),
      "multichoice", _choices(choices.SexExploitationType)),
    F("vic_RelationshipToTrafficker", gettext_lazy("Relationship to trafficker"), (), "choice",
      _choices(choices.RelationshipToTrafficker)),
    F("yearOfRegistration", gettext_lazy("Year of registration"), ("ctims_yearOfRegistration",),
      "integer"),
)

# HTCDS 2.0 fields CTIMS does not store, and why (a column naming one is proposed as "ignore" and reported).
NOT_STORED: dict[str, Any] = {
    **{f"org_{n}": gettext_lazy("organisations are managed in the directory, not imported with cases")
       for n in ("Name", "ShippingCity", "ShippingCountry", "ShippingState", "ShippingStreet", "ShippingPostalCode",
                 "ShippingLongitude", "ShippingLatitude", "Phone", "Type")},
    "prs_Salutation": gettext_lazy("not needed to protect the person (data minimisation)"),
    "prs_Title": gettext_lazy("a position in an organisation: applies to staff, not to victims"),
    "prs_Deceased": gettext_lazy("recorded in case notes by the case worker, not by import"),
    "prs_MaritalStatus": gettext_lazy("not needed to protect the person (data minimisation)"),
    "prs_NumberOfChildren": gettext_lazy("recorded in the household assessment, not as a number"),
    "prs_HighestLevelOfEducation": gettext_lazy("recorded in the needs assessment"),
    "prs_HomePhone": gettext_lazy("one contact phone is kept (prs_MobilePhone) to limit personal data"),
    "prs_MailingLongitude": gettext_lazy("exact coordinates of a victim's home are not stored (safety)"),
    "prs_MailingLatitude": gettext_lazy("exact coordinates of a victim's home are not stored (safety)"),
    "vic_AgreementToManagePersonalData": gettext_lazy("deprecated in HTCDS 2.0 in favour of consent records"),
    "vic_AgeWhenTrafficked": gettext_lazy("recorded in the case summary"),
    "vic_RecruitmentWebsitesAndApps": gettext_lazy("recorded in investigations (online platforms)"),
    "vic_ExploitationWebsitesAndApps": gettext_lazy("recorded in investigations (online platforms)"),
    "vic_LocationOfRecruitment": gettext_lazy("a lookup to an organisation in HTCDS; recorded in investigations"),
    "vic_Vulnerabilities": gettext_lazy("deprecated in HTCDS 2.0 in favour of assessments"),
    "vic_DetailsOfVulnerabilities": gettext_lazy("deprecated in HTCDS 2.0 in favour of assessments"),
    "per_RoleInProcess": gettext_lazy("perpetrators are recorded in investigations, never in a victim's case"),
    "per_RoleDetails": gettext_lazy("perpetrators are recorded in investigations, never in a victim's case"),
    "per_Organisation": gettext_lazy("perpetrators are recorded in investigations, never in a victim's case"),
    **{f"cas_{n}": gettext_lazy("referrals are made in CTIMS with the person's consent, not imported")
       for n in ("ReferringOrganisation", "IncomingReferralDate", "ReferringPrimaryCaseWorker",
                 "ReasonForIncomingReferral", "IncomingReferralDetails", "ReferredOrganisation",
                 "ReferredPrimaryCaseWorker", "ReasonForOutgoingReferral", "OutgoingReferralDate",
                 "OutgoingReferralDetails")},
    "cco_CaseComment": gettext_lazy("free-text notes are written in CTIMS (encrypted), not imported"),
    **{f"hte_{n}": gettext_lazy("trafficking events and places are recorded in investigations")
       for n in ("Longitude", "Latitude", "City", "Country", "State", "Street", "PostalCode", "Date", "Type",
                 "Description")},
    **{f"spl_{n}": gettext_lazy("support plans are written in the case's assessment section")
       for n in ("Objectives", "ActionPlan", "PlannedEndDate", "ActualEndDate", "Type")},
    "con_Consent": gettext_lazy("consent is recorded in CTIMS with its purpose and checks, never imported"),
    **metadata_not_stored(),  # KoboToolbox's and ODK's own columns (_id, _status, start ...)
}


def natural_key(row: dict[str, Any]) -> str | None:
    code = str(row.get("cas_CaseCode") or "").strip()
    return f"code:{code}" if code else None


def check_row(row: dict[str, Any]) -> list[tuple[str, str]]:
    problems = []
    if row.get("cas_Status") in choices.CLOSED_STATUSES and not row.get("cas_ReasonForCaseClosure"):
        problems.append(("cas_ReasonForCaseClosure", _("A closed case needs the reason for closure.")))
    if row.get("vic_TraffickingStatus") and not row.get("vic_TraffickingStatusDecisionMakingOrg"):
        problems.append(("vic_TraffickingStatusDecisionMakingOrg",
                         _("Say which type of organisation decided the trafficking status.")))
    return problems


def _address(row: dict[str, Any]) -> str:
    city = " ".join(str(row[k]) for k in ("prs_MailingPostalCode", "prs_MailingCity") if row.get(k))
    parts = [row.get("prs_MailingStreet", ""), city, row.get("prs_MailingState", ""),
             row.get("prs_MailingCountry", "")]
    return ", ".join(str(p) for p in parts if p)


def identity_of(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "first_name": row.get("prs_FirstName", ""), "middle_name": row.get("prs_MiddleName", ""),
        "second_name": row.get("prs_SecondName", ""), "birth_date": row.get("prs_Birthdate"),
        "citizenship": ";".join(row.get("prs_Citizenship", [])),
        "primary_language": row.get("prs_PrimaryLanguage", ""),
        "secondary_language": row.get("prs_SecondaryLanguage", ""), "mobile_phone": row.get("prs_MobilePhone", ""),
        "email": row.get("prs_Email", ""), "address": _address(row),
        "identity_number": row.get("prs_IdentityNumber", ""),
    }


IDENTITY_COLUMNS = {"prs_FirstName", "prs_MiddleName", "prs_SecondName", "prs_Birthdate", "prs_Citizenship",
                    "prs_PrimaryLanguage", "prs_SecondaryLanguage", "prs_MobilePhone", "prs_Email",
                    "prs_MailingStreet", "prs_MailingCity", "prs_MailingPostalCode", "prs_MailingState",
                    "prs_MailingCountry", "prs_IdentityNumber"}


def find_duplicates(actor: User, rows: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """Persons of the actor's organisation that each row may be, with the registration form's rules
    (services.possible_duplicates), batched: the same phone or document (blind index), the same name skeleton
    (and birth date if given), or a similar name across scripts with the same birth date. {file row: [...]}"""
    from ..models import Person
    from ..selectors import cases_visible_to

    keys = []
    for row in rows:
        ident = identity_of(row)
        keys.append((idx.phone_index(ident["mobile_phone"]), idx.document_index(ident["identity_number"]),
                     idx.name_index(ident["first_name"], ident["second_name"]), idx.birth_index(ident["birth_date"])))
    phones = {k[0] for k in keys if k[0]}
    docs = {k[1] for k in keys if k[1]}
    names = {k[2] for k in keys if k[2]}
    births = {k[3] for k in keys if k[3]}
    if not (phones or docs or names or births):
        return {}
    from django.db.models import Q

    q = Q(phone_index__in=phones) | Q(document_index__in=docs) | Q(name_index__in=names) | Q(birth_index__in=births)
    persons = list(Person.objects.filter(Q(organisation_id=actor.organisation_id) & q))
    if not persons:
        return {}
    cases: dict[int, Any] = {}
    for case in cases_visible_to(actor, "organisation").filter(person_id__in=[p.id for p in persons]).order_by("id"):
        cases.setdefault(case.person_id, case)
    by: dict[str, dict[str, list[Any]]] = {"phone": {}, "doc": {}, "name": {}, "birth": {}}
    for p in persons:
        if p.id not in cases:
            continue
        for kind, value in (("phone", p.phone_index), ("doc", p.document_index), ("name", p.name_index),
                            ("birth", p.birth_index)):
            if value:
                by[kind].setdefault(value, []).append(p)
    found: dict[int, list[dict[str, Any]]] = {}
    for row, (phone, doc, name, birth) in zip(rows, keys, strict=True):
        reasons: dict[int, list[str]] = {}
        for p in by["phone"].get(phone, []) if phone else []:
            reasons.setdefault(p.id, []).append(_("same phone number"))
        for p in by["doc"].get(doc, []) if doc else []:
            reasons.setdefault(p.id, []).append(_("same document number"))
        for p in by["name"].get(name, []) if name else []:
            if not birth or p.birth_index == birth:
                reasons.setdefault(p.id, []).append(_("same name and date of birth") if birth else _("same name"))
        if birth and (row.get("prs_FirstName") or row.get("prs_SecondName")):
            full = f"{row.get('prs_FirstName', '')} {row.get('prs_SecondName', '')}"
            for p in by["birth"].get(birth, []):
                if p.name_index != name and similar_names(full, f"{p.first_name} {p.second_name}"):
                    reasons.setdefault(p.id, []).append(_("similar name and same date of birth"))
        if reasons:
            found[row["_row"]] = [{"case_id": cases[pid].id, "case_code": cases[pid].code, "reasons": r}
                                  for pid, r in reasons.items()]
    return found


def existing_keys(actor: User, keys: list[str]) -> set[str]:
    """Keys already imported by the organisation, and case codes it already holds (its own export)."""
    from ..models import Case, ImportedRow

    done = set(ImportedRow.objects.filter(organisation_id=actor.organisation_id, target="htcds_case",
                                          key__in=keys).values_list("key", flat=True))
    codes = [k[5:] for k in keys if k.startswith("code:")]
    done |= {f"code:{c}" for c in Case.objects.filter(organisation_id=actor.organisation_id, code__in=codes)
             .values_list("code", flat=True)}
    return done


def commit(actor: User, rows: list[dict[str, Any]], job: Any) -> int:
    """Register every row's person and case in one transaction, in bulk; audited per record.

    A row may carry "_attach_to" (a case id of the same person: the new case is opened for that person)."""
    from .. import services
    from ..models import REVIEW_MONTHS, Case, CaseCounter, Identification, ImportedRow, Person, add_months

    services.require_capability(actor, "protection.manage")
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        attach_ids = {r["_attach_to"] for r in rows if r.get("_attach_to")}
        attach = {c.id: c.person_id for c in services.cases_visible_to(actor, "organisation")
                  .filter(id__in=attach_ids)}
        owners: dict[str, int] = {}
        wanted = {r["cas_CaseOwner"] for r in rows if r.get("cas_CaseOwner")}
        if wanted:
            from accounts.models import User as UserModel

            owners = dict(UserModel.objects.filter(organisation_id=actor.organisation_id, username__in=wanted)
                          .values_list("username", "id"))
        new_persons: list[Person] = []
        for r in rows:
            if r.get("_attach_to") in attach:
                continue
            ident = services.Identity.from_data(identity_of(r))
            p = Person(organisation_id=actor.organisation_id, gender=r.get("prs_Gender") or choices.Gender.UNKNOWN,
                       created_by=actor, created_at=now,
                       age_range=services._age_range(ident.birth_date, r.get("ageBroad", "")))
            services._apply_identity(p, ident)
            new_persons.append(p)
            r["_person"] = p
        Person.objects.bulk_create(new_persons, batch_size=500)
        reason = f"import #{job.pk}" if job else "import"
        audit_rows: list[tuple[Any, list[str]]] = [
            (p, ["gender", "age_range", *[k for k in Person.IDENTITY_FIELDS if getattr(p, k)]]) for p in new_persons]
        counter, _c = CaseCounter.objects.select_for_update().get_or_create(organisation=actor.organisation,
                                                                           year=today.year)
        first = counter.last + 1
        counter.last += len(rows)
        counter.save(update_fields=["last"])
        cases = []
        for n, r in enumerate(rows):
            status = r.get("cas_Status") or choices.CaseStatus.ACTIVE
            case = Case(
                code=f"{actor.organisation.code.upper()}-{today.year}-{first + n:05d}",
                organisation_id=actor.organisation_id,
                person_id=attach[r["_attach_to"]] if r.get("_attach_to") in attach else r["_person"].id,
                case_worker_id=owners.get(r.get("cas_CaseOwner", ""), actor.pk), opened_at=now, created_by=actor,
                next_review_due=add_months(today, REVIEW_MONTHS), status=status,
                closure_reason=r.get("cas_ReasonForCaseClosure", ""),
                closed_at=now if status in choices.CLOSED_STATUSES else None,
                trafficking_status=r.get("vic_TraffickingStatus", ""),
                exploitation_types=";".join(r.get("vic_TypeOfExploitation", [])),
                labour_industry=r.get("vic_ForcedLabourIndustry", ""),
                country_of_exploitation=r.get("vic_LocationOfExploitation", ""),
                methods_of_control=";".join(r.get("vic_MethodsOfControl", [])),
                recruitment_methods=";".join(r.get("vic_MethodOfRecruitment", [])),
                sex_exploitation_types=";".join(r.get("vic_TypeOfSexExploitation", [])),
                relationship_to_trafficker=r.get("vic_RelationshipToTrafficker", ""),
                source_type="import", source_id=job.pk if job else None,
            )
            cases.append(case)
        Case.objects.bulk_create(cases, batch_size=500)
        idents = []
        for r, case in zip(rows, cases, strict=True):
            fields_set = [f for f in ("status", "trafficking_status", "exploitation_types", "labour_industry",
                                      "country_of_exploitation", "methods_of_control", "recruitment_methods",
                                      "closure_reason") if getattr(case, f)]
            audit_rows.append((case, ["code", *fields_set]))
            if r.get("vic_TraffickingStatus"):
                idents.append(Identification(case=case, status=r["vic_TraffickingStatus"],
                                             decision_org_type=r.get("vic_TraffickingStatusDecisionMakingOrg")
                                             or choices.DecisionMakingOrg.OTHER,
                                             decided_on=today, recorded_by=actor, recorded_at=now))
        Identification.objects.bulk_create(idents, batch_size=500)
        _audit_many(actor, audit_rows, reason)
        ImportedRow.objects.bulk_create(
            [ImportedRow(organisation_id=actor.organisation_id, target="htcds_case", key=r["_key"][:200],
                         object_id=case.id, job=job) for r, case in zip(rows, cases, strict=True)],
            batch_size=500)  # a key imported meanwhile by another job fails this import whole (all or nothing)
        person_ids = [p.pk for p in new_persons]
        transaction.on_commit(lambda: _queue_publish(job.pk if job else 0, person_ids))
        if job is not None:
            job.created_ids = [c.id for c in cases]
    return len(cases)


def _audit_many(actor: User, rows: list[tuple[Any, list[str]]], reason: str) -> None:
    """One audit event per created record, as audit.services.record writes it, inserted in bulk."""
    from audit.models import AuditEvent
    from core import request_context

    ctx = request_context.current()
    AuditEvent.objects.bulk_create([
        AuditEvent(actor_id=actor.pk, actor_username=actor.get_username()[:150], organisation_id=actor.organisation_id,
                   action=str(Action.CREATE), object_type=obj._meta.label_lower[:64], object_id=str(obj.pk)[:64],
                   fields=sorted(set(fields)), reason=reason[:300], ip=ctx.ip if ctx else None,
                   request_id=ctx.request_id if ctx else "")
        for obj, fields in rows], batch_size=1000)


def _queue_publish(job_id: int, person_ids: list[int]) -> None:
    from .tasks import publish_mentions_task

    if person_ids:
        publish_mentions_task.enqueue(job_id, person_ids)


def publish_mentions(job_id: int, person_ids: list[int]) -> int:
    """After the import: hand the new persons' identifiers to the links module, as registration does, with one
    matching run for the whole import instead of one per person. Derived data, so it runs after the import's
    transaction (a background task) and does not hold the import up."""
    from links.models import Mention as MentionRow
    from links.services import deferred_matching, queue_incremental

    from .. import services
    from ..models import Person

    persons = list(Person.objects.filter(pk__in=person_ids))
    with deferred_matching():
        for p in persons:
            if p.full_name or p.mobile_phone or p.identity_number or p.address:
                services._publish_mentions(p)
    ids = list(MentionRow.objects.filter(source_type="protection.person", source_id__in=person_ids)
               .values_list("pk", flat=True))
    if ids:
        queue_incremental("protection.import", job_id, ids)
    return len(persons)


TARGET = Target(
    key="htcds_case", label=gettext_lazy("HTCDS cases (persons and protection cases)"), fields=FIELDS,
    commit=commit, natural_key=natural_key, capability="protection.manage", check_row=check_row,
    find_duplicates=find_duplicates, existing_keys=existing_keys, extra={"not_stored": NOT_STORED},
)
register(TARGET)

