"""Pages of the investigations registry: thin adapters over selectors and services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import User
from core.permissions import capability_required
from core.uploads import upload_limit

from . import picker, selectors, services
from .forms import (
    DocumentForm,
    InvestigationForm,
    LinkForm,
    OffenceForm,
    PersonForm,
    PickerForm,
    ShareForm,
    StageForm,
    TaskForm,
)
from .models import ACTIVE_STAGES, LinkKind, Offence, Stage, offence_name


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _apply_errors(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@capability_required("investigations.view")
def investigation_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    stage = request.GET.get("stage", "")
    offence = request.GET.get("offence", "")
    qs = selectors.investigations_visible_to(user)
    if stage in Stage.values:
        qs = qs.filter(stage=stage)
    if offence.isdigit():
        qs = qs.filter(offence_id=int(offence))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in {"stage": stage, "offence": offence}.items() if v)
    return render(request, "investigations/list.html", {
        "page": page, "stage": stage, "offence": offence, "stages": Stage.choices,
        "offences": selectors.offences(active_only=False), "query": query,
        "can_manage": user.has_capability("investigations.manage"),
    })


@capability_required("investigations.manage")
def investigation_create(request: HttpRequest) -> HttpResponse:
    form = InvestigationForm(request.POST or None, initial={"opened_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            inv = services.create_investigation(_user(request), services.InvestigationInput(
                offence=d["offence"], other_offences=list(d["other_offences"]), stage=d["stage"],
                case_file_number=d["case_file_number"], unit=d["unit"], voivodeship=d["voivodeship"],
                prosecutor_office=d["prosecutor_office"], summary=d["summary"], opened_on=d["opened_on"]))
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Investigation %(code)s was registered.") % {"code": inv.code})
            return redirect("investigations:detail", investigation_id=inv.pk)
    return render(request, "investigations/form.html", {"form": form})


@capability_required("investigations.view")
def investigation_edit(request: HttpRequest, investigation_id: int) -> HttpResponse:
    user = _user(request)
    inv = selectors.open_investigation(user, investigation_id)
    if not selectors.can_manage(user, inv):
        raise PermissionDenied
    fields = ["offence", "stage", "case_file_number", "unit", "voivodeship", "prosecutor_office", "summary",
              "opened_on"]
    initial = {f: getattr(inv, f) for f in fields} | {"other_offences": list(inv.other_offences.all())}
    form = InvestigationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_investigation(user, inv, {f: form.cleaned_data[f] for f in [*fields, "other_offences"]})
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The investigation was updated."))
            return redirect("investigations:detail", investigation_id=inv.pk)
    return render(request, "investigations/form.html", {"form": form, "inv": inv})


def _link_rows(user: User, inv: Any) -> list[dict[str, Any]]:
    """Linked reports, with a link where this user may open them (intake records of their own organisation)."""
    from django.urls import reverse

    from intake.selectors import calls_visible_to, observations_visible_to

    links = list(inv.links.all())
    call_ids = set(calls_visible_to(user).filter(pk__in=[lk.object_id for lk in links if lk.kind == LinkKind.CALL])
                   .values_list("pk", flat=True))
    obs_ids = set(observations_visible_to(user).filter(
        pk__in=[lk.object_id for lk in links if lk.kind == LinkKind.OBSERVATION]).values_list("pk", flat=True))
    from protection.selectors import cases_visible_to

    case_ids = set(cases_visible_to(user).filter(
        pk__in=[lk.object_id for lk in links if lk.kind == LinkKind.PROTECTION_CASE]).values_list("pk", flat=True))
    rows = []
    for lk in links:
        url = ""
        if lk.kind == LinkKind.CALL and lk.object_id in call_ids:
            url = reverse("intake:call_detail", args=[lk.object_id])
        elif lk.kind == LinkKind.OBSERVATION and lk.object_id in obs_ids:
            url = reverse("intake:observation_detail", args=[lk.object_id])
        elif lk.kind == LinkKind.PROTECTION_CASE and lk.object_id in case_ids:
            url = reverse("protection:case", args=[lk.object_id])
        rows.append({"id": lk.pk, "kind": lk.get_kind_display(), "label": lk.label or lk.object_id, "url": url})
    return rows


def _detail(request: HttpRequest, inv: Any, **extra: Any) -> HttpResponse:
    user = _user(request)
    manage = selectors.can_manage(user, inv)
    context: dict[str, Any] = {
        "inv": inv, "offences": inv.offences(), "people": list(inv.people.all()), "links": _link_rows(user, inv),
        "can_manage": manage, "stages": selectors.stage_timeline(inv),
        "documents": list(inv.documents.all()), "can_read_documents": inv.organisation_id == user.organisation_id,
        "tasks": list(inv.tasks.select_related("assigned_to")),
        "shares": list(inv.shares.select_related("organisation")) if manage else [],
        "person_form": PersonForm(prefix="person"), "share_form": ShareForm(prefix="share", investigation=inv),
        "link_form": LinkForm(prefix="link"), "stage_form": StageForm(prefix="stage", initial={"stage": inv.stage}),
        "task_form": TaskForm(prefix="task", investigation=inv), "document_form": DocumentForm(prefix="document"),
        "picker_form": PickerForm(prefix="picker"),
    }
    context.update(extra)
    return render(request, "investigations/detail.html", context)


@capability_required("investigations.view")
def investigation_detail(request: HttpRequest, investigation_id: int) -> HttpResponse:
    return _detail(request, selectors.open_investigation(_user(request), investigation_id))


@capability_required("investigations.manage")
@require_POST
def find_records(request: HttpRequest, investigation_id: int) -> HttpResponse:
    """The picker: the search text comes in the POST body (it may be a name), and the results are this page."""
    user = _user(request)
    inv = selectors.open_investigation(user, investigation_id)
    if not selectors.can_manage(user, inv):
        raise PermissionDenied
    form = PickerForm(request.POST, prefix="picker")
    results = picker.find(user, inv, form.cleaned_data["q"]) if form.is_valid() else []
    return _detail(request, inv, picker_form=form, picker_results=results, picker_searched=form.is_valid())


@upload_limit(services.MAX_DOCUMENT_BYTES)
@capability_required("investigations.manage")
@require_POST
def add_document(request: HttpRequest, investigation_id: int) -> HttpResponse:
    user = _user(request)
    inv = selectors.open_investigation(user, investigation_id)
    form = DocumentForm(request.POST, request.FILES, prefix="document")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.add_document(user, inv, title=form.cleaned_data["title"], filename=upload.name or "",
                                  content_type=upload.content_type or "", content=upload.read())
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Document stored (encrypted)."))
            return redirect("investigations:detail", investigation_id=inv.pk)
    return _detail(request, inv, document_form=form)


@capability_required("investigations.view")
def document(request: HttpRequest, investigation_id: int, document_id: int) -> HttpResponse:
    doc, content = services.read_document(_user(request), document_id)
    if doc.investigation_id != investigation_id:
        raise Http404
    response = HttpResponse(content, content_type=doc.content_type)
    response["Content-Disposition"] = f'attachment; filename="document-{doc.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@capability_required("investigations.manage")
def link_identity(request: HttpRequest, entity_id: int) -> HttpResponse:
    """Link every call, observation and protection case of a links identity that the user may open to one of
    the agency's investigations. The records the user may not open are only counted."""
    from links.selectors import entities_visible_to

    user = _user(request)
    entity = get_object_or_404(entities_visible_to(user), pk=entity_id)
    records = picker.identity_records(user, entity)
    hidden = entity.mentions.values("source_type", "source_id").distinct().count() - len(records)
    choices = selectors.investigations_visible_to(user).filter(organisation_id=user.organisation_id,
                                                               stage__in=ACTIVE_STAGES)
    error = ""
    if request.method == "POST":
        raw = request.POST.get("investigation", "")
        inv = choices.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 12 else None
        if inv is None:
            error = _("Choose the investigation.")
        else:
            added, already = services.link_many(user, inv, records)
            if added:
                messages.success(request, ngettext("%(count)d record was linked.", "%(count)d records were linked.",
                                                   added) % {"count": added})
            if already:
                messages.info(request, ngettext("%(count)d record was already linked.",
                                                "%(count)d records were already linked.", already)
                              % {"count": already})
            if not added and not already:
                messages.info(request, _("There was nothing you can open to link."))
            return redirect("investigations:detail", investigation_id=inv.pk)
    codes = _record_codes(user, records)
    return render(request, "investigations/link_identity.html", {
        "entity": entity, "records": codes, "hidden": max(hidden, 0), "choices": choices[:200], "error": error})


def _record_codes(user: User, records: list[tuple[str, int]]) -> list[dict[str, Any]]:
    from protection.selectors import cases_visible_to

    case_codes = dict(cases_visible_to(user).filter(
        pk__in=[i for k, i in records if k == LinkKind.PROTECTION_CASE]).values_list("pk", "code"))
    rows = []
    for kind, object_id in records:
        code = {LinkKind.CALL: f"CALL-{object_id}", LinkKind.OBSERVATION: f"OBS-{object_id}"}.get(
            LinkKind(kind), case_codes.get(object_id, str(object_id)))
        rows.append({"kind": LinkKind(kind).label, "code": code})
    return rows


@capability_required("investigations.manage")
@require_POST
def investigation_action(request: HttpRequest, investigation_id: int) -> HttpResponse:
    user = _user(request)
    inv = selectors.open_investigation(user, investigation_id)
    action = request.POST.get("action", "")
    try:
        if action == "person":
            pf = PersonForm(request.POST, prefix="person")
            if not pf.is_valid():
                raise ValidationError(_("Enter the person's name and role."))
            services.add_person(user, inv, services.PersonInput(**pf.cleaned_data))
            messages.success(request, _("The person was added."))
        elif action == "share":
            sf = ShareForm(request.POST, prefix="share", investigation=inv)
            if not sf.is_valid():
                raise ValidationError(_("Choose an organisation."))
            services.share(user, inv, sf.cleaned_data["organisation"])
            messages.success(request, _("The investigation is now shared."))
        elif action == "unshare":
            services.unshare(user, inv, int(request.POST.get("organisation", "0") or 0))
            messages.success(request, _("The organisation no longer sees this investigation."))
        elif action == "link":
            lf = LinkForm(request.POST, prefix="link")
            if not lf.is_valid():
                raise ValidationError(_("Enter the number of the call, observation or case."))
            services.link(user, inv, lf.cleaned_data["kind"], lf.cleaned_data["object_id"])
            messages.success(request, _("The link was added."))
        elif action == "stage":
            stf = StageForm(request.POST, prefix="stage")
            if not stf.is_valid():
                raise ValidationError(_("Choose the new stage and a valid date."))
            services.change_stage(user, inv, stf.cleaned_data["stage"], stf.cleaned_data["entered_on"],
                                  stf.cleaned_data["note"])
            messages.success(request, _("The stage was recorded."))
        elif action == "task":
            tf = TaskForm(request.POST, prefix="task", investigation=inv)
            if not tf.is_valid():
                raise ValidationError([e for errors in tf.errors.values() for e in errors])
            services.add_task(user, inv, **tf.cleaned_data)
            messages.success(request, _("The task was added."))
        elif action == "task_done":
            raw = request.POST.get("task", "")
            services.complete_task(user, inv, int(raw) if raw.isdigit() and len(raw) < 12 else 0)
            messages.success(request, _("The task is marked as done."))
        elif action == "unlink":
            services.unlink(user, inv, int(request.POST.get("link", "0") or 0))
            messages.success(request, _("The link was removed."))
        else:
            raise Http404
    except services.AlreadyLinked as exc:
        messages.info(request, " ".join(exc.messages))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("investigations:detail", investigation_id=inv.pk)


@capability_required("investigations.view")
def dashboard(request: HttpRequest) -> HttpResponse:
    data = selectors.dashboard(_user(request))
    stages = dict(Stage.choices)
    for row in data["by_stage"]:
        row["label"] = stages.get(row["stage"], row["stage"])
    for row in data["by_offence"]:
        row["label"] = f"art. {row['offence__article']} — {offence_name(row['offence__name'])}"
    for row in data["by_voivodeship"]:
        row["label"] = row["voivodeship__name"] or _("Not recorded")
    context: dict[str, Any] = dict(data)
    for k, rows in data.items():
        context["max_" + k] = max([r["n"] for r in rows], default=1)
    context["total"] = sum(r["n"] for r in data["by_stage"])
    context["time_in_stage"] = selectors.time_in_stage(_user(request))
    for row in context["time_in_stage"]:
        row["label"] = stages.get(row["stage"], row["stage"])
    return render(request, "investigations/dashboard.html", context)


@capability_required("reference.manage", "investigations.manage")
def offence_list(request: HttpRequest) -> HttpResponse:
    return render(request, "investigations/offences.html", {"offences": selectors.offences(active_only=False)})


@capability_required("reference.manage", "investigations.manage")
def offence_edit(request: HttpRequest, offence_id: int | None = None) -> HttpResponse:
    offence = get_object_or_404(Offence, pk=offence_id) if offence_id else None
    initial = ({"act": offence.act, "article": offence.article, "name": offence.name, "is_active": offence.is_active}
               if offence else None)
    form = OffenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_offence(_user(request), offence, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The offence was saved."))
            return redirect("investigations:offences")
    return render(request, "investigations/offence_form.html", {"form": form, "offence": offence})
