"""Top-level URLs: each module mounts its own; the API lives under /api/v1/."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path, re_path

from core import pwa
from core import views as core_views
from training import views as training_views

from .api import api


def root(request: HttpRequest) -> HttpResponse:
    """The public home page for everyone; signed-in staff see a link to their work there."""
    from directory.views import home

    return home(request)


urlpatterns = [
    path("", root, name="root"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("audit/", include("audit.urls")),
    path("", include("directory.public_urls")),
    path("directory/", include("directory.urls")),
    path("training/", include("training.urls")),
    path("programme/", include("programme.urls")),
    path("stats/", include("stats.urls")),
    path("", include("stats.public_urls")),
    path("certificates/verify/<str:code>/", training_views.certificate_verify, name="certificate_verify"),
    path("intake/", include("intake.urls")),
    path("protection/", include("protection.urls")),
    path("investigations/", include("investigations.urls")),
    path("links/", include("links.urls")),
    path("retention/", include("retention.urls")),
    path("notifications/", include("notifications.urls")),
    path("approvals/", include("approvals.urls")),
    path("timeline/", include("timeline.urls")),
    path("worklists/", include("worklists.urls")),
    path("supervision/", include("supervision.urls")),
    path("api/v1/", api.urls),
    re_path(r"^api/", core_views.error_404),
]

handler400 = "core.views.error_400"
handler403 = "core.views.error_403"
handler404 = "core.views.error_404"
handler500 = "core.views.error_500"
