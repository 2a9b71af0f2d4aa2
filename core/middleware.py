"""Request-wide middleware: request ids and client address for the audit log, no-store caching."""

from __future__ import annotations

import ipaddress
import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from . import csp, health, request_context

# An X-Request-ID from the proxy is kept when it looks like one (nginx's $request_id: 32 hex digits);
# anything else (spaces, quotes, control characters) could forge or break log lines, and is replaced.
_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")


def _valid_ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The caller's address, for lockout and the audit log.

    Behind CTIMS_TRUSTED_PROXIES reverse proxies (nginx: 1) it is the X-Forwarded-For entry
    the outermost trusted proxy added, counted from the right: entries further left were
    sent by the client and can be forged. With 0 (the default) REMOTE_ADDR is used.
    """
    proxies = int(getattr(settings, "CTIMS_TRUSTED_PROXIES", 0) or 0)
    if proxies > 0:
        hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= proxies:
            return _valid_ip(hops[-proxies])
    return _valid_ip(request.META.get("REMOTE_ADDR", "") or "")


class RequestContextMiddleware:
    """Binds the request id and address for the audit log; gives the API's 405s the JSON error shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_context.bind(request_context.RequestContext(request_id=request_id, ip=client_ip(request)))
        try:
            response = self.get_response(request)
        finally:
            request_context.unbind(token)
        if response.status_code == 405 and request.path.startswith("/api/") and \
                not response.get("Content-Type", "").startswith("application/json"):
            allowed = response.get("Allow", "")
            message = f"Use one of: {allowed}." if allowed else "Method not allowed."
            response = JsonResponse({"error": {"code": "method_not_allowed", "message": message}}, status=405)
            response["Allow"] = allowed
        response["X-Request-ID"] = request_id
        return response


class HealthCheckMiddleware:
    """Answers /healthz and /readyz (core.health) before sessions, CSRF and the host check.

    The proxy probes over plain HTTP on 127.0.0.1 with whatever Host header it has; the answer holds
    nothing from the request, so ALLOWED_HOSTS protects nothing here. SECURE_REDIRECT_EXEMPT keeps
    SecurityMiddleware from redirecting these two paths to HTTPS.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view = health.VIEWS.get(request.path_info)
        if view is not None and request.method in ("GET", "HEAD"):
            return view(request)
        return self.get_response(request)


class NoStoreForPersonalDataMiddleware:
    """Pages for signed-in staff may hold personal data: never let a browser or proxy cache them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store, private"
        return response


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response (see core.csp).

    A view that needs more sets ``response.csp_extra`` (``core.csp.csp_update``) or its own
    complete ``Content-Security-Policy`` header, which is then left alone. Referrer-Policy,
    nosniff and the cross-origin opener policy come from Django's SecurityMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if csp.HEADER not in response:
            response[csp.HEADER] = csp.policy(getattr(response, "csp_extra", None))
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = csp.PERMISSIONS_POLICY
        return response
