"""Deploy check: printed verification addresses need the configured public address."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from core.public_address import configured_base_url


@register("ctims", deploy=True)
def public_base_url_is_set(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Certificates and leaflets print QR codes that must lead to this deployment: without
    CTIMS_PUBLIC_BASE_URL they would carry whatever host a request came in on."""
    if getattr(settings, "CTIMS_DEMO_MODE", False) or configured_base_url():
        return []
    return [
        Error(
            "CTIMS_PUBLIC_BASE_URL is not set.",
            hint="Set it to the address people use (https://ctims.example.org): certificate and leaflet QR "
            "codes print it. See docs/configuration.md.",
            id="ctims.E101",
        )
    ]
