"""An operator reads the logs of a day in which victims were registered and calls logged: JSON lines,
each with the request id, and not one name, phone number or plate among them, even at DEBUG and
when a request with a name in its form crashed."""

from __future__ import annotations

import copy
import io
import json
import logging
import logging.config
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client, RequestFactory
from django.views.debug import ExceptionReporter

from accounts.models import Organisation, OrganisationType, User
from accounts.roles import Role
from audit.models import AuditEvent
from core.logging import GunicornJsonLogger, JsonLinesFormatter
from intake.models import HotlineCall, Place, PlaceType
from protection.models import Case

FIRST, LAST = "Zlata", "Wierzbicka-Hnatiuk"
VICTIM_PHONE, CALLER_PHONE, PLATE = "+380 67 123 4567", "+48 601 234 567", "LU 98765"
SECRETS = [FIRST, LAST, "Wierzbicka", "Hnatiuk", "123 4567", "671234567", "1234567", "601 234 567", "601234567",
           "LU 98765", "LU98765"]


@pytest.fixture
def logs(settings: Any) -> Iterator[io.StringIO]:
    """The production LOGGING with every CTIMS and Django logger at DEBUG, written to a string."""
    stream = io.StringIO()
    config: dict[str, Any] = copy.deepcopy(django_settings.LOGGING)
    config["handlers"]["console"]["stream"] = stream
    config["root"]["level"] = "DEBUG"
    for name in ("django", "django.request", "django.db", "django.db.backends", "ctims", "django_tasks"):
        config["loggers"][name] = {**config["loggers"].get(name, {}), "level": "DEBUG"}
    settings.DEBUG = False
    logging.config.dictConfig(config)
    yield stream
    logging.config.dictConfig(django_settings.LOGGING)


def _lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def _absent(text: str) -> list[str]:
    return [s for s in SECRETS if s.lower() in text.lower()]


@pytest.fixture
def staff(make_user: Callable[..., User], make_org: Callable[..., Organisation]) -> tuple[User, User]:
    police = make_org("POL", OrganisationType.POLICE, name="Police HQ")
    iom = make_org("IOM", OrganisationType.IOM, name="IOM Poland")
    return (make_user(Role.HOTLINE_OPERATOR, police, username="operator"),
            make_user(Role.CASE_WORKER, iom, username="iom.caseworker"))


def test_a_day_of_registering_victims_and_logging_calls_leaves_no_name_or_number_in_the_logs(
        logs: io.StringIO, staff: tuple[User, User], settings: Any) -> None:
    operator, case_worker = staff
    hotline = Place.objects.create(type=PlaceType.VOIVODESHIP, name="Lubelskie", latitude=51.25, longitude=22.57)
    client = Client(raise_request_exception=False)

    client.force_login(case_worker)
    response = client.post("/protection/register/", {
        "first_name": FIRST, "second_name": LAST, "gender": "Feminine", "sensitivity": "normal",
        "mobile_phone": VICTIM_PHONE, "citizenship": ["UA"], "birth_date": "1994-03-02"},
        HTTP_X_REQUEST_ID="reg-0001", follow=True)
    assert LAST in response.content.decode(), "the case was registered and shown to its worker"
    assert Case.objects.count() == 1
    client.get(f"/no/such/page/?name={LAST}&phone={VICTIM_PHONE}")

    client.force_login(operator)
    client.post("/intake/calls/new/", {
        "hotline": hotline.pk, "started_at": "2026-11-28T09:30", "language": "ru", "caller_type": "potential_victim",
        "topic": "exploitation_now", "urgency": "immediate_danger", "indicators": ["documents_taken"],
        "actions": ["police_notified"], "phones": CALLER_PHONE, "plates": PLATE,
        "summary": f"{FIRST} {LAST} called from {CALLER_PHONE}"}, HTTP_X_REQUEST_ID="call-0002", follow=True)
    assert HotlineCall.objects.count() == 1

    settings.ROOT_URLCONF = "core.tests.crash_urls"
    crashed = client.post("/boom-input/", {"name": f"{FIRST} {LAST}", "phone": VICTIM_PHONE},
                          HTTP_X_REQUEST_ID="boom-0003")
    assert crashed.status_code == 500

    lines = _lines(logs)
    errors = [line for line in lines if line["level"] == "ERROR" and line["logger"] == "django.request"]
    assert errors and errors[-1]["request_id"] == "boom-0003", "the crash is logged with its request id"
    assert "ValueError" in errors[-1]["exc_info"] and "crash_urls.py" in errors[-1]["exc_info"]
    assert any(line["request_id"] == "reg-0001" for line in lines) or any(
        line.get("status_code") == 404 for line in lines), "the requests were logged at all"
    assert _absent(logs.getvalue()) == []


def test_the_request_id_in_the_log_is_the_one_in_the_audit_log(logs: io.StringIO, staff: tuple[User, User]) -> None:
    _, case_worker = staff
    client = Client()
    client.force_login(case_worker)
    client.post("/protection/register/", {"first_name": FIRST, "gender": "Feminine", "sensitivity": "normal"},
                HTTP_X_REQUEST_ID="3f2a9c0d4e5b6a7f8091a2b3c4d5e6f7")
    logging.getLogger("ctims.test").warning("something to look into")  # outside any request
    assert AuditEvent.objects.filter(request_id="3f2a9c0d4e5b6a7f8091a2b3c4d5e6f7", action="create").exists()
    assert _lines(logs)[-1]["request_id"] is None


@pytest.mark.parametrize("sent", ['abc" 200 0 "forged', "a b", "x" * 65, "ąę", "-leading-dash"])
def test_a_malformed_request_id_from_the_proxy_is_replaced(client: Client, db: None, sent: str) -> None:
    received = client.get("/healthz", HTTP_X_REQUEST_ID=sent)["X-Request-ID"]
    assert received != sent and re.fullmatch(r"[0-9a-f]{32}", received)


def test_nginx_request_ids_are_kept(client: Client, db: None) -> None:
    assert client.get("/healthz", HTTP_X_REQUEST_ID="7c1e18f0b207e20a8119ae12189d6f3b")["X-Request-ID"] == \
        "7c1e18f0b207e20a8119ae12189d6f3b"


def test_the_error_report_shows_no_form_values_or_local_variables(db: None) -> None:
    request = RequestFactory().post("/protection/register/", {"second_name": LAST, "mobile_phone": VICTIM_PHONE})
    try:
        second_name = request.POST["second_name"]
        raise ValueError(f"cannot register {second_name}")
    except ValueError:
        report = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
    assert "second_name" in report, "the report still says which fields were sent"
    assert LAST not in report.replace(f"cannot register {LAST}", "") and VICTIM_PHONE not in report


def test_the_gunicorn_access_line_is_json_with_the_request_id_and_no_query_string() -> None:
    from gunicorn.config import Config
    from gunicorn.glogging import SafeAtoms

    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(L)s %({x-request-id}o)s')
    logger = GunicornJsonLogger(config)
    handler = logger.access_log.handlers[0]
    assert isinstance(handler.formatter, JsonLinesFormatter)
    atoms = SafeAtoms({"h": "10.0.0.7", "m": "GET", "U": "/protection/cases/", "q": f"q={LAST}", "s": "200",
                       "B": 5120, "L": "0.031", "{x-request-id}o": "3f2a9c0d4e5b6a7f"})
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, config.access_log_format, (atoms,), None)
    line = json.loads(handler.format(record))
    assert line["request_id"] == "3f2a9c0d4e5b6a7f"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/protection/cases/", "200")
    assert LAST not in json.dumps(line)
