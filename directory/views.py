"""Public pages (no sign-in) and the staff pages of the directory and of concerns from the public."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_POST

from core.middleware import client_ip
from core.permissions import capability_required

from . import leaflet, selectors, services, triage
from .forms import ConcernForm, ServiceForm, ServiceSearchForm, new_form_token
from .models import ConcernStatus, ServiceType
from .public_text import warning_sign_headlines

ViewFunc = Callable[..., HttpResponse]


def public_page(view: ViewFunc) -> ViewFunc:
    """A public page: `?lang=uk` (the leaflet's QR code) renders the page in that language at once (no
    redirect: on a slow connection each round trip costs a second or more) and remembers it in the cookie.
    The language switch drops `lang` from the address it returns to, so a later choice wins.

    Public pages are sent gzip-compressed (a third of the bytes on a slow line). Django's gzip adds random
    padding against BREACH, and the only secret on these pages, the CSRF token, is masked anew on every
    response; staff pages, which carry personal data, are not compressed."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        lang = request.GET.get("lang", "")
        if lang and lang not in dict(settings.LANGUAGES):
            query = request.GET.copy()
            del query["lang"]
            return HttpResponseRedirect(request.path + (f"?{query.urlencode()}" if query else ""))
        if lang:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        response = view(request, *args, **kwargs)
        if lang:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, lang, max_age=settings.LANGUAGE_COOKIE_AGE,
                                samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
                                secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False))
        return response

    return gzip_page(wrapper)


def _page(request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    context.setdefault("helplines", selectors.featured_helplines())
    return render(request, f"directory/public/{template}.html", context)


@public_page
def home(request: HttpRequest) -> HttpResponse:
    return _page(request, "home", signs=warning_sign_headlines())


@public_page
def warning_signs(request: HttpRequest) -> HttpResponse:
    return _page(request, "warning_signs")


@public_page
def what_to_do(request: HttpRequest) -> HttpResponse:
    return _page(request, "what_to_do")


@public_page
def workers_rights(request: HttpRequest) -> HttpResponse:
    return _page(request, "workers_rights")


@public_page
def check_job_offer(request: HttpRequest) -> HttpResponse:
    return _page(request, "check_job_offer")


@public_page
def helplines(request: HttpRequest) -> HttpResponse:
    return _page(request, "helplines")


@public_page
def service_search(request: HttpRequest) -> HttpResponse:
    form = ServiceSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    results = selectors.search_services(**{k: v for k, v in filters.items() if v})
    page = Paginator(results, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return _page(request, "services", form=form, page=page, searched=bool(request.GET), query=query.urlencode())


@public_page
def service_detail(request: HttpRequest, service_id: int) -> HttpResponse:
    service = selectors.public_service(service_id)
    if service is None:
        raise Http404
    return _page(request, "service_detail", service=service)


@public_page
def resource_library(request: HttpRequest) -> HttpResponse:
    return _page(request, "resources", resources=selectors.resources())


@public_page
def report_concern(request: HttpRequest) -> HttpResponse:
    form = ConcernForm(request.POST or None, initial={"started": new_form_token()})
    refused = ""
    if request.method == "POST" and form.is_valid():
        if form.is_bot():
            # Say nothing useful to a bot: it sees the same page as a person whose message was sent.
            return redirect("public:report_sent")
        data = form.cleaned_data
        try:
            services.submit_concern(text=data["text"], contact=data["contact"], language=get_language() or "en",
                                    voivodeship=data["voivodeship"], place=data["place"], ip=client_ip(request))
        except services.ConcernRefused as exc:
            refused = exc.message
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            return redirect("public:report_sent")
    if request.method == "POST":
        data = request.POST.copy()
        data["started"] = new_form_token()  # a fresh time for the next try
        form.data = data
    form.link_descriptions()
    status = 429 if refused else (400 if request.method == "POST" else 200)
    response = _page(request, "report", form=form, refused=refused)
    response.status_code = status
    return response


@public_page
def report_sent(request: HttpRequest) -> HttpResponse:
    return _page(request, "report_sent")


def leaflet_pdf(request: HttpRequest, language: str) -> HttpResponse:
    if language not in dict(settings.LANGUAGES):
        raise Http404
    from core.public_address import public_base_url

    pdf = leaflet.render(language, public_base_url(request))  # the demo prints the address it is served on
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ctims-leaflet-{language}.pdf"'
    response["Cache-Control"] = "public, max-age=3600"  # public information, drawn in about a third of a second
    return response


# --- staff pages -----------------------------------------------------------------------------


@capability_required("directory.manage", "protection.manage", "intake.view")
def staff_services(request: HttpRequest) -> HttpResponse:
    form = ServiceSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.services_for_staff(request.user, include_inactive=True)  # type: ignore[arg-type]
    if filters.get("type"):
        qs = qs.filter(type=filters["type"])
    if filters.get("voivodeship"):
        qs = qs.filter(voivodeship=filters["voivodeship"]) | qs.filter(nationwide=True)
    if filters.get("language"):
        qs = qs.filter(languages__contains=f",{filters['language']},")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    user = request.user
    for service in page.object_list:
        service.can_edit = selectors.can_edit_service(user, service)  # type: ignore[arg-type,attr-defined]
    return render(request, "directory/staff/services.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "can_manage": user.has_capability("directory.manage"),  # type: ignore[union-attr]
        "types": dict(ServiceType.choices),
        "outside_changes": selectors.outside_changes(user),  # type: ignore[arg-type]
    })


@capability_required("directory.manage")
def service_create(request: HttpRequest) -> HttpResponse:
    return _service_form(request, None)


@capability_required("directory.manage")
def service_edit(request: HttpRequest, service_id: int) -> HttpResponse:
    service = selectors.services_for_staff(request.user, include_inactive=True).filter(  # type: ignore[arg-type]
        pk=service_id).first()
    if service is None:
        raise Http404
    if not selectors.can_edit_service(request.user, service):  # type: ignore[arg-type]
        raise PermissionDenied(_("Only the organisation that runs this service, or a system administrator, can "
                                 "change its entry."))
    return _service_form(request, service)


def _service_form(request: HttpRequest, service: Any) -> HttpResponse:
    form = ServiceForm(request.POST or None, instance=service, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if service is None:
                saved = services.create_service(request.user, **form.service_fields())  # type: ignore[arg-type]
            else:
                saved = services.update_service(request.user, service.pk, **form.service_fields())  # type: ignore[arg-type]
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("Saved: %(name)s.") % {"name": saved.name})
            return redirect("directory:services")
    outside = selectors.outside_changes(request.user, service=service) if service else []  # type: ignore[arg-type]
    return render(request, "directory/staff/service_form.html",
                  {"form": form, "service": service, "outside_changes": outside},
                  status=400 if form.errors else 200)


@capability_required("directory.manage", "protection.manage", "intake.view")
def services_csv(request: HttpRequest) -> HttpResponse:
    body = services.export_services_csv(request.user)  # type: ignore[arg-type]
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ctims-directory.csv"'
    return response


@capability_required("intake.triage")
def concern_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", ConcernStatus.NEW)
    qs = selectors.concerns_for_triage(request.user, status=status)  # type: ignore[arg-type]
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "directory/staff/concerns.html", {
        "page": page, "status": status, "statuses": ConcernStatus.choices, "query": f"status={status}",
    })


@capability_required("intake.triage")
def concern_detail(request: HttpRequest, concern_id: int) -> HttpResponse:
    from accounts.models import User
    from investigations.selectors import offences

    user = request.user
    concern = services.view_concern(user, concern_id)  # type: ignore[arg-type]
    return render(request, "directory/staff/concern_detail.html", {
        "concern": concern, "comments": list(concern.comments.select_related("author")),
        "colleagues": User.objects.filter(organisation_id=user.organisation_id, is_active=True)  # type: ignore[union-attr]
        .order_by("username"),
        "offences": offences(), "can_view_investigations": user.has_capability("investigations.view"),  # type: ignore[union-attr]
    })


@require_POST
@capability_required("intake.triage")
def concern_action(request: HttpRequest, concern_id: int) -> HttpResponse:
    """Assign, comment on or escalate a concern (the button pressed says which), as on a call's page."""
    from accounts.models import User
    from investigations.selectors import offences

    user: Any = request.user
    post = request.POST
    action = post.get("action", "")
    try:
        if action == "assign":
            assignee_id = post.get("assigned_to", "")
            assignee = User.objects.filter(pk=int(assignee_id), organisation_id=user.organisation_id).first() \
                if assignee_id.isdigit() else None
            triage.assign_concern(user, concern_id, assignee)
            messages.success(request, _("The assignment was saved."))
        elif action == "comment":
            triage.comment_on_concern(user, concern_id, post.get("text", ""))
            messages.success(request, _("Your comment was added."))
        elif action == "protection":
            case = triage.escalate_concern_to_protection(user, concern_id, post.get("summary", ""))
            messages.success(request, _("Protection case %(code)s was opened.") % {"code": case.code})
        elif action == "investigation":
            offence_id = post.get("offence", "")
            offence = offences().filter(pk=int(offence_id)).first() if offence_id.isdigit() else None
            inv = triage.escalate_concern_to_investigation(user, concern_id, offence=offence,
                                                           summary=post.get("summary", ""))
            messages.success(request, _("Investigation %(code)s was opened.") % {"code": inv.code})
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        # the page is for triage roles already: a refusal here comes from the module asked to open the case
        messages.error(request, _("Your role cannot open this kind of case. Ask a duty officer or a case worker."))
    return redirect("directory:concern_detail", concern_id)


@require_POST
@capability_required("intake.triage")
def concern_mark_triaged(request: HttpRequest, concern_id: int) -> HttpResponse:
    concern = services.mark_concern_triaged(request.user, concern_id)  # type: ignore[arg-type]
    messages.success(request, _("%(code)s is marked as triaged.") % {"code": concern.code})
    return HttpResponseRedirect(reverse("directory:concerns"))
