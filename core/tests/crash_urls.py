"""The project's URLs plus a view that crashes, for the error-page tests."""

from __future__ import annotations

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("SECRET-DETAIL olena.kowalczyk@example.invalid")


def boom_with_input(request: HttpRequest) -> HttpResponse:
    """Crashes with what was typed in its message, as a database or parsing error can."""
    raise ValueError(f"cannot save {request.POST.get('name')} {request.POST.get('phone')}")


def boom_database(request: HttpRequest) -> HttpResponse:
    """What a page gets while PostgreSQL restarts."""
    raise OperationalError("terminating connection due to administrator command")


urlpatterns = [path("boom/", boom), path("boom-input/", boom_with_input), path("api/v1/boom/", boom),
               path("boom-database/", boom_database), path("", include("ctims.urls"))]

handler404 = "core.views.error_404"
handler500 = "core.views.error_500"
