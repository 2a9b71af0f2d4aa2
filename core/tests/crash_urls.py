"""The project's URLs plus a view that crashes, for the error-page tests."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("SECRET-DETAIL olena.kowalczyk@example.invalid")


urlpatterns = [path("boom/", boom), path("api/v1/boom/", boom), path("", include("ctims.urls"))]

handler404 = "core.views.error_404"
handler500 = "core.views.error_500"
