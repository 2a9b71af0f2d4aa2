"""Content-Security-Policy and the other browser security headers CTIMS sends on every response.

The policy is strict: scripts and styles only from CTIMS's own static files (no inline code, no
eval), no plugins, no framing of CTIMS by anyone, forms post only to CTIMS. Pages pass data to
their scripts with ``json_script`` (a ``type="application/json"`` block, which CSP does not
treat as a script) and data-* attributes, never inline code.

Two narrow widenings, each set by the one view that needs it (see ``csp_update``):

- a lesson with a video may frame the two video hosts the lesson editor accepts;
- files of an uploaded SCORM package (``training:scorm_file``) get ``package_policy()``, sandboxed: see there.

The map tile server (``CTIMS_MAP_TILE_URL``), when set, is added to ``img-src`` on every page.

One exception to "no inline code", closed by a hash: the public pages carry CTIMS's stylesheet inline
(``inline_stylesheet``), so that a refugee on a slow line gets a styled page in one round trip rather
than two. ``style-src`` allows exactly that text by its SHA-256, nothing else inline.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

HEADER = "Content-Security-Policy"

# Embedded lesson videos (training.richtext.video_embed_url makes only these addresses).
VIDEO_FRAME_SOURCES = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")

Directives = dict[str, list[str]]


def base_directives() -> Directives:
    return {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", *inline_stylesheet_sources()],
        "img-src": ["'self'", "data:", "blob:", *tile_sources()],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "media-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }


STYLESHEET = "ctims/app.css"


@functools.cache
def inline_stylesheet() -> str:
    """The text of CTIMS's stylesheet, for the public pages to inline (read once per process)."""
    from django.contrib.staticfiles import finders

    path = finders.find(STYLESHEET)
    if not path or isinstance(path, list):
        return ""
    with open(path, encoding="utf-8") as f:
        return f.read()


@functools.cache
def inline_stylesheet_sources() -> tuple[str, ...]:
    """The CSP source that allows exactly the inlined stylesheet: its SHA-256."""
    text = inline_stylesheet()
    if not text:
        return ()
    return ("'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'",)


def tile_sources(url: str | None = None) -> list[str]:
    """The CSP source for the map tile server: its scheme and host (Leaflet's ``{s}`` subdomain
    placeholder becomes ``*``). Empty when no tile server is set or it is CTIMS itself (a path)."""
    url = getattr(settings, "CTIMS_MAP_TILE_URL", "") if url is None else url
    url = (url or "").strip()
    if not url:
        return []
    parts = urlsplit(url.replace("{s}", "_s_"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return []
    host = parts.netloc.rsplit("@", 1)[-1]
    labels = host.split(".")
    if any("{" in label or "_s_" in label for label in labels):
        # any templated label is a wildcard subdomain; CSP allows one, left-most
        host = "*." + ".".join(label for label in labels if "{" not in label and "_s_" not in label)
    if any(c in host for c in " ;,'\""):
        return []  # never let a setting inject a directive
    return [f"{parts.scheme}://{host}"]


def render(directives: Directives) -> str:
    return "; ".join(f"{name} {' '.join(dict.fromkeys(values))}" for name, values in directives.items())


def policy(extra: Directives | None = None) -> str:
    """The standard policy, with ``extra`` sources added to (not replacing) its directives."""
    directives = base_directives()
    for name, values in (extra or {}).items():
        directives.setdefault(name, []).extend(values)
    return render(directives)


# What a SCORM package's documents may still do inside their sandbox. Never allow-same-origin
# (that would give the package CTIMS's origin back), allow-top-navigation or allow-popups-to-escape-sandbox.
PACKAGE_SANDBOX = ("allow-scripts", "allow-forms", "allow-popups", "allow-modals", "allow-downloads")


def package_policy(sandbox: Iterable[str] = PACKAGE_SANDBOX) -> str:
    """For files of an uploaded SCORM package (``training.package_files``).

    A package is a trainer's code, not CTIMS's, and it runs in every learner's browser, so it is
    sandboxed: ``sandbox`` without ``allow-same-origin`` gives each of its documents an opaque
    origin, whether it is framed by the player (which sets the same flags on the iframe) or
    opened directly. Its scripts cannot read CTIMS pages, API answers, cookies or storage, nor
    reach into the player page; the SCORM runtime reaches them over ``postMessage`` only. (Served
    from a separate content origin instead, ``sandbox`` may add ``allow-same-origin``: that
    origin is foreign to CTIMS already; see ``training.package_files``.)

    Inside that sandbox the package may keep its habits: authoring tools use inline
    ``<script>`` blocks, ``onclick`` handlers, ``style=""`` and sometimes ``eval``, none of which
    can be nonced since CTIMS does not rewrite a package's code, so ``'unsafe-inline'`` and
    ``'unsafe-eval'`` for scripts and styles. Loads and requests go only to CTIMS itself (no
    outside scripts, no requests out), no plugins.

    No ``frame-ancestors`` (nor X-Frame-Options): a package may frame its own pages (Articulate
    Rise does), and the parent of such a frame has an opaque origin, which ``'self'`` does not
    match. Framing gains a stranger nothing: the document's origin is opaque, it posts the
    runtime's messages only to CTIMS's origin, and its URL carries a token for one learner.
    """
    directives = base_directives()
    directives["script-src"] = ["'self'", "'unsafe-inline'", "'unsafe-eval'"]
    directives["style-src"] = ["'self'", "'unsafe-inline'"]
    directives["font-src"] = ["'self'", "data:"]
    directives["media-src"] = ["'self'", "data:", "blob:"]
    directives["frame-src"] = ["'self'", *VIDEO_FRAME_SOURCES]
    del directives["frame-ancestors"]
    directives["sandbox"] = list(sandbox)
    return render(directives)


PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "usb", "xr-spatial-tracking",
    )
)


View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def csp_update(**directives: Iterable[str]) -> Callable[[View], View]:
    """View decorator: add sources to directives of this view's policy (``frame_src=[...]``)."""
    extra = {name.replace("_", "-"): list(values) for name, values in directives.items()}

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            response = view(request, *args, **kwargs)
            response.csp_extra = extra  # type: ignore[attr-defined]
            return response

        return cast(View, wrapped)

    return decorate
