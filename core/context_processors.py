"""Template context every page needs: navigation for the user's role, languages, demo flag."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .navigation import items_for


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    nav = items_for(user) if user is not None and user.is_authenticated else []
    return {
        "nav_items": nav,
        "demo_mode": settings.CTIMS_DEMO_MODE,
        "languages": settings.LANGUAGES,
    }
