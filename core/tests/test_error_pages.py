"""Error pages explain what to do next and never show a traceback or settings (DEBUG off)."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def crashing_site(settings, db):
    settings.ROOT_URLCONF = "core.tests.crash_urls"
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def test_a_500_page_is_calm_and_shows_no_traceback(crashing_site):
    response = crashing_site.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong" in html
    for leak in ("Traceback", "SECRET-DETAIL", "RuntimeError", "olena.kowalczyk", "settings"):
        assert leak not in html


def test_an_api_500_is_json_without_details(crashing_site):
    response = crashing_site.get("/api/v1/boom/")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"
    assert "SECRET-DETAIL" not in response.content.decode()


def test_a_404_page_points_home_and_hides_the_url_patterns(client, db, settings):
    settings.DEBUG = False
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Go to the start page" in html
    assert "urlpatterns" not in html and "Using the URLconf" not in html


def test_error_pages_are_translated(client, db, settings):
    settings.DEBUG = False
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    response = client.get("/no/such/page/")
    assert "Page not found" not in response.content.decode()
