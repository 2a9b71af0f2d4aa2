"""Pages: upload -> mapping (every column and every distinct value, editable) -> dry run -> import -> progress."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.permissions import capability_required

from .. import choices
from . import services
from .mapping import IGNORE
from .models import ImportStatus
from .readers import UnreadableFile, max_bytes
from .targets import get_target, targets_for


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (XLSX, XLSM, CSV or KoboToolbox JSON)"),
                           help_text=gettext_lazy("A partner's HTCDS sheet as it is: CTIMS finds the header row and "
                                                  "proposes a field for each column; you check it before anything "
                                                  "is imported."))
    target = forms.ChoiceField(label=gettext_lazy("The file holds"), required=False, initial="htcds_case")
    saved_mapping = forms.TypedChoiceField(label=gettext_lazy("Use a saved mapping"), required=False, coerce=int,
                                           empty_value=None)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        saved = self.fields["saved_mapping"]
        assert isinstance(target, forms.ChoiceField) and isinstance(saved, forms.ChoiceField)
        target.choices = [(t.key, t.label) for t in targets_for(user)]
        saved.choices = [("", "—")] + [(m.pk, m.name) for m in services.saved_mappings(user)]


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@capability_required("protection.manage")
def upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    # ?target=field_observation: the observations page links here with its own kind of file chosen
    form = UploadForm(request.POST or None, request.FILES or None, user=user,
                      initial={"target": request.GET.get("target", "")})
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        if f.size and f.size > max_bytes():
            form.add_error("file", _("The file is %(size)s MB; the largest file CTIMS imports is %(limit)s MB.") % {
                "size": f"{f.size / 1_048_576:.1f}", "limit": f"{max_bytes() / 1_048_576:.0f}"})
        else:
            try:
                job = services.create_job(user, f.read(), f.name or "", form.cleaned_data.get("target") or "htcds_case",
                                          form.cleaned_data.get("saved_mapping"))
            except UnreadableFile as exc:
                form.add_error("file", exc.message)
            except ValidationError as exc:
                for msg in exc.messages:
                    form.add_error(None, msg)
            else:
                return redirect("protection:import_job", job.pk)
    return render(request, "protection/import.html", {"form": form, "jobs": services.jobs_for(user)})


def _field_options(target_key: str) -> list[tuple[str, str]]:
    target = get_target(target_key)
    return [(f.name, f"{f.name} — {f.label}") for f in target.fields]


def _value_options(target_key: str, fname: str) -> list[tuple[str, str]]:
    f = get_target(target_key).field(fname)
    if f is None:
        return []
    if f.kind == "country":
        return [(code, f"{label} ({code})") for code, label in choices.COUNTRIES]
    return [(ch.code, f"{ch.label} ({ch.code})") for ch in f.choices]


@capability_required("protection.manage")
def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    user = _user(request)
    job = services.job_for(user, job_id)
    if request.method == "POST" and job.status in (ImportStatus.MAPPING, ImportStatus.READY, ImportStatus.FAILED):
        data = request.POST
        columns = {k[4:]: str(data.get(k, "")) for k in data if k.startswith("col:")}
        chosen: dict[str, dict[str, str]] = {}
        for k in data:
            if k.startswith("val:"):
                _prefix, fname, raw = k.split(":", 2)
                chosen.setdefault(fname, {})[raw] = str(data.get(k, ""))
        decisions = {k[4:]: str(data.get(k, "")) for k in data if k.startswith("dup:")}
        action = data.get("action", "check")
        try:
            services.update_mapping(user, job, columns=columns, values=chosen, decisions=decisions)
            if action == "save":
                services.save_mapping(user, job, data.get("mapping_name", ""))
                messages.success(request, _("Mapping saved for the next file."))
            if action == "import":
                services.confirm(user, job)
                return redirect("protection:import_job", job.pk)
            services.check(user, job)
        except UnreadableFile as exc:
            messages.error(request, exc.message)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(reverse("protection:import_job", args=[job.pk]) + "#check")
    summary = job.summary or {}
    values = [
        {"field": fname, "options": _value_options(job.target, fname), "entries": entries,
         "flagged": sum(1 for e in entries if e["confidence"] not in ("exact", "chosen"))}
        for fname, entries in summary.get("values", {}).items()
    ]
    duplicates = []
    for row, hits in summary.get("duplicates", {}).items():
        decision = str(job.decisions.get(row, "new"))
        duplicates.append({"row": row, "decision": decision,
                           "hits": [{**h, "chosen": decision == f"case:{h['case_id']}"} for h in hits]})
    # A target may say how the pages name its rows (e.g. observations); HTCDS cases are the default wording.
    extra = get_target(job.target).extra
    created: list[tuple[str, str]] = []
    if job.status == ImportStatus.DONE and job.created_ids:
        if "created_links" in extra:
            created = list(extra["created_links"](user, job.created_ids[:200]))
        else:
            from ..selectors import cases_visible_to

            created = [(c.code, reverse("protection:case", args=[c.pk])) for c in
                       cases_visible_to(user, "organisation").filter(id__in=job.created_ids[:200]).order_by("id")]
    wording = {
        "new_message": str(extra["new_message"] % {"count": summary.get("new", 0)}) if "new_message" in extra else "",
        "imported_message": (str(extra["imported_message"] % {"count": job.imported})
                             if "imported_message" in extra else ""),
        "result_url": str(extra["result_link"][0]) if "result_link" in extra else reverse("protection:case_list"),
        "result_label": str(extra["result_link"][1]) if "result_link" in extra else _("Go to the case list"),
    }
    return render(request, "protection/import_job.html", {
        "job": job, "summary": summary, "field_options": _field_options(job.target), "ignore": IGNORE,
        "values": values, "created": created, "duplicates": duplicates, "wording": wording,
        "flagged_columns": [c for c in summary.get("columns", []) if c["confidence"] not in ("exact", "not_stored")],
        "can_edit": job.status in (ImportStatus.MAPPING, ImportStatus.READY, ImportStatus.FAILED),
    })


@capability_required("protection.manage")
def progress(request: HttpRequest, job_id: int) -> HttpResponse:
    job = services.job_for(_user(request), job_id)
    if job.status != ImportStatus.IMPORTING and request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("protection:import_job", args=[job.pk])
        return response
    return render(request, "protection/_import_progress.html", {"job": job})
