"""In the browser, under the real Content-Security-Policy: every module's main pages (reached from
each role's menu) and the pages with scripts (places map with tiles, network graph, htmx caller
history, offline observation draft, SCORM player, API docs) work and report no CSP violation."""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import Organisation, OrganisationType, User
from accounts.roles import Role
from conftest import TEST_PASSWORD, close_quietly

pytestmark = pytest.mark.browser

# Records every violation in the page and its frames (added by the browser, so the CSP does not apply).
WATCH = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "") + " at " +
                              (e.sourceFile || location.pathname) + ":" + e.lineNumber);
}, true);"""
TILE_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


class Browser:
    """One signed-in browser context that collects CSP violations from events and the console."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.console: list[str] = []
        self.page.on("console", lambda m: self.console.append(m.text) if "Content Security Policy" in m.text else None)

    def sign_in(self, username: str) -> None:
        self.page.goto(self.base + "/accounts/sign-in/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", TEST_PASSWORD)
        self.page.click("main form button[type=submit]")
        self.page.wait_for_url("**/home/")

    def visit(self, path: str) -> Any:
        response = self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")
        assert response is not None
        header = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in header and "frame-ancestors 'none'" in header, f"{path}: {header!r}"
        assert "'unsafe-inline'" not in header, path
        return response

    def assert_no_violations(self, where: str) -> None:
        found: list[str] = []
        for frame in self.page.frames:
            with contextlib.suppress(Exception):  # a frame that went away while navigating
                found += frame.evaluate("window.__cspViolations || []")
        found += self.console
        self.console.clear()
        assert found == [], f"{where}: Content-Security-Policy violations: {found}"

    def menu_pages(self) -> list[str]:
        return list(self.page.eval_on_selector_all(".site-nav a", "els => els.map(e => e.getAttribute('href'))"))

    def close(self) -> None:
        close_quietly(self.context)


@pytest.fixture
def site(db: None, make_org: Callable[..., Organisation], make_user: Callable[..., User], settings: Any) -> dict:
    from intake.models import Place, PlaceType

    settings.CTIMS_DEMO_MODE = True
    settings.CTIMS_MAP_TILE_URL = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    police = make_org("POL", OrganisationType.POLICE, name="Police HQ")
    iom = make_org("IOM", OrganisationType.IOM, name="IOM Poland")
    users = {}
    for username, role, org in (
        ("admin", Role.ADMINISTRATOR, police), ("operator", Role.HOTLINE_OPERATOR, police),
        ("field", Role.FIELD_OFFICER, police), ("analyst", Role.ANALYST, police),
        ("investigator", Role.INVESTIGATOR, police), ("supervisor", Role.SUPERVISOR, police),
        ("caseworker", Role.CASE_WORKER, iom), ("trainer", Role.TRAINER, iom), ("me", Role.ME_OFFICER, iom),
        ("learner", Role.LEARNER, iom),
    ):
        users[username] = make_user(role, org, username=username, is_demo=True)
    lublin = Place.objects.create(type=PlaceType.VOIVODESHIP, name="Lubelskie", latitude=51.25, longitude=22.57)
    Place.objects.create(type=PlaceType.BCP, name="Dorohusk", voivodeship=lublin, latitude=51.17, longitude=23.8)
    return {"users": users, "lublin": lublin, "police": police}


def test_every_menu_page_of_every_role_runs_under_the_policy(live_server: Any, browser: Any, site: dict) -> None:
    for username in ("admin", "operator", "field", "analyst", "investigator", "supervisor", "caseworker", "trainer",
                     "me", "learner"):
        b = Browser(browser, live_server.url)
        try:
            b.sign_in(username)
            b.assert_no_violations(f"{username}: home")
            pages = b.menu_pages()
            assert pages, username
            for path in pages:
                b.visit(path)
                b.assert_no_violations(f"{username}: {path}")
        finally:
            b.close()


def test_public_pages_sign_in_and_errors_run_under_the_policy(live_server: Any, browser: Any, site: dict) -> None:
    b = Browser(browser, live_server.url)
    try:
        for path in ("/accounts/sign-in/", "/"):
            b.visit(path)
            b.assert_no_violations(path)
        for path in sorted({h for h in b.page.eval_on_selector_all(
                ".public-nav a, .public-footer a[href^='/']", "els => els.map(e => e.getAttribute('href'))")
                if not h.endswith(".pdf") and "/leaflet/" not in h}):
            b.visit(path)
            b.assert_no_violations(path)
        response = b.page.goto(live_server.url + "/no/such/page/")
        assert response is not None and response.status == 404
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        b.assert_no_violations("404 page")
    finally:
        b.close()


def test_map_network_htmx_draft_and_api_docs_work_under_the_policy(
        live_server: Any, browser: Any, site: dict, wait_until: Callable[..., None]) -> None:
    from intake import services as intake_services
    from intake.services import CallInput, MentionInput
    from links.models import Entity

    operator = site["users"]["operator"]
    for _n in range(2):
        intake_services.log_call(operator, CallInput(
            hotline=site["lublin"], started_at=timezone.now(), language="uk", caller_type="potential_victim",
            topic="offer_work",
            mentions=[MentionInput("phone", "+48 601 234 567"), MentionInput("person", "Szewczenko")]))
    phone = Entity.objects.filter(kind="phone").first()
    assert phone is not None

    b = Browser(browser, live_server.url)
    tiles: list[str] = []

    def serve_tile(route: Any) -> None:
        tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=TILE_PNG)

    b.context.route("https://*.tiles.example.org/**", serve_tile)
    try:
        b.sign_in("analyst")
        response = b.visit("/intake/places/")
        assert "img-src 'self' data: blob: https://*.tiles.example.org" in response.headers["content-security-policy"]
        b.page.wait_for_selector("#places-map path.leaflet-interactive")
        b.page.wait_for_selector("#places-map img.leaflet-tile-loaded")
        assert tiles
        b.assert_no_violations("places map")

        b.visit(f"/links/entities/{phone.pk}/network/")
        wait_until(b.page, "window.linksNetwork && window.linksNetwork.nodes().length >= 3")
        b.assert_no_violations("network graph")

        b.visit("/api/v1/docs")
        b.page.wait_for_selector(".swagger-ui .opblock")
        b.assert_no_violations("API docs")
    finally:
        b.close()

    b = Browser(browser, live_server.url)
    try:
        b.sign_in("operator")
        b.visit("/intake/calls/new/")
        with b.page.expect_response(lambda r: "caller-history" in r.url) as answer:
            b.page.fill("#id_caller_contact", "+48 601 234 567")
            b.page.locator("#id_caller_contact").dispatch_event("change")
        assert answer.value.status == 200
        b.page.wait_for_timeout(200)
        b.assert_no_violations("call form (htmx)")
    finally:
        b.close()

    b = Browser(browser, live_server.url)
    try:
        b.sign_in("field")
        b.visit("/intake/observations/new/")
        text = b.page.locator("main textarea").first
        text.fill("Seen at the crossing")
        text.dispatch_event("input")
        wait_until(b.page, "CTIMS.deviceStore.open().then(s => s.count('draft:')).then(n => n === 1)")
        b.assert_no_violations("observation form (offline draft)")
    finally:
        b.close()


def test_a_scorm_package_with_inline_scripts_plays_in_the_player(live_server: Any, browser: Any, site: dict) -> None:
    from training import services
    from training.models import Enrolment
    from training.tests.scorm_packages import scorm12

    trainer, learner = site["users"]["trainer"], site["users"]["learner"]
    # The test package uses an inline <script> and an onclick handler, as authoring tools do.
    course, _warnings = services.upload_scorm_package(
        trainer, family="outsourced", language="en", title="", summary="", data=scorm12())
    services.set_course_published(trainer, course, True)

    b = Browser(browser, live_server.url)
    try:
        b.sign_in("learner")
        b.visit(f"/training/courses/{course.pk}/")
        b.page.click("main form button[type=submit]")
        frame = b.page.frame_locator("#sco")
        frame.locator("h1").wait_for()
        package_frame = next(f for f in b.page.frames if "/files/" in f.url)
        # The package's own document has an opaque origin: ask for the headers from the page's context.
        package_policy = b.page.request.get(package_frame.url).headers["content-security-policy"]
        assert "sandbox allow-scripts" in package_policy and "'unsafe-inline'" in package_policy
        frame.locator("#finish").click()
        b.page.wait_for_url(f"**/training/courses/{course.pk}/")
        b.assert_no_violations("SCORM player")
    finally:
        b.close()
    assert Enrolment.objects.get(user=learner, course=course).status == "completed"
