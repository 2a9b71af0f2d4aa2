"""The installable web app: its manifest and its service worker (served from the site's root so it may
control every page; the worker's own code is a template because it names the static files by their
stored names and the pages it may keep, see core/templates/core/service_worker.js)."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

# Static files every offline page needs, cached when the worker installs (nothing personal).
OFFLINE_STATIC = [
    "ctims/app.css", "ctims/favicon.svg", "vendor/htmx/htmx.min.js", "vendor/idb/umd.js",
    "core/device_store.js", "core/sign_out.js", "core/pwa.js", "intake/draft.js", "intake/outbox.js",
    "intake/places_map.js", "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css",
]
# Pages a field officer opens with no connection: kept per user (the cache is named after the user's
# opaque device-store name and emptied when another user's page arrives, and by Clear-Site-Data at sign-out).
OFFLINE_PAGES = ["core:home", "intake:observation_create", "intake:observation_mine", "intake:place_list"]


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    config = {
        "staticUrls": [static(p) for p in OFFLINE_STATIC],
        "pageUrls": [reverse(name) for name in OFFLINE_PAGES],
        "staticPrefix": static(""),
        "catalogUrl": reverse("intake:jsi18n"),
        "signInUrl": reverse("accounts:login"),
        "workbox": [static(f"vendor/workbox-{m}/workbox-{m}.prod.js") for m in ("core", "routing", "strategies")],
    }
    response = render(request, "core/service_worker.js", {"config": json.dumps(config)},
                      content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    response = JsonResponse({
        "name": "CTIMS",
        "short_name": "CTIMS",
        "start_url": reverse("core:home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d3b6f",
        "icons": [{"src": static("ctims/favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }, content_type="application/manifest+json")
    return response
