"""API of the directory: public services, resources and concern reports; concerns for triage (staff)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import translation
from ninja import Router, Schema
from pydantic import Field

from core.api import ApiError, Error, Id, Limit, LocalTime, Offset, page
from core.middleware import client_ip

from . import selectors, services
from .models import ConcernReport, Resource, Service

router = Router(tags=["directory"])

MAX_PAGE = 500


class ServiceOut(Schema):
    id: int
    name: str
    provider: str
    type: str
    summary: str
    phones: list[str]
    email: str
    website: str
    open_24_7: bool
    days: str
    opens_at: LocalTime | None
    closes_at: LocalTime | None
    hours: str
    languages: list[str]
    audiences: list[str]
    eligibility: str
    nationwide: bool
    voivodeship: str
    city: str
    address: str
    organisation_code: str | None
    is_demo: bool


class ServiceList(Schema):
    items: list[ServiceOut]
    count: int


class ResourceOut(Schema):
    id: int
    title: str
    title_language: str
    titles: dict[str, str]  # language code -> the title of the edition in that language
    organisation: str
    kind: str
    languages: list[str]
    audience: str
    url: str


class ResourceList(Schema):
    items: list[ResourceOut]
    count: int


class ConcernIn(Schema):
    text: str
    contact: str = ""
    language: str = "en"
    voivodeship: str = ""
    place: str = ""


class ConcernReceipt(Schema):
    received: bool
    message: str


class ConcernOut(Schema):
    id: int
    code: str
    text: str
    contact: str
    language: str
    voivodeship: str
    place: str
    received_at: datetime.datetime
    status: str


class ConcernSummary(Schema):
    id: int
    code: str
    language: str
    voivodeship: str
    received_at: datetime.datetime
    status: str
    has_contact: bool


class ConcernList(Schema):
    items: list[ConcernSummary]
    count: int


def _service_out(service: Service, language: str) -> dict[str, Any]:
    with translation.override(language):
        return {
            "id": service.pk, "name": service.display_name(language), "provider": service.provider,
            "type": service.type, "summary": service.summary(language), "phones": service.phones(),
            "email": service.email, "website": service.website, "open_24_7": service.open_24_7,
            "days": service.days, "opens_at": service.opens_at, "closes_at": service.closes_at,
            "hours": service.hours_label(), "languages": service.language_list, "audiences": service.audience_list,
            "eligibility": service.eligibility, "nationwide": service.nationwide, "voivodeship": service.voivodeship,
            "city": service.city, "address": service.address,
            "organisation_code": service.organisation.code if service.organisation else None,
            "is_demo": service.is_demo,
        }


def _lang(lang: str) -> str:
    return lang if lang in ("en", "pl", "uk", "ru") else "en"


@router.get("/services/", auth=None, response=ServiceList, include_in_schema=False)  # the same, trailing slash
@router.get("/services", auth=None, response=ServiceList, summary="Search the directory of services (public)")
def list_services(request: HttpRequest, voivodeship: str = "", type: str = "", language: str = "",
                  audience: str = "", q: str = "", lang: str = "en", limit: Limit = 100,
                  offset: Offset = 0) -> dict[str, Any]:
    qs = selectors.search_services(voivodeship=voivodeship, type=type, language=language, audience=audience,
                                   text=q).select_related("organisation")
    items = [_service_out(s, _lang(lang)) for s in page(qs, limit, offset, MAX_PAGE)]
    return {"items": items, "count": qs.count()}


@router.get("/services/{service_id}", auth=None, response=ServiceOut, summary="One service (public)")
def get_service(request: HttpRequest, service_id: Id, lang: str = "en") -> dict[str, Any]:
    service = selectors.public_service(service_id)
    if service is None:
        raise Http404
    return _service_out(service, _lang(lang))


class ServiceChange(Schema):
    """The parts of an entry its organisation keeps up to date; what is left out stays as it is."""

    name: str | None = Field(None, max_length=200)
    phone: str | None = Field(None, max_length=40)
    phone_alt: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254)
    website: str | None = Field(None, max_length=200)
    summary_en: str | None = None
    summary_pl: str | None = None
    summary_uk: str | None = None
    summary_ru: str | None = None
    eligibility: str | None = None
    open_24_7: bool | None = None
    opens_at: LocalTime | None = None
    closes_at: LocalTime | None = None
    city: str | None = Field(None, max_length=100)
    address: str | None = Field(None, max_length=200)
    is_active: bool | None = None


@router.patch("/services/{service_id}", response=ServiceOut,
              summary="Change a service's entry (its own organisation's directory administrators, or a system "
                      "administrator; audited under that organisation)")
def change_service(request: HttpRequest, service_id: Id, payload: ServiceChange) -> dict[str, Any]:
    changes = payload.dict(exclude_unset=True)
    changes = {k: v for k, v in changes.items() if v is not None}
    service = services.update_service(request.user, service_id, **changes)  # type: ignore[arg-type]
    return _service_out(service, "en")


def _resource_out(resource: Resource) -> dict[str, Any]:
    titles = {code: shown.text for code in resource.language_list
              if (shown := resource.title_in(code)).translated}
    return {"id": resource.pk, "title": resource.title, "title_language": resource.title_language, "titles": titles,
            "organisation": resource.organisation, "kind": resource.kind,
            "languages": resource.language_list, "audience": resource.audience, "url": resource.url}


@router.get("/resources/", auth=None, response=ResourceList, include_in_schema=False)  # the same, trailing slash
@router.get("/resources", auth=None, response=ResourceList, summary="The resource library (public)")
def list_resources(request: HttpRequest, language: str = "") -> dict[str, Any]:
    items = [_resource_out(r) for r in selectors.resources(language=language)]
    return {"items": items, "count": len(items)}


@router.get("/resources/{resource_id}", auth=None, response=ResourceOut, summary="One resource (public)")
def get_resource(request: HttpRequest, resource_id: Id) -> dict[str, Any]:
    resource = selectors.resources().filter(pk=resource_id).first()
    if resource is None:
        raise Http404
    return _resource_out(resource)


@router.post("/concerns", auth=None, response={201: ConcernReceipt, 429: Error, 503: Error},
             summary="Report a concern (public, may be anonymous, rate-limited per address)")
def report_concern(request: HttpRequest, payload: ConcernIn) -> tuple[int, dict[str, Any]]:
    try:
        services.submit_concern(text=payload.text, contact=payload.contact, language=payload.language,
                                voivodeship=payload.voivodeship, place=payload.place, ip=client_ip(request))
    except services.ConcernRefused as exc:
        raise ApiError(429 if exc.code == "rate_limited" else 503, exc.code, exc.message) from exc
    return 201, {"received": True,
                 "message": "Thank you. Your message was sent. If someone is in danger now, call 112."}


def _concern_summary(concern: ConcernReport) -> dict[str, Any]:
    return {"id": concern.pk, "code": concern.code, "language": concern.language, "voivodeship": concern.voivodeship,
            "received_at": concern.received_at, "status": concern.status, "has_contact": bool(concern.contact)}


@router.get("/concerns/", response=ConcernList, include_in_schema=False)  # the same, trailing slash
@router.get("/concerns", response=ConcernList, summary="Concerns your organisation may triage (intake.triage)")
def list_concerns(request: HttpRequest, status: str = "", limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    qs = selectors.concerns_for_triage(request.user, status=status)  # type: ignore[arg-type]
    items = [_concern_summary(c) for c in page(qs, limit, offset, MAX_PAGE)]
    return {"items": items, "count": qs.count()}


@router.get("/concerns/{concern_id}", response=ConcernOut, summary="One concern, with its text (audited view)")
def get_concern(request: HttpRequest, concern_id: Id) -> dict[str, Any]:
    concern = services.view_concern(request.user, concern_id)  # type: ignore[arg-type]
    return {"id": concern.pk, "code": concern.code, "text": concern.text, "contact": concern.contact,
            "language": concern.language, "voivodeship": concern.voivodeship, "place": concern.place,
            "received_at": concern.received_at, "status": concern.status}


@router.post("/concerns/{concern_id}/triaged", response=ConcernSummary, summary="Mark a concern as triaged")
def triage_concern(request: HttpRequest, concern_id: Id) -> dict[str, Any]:
    return _concern_summary(services.mark_concern_triaged(request.user, concern_id))  # type: ignore[arg-type]
