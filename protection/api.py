"""Protection API: cases, persons, screenings and referrals, over the same selectors and services as the pages."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from accounts.models import Organisation, User
from audit.models import Action
from audit.services import record
from core.api import ApiError, Error, Id, Limit

from . import selectors, services
from .choices import Gender
from .models import Case, Indicator, Person, Referral, Screening
from .screening import recommend

router = Router(tags=["protection"])


def _me(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    if not user.has_capability("protection.view"):
        raise ApiError(403, "permission_denied", _("Your role has no access to protection cases."))
    return user


# --- schemas ----------------------------------------------------------------------------------


class CaseOut(Schema):
    id: int
    code: str
    status: str
    organisation: str
    case_worker: str | None
    gender: str
    age_range: str
    trafficking_status: str
    exploitation_types: list[str]
    next_review_due: datetime.date
    opened_at: datetime.datetime


class CaseList(Schema):
    items: list[CaseOut]
    count: int  # capped at selectors.COUNT_CAP; count_capped says when there are more
    count_capped: bool = False
    next_before: int | None = None


class IdentityOut(Schema):
    first_name: str
    middle_name: str
    second_name: str
    other_names: str
    birth_date: datetime.date | None
    citizenship: str
    primary_language: str
    secondary_language: str
    mobile_phone: str
    email: str
    address: str
    identity_number: str


class PersonOut(Schema):
    id: int
    gender: str
    age_range: str
    case_codes: list[str]
    identity: IdentityOut | None = None
    identity_hidden: bool


class PersonList(Schema):
    items: list[PersonOut]
    count: int  # capped at selectors.COUNT_CAP


class CaseDetail(CaseOut):
    own: bool
    parts: list[str]
    person: PersonOut
    summary: str | None


class CaseIn(Schema):
    gender: str = Gender.UNKNOWN
    age_range: str = ""
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
    summary: str = ""
    sensitivity: str = ""
    exploitation_types: list[str] = []
    labour_industry: str = ""
    country_of_exploitation: str = ""
    allow_duplicates: bool = False


class NewCaseIn(Schema):
    summary: str = ""
    sensitivity: str = ""
    exploitation_types: list[str] = []
    labour_industry: str = ""
    country_of_exploitation: str = ""


class ServiceIn(Schema):
    type: str
    provider: str
    started_on: datetime.date
    ended_on: datetime.date | None = None
    outcome: str = ""


class ContributionOut(Schema):
    id: int
    case_id: int
    organisation: str  # who recorded it: the owner, or a referral partner


class NoteIn(Schema):
    text: str


class ScreeningOut(Schema):
    id: int
    screened_at: datetime.datetime
    recommendation: str
    reasons: list[str]
    observed: dict[str, list[str]]  # dimension -> indicator codes


class ScreeningList(Schema):
    items: list[ScreeningOut]
    count: int


class ScreeningIn(Schema):
    indicators: list[Id]
    notes: str = ""


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    set: str
    dimension: str
    strength: str


class ReferralOut(Schema):
    id: int
    case_id: int
    case_code: str
    from_organisation: str
    to_organisation: str  # organisation code; "" for a directory service outside CTIMS
    to_service: int | None = None  # directory service id of an external referral
    external: bool = False
    status: str
    reason: str
    parts: list[str]
    sent_at: datetime.datetime
    decline_reason: str


class ReferralList(Schema):
    items: list[ReferralOut]
    count: int


class ReferralIn(Schema):
    to_organisation: str = ""  # organisation code, e.g. LS
    to_service: Id | None = None  # or a directory service outside CTIMS (see /api/v1/directory/)
    reason: str
    details: str = ""
    parts: list[str] | None = None


class ReasonIn(Schema):
    reason: str = ""


# --- adapters ---------------------------------------------------------------------------------


def _case_out(c: Case) -> dict[str, Any]:
    return {"id": c.id, "code": c.code, "status": c.status, "organisation": c.organisation.code,
            "case_worker": c.case_worker.username if c.case_worker else None, "gender": c.person.gender,
            "age_range": c.person.age_range, "trafficking_status": c.trafficking_status,
            "exploitation_types": c.exploitation_list, "next_review_due": c.next_review_due,
            "opened_at": c.opened_at}


def _person_out(p: Person, identity: bool, codes: list[str]) -> dict[str, Any]:
    return {"id": p.id, "gender": p.gender, "age_range": p.age_range, "case_codes": codes,
            "identity": {f: getattr(p, f) for f in Person.IDENTITY_FIELDS} if identity else None,
            "identity_hidden": not identity}


def _referral_out(r: Referral) -> dict[str, Any]:
    return {"id": r.id, "case_id": r.case_id, "case_code": r.case.code, "from_organisation": r.from_organisation.code,
            "to_organisation": r.to_organisation.code if r.to_organisation else "", "to_service": r.to_service_id,
            "external": r.is_external, "status": r.status, "reason": r.reason, "parts": r.parts,
            "sent_at": r.sent_at, "decline_reason": r.decline_reason}


def _screening_out(s: Screening) -> dict[str, Any]:
    result = recommend(s.observed.select_related("dimension__indicator_set"))
    return {"id": s.id, "screened_at": s.screened_at, "recommendation": s.recommendation, "reasons": result.reasons,
            "observed": {g.dimension.code: [i.code for i in g.indicators] for g in result.groups}}


def _access(user: User, case_id: Id) -> selectors.CaseAccess:
    access = selectors.case_access(user, case_id)
    if access is None:
        raise Http404
    return access


# --- cases ------------------------------------------------------------------------------------


@router.get("/cases/", response=CaseList, include_in_schema=False)  # the same list with a trailing slash
@router.get("/cases", response=CaseList, summary="Cases you may open (scope: all, mine, organisation, shared)")
def list_cases(request: HttpRequest, scope: str = "all", status: str = "", code: str = "",
               before: Id | None = None, limit: Limit = 50) -> dict[str, Any]:
    user = _me(request)
    if scope not in selectors.SCOPES:
        raise ApiError(422, "bad_scope", _("scope is one of: all, mine, organisation, shared."))
    qs = selectors.cases_visible_to(user, scope, status=status, code=code)  # type: ignore[arg-type]
    rows, next_before = selectors.page_of(qs, before, max(1, min(limit, 200)))
    count, capped = selectors.capped_count(qs)
    return {"items": [_case_out(c) for c in rows], "count": count, "count_capped": capped, "next_before": next_before}


@router.get("/cases/{case_id}", response=CaseDetail, summary="One case, with only the parts you may see (audited)")
def get_case(request: HttpRequest, case_id: Id) -> dict[str, Any]:
    user = _me(request)
    access = _access(user, case_id)
    services.record_case_view(user, access)
    c = access.case
    codes = [c.code]
    return {**_case_out(c), "own": access.own, "parts": sorted(access.parts),
            "person": _person_out(c.person, access.identity, codes), "summary": c.summary if access.own else None}


@router.post("/cases", response={201: CaseDetail, 409: Error}, summary="Register a person and open their case")
def create_case(request: HttpRequest, payload: CaseIn) -> tuple[int, dict[str, Any]]:
    user = _me(request)
    data = payload.dict()
    ident = services.Identity.from_data(data)
    if not payload.allow_duplicates:
        duplicates = services.possible_duplicates(user, ident)
        if duplicates:
            codes = ", ".join(d.case.code for d in duplicates)
            raise ApiError(409, "possible_duplicates",
                           _("Possible duplicates: %(codes)s. Send allow_duplicates=true to go on.") % {"codes": codes})
    case = services.register_person(
        user, ident, gender=payload.gender, age_range=payload.age_range, summary=payload.summary,
        sensitivity=payload.sensitivity, exploitation_types=payload.exploitation_types,
        labour_industry=payload.labour_industry, country_of_exploitation=payload.country_of_exploitation)
    return 201, get_case(request, case.id)


# --- persons ----------------------------------------------------------------------------------


@router.get("/persons/", response=PersonList, include_in_schema=False)  # the same list with a trailing slash
@router.get("/persons", response=PersonList, summary="Persons with a case you may open (no identity in lists)")
def list_persons(request: HttpRequest, limit: Limit = 50, before: Id | None = None) -> dict[str, Any]:
    user = _me(request)
    qs = selectors.persons_visible_to(user)
    page = qs.filter(id__lt=before) if before else qs
    rows = list(page[: max(1, min(limit, 200))])
    codes: dict[int, list[str]] = {}
    for pid, code in selectors.cases_visible_to(user).filter(person__in=rows).values_list("person_id", "code"):
        codes.setdefault(pid, []).append(code)
    return {"items": [_person_out(p, False, codes.get(p.id, [])) for p in rows],
            "count": selectors.capped_count(qs)[0]}


@router.get("/persons/{person_id}", response=PersonOut, summary="One person; identity only if shared and your role "
                                                                 "allows (audited)")
def get_person(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    user = _me(request)
    found = selectors.person_access(user, person_id)
    if found is None:
        raise Http404
    person, identity, cases = found
    record(user, Action.VIEW, person, fields=list(Person.IDENTITY_FIELDS) if identity else ["gender", "age_range"])
    return _person_out(person, identity, [c.code for c in cases])


@router.post("/persons/{person_id}/cases", response={201: CaseDetail},
             summary="Open a new case for a person your organisation already knows (none of their cases open)")
def create_case_for_person(request: HttpRequest, person_id: Id, payload: NewCaseIn) -> tuple[int, dict[str, Any]]:
    case = services.open_case_for_person(_me(request), person_id, **payload.dict())
    return 201, get_case(request, case.id)


# --- screenings -------------------------------------------------------------------------------


@router.get("/indicators", response=list[IndicatorOut], summary="Active indicators to screen with")
def list_indicators(request: HttpRequest) -> list[dict[str, Any]]:
    _me(request)
    return [{"id": i.id, "code": i.code, "name": i.label, "set": i.dimension.indicator_set.code,
             "dimension": i.dimension.code, "strength": i.strength}
            for i in Indicator.objects.filter(is_active=True, dimension__indicator_set__is_active=True)
            .select_related("dimension__indicator_set")]


@router.get("/cases/{case_id}/screenings", response=ScreeningList, summary="Screenings of a case, if shared with you")
def list_screenings(request: HttpRequest, case_id: Id) -> dict[str, Any]:
    user = _me(request)
    access = _access(user, case_id)
    if not access.sees("screening"):
        raise ApiError(403, "not_shared", _("The screening of this case was not shared with your organisation."))
    services.record_case_view(user, access, sections=["screening"])
    items = [_screening_out(s) for s in access.case.screenings.all()]
    return {"items": items, "count": len(items)}


@router.post("/cases/{case_id}/screenings", response={201: ScreeningOut}, summary="Record a screening")
def create_screening(request: HttpRequest, case_id: Id, payload: ScreeningIn) -> tuple[int, dict[str, Any]]:
    screening = services.record_screening(_me(request), case_id, payload.indicators, payload.notes)
    return 201, _screening_out(screening)


# --- services and notes (the owner, or the receiver of an accepted referral covering services) ---------


@router.post("/cases/{case_id}/services", response={201: ContributionOut},
             summary="Record a service delivered (owner, or an accepted referral covering services)")
def create_service(request: HttpRequest, case_id: Id, payload: ServiceIn) -> tuple[int, dict[str, Any]]:
    user = _me(request)
    item = services.add_service(user, case_id, **payload.dict())
    return 201, {"id": item.id, "case_id": case_id, "organisation": user.organisation.code}


@router.post("/cases/{case_id}/notes", response={201: ContributionOut},
             summary="Add a note (owner, or an accepted referral covering services)")
def create_note(request: HttpRequest, case_id: Id, payload: NoteIn) -> tuple[int, dict[str, Any]]:
    user = _me(request)
    note = services.add_note(user, case_id, payload.text)
    return 201, {"id": note.id, "case_id": case_id, "organisation": user.organisation.code}


# --- referrals --------------------------------------------------------------------------------


@router.get("/referrals/", response=ReferralList, include_in_schema=False)  # the same list with a trailing slash
@router.get("/referrals", response=ReferralList, summary="Referrals sent by or to your organisation")
def list_referrals(request: HttpRequest, direction: str = "", limit: Limit = 100) -> dict[str, Any]:
    qs = selectors.referrals_visible_to(_me(request), direction)
    return {"items": [_referral_out(r) for r in qs[: max(1, min(limit, 500))]], "count": selectors.capped_count(qs)[0]}


@router.get("/referrals/{referral_id}", response=ReferralOut, summary="One referral")
def get_referral(request: HttpRequest, referral_id: Id) -> dict[str, Any]:
    referral = selectors.referrals_visible_to(_me(request)).filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    return _referral_out(referral)


@router.post("/cases/{case_id}/referrals", response={201: ReferralOut, 409: Error},
             summary="Refer a case (needs consent)")
def create_referral(request: HttpRequest, case_id: Id, payload: ReferralIn) -> tuple[int, dict[str, Any]]:
    user = _me(request)
    to, service = None, None
    if payload.to_service is not None:
        from directory.selectors import services_for_referral

        service = services_for_referral().filter(pk=payload.to_service).first()
        if service is None:
            raise ApiError(422, "unknown_service", _("No active directory service has that id."))
    if payload.to_organisation or service is None:
        to = Organisation.objects.filter(code=payload.to_organisation, is_active=True).first()
        if to is None:
            raise ApiError(422, "unknown_organisation", _("No active organisation has that code."))
    try:
        referral = services.send_referral(user, case_id, to_organisation=to, to_service=service,
                                          reason=payload.reason, details=payload.details, parts=payload.parts)
    except services.ConsentMissing as exc:
        raise ApiError(409, "consent_missing", " ".join(exc.messages)) from exc
    return 201, _referral_out(referral)


@router.post("/referrals/{referral_id}/{action}", response=ReferralOut,
             summary="accept, decline (with reason), complete, or revoke (with reason)")
def referral_action(request: HttpRequest, referral_id: Id, action: str, payload: ReasonIn) -> dict[str, Any]:
    user = _me(request)
    if not selectors.referrals_visible_to(user).filter(pk=referral_id).exists():
        raise Http404
    if action not in services.REFERRAL_STEPS:
        raise ApiError(404, "unknown_action", _("The action is one of: accept, decline, complete, revoke."))
    referral = services.referral_step(user, referral_id, action, payload.reason)
    return _referral_out(Referral.objects.select_related("case", "from_organisation", "to_organisation")
                         .get(pk=referral.pk))


# --- imports and the HTCDS export -------------------------------------------------------------


class ImportCreated(Schema):
    id: int
    status: str


class ImportConfirmIn(Schema):
    columns: dict[str, str] = {}
    values: dict[str, dict[str, str]] = {}
    duplicates: dict[str, str] = {}


def _import_out(job: Any) -> dict[str, Any]:
    summary = job.summary or {}
    return {
        "id": job.pk, "status": job.status, "filename": job.filename, "rows": summary.get("rows", 0),
        "columns": [{"column": c["key"], "field": c["field"], "proposal": c["confidence"]}
                    for c in summary.get("columns", [])],
        "unmapped_values": summary.get("unmapped_values", []),
        "duplicates": [{"row": int(row), "cases": hits} for row, hits in summary.get("duplicates", {}).items()],
        "errors": job.errors, "warnings": job.warnings, "ignored": summary.get("ignored", []),
        "new": summary.get("new", 0), "already_imported": summary.get("already", 0), "imported": job.imported,
        "progress": job.progress,
    }


def _importer(request: HttpRequest) -> User:
    user = _me(request)
    if not user.has_capability("protection.manage"):
        raise ApiError(403, "permission_denied", _("Your role may not import cases."))
    return user


@router.post("/imports", response={201: ImportCreated}, summary="Upload a file to import (multipart field 'file'); "
             "CTIMS reads it, proposes a mapping and checks every row")
def create_import(request: HttpRequest, target: str = "htcds_case") -> tuple[int, dict[str, Any]]:
    from .imports import services as imports
    from .imports.readers import UnreadableFile

    user = _importer(request)
    upload = request.FILES.get("file")
    if upload is None:
        raise ApiError(400, "file_missing", _("Send the file in the multipart field 'file'."))
    try:
        job = imports.create_job(user, upload.read(), upload.name or "", target)
    except UnreadableFile as exc:
        raise ApiError(400, "unreadable_file", exc.message) from exc
    return 201, {"id": job.pk, "status": job.status}


@router.get("/imports/{import_id}", summary="An import: status, column mapping, unmapped values, duplicates, "
            "problems by row and column, rows imported")
def get_import(request: HttpRequest, import_id: Id) -> dict[str, Any]:
    from .imports import services as imports

    user = _importer(request)
    job = imports.job_for(user, import_id)
    record(user, Action.VIEW, job, fields=["mapping", "errors"])
    return _import_out(job)


@router.post("/imports/{import_id}/confirm", response={202: dict[str, Any], 409: Error},
             summary="Run the import with the proposals, optionally overriding columns, values and duplicate choices")
def confirm_import(request: HttpRequest, import_id: Id, payload: ImportConfirmIn | None = None
                   ) -> tuple[int, dict[str, Any]]:
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from .imports import services as imports

    user = _importer(request)
    job = imports.job_for(user, import_id)
    payload = payload or ImportConfirmIn()
    try:
        with transaction.atomic():
            imports.update_mapping(user, job, columns=payload.columns, values=payload.values,
                                   decisions=payload.duplicates)
            imports.confirm(user, job)
    except ValidationError as exc:
        job.refresh_from_db()
        code = "import_has_problems" if job.errors else "invalid_mapping"
        raise ApiError(409 if job.errors else 400, code, " ".join(exc.messages)) from exc
    job.refresh_from_db()
    return 202, _import_out(job)


@router.get("/exports/htcds", summary="The organisation's cases with HTCDS 2.0 columns (anonymous by default, "
            "k-anonymity protected; identified=true needs the right and a reason)")
def export_htcds(request: HttpRequest, identified: bool = False, reason: str = "", format: str = "csv") -> Any:
    from django.http import HttpResponse

    from . import exports

    user = _me(request)
    if format not in ("csv", "xlsx"):
        raise ApiError(400, "invalid_format", _("The format is csv or xlsx."))
    from django.core.exceptions import ValidationError

    try:
        file = exports.export_cases(user, fmt=format, identified=identified, reason=reason)
    except ValidationError as exc:
        raise ApiError(400, "reason_required", " ".join(exc.messages)) from exc
    response = HttpResponse(file.content, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    return response
