"""Top-level URLs: each module mounts its own; the API lives under /api/v1/."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import include, path, re_path

from core import views as core_views

from .api import api


def root(request: HttpRequest) -> HttpResponse:
    return redirect("core:home" if request.user.is_authenticated else "accounts:login")


urlpatterns = [
    path("", root, name="root"),
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("audit/", include("audit.urls")),
    path("api/v1/", api.urls),
    re_path(r"^api/", core_views.error_404),
]

handler400 = "core.views.error_400"
handler403 = "core.views.error_403"
handler404 = "core.views.error_404"
handler500 = "core.views.error_500"
