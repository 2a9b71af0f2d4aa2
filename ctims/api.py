"""The REST API at /api/v1/ (django-ninja, OpenAPI at /api/v1/openapi.json).

Authentication: the browser session (with CSRF) or a personal token sent as
`Authorization: Bearer <token>`. Every error has the shape
{"error": {"code": "...", "message": "..."}}. Modules add their routers here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.security import APIKeyCookie, HttpBearer

from accounts.api import router as accounts_router
from core.api import add_error_responses
from directory.api import router as directory_router
from intake.api import router as intake_router
from investigations.api import router as investigations_router
from links.api import router as links_router
from protection.api import router as protection_router
from stats.api import router as stats_router
from training.api import public_router as certificates_router
from training.api import router as training_router


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from accounts.services import user_for_token

        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; unsafe methods need the CSRF token, as for pages."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user if request.user.is_authenticated else None


class CtimsOpenAPISchema(OpenAPISchema):
    """The OpenAPI document, noting any two different schemas published under one name (ninja keeps the last)."""

    def __init__(self, api: NinjaAPI, path_prefix: str) -> None:
        self.name_clashes: set[str] = set()
        super().__init__(api, path_prefix)

    def add_schema_definitions(self, definitions: dict[str, Any]) -> None:
        for name, definition in definitions.items():
            if name in self.schemas and self.schemas[name] != definition:
                self.name_clashes.add(name)
        super().add_schema_definitions(definitions)


class CtimsAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None,
                           path_params: dict[str, Any] | None = None) -> OpenAPISchema:
        """The document, with every error status each operation can return and its `Error` schema."""
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        document = CtimsOpenAPISchema(api=self, path_prefix=path_prefix)
        add_error_responses(document)
        return document


api = CtimsAPI(
    title="CTIMS API",
    version="1",
    description="Counter-Trafficking Information Management System. Every call is scoped to what the caller's "
                "organisation and role allow, and every read of personal data is audited.",
    auth=[BearerToken(), SessionAuth()],
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
)


def error(request: HttpRequest, code: str, message: str, status: int, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"error": {"code": code, "message": message, **extra}}, status=status)


def _field_name(loc: Any) -> str | None:
    """`("body", "payload", "username")` -> "username": the name the caller sent."""
    parts = [str(p) for p in (loc or ())[1:]]
    if parts and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts) or None


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields = [{"field": _field_name(e.get("loc")), "message": e.get("msg", "")} for e in exc.errors]
    named = ", ".join(sorted({f["field"] for f in fields if f["field"]}))
    message = (_("Some fields are missing or not valid: %(fields)s.") % {"fields": named} if named
               else _("Some fields are missing or not valid."))
    return error(request, "validation_error", message, 422, fields=fields)


@api.exception_handler(ValidationError)
def on_django_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        fields = [{"field": f, "message": " ".join(str(m) for m in msgs)} for f, msgs in exc.message_dict.items()]
    else:
        fields = [{"field": "", "message": m} for m in exc.messages]
    return error(request, "validation_error", _("Some fields are missing or not valid."), 422, fields=fields)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error(request, "not_authenticated",
                 _("Sign in, or send a valid token as 'Authorization: Bearer <token>'."), 401)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error(request, "permission_denied", _("You do not have access to this."), 403)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error(request, "not_found", _("Not found."), 404)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    default_codes = {400: "bad_request", 401: "not_authenticated", 403: "permission_denied", 404: "not_found",
                     409: "conflict", 429: "rate_limited"}
    code = getattr(exc, "code", None) or default_codes.get(exc.status_code, "error")
    return error(request, code, str(exc.message), exc.status_code)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def on_out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A number or text the database cannot store (a safety net: `core.api.Id` and friends refuse them first)."""
    import logging

    logging.getLogger("ctims.api").warning("value out of range on %s (%s)", request.path, type(exc).__name__)
    return error(request, "out_of_range", _("A value is too large or too long to be stored."), 422)


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def on_database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    """The database is restarting or failing over: 503 and Retry-After (core.views.database_unavailable)."""
    import logging

    from core.views import database_unavailable

    sqlstate = getattr(exc.__cause__, "sqlstate", None)  # a code such as 57P01, never the message (it may quote values)
    logging.getLogger("ctims.api").warning("database unavailable on %s (%s, SQLSTATE %s)", request.path,
                                           type(exc).__name__, sqlstate)
    return database_unavailable(request)


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    import logging

    logging.getLogger("ctims.api").exception("unhandled API error on %s", request.path)
    return error(request, "server_error",
                 _("Something went wrong on our side. It has been logged; try again later."), 500)


api.add_router("/", accounts_router)
api.add_router("/training/", training_router)
api.add_router("/certificates/", certificates_router)
api.add_router("/links/", links_router)
api.add_router("/intake/", intake_router)
api.add_router("/investigations/", investigations_router)
api.add_router("/directory/", directory_router)
api.add_router("/protection/", protection_router)
api.add_router("/stats/", stats_router)
