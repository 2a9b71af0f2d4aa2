"""Every response carries a strict Content-Security-Policy and the other browser security headers,
and no template brings back inline script, event handlers or style attributes the policy would block."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings

from accounts.roles import Role
from core import csp

ROOT = Path(django_settings.BASE_DIR)


def _directives(header: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in header.split(";")) if d}


@pytest.mark.parametrize("path", ["/", "/accounts/sign-in/", "/healthz", "/no/such/page/", "/api/v1/me"])
def test_every_response_has_the_strict_policy_and_headers(client: Any, db: None, path: str) -> None:
    response = client.get(path)
    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'", *csp.inline_stylesheet_sources()], "only the stylesheet's own hash"
    assert len(csp.inline_stylesheet_sources()) == 1 and "unsafe" not in str(policy["style-src"])
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions


def test_signed_in_pages_have_the_policy_too(login_as: Any, make_user: Any) -> None:
    response = login_as(make_user(Role.ANALYST)).get("/home/")
    assert response.status_code == 200
    assert _directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]


def test_the_map_tile_server_is_allowed_for_images_only(client: Any, db: None, settings: Any) -> None:
    settings.CTIMS_MAP_TILE_URL = "https://tiles.example.org:8443/osm/{z}/{x}/{y}.png"
    policy = _directives(client.get("/").headers["Content-Security-Policy"])
    assert policy["img-src"] == ["'self'", "data:", "blob:", "https://tiles.example.org:8443"]
    assert policy["connect-src"] == ["'self'"] and policy["script-src"] == ["'self'"]


@pytest.mark.parametrize(("url", "expected"), [
    ("", []),
    ("/tiles/{z}/{x}/{y}.png", []),  # CTIMS itself: already 'self'
    ("https://{s}.tile.example.org/{z}/{x}/{y}.png", ["https://*.tile.example.org"]),
    ("http://tiles.internal/{z}/{x}/{y}.png", ["http://tiles.internal"]),
    ("https://user:pw@tiles.example.org/{z}.png", ["https://tiles.example.org"]),
    ("javascript:alert(1)", []),
    ("https://tiles.example.org; script-src *", []),
])
def test_tile_sources(url: str, expected: list[str]) -> None:
    assert csp.tile_sources(url) == expected


def test_a_views_extra_sources_are_added_not_replacing() -> None:
    policy = _directives(csp.policy({"frame-src": list(csp.VIDEO_FRAME_SOURCES)}))
    assert policy["frame-src"] == ["'self'", *csp.VIDEO_FRAME_SOURCES]
    assert policy["script-src"] == ["'self'"]


def test_the_package_policy_is_loose_only_where_packages_need_it() -> None:
    policy = _directives(csp.package_policy())
    assert policy["script-src"] == ["'self'", "'unsafe-inline'", "'unsafe-eval'"]
    assert "allow-scripts" in policy["sandbox"] and "allow-same-origin" not in policy["sandbox"]
    assert "frame-ancestors" not in policy  # a package may frame its own pages (opaque parents)
    assert policy["connect-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def _templates() -> list[Path]:
    skip = {".venv", "node_modules", "var", ".git"}
    return [p for p in ROOT.rglob("*.html") if "templates" in p.parts and not skip & set(p.relative_to(ROOT).parts)]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I)
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
STYLE_ATTR = re.compile(r"<[^>]*\sstyle\s*=", re.I)


def test_no_template_has_inline_script_handlers_or_style_attributes() -> None:
    templates = _templates()
    assert len(templates) > 50
    problems = []
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for name, pattern in (("inline <script>", INLINE_SCRIPT), ("on* handler", HANDLER),
                              ("style attribute", STYLE_ATTR), ("<style> element", re.compile(r"<style", re.I)),
                              ("javascript: URL", re.compile(r"javascript:", re.I))):
            if pattern.search(text):
                problems.append(f"{path.relative_to(ROOT)}: {name}")
    assert problems == [], "the Content-Security-Policy would block these (use static files): " + "; ".join(problems)
