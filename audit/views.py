"""The audit log page: supervisors and administrators browse their organisation's events."""

from __future__ import annotations

import datetime
from typing import Any

from django.apps import apps
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.permissions import capability_required

from .models import Action
from .selectors import events_visible_to


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


# The apps whose records people look for in the audit log (the record-type suggestions).
CTIMS_APPS = {"accounts", "directory", "intake", "investigations", "protection", "links", "training", "programme",
              "retention"}

# Record types whose model has no translated verbose_name: named here so the log reads in every language.
RECORD_TYPE_LABELS = {
    "accounts.apitoken": _("API token"),
    "accounts.recoverycode": _("recovery code"),
    "accounts.totpdevice": _("authenticator"),
    "accounts.usersession": _("user session"),
    "directory.concernattempt": _("public concern attempt"),
    "intake.hotlinecall": _("hotline call"),
    "intake.fieldobservation": _("field observation"),
    "intake.observationphoto": _("observation photo"),
    "intake.triagecomment": _("triage comment"),
    "intake.mention": _("mention"),
    "investigations.investigation": _("investigation"),
    "investigations.investigationshare": _("investigation share"),
    "investigations.investigationperson": _("person in an investigation"),
    "investigations.investigationlink": _("investigation link"),
    "links.mention": _("mention"),
    "links.alert": _("alert"),
    "links.matchpair": _("possible match"),
    "programme.target": _("project target"),
    "protection.indicator": _("screening indicator"),
    "protection.screening": _("screening"),
    "protection.identification": _("identification"),
    "protection.consent": _("consent"),
    "protection.assessment": _("assessment"),
    "protection.supportplanitem": _("support plan item"),
    "protection.servicedelivered": _("service delivered"),
    "protection.casenote": _("case note"),
    "protection.casedocument": _("case document"),
    "protection.casetask": _("case task"),
    "protection.referral": _("referral"),
    "protection.transfer": _("transfer"),
    "protection.returnandreintegration": _("return and reintegration"),
    "protection.reintegrationassistance": _("reintegration assistance"),
    "protection.monitoringvisit": _("monitoring visit"),
    "training.trainingevent": _("training event"),
    "training.participant": _("participant"),
    "training.attendance": _("attendance"),
    "training.question": _("test question"),
    "training.testresult": _("test result"),
    "training.feedback": _("feedback"),
    "training.certificate": _("certificate"),
    "training.course": _("course"),
    "training.lesson": _("lesson"),
    "training.enrolment": _("enrolment"),
    "training.quizattempt": _("quiz attempt"),
    "training.scormpackage": _("SCORM package"),
    "training.externalcompletion": _("external completion"),
    "audit.auditevent": _("audit events"),  # the retention purge of old events
    "links.source": _("mentions of a record"),  # a source record's mentions removed from links
}


def _record_type_labels() -> dict[str, str]:
    """"protection.case" -> "case" (translated): what people call the record, not the table."""
    labels = {m._meta.label_lower: str(m._meta.verbose_name) for m in apps.get_models()}
    labels.update({key: str(label) for key, label in RECORD_TYPE_LABELS.items()})
    return labels


@capability_required("audit.view")
def event_list(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    filters = {
        "action": request.GET.get("action", ""),
        "actor": request.GET.get("actor", "").strip(),
        "object_type": request.GET.get("object_type", "").strip(),
        "object_id": request.GET.get("object_id", "").strip(),
        "since": _date(request.GET.get("since", "")),
        "until": _date(request.GET.get("until", "")),
        # the request id of a log line (core.logging): every event of that one request
        "request_id": request.GET.get("request_id", "").strip(),
    }
    labels = _record_type_labels()
    query_filters: dict[str, Any] = dict(filters)
    typed = str(filters["object_type"])
    if typed and typed not in labels:
        # people type what the table shows ("case", "сертификат"), not the internal name
        query_filters["object_type"] = [key for key, label in labels.items() if label.lower() == typed.lower()]
    events = events_visible_to(request.user, **query_filters)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    problem: Any = ""
    if filters["since"] and filters["until"] and filters["since"] > filters["until"]:  # type: ignore[operator]
        problem = _("The “From” date is after the “To” date, so nothing can match.")
    for event in page.object_list:
        event.record_label = labels.get(event.object_type, event.object_type)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/event_list.html", {
        "page": page, "filters": filters, "actions": Action.choices, "query": query.urlencode(), "problem": problem,
        "record_types": sorted({label for key, label in labels.items() if key.split(".")[0] in CTIMS_APPS}),
    })
