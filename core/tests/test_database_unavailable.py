"""While PostgreSQL restarts, people and API clients are told to send again in a few seconds (503 with
Retry-After), not that something broke (500); the page needs no database to be shown."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

from accounts.roles import Role


@pytest.fixture
def site(settings: Any, db: None) -> Client:
    settings.ROOT_URLCONF = "core.tests.crash_urls"
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def test_a_page_during_a_database_restart_says_to_send_again(site: Client) -> None:
    response = site.get("/boom-database/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    html = response.content.decode()
    assert "CTIMS is briefly unavailable" in html and "Nothing was saved" in html
    assert "administrator command" not in html and "Traceback" not in html


def test_the_page_is_in_the_readers_language(site: Client, settings: Any) -> None:
    site.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    html = site.get("/boom-database/").content.decode()
    assert 'lang="pl"' in html and "CTIMS is briefly unavailable" not in html


@pytest.mark.parametrize("error", [OperationalError("server closed the connection unexpectedly"),
                                   InterfaceError("connection already closed")])
def test_an_api_call_during_a_database_restart_gets_503_with_the_error_shape(
        client: Client, make_user: Any, error: Exception) -> None:
    client.force_login(make_user(Role.CASE_WORKER))
    with mock.patch("accounts.api._me", side_effect=error):
        response = client.get("/api/v1/me")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["error"]["code"] == "database_unavailable"
    assert "closed" not in response.content.decode()


def test_other_errors_are_still_500(site: Client) -> None:
    assert site.get("/boom/").status_code == 500
