"""Each public page, HTML and CSS together, stays under 100 KB: it loads on a poor mobile connection."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from .test_public_pages import PAGES

pytestmark = pytest.mark.django_db

LIMIT = 100 * 1024


@pytest.fixture
def full_directory(seed_helplines, make_service):
    for n in range(40):
        make_service(f"Demo service number {n} with a long name", phone="+48 000 000 100", is_demo=True,
                     summary_en="A safe place to stay for a few weeks, with meals and a social worker.")


@pytest.mark.parametrize("path", [*PAGES, "/help/services/?voivodeship=lubelskie"])
def test_page_html_and_css_stay_under_100_kb(client: Client, full_directory, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="uk")
    html = response.content
    stylesheets = [href.split('"')[0] for href in html.decode().split('rel="stylesheet" href="')[1:]]
    css = 0
    for href in stylesheets:
        found = finders.find(href.removeprefix("/static/"))
        assert found, href
        with open(found, "rb") as f:
            css += len(f.read())
    assert b"<script" not in html, "no JavaScript is needed to read"
    assert len(html) + css < LIMIT, f"{path}: {len(html)} B HTML + {css} B CSS"
