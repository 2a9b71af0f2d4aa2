"""Protection pages: thin adapters over selectors (reads, scoped) and services (writes, audited)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from audit.selectors import history_of
from core.permissions import capability_required
from core.uploads import upload_limit
from worklists import selectors as worklists

from . import exports, forms, selectors, services
from .choices import AgeRange, CasePart, CaseStatus, Gender, Strength
from .models import Case, Consent, Indicator, ReturnAndReintegration
from .screening import recommend

VIEW = "protection.view"
MANAGE = "protection.manage"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _case_url(case_id: int, section: str = "") -> str:
    return reverse("protection:case", args=[case_id]) + (f"#{section}" if section else "")


# --- lists ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list, ready to print: no lookups left for the template."""

    id: int
    code: str
    url: str
    status: str
    owner: str
    case_worker: str
    gender: str
    age_range: str
    next_review_due: str
    overdue: bool


def _case_rows(cases: list[Case]) -> list[CaseRow]:
    """Labels are looked up once per page, not once per row: `get_FOO_display` rebuilds its choices on
    every call, which made these lookups about a quarter of the list's rendering time."""
    statuses = {k: str(v) for k, v in CaseStatus.choices}
    genders = {k: str(v) for k, v in Gender.choices}
    ages = {k: str(v) for k, v in AgeRange.choices}
    url = reverse("protection:case", args=[0]).replace("/0/", "/{}/")
    today = timezone.localdate()
    return [CaseRow(
        id=c.id, code=c.code, url=url.format(c.id), status=statuses.get(c.status, c.status), owner=str(c.organisation),
        case_worker=(c.case_worker.get_full_name() or c.case_worker.username) if c.case_worker else "",
        gender=genders.get(c.person.gender, c.person.gender),
        age_range=ages.get(c.person.age_range, c.person.age_range),
        next_review_due=date_format(c.next_review_due, "SHORT_DATE_FORMAT") if c.is_open else "",
        overdue=c.is_open and c.next_review_due < today)
        for c in cases]


@capability_required(VIEW)
def case_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    scope = request.GET.get("scope", "organisation")
    if scope not in selectors.SCOPES:
        scope = "organisation"
    status = request.GET.get("status", "")
    status = status if status in CaseStatus.values else ""
    code = request.GET.get("code", "").strip()[:32]
    overdue = request.GET.get("overdue") == "1"
    try:
        before = int(request.GET.get("before", "") or 0) or None
    except ValueError:
        before = None
    qs = selectors.cases_visible_to(user, scope, status=status, code=code, overdue=overdue)  # type: ignore[arg-type]
    flag = worklists.clean_flag(request.GET.get("flag", ""))
    if flag:
        qs = worklists.flagged(user, "cases", qs, flag)
    cases, next_before = selectors.page_of(qs, before)
    count, more = selectors.capped_count(qs)
    query = request.GET.copy()
    query.pop("before", None)
    return render(request, "protection/case_list.html", {
        "cases": _case_rows(cases), "next_before": next_before, "query": query.urlencode(), "scope": scope,
        "status": status, "code": code, "overdue": overdue, "statuses": CaseStatus.choices, "count": count,
        "more": more, "flag": flag,
        "scopes": [("mine", _("My cases")), ("organisation", _("My organisation's")),
                   ("shared", _("Shared with us")), ("all", _("All I can see"))],
    })


@capability_required(VIEW)
def overdue(request: HttpRequest) -> HttpResponse:
    return render(request, "protection/overdue.html", {"overdue": selectors.overdue_for(_user(request))})


@capability_required(VIEW)
def referral_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(request, "protection/referral_list.html", {
        "incoming": selectors.referrals_visible_to(user, "incoming")[:200],
        "outgoing": selectors.referrals_visible_to(user, "outgoing")[:200],
    })


# --- registration -----------------------------------------------------------------------------


@capability_required(MANAGE)
def register(request: HttpRequest) -> HttpResponse:
    """Register a person; possible duplicates in the organisation are shown before anything is written."""
    user = _user(request)
    form = forms.RegistrationForm(request.POST or None)
    duplicates: list[services.PossibleDuplicate] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ident = services.Identity.from_data(form.identity_data())
        duplicates = services.possible_duplicates(user, ident)
        if duplicates and not data["confirm_new"]:
            form.add_error("confirm_new", _("Possible duplicates were found. Open them to check, or tick this box "
                                            "if none is the same person."))
        else:
            try:
                case = services.register_person(
                    user, ident, gender=data["gender"], age_range=data["age_range"], summary=data["summary"],
                    sensitivity=data["sensitivity"], exploitation_types=data["exploitation_types"],
                    labour_industry=data["labour_industry"],
                    country_of_exploitation=data["country_of_exploitation"])
            except ValidationError as exc:
                forms.apply_errors(form, exc)
            else:
                messages.success(request, _("Case %(code)s opened.") % {"code": case.code})
                return redirect(_case_url(case.id))
    return render(request, "protection/register.html", {"form": form, "duplicates": duplicates})


# --- the case page ----------------------------------------------------------------------------


def _access(request: HttpRequest, case_id: int) -> selectors.CaseAccess:
    access = selectors.case_access(_user(request), case_id)
    if access is None:
        raise Http404
    return access


@capability_required(VIEW)
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case page: header, then each section the user may see. Every opening is audited."""
    user = _user(request)
    access = _access(request, case_id)
    case = access.case
    services.record_case_view(user, access)
    has = selectors.case_records_present(case)

    def rows(name: str, qs: Any) -> list[Any]:
        return list(qs) if name in has else []

    ctx: dict[str, Any] = {"access": access, "case": case, "person": case.person}
    if access.sees("screening"):
        observed = Prefetch("observed", queryset=Indicator.objects.select_related("dimension__indicator_set"))
        screenings = rows("screenings", case.screenings.prefetch_related(observed))
        ctx["screenings"] = [(s, recommend(s.observed.all())) for s in screenings]
    if access.sees("identification"):
        ctx["identifications"] = rows("identifications", case.identifications.select_related("deciding_organisation"))
    if access.own:
        ctx["consents"] = rows("consents", case.consents.select_related("shared_with", "shared_with_service",
                                                                           "taken_by"))
        ctx["documents"] = rows("documents", case.documents.all())
        ctx["tasks"] = rows("tasks", case.tasks.select_related("assigned_to"))
        ctx["transfers"] = rows("transfers", case.transfers.select_related("from_organisation", "to_organisation"))
        ctx["referrals"] = rows("referrals", case.referrals.select_related("to_organisation", "to_service"))
        ctx["assigned"] = rows("assigned", case.assigned_workers.all())
        ctx["person_cases"] = rows("person_cases", selectors.cases_visible_to(user, "organisation")
                                   .filter(person_id=case.person_id).exclude(pk=case.pk).only("id", "code", "status"))
        ctx["can_open_new_case"] = access.can_manage and not (
            case.is_open or any(c.is_open for c in ctx["person_cases"]))
    if access.sees("assessment"):
        ctx["assessments"] = rows("assessments", case.assessments.all())
        ctx["plan_items"] = rows("plan_items", case.plan_items.all())
    # the receiving organisation of an accepted referral covering services may add services and notes
    ctx["can_contribute"] = not access.own and services.partner_referral(user, case.id) is not None
    if access.sees("services"):
        ctx["services"] = rows("services", case.services.select_related("organisation"))
    if access.sees("notes"):
        ctx["notes"] = rows("notes", case.notes.select_related("author", "organisation"))
    elif ctx["can_contribute"]:  # notes were not shared: the partner sees only the notes it wrote
        ctx["notes"] = rows("notes", case.notes.filter(organisation_id=user.organisation_id)
                            .select_related("author", "organisation"))
    if access.sees("return"):
        plan = ReturnAndReintegration.objects.filter(case=case).first() if "return_plan" in has else None
        ctx["return_plan"] = plan
        if plan:
            ctx["assistance"] = list(plan.assistance.all())
            ctx["visits"] = list(plan.visits.all())
    if not access.own:
        ctx["my_referrals"] = list(case.referrals.filter(to_organisation_id=user.organisation_id))
    return render(request, "protection/case.html", ctx)


@capability_required(MANAGE)
def new_case(request: HttpRequest, case_id: int) -> HttpResponse:
    """A person whose case was closed comes back: a new case for the same person, without registering again."""
    user = _user(request)
    case = services.managed_case(user, case_id).case
    form = forms.NewCaseForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            new = services.open_case_for_person(user, case.person_id, **form.cleaned_data)
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, _("Case %(code)s opened for the same person.") % {"code": new.code})
            return redirect(_case_url(new.id))
    return render(request, "protection/case_form.html", {
        "case": case, "form": form, "title": _("Open a new case for this person"), "section": "summary",
        "intro": _("The person keeps their identity and earlier cases; the new case starts with its own screening, "
                   "consent and plan.")})


@capability_required(VIEW)
def case_history(request: HttpRequest, case_id: int) -> HttpResponse:
    """Who opened or changed the case: for the owner organisation, including referral partners' views."""
    access = _access(request, case_id)
    if not access.own:
        raise Http404
    events = list(history_of("protection.case", case_id).select_related("organisation")[:300])
    labels = _history_part_labels()
    for event in events:
        event.part_labels = [labels.get(name, name) for name in event.fields or []]  # type: ignore[attr-defined]
    return render(request, "protection/history.html", {"case": access.case, "events": events})


def _history_part_labels() -> dict[str, str]:
    """Audit field and section names ("country_of_exploitation", "return") as the case page names them."""
    labels = {f.name: str(capfirst(f.verbose_name)) for f in Case._meta.fields}
    labels.update({part.value: str(part.label) for part in CasePart})
    labels.update({"summary": _("Summary"), "referrals": _("Referrals"), "consent": _("Consent"),
                   "documents": _("Documents"), "tasks": _("Tasks")})
    return labels


# --- forms on a case --------------------------------------------------------------------------

Save = Callable[[User, int, dict[str, Any]], Any]


def _case_form(request: HttpRequest, case_id: int, form: djforms.BaseForm, *, title: str, save: Save, section: str,
               done: str, intro: str = "", template: str = "protection/case_form.html",
               extra: dict[str, Any] | None = None,
               access_for: Callable[[User, int], selectors.CaseAccess] = services.managed_case) -> HttpResponse:
    """GET shows `form` for an owned case (or what `access_for` allows); a valid POST calls `save` and returns
    to the case section."""
    access = access_for(_user(request), case_id)
    if request.method != "POST":  # the form may show what is recorded (identity, return plan): a view
        services.record_case_view(_user(request), access, sections=[section])
    if request.method == "POST" and form.is_valid():
        try:
            save(_user(request), case_id, form.cleaned_data)
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(_case_url(case_id, section))
    return render(request, template, {"case": access.case, "access": access, "form": form, "title": title,
                                      "intro": intro, "section": section, **(extra or {})})


def _post(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@capability_required(MANAGE)
def edit_identity(request: HttpRequest, case_id: int) -> HttpResponse:
    person = services.managed_case(_user(request), case_id).case.person
    if not _user(request).has_capability("protection.view_identity"):
        raise Http404
    initial = {f: getattr(person, f) for f in person.IDENTITY_FIELDS}
    initial.update(citizenship=[c for c in person.citizenship.split(";") if c], gender=person.gender,
                   age_range=person.age_range)
    form = forms.IdentityForm(_post(request), initial=initial)

    def save(user: User, cid: int, data: dict[str, Any]) -> Any:
        return services.update_identity(user, cid, services.Identity.from_data(form.identity_data()),
                                        gender=data["gender"], age_range=data["age_range"])

    return _case_form(request, case_id, form, title=_("Identity"), save=save, section="identity",
                      done=_("Identity saved."))


@capability_required(MANAGE)
def edit_case(request: HttpRequest, case_id: int) -> HttpResponse:
    case = services.managed_case(_user(request), case_id).case
    initial = {"case_worker": case.case_worker, "assigned_workers": list(case.assigned_workers.all()),
               "sensitivity": case.sensitivity, "exploitation_types": case.exploitation_list,
               "labour_industry": case.labour_industry, "country_of_exploitation": case.country_of_exploitation,
               "summary": case.summary}
    form = forms.CaseForm(_post(request), initial=initial, organisation=case.organisation)
    return _case_form(request, case_id, form, title=_("Case details"), section="summary", done=_("Case saved."),
                      save=lambda u, c, d: services.update_case(u, c, **d))


@capability_required(MANAGE)
def case_status(request: HttpRequest, case_id: int) -> HttpResponse:
    from approvals.services import request_closure

    form = forms.StatusForm(_post(request))
    asked: list[object] = []
    response = _case_form(request, case_id, form, title=_("Change status or close the case"), section="summary",
                          done=_("Status changed."),
                          save=lambda u, c, d: asked.append(request_closure(u, c, d["status"], d["closure_reason"])))
    if any(asked):  # the closure waits for a supervisor: say so instead of "Status changed."
        list(messages.get_messages(request))
        messages.info(request, _("The closure was sent to a supervisor for approval. The case stays open until then."))
    return response


@require_POST
@capability_required(MANAGE)
def case_review(request: HttpRequest, case_id: int) -> HttpResponse:
    case = services.record_review(_user(request), case_id)
    messages.success(request, _("Review recorded. The next one is due on %(date)s.")
                     % {"date": case.next_review_due.isoformat()})
    return redirect(_case_url(case_id, "summary"))


@capability_required(MANAGE)
def screening(request: HttpRequest, case_id: int) -> HttpResponse:
    """The guided screening: indicators grouped by set and dimension, each with its hint."""
    form = forms.ScreeningForm(_post(request))
    sets = list(selectors.active_indicator_sets())
    chosen = {str(v) for v in (form["indicators"].value() or [])}
    groups = [(s, [(d, [i for i in d.indicators.all() if i.is_active]) for d in s.dimensions.all()]) for s in sets]
    return _case_form(
        request, case_id, form, title=_("Screening"), section="screening", template="protection/screening.html",
        done=_("Screening recorded."), extra={"groups": groups, "chosen": chosen},
        intro=_("Tick only what you observed or what the person told you. One indicator can be enough; usually "
                "several together point to trafficking. The result is a recommendation, not a score."),
        save=lambda u, c, d: services.record_screening(u, c, [i.pk for i in d["indicators"]], d["notes"]))


@capability_required(MANAGE)
def identification(request: HttpRequest, case_id: int) -> HttpResponse:
    form = forms.IdentificationForm(_post(request))
    return _case_form(request, case_id, form, title=_("Identification"), section="identification",
                      done=_("Identification recorded."),
                      save=lambda u, c, d: services.record_identification(u, c, **d))


@capability_required(MANAGE)
def consent(request: HttpRequest, case_id: int) -> HttpResponse:
    form = forms.ConsentForm(_post(request), initial={"language": "uk"})

    def save(user: User, cid: int, d: dict[str, Any]) -> Any:
        return services.give_consent(user, cid, purpose=d["purpose"], language=d["language"], checks=d["checks"],
                                     shared_with=d["shared_with"], shared_with_service=d["shared_with_service"],
                                     parts=d["parts"], is_child=d["is_child"],
                                     child_assent=d["child_assent"], guardian_name=d["guardian_name"],
                                     guardian_relationship=d["guardian_relationship"])

    return _case_form(request, case_id, form, title=_("Consent"), section="consent", save=save,
                      done=_("Consent recorded."),
                      intro=_("Explain each point in a language the person understands, then tick it. Consent is "
                              "for one purpose; sharing is with one named organisation."))


@require_POST
@capability_required(MANAGE)
def consent_withdraw(request: HttpRequest, case_id: int, consent_id: int) -> HttpResponse:
    if not Consent.objects.filter(pk=consent_id, case_id=case_id).exists():
        raise Http404
    services.withdraw_consent(_user(request), consent_id)
    messages.success(request, _("Consent withdrawn. Referrals that relied on it were revoked."))
    return redirect(_case_url(case_id, "consent"))


@capability_required(MANAGE)
def add_assessment(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_form(request, case_id, forms.AssessmentForm(_post(request)), title=_("Needs and risk assessment"),
                      section="assessment", done=_("Assessment saved."),
                      save=lambda u, c, d: services.add_assessment(u, c, **d))


@capability_required(MANAGE)
def add_plan_item(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_form(request, case_id, forms.PlanItemForm(_post(request)), title=_("Support plan"),
                      section="assessment", done=_("Support plan item added."),
                      save=lambda u, c, d: services.add_plan_item(u, c, **d))


@capability_required(MANAGE)
def add_service(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_form(request, case_id, forms.ServiceForm(_post(request)), title=_("Service delivered"),
                      section="services", done=_("Service recorded."),
                      save=lambda u, c, d: services.add_service(u, c, **d),
                      access_for=lambda u, c: services.contributing_case(u, c, "services"))


@capability_required(MANAGE)
def add_note(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_form(request, case_id, forms.NoteForm(_post(request)), title=_("Note"), section="notes",
                      done=_("Note added."), save=lambda u, c, d: services.add_note(u, c, d["text"]),
                      access_for=lambda u, c: services.contributing_case(u, c, "notes"))


@capability_required(MANAGE)
def add_task(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_form(request, case_id, forms.TaskForm(_post(request)), title=_("Task"), section="tasks",
                      done=_("Task added."), save=lambda u, c, d: services.add_task(u, c, **d))


@require_POST
@capability_required(MANAGE)
def complete_task(request: HttpRequest, case_id: int, task_id: int) -> HttpResponse:
    services.complete_task(_user(request), task_id)
    return redirect(_case_url(case_id, "tasks"))


@upload_limit(services.MAX_DOCUMENT_BYTES)
@capability_required(MANAGE)
def add_document(request: HttpRequest, case_id: int) -> HttpResponse:
    form = forms.DocumentForm(_post(request), request.FILES or None)

    def save(user: User, cid: int, d: dict[str, Any]) -> Any:
        upload = d["file"]
        return services.add_document(user, cid, title=d["title"], filename=upload.name or "",
                                     content_type=upload.content_type or "", content=upload.read())

    return _case_form(request, case_id, form, title=_("Document"), section="documents", save=save,
                      done=_("Document stored (encrypted)."), extra={"multipart": True})


@capability_required(VIEW)
def document(request: HttpRequest, case_id: int, document_id: int) -> HttpResponse:
    doc, content = services.read_document(_user(request), document_id)
    if doc.case_id != case_id:
        raise Http404
    response = HttpResponse(content, content_type=doc.content_type)
    response["Content-Disposition"] = f'attachment; filename="document-{doc.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- referral and transfer --------------------------------------------------------------------


@capability_required(MANAGE)
def referral(request: HttpRequest, case_id: int) -> HttpResponse:
    case = services.managed_case(_user(request), case_id).case
    form = forms.ReferralForm(_post(request), organisation=case.organisation)

    def save(user: User, cid: int, d: dict[str, Any]) -> Any:
        return services.send_referral(user, cid, to_organisation=d["to_organisation"], to_service=d["to_service"],
                                      reason=d["reason"],
                                      details=d["details"], parts=d["parts"] or None)

    return _case_form(request, case_id, form, title=_("Refer to another organisation"), section="referrals",
                      save=save, done=_("Referral sent."),
                      intro=_("A referral needs the person's consent to share with that organisation or service, "
                              "and carries only the parts the consent covers. A service outside CTIMS gets no "
                              "access: you pass the parts on yourself and record its answers on the case."))


@capability_required(MANAGE)
def transfer(request: HttpRequest, case_id: int) -> HttpResponse:
    case = services.managed_case(_user(request), case_id).case
    form = forms.TransferForm(_post(request), organisation=case.organisation)
    if request.method == "POST" and form.is_valid():
        from approvals.services import request_transfer

        try:
            asked = request_transfer(_user(request), case_id, **form.cleaned_data)
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            if asked is not None:
                messages.info(request, _("The transfer of case %(code)s was sent to a supervisor for approval.")
                              % {"code": case.code})
            else:
                messages.success(request, _("Case %(code)s was offered to %(organisation)s. It moves there when "
                                            "they accept.") % {"code": case.code,
                                                               "organisation": form.cleaned_data["to_organisation"]})
            return redirect(_case_url(case_id, "referrals"))
    return render(request, "protection/case_form.html", {
        "case": case, "form": form, "title": _("Transfer the case"), "section": "referrals",
        "intro": _("A transfer moves the whole case to the other organisation once a supervisor there accepts it. "
                   "Your organisation will then no longer see it.")})


@require_POST
@capability_required(MANAGE)
def referral_action(request: HttpRequest, referral_id: int, action: str) -> HttpResponse:
    """Accept, decline, complete (receiver) or revoke (sender) a referral."""
    user = _user(request)
    referral = selectors.referrals_visible_to(user).filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    done = {
        "accept": _("Referral accepted: you can now work with what was shared."),
        "decline": _("Referral declined. The sender sees your reason, and the case is no longer shared with you."),
        "complete": _("Referral marked as completed."),
        "revoke": _("Referral revoked: the other organisation no longer sees the case."),
    }
    try:
        services.referral_step(user, referral_id, action, request.POST.get("reason", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        # back to the page with the form (a decline without a reason is corrected where it was typed)
        return redirect(_case_url(referral.case_id, "referrals" if action == "revoke" else ""))
    messages.success(request, done.get(action, _("Referral updated.")))
    if action == "revoke" or referral.is_external:
        return redirect(_case_url(referral.case_id, "referrals"))
    if action in ("accept", "complete"):
        return redirect(_case_url(referral.case_id))
    return redirect("protection:referral_list")


# --- return and reintegration -----------------------------------------------------------------


@capability_required(MANAGE)
def return_plan(request: HttpRequest, case_id: int) -> HttpResponse:
    case = services.managed_case(_user(request), case_id).case
    plan = ReturnAndReintegration.objects.filter(case=case).first()
    form = forms.ReturnPlanForm(_post(request), instance=plan)
    return _case_form(request, case_id, form, title=_("Voluntary return plan"), section="return",
                      done=_("Return plan saved."),
                      save=lambda u, c, d: services.save_return_plan(u, c, **d))


@capability_required(MANAGE)
def return_stage(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_form(request, case_id, forms.StageForm(_post(request)), title=_("Return stage"), section="return",
                      done=_("Stage updated."),
                      save=lambda u, c, d: services.set_return_stage(u, c, d["stage"], d["returned_on"]))


@capability_required(MANAGE)
def add_assistance(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_form(request, case_id, forms.AssistanceForm(_post(request)), title=_("Reintegration assistance"),
                      section="return", done=_("Assistance recorded."),
                      save=lambda u, c, d: services.add_assistance(u, c, **d))


@capability_required(MANAGE)
def record_visit(request: HttpRequest, case_id: int, visit_id: int) -> HttpResponse:
    return _case_form(request, case_id, forms.VisitForm(_post(request)), title=_("Monitoring visit"),
                      section="return", done=_("Visit recorded."),
                      save=lambda u, c, d: services.record_visit(u, visit_id, **d))


# --- export and import ------------------------------------------------------------------------


@capability_required(VIEW)
def export(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = forms.ExportForm(_post(request))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            file = exports.export_cases(user, fmt=d["format"], identified=d["identified"], reason=d["reason"])
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            response = HttpResponse(file.content, content_type=file.content_type)
            response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
            return response
    return render(request, "protection/export.html", {
        "form": form, "can_identify": user.has_capability("protection.export_identified"),
        "protection": exports.anonymous_protection(user), "quasi_identifiers": exports.QUASI_IDENTIFIERS,
        "columns": exports.ANONYMOUS_COLUMNS, "identified_columns": exports.IDENTIFIED_COLUMNS})


# --- indicator sets ---------------------------------------------------------------------------


@capability_required("reference.manage")
def indicator_sets(request: HttpRequest) -> HttpResponse:
    """Administrators edit the indicator lists the screening uses: rename, regrade, retire, add."""
    from .models import IndicatorSet

    if request.method == "POST":
        data = request.POST
        try:
            if data.get("dimension"):
                services.add_indicator(_user(request), int(data["dimension"]), name=data.get("name", ""),
                                       strength=data.get("strength", "medium"))
            else:
                services.update_indicator(_user(request), int(data.get("indicator", "0") or 0),
                                          name=data.get("name", ""), strength=data.get("strength", "medium"),
                                          is_active=data.get("is_active") == "on")
        except (ValueError, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [_("Check the form and try again.")])))
        else:
            messages.success(request, _("Indicators saved."))
        return redirect("protection:indicator_sets")
    sets = IndicatorSet.objects.prefetch_related("dimensions__indicators")
    return render(request, "protection/indicator_sets.html", {"sets": sets, "strengths": Strength.choices})
