"""Shared test fixtures: organisations, users of each role, signed-in clients, browser."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from accounts.models import Organisation, OrganisationType, User
from accounts.roles import Role

TEST_PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test users only


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Each test starts with an empty cache (local memory in tests): a figure cached by one test must not
    be read by the next, whose rolled-back database may reuse the same ids."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the default language: Django's LocaleMiddleware leaves the language of the last
    request it served active in the thread, so a test that rendered a page in Ukrainian would otherwise make
    the next test's gettext calls (outside a request) answer in Ukrainian."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def make_org(db: None) -> Callable[..., Organisation]:
    counter = iter(range(1, 10_000))

    def make(code: str | None = None, type: str = OrganisationType.NGO, **kw: Any) -> Organisation:
        n = next(counter)
        code = code or f"ORG{n}"
        return Organisation.objects.create(code=code, name=kw.pop("name", f"Organisation {code}"), type=type, **kw)

    return make


@pytest.fixture
def make_user(db: None, make_org: Callable[..., Organisation]) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def make(role: str = Role.CASE_WORKER, organisation: Organisation | None = None, **kw: Any) -> User:
        n = next(counter)
        user = User(username=kw.pop("username", f"user{n}"), role=role,
                    organisation=organisation or make_org(), email=f"user{n}@test.invalid", **kw)
        user.set_password(kw.pop("password", TEST_PASSWORD))
        user.save()
        return user

    return make


@pytest.fixture
def iom(make_org: Callable[..., Organisation]) -> Organisation:
    return make_org("IOM", OrganisationType.IOM, name="IOM Poland")


@pytest.fixture
def lastrada(make_org: Callable[..., Organisation]) -> Organisation:
    return make_org("LS", OrganisationType.NGO, name="La Strada")


@pytest.fixture
def login_as(client: Client) -> Callable[[User], Client]:
    """Sign a user in the way the browser would end up: a session past both factors."""

    def login(user: User) -> Client:
        client.force_login(user)
        return client

    return login


@pytest.fixture
def _audit_reprotect(django_db_blocker: Any) -> Iterator[None]:
    """Torn down after the flush below: puts the append-only triggers back."""
    yield
    if connection.vendor == "sqlite":
        from audit.db import PROTECT, run

        with django_db_blocker.unblock():
            run(connection, PROTECT)


@pytest.fixture
def transactional_db(_audit_reprotect: None, transactional_db: None) -> Iterator[None]:
    """Transactional (live-server) tests flush the database after each test. On SQLite the flush
    is a DELETE, which the audit log's append-only triggers refuse, so they are lifted for the
    flush alone (PostgreSQL flushes with TRUNCATE, which row triggers do not see)."""
    yield
    if connection.vendor == "sqlite":
        from audit.db import UNPROTECT, run

        run(connection, UNPROTECT)


os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop



@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=os.environ.get("CTIMS_CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    close_quietly(context)


@pytest.fixture
def phone_page(browser: Any) -> Iterator[Any]:
    """A phone-sized screen (390x844, touch)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale="uk-UA")
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    close_quietly(context)


def close_quietly(context: Any) -> None:
    """Close a browser context so that nothing it sends on the way out reaches the live server.

    Closing a page fires `pagehide`, where the SCORM player and packages send their last commit with
    `keepalive` / `sendBeacon`. Such a request arriving while the test database is being flushed finds the
    shared in-memory SQLite database locked and breaks the flush (and so the next test). Every request is
    refused from here on, each page leaves for about:blank, and a request already on its way is given a
    moment to finish before the flush."""
    try:
        context.route("**/*", lambda route: route.abort())
        for pg in context.pages:
            pg.goto("about:blank")
        if context.pages:
            context.pages[0].wait_for_timeout(150)
    except Exception:  # noqa: S110 - a page that already crashed or closed needs no quieting
        pass
    context.close()


SCREENSHOTS = os.path.join(os.path.dirname(__file__), "var", "screenshots")


@pytest.fixture
def screenshot() -> Callable[[Any, str], str]:
    """Save a screenshot under var/screenshots/ (for people to look at; tests assert on content)."""

    def take(pg: Any, name: str) -> str:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        path = os.path.join(SCREENSHOTS, f"{name}.png")
        pg.screenshot(path=path, full_page=True)
        return path

    return take


@pytest.fixture
def wait_until() -> Callable[..., None]:
    """Wait until a JavaScript expression is true in the page.

    Playwright's wait_for_function compiles its predicate with eval inside the page, which CTIMS's
    Content-Security-Policy (no 'unsafe-eval') refuses; page.evaluate goes through DevTools and is allowed.
    """

    def wait(pg: Any, expression: str, timeout_ms: int = 10_000) -> None:
        for _ in range(timeout_ms // 100):
            if pg.evaluate(expression):
                return
            pg.wait_for_timeout(100)
        raise AssertionError(f"still false after {timeout_ms} ms: {expression}")

    return wait
