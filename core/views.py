"""The home page for each role, the language switch, and error pages (HTML or JSON for the API)."""

from __future__ import annotations

import sys
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import Role

from .navigation import items_for

# What a database restart or failover raises in the middle of a request: worth sending again.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)

# One line under the greeting: what this role comes to CTIMS to do, most frequent task first.
ROLE_INTROS: dict[str, Promise] = {
    Role.ADMINISTRATOR: gettext_lazy(
        "Keep your organisation's accounts in order: add people, give them the right role, "
        "unlock accounts and check the audit log."),
    Role.SUPERVISOR: gettext_lazy(
        "See your team's cases and reports, decide what needs attention first, and check who opened what."),
    Role.CASE_WORKER: gettext_lazy(
        "Support the people in your care: their consent, needs, services, referrals and follow-ups, "
        "in one case."),
    Role.HOTLINE_OPERATOR: gettext_lazy(
        "Log calls as they happen, screen for signs of trafficking, and refer or escalate "
        "before you hang up."),
    Role.FIELD_OFFICER: gettext_lazy(
        "Record what you see at reception points and border crossings in under a minute, from your phone."),
    Role.LABOUR_INSPECTOR: gettext_lazy(
        "Record each workplace you inspect: the employer, the workers you met and the signs of forced labour."),
    Role.ANALYST: gettext_lazy(
        "Follow the links between reports, people, phones and vehicles, and spot patterns early."),
    Role.INVESTIGATOR: gettext_lazy(
        "Work your criminal cases: the offence, its stage, and the people and reports linked to it."),
    Role.TRAINER: gettext_lazy(
        "Plan trainings and workshops, record attendance and tests, and follow the e-learning course."),
    Role.LEARNER: gettext_lazy(
        "Take your courses at your own pace and pick up where you left off."),
    Role.ME_OFFICER: gettext_lazy(
        "Track the project's indicators against their targets and prepare reports that protect victims."),
}


# The pages each role opens most, first on its home page (the rest follow in menu order).
ROLE_FIRST: dict[str, tuple[str, ...]] = {
    Role.ADMINISTRATOR: ("accounts:user_list", "audit:event_list"),
    Role.SUPERVISOR: ("intake:triage", "protection:case_list", "audit:event_list"),
    Role.CASE_WORKER: ("protection:case_list", "protection:referral_list"),
    Role.HOTLINE_OPERATOR: ("intake:call_list",),
    Role.FIELD_OFFICER: ("intake:observation_list",),
    Role.LABOUR_INSPECTOR: ("intake:observation_list",),
    Role.ANALYST: ("links:alert_list", "links:entity_list", "intake:triage"),
    Role.INVESTIGATOR: ("investigations:list", "intake:triage"),
    Role.TRAINER: ("training:event_list", "training:course_admin"),
    Role.LEARNER: ("training:my_learning", "training:course_catalogue"),
    Role.ME_OFFICER: ("programme:dashboard", "intake:statistics"),
}


# The one thing some roles do many times a shift: a big button at the top of their home page.
ROLE_ACTION: dict[str, tuple[str, str, Any]] = {
    Role.HOTLINE_OPERATOR: ("intake:call_create", "intake.log_call", gettext_lazy("Log a call")),
    Role.FIELD_OFFICER: ("intake:observation_create", "intake.log_observation", gettext_lazy("File an observation")),
    Role.LABOUR_INSPECTOR: ("intake:observation_create", "intake.log_inspection",
                            gettext_lazy("Record a labour inspection")),
}


def cards_for(role: str, items: list[dict[str, str]]) -> list[dict[str, str]]:
    """Home-page cards: the role's main pages first (marked "primary"), then the rest in menu order."""
    first = ROLE_FIRST.get(role, ())
    cards = [dict(item, primary="") for item in items if item["url_name"] != "core:home"]
    for card in cards:
        if card["url_name"] in first:
            card["primary"] = "yes"
    rank = {name: n for n, name in enumerate(first)}
    return sorted(cards, key=lambda card: rank.get(card["url_name"], len(rank)))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The first page after sign-in: what this role is here to do, and the ways in."""
    role = getattr(request.user, "role", "")
    cards = cards_for(role, items_for(request.user))
    action = None
    if role in ROLE_ACTION:
        url_name, capability, label = ROLE_ACTION[role]
        if request.user.has_capability(capability):  # type: ignore[union-attr]
            action = {"url": reverse(url_name), "label": label}
    return render(request, "core/home.html", {"cards": cards, "intro": ROLE_INTROS.get(role, ""), "action": action})


def remember_language(response: HttpResponse, language: str) -> None:
    """Keep the interface language in the browser for a year (the user's account keeps it too)."""
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
                        samesite="Lax", secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False))


def _without_lang(url: str) -> str:
    """The address without a `lang=` parameter (the QR code's), which would otherwise override the choice."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"]
    return urlunsplit(parts._replace(query=urlencode(query)))


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch language: remembered in a cookie, and on the user's profile when signed in."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(_without_lang(next_url))
    if check_for_language(language) and language in dict(settings.LANGUAGES):
        remember_language(response, language)
        if request.user.is_authenticated:
            from accounts.services import set_preferred_language

            set_preferred_language(request.user, language)  # type: ignore[arg-type]
    return response


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and bookmarks ask for /favicon.ico whatever the page declares: send them to the icon."""
    return HttpResponsePermanentRedirect(static("ctims/favicon.svg"))


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def api_error(code: str, message: str, status: int) -> JsonResponse:
    """The one JSON error shape of the API: {"error": {"code", "message"}}."""
    return JsonResponse({"error": {"code": code, "message": message}}, status=status)


def _error_page(request: HttpRequest, title: str, text: str, status: int) -> HttpResponse:
    """A calm page that says what to do next; never a traceback, whatever DEBUG says elsewhere."""
    return render(request, "core/error.html", {"title": title, "text": text}, status=status)


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return api_error("bad_request", _("The request could not be understood."), 400)
    return _error_page(request, _("Something in the request was not right"), _("Go back and try again."), 400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return api_error("permission_denied", _("You do not have access to this."), 403)
    return _error_page(request, _("You do not have access to this page"),
                       _("If you need it for your work, ask your organisation's administrator."), 403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return api_error("not_found", _("There is nothing at this address."), 404)
    return _error_page(request, _("Page not found"), _("Check the address, or go back to the home page."), 404)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """The database did not answer (restarting, failing over): 503 with Retry-After, so people and clients
    send again in a few seconds (bench/fault_postgres_restart.py). The page needs no database: no
    session, no user, no menu."""
    if _is_api(request):
        response: HttpResponse = api_error(
            "database_unavailable", _("The service is briefly unavailable. Nothing was saved; try again in a few "
                                      "seconds."), 503)
    else:
        response = HttpResponse(render_to_string("core/unavailable.html"), status=503)
    response["Retry-After"] = "5"
    return response


def error_500(request: HttpRequest) -> HttpResponse:
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable(request)
    if _is_api(request):
        return api_error("server_error",
                         _("Something went wrong on our side. It has been logged; try again later."), 500)
    return _error_page(request, _("Sorry, something went wrong"), _("It has been logged. Try again in a few minutes."),
                       500)
