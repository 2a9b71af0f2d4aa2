"""The address people use to reach CTIMS, for links printed on paper (certificate and leaflet QR codes).

CTIMS_PUBLIC_BASE_URL when it is set. Without it the demo uses the address it is served on (the request's
host); production refuses to run without it (`training.checks`, a deploy check)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def configured_base_url() -> str:
    return str(getattr(settings, "CTIMS_PUBLIC_BASE_URL", "") or "").strip().rstrip("/")


def public_base_url(request: HttpRequest | None = None) -> str:
    """The configured public address, else (demo) the scheme and host of `request`, else ""."""
    configured = configured_base_url()
    if configured:
        return configured
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return ""
