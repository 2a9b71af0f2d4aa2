"""A bounded schemathesis run over every operation of the published API, as several roles.

For each role (hotline operator, case worker, analyst, investigator, organisation administrator, system
administrator and nobody) every operation of /api/v1/openapi.json gets a few generated requests, valid and
invalid (negative: offset=-1, ids past 2**63, wrong types), deterministic (derandomised, no example
database). Each answer must not be a server error, must have a status the document declares for the
operation, and its body must match the declared schema. Then each seeded record is read back through its
detail operation and checked against the document the same way.

It runs in-process (WSGI) inside the test's transaction, so everything it writes is rolled back.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import Organisation, OrganisationType, User
from accounts.roles import Role
from accounts.services import create_api_token
from directory.models import Service, ServiceType
from intake.models import Place, PlaceType

set_hypothesis_home_dir(str(django_settings.BASE_DIR / "var" / "hypothesis"))  # its caches, out of the work tree

EXAMPLES = 3  # per operation, per role, per mode: a smoke run, not a soak (signed out: 1, all are refused alike)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
ROLES = {
    "hotline_operator": (Role.HOTLINE_OPERATOR, "IOM", False),
    "case_worker": (Role.CASE_WORKER, "IOM", False),
    "analyst": (Role.ANALYST, "POL", False),
    "administrator": (Role.ADMINISTRATOR, "LS", False),
    "anonymous": None,
}
SEEDING_ROLES = {"investigator": (Role.INVESTIGATOR, "POL", False)}  # only makes a record to read back


@pytest.fixture
def in_process_requests(world: dict[str, Any]) -> Iterator[None]:
    """Requests served in this thread share the test's transaction: don't let them close its connection.

    Django closes a connection at the start and end of each request when it is inside a transaction it did
    not open (on PostgreSQL the test's own connection, rolled back at the end; SQLite's in-memory database
    ignores the close). Django's test Client, which `world` uses, connects the closing again after each of
    its requests, so this runs after `world`.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    """Three organisations, one user (and token) per role, and one record of each kind made through the API."""
    orgs = {code: Organisation.objects.create(code=code, name=name, type=kind) for code, name, kind in (
        ("IOM", "IOM Poland", OrganisationType.IOM), ("LS", "La Strada", OrganisationType.NGO),
        ("POL", "Police Headquarters", OrganisationType.POLICE))}
    tokens: dict[str, str] = {}
    for name, spec in {**ROLES, **SEEDING_ROLES}.items():
        if spec is None:
            continue
        role, org, superuser = spec
        user = User.objects.create(username=f"fuzz-{name}", role=role, organisation=orgs[org],
                                   is_superuser=superuser)
        tokens[name] = create_api_token(user, "schemathesis")[1]
    lublin = Place.objects.create(type=PlaceType.VOIVODESHIP, name="Lubelskie")
    reception = Place.objects.create(type=PlaceType.RP, name="RP Lublin", voivodeship=lublin)
    Service.objects.create(name="Police helpline", provider="Police", type=ServiceType.HOTLINE, nationwide=True,
                           phone="+48 22 60 147 86", days="weekdays", organisation=orgs["POL"],
                           opens_at="09:00", closes_at="17:00", languages=",pl,uk,", audiences=",everyone,")
    client = Client()

    def post(role: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = client.post(f"/api/v1{path}", body, content_type="application/json",
                               HTTP_AUTHORIZATION=f"Bearer {tokens[role]}")
        assert response.status_code == 201, (path, response.content)
        return dict(response.json())

    from investigations.selectors import offences

    records = {
        "call": post("hotline_operator", "/intake/calls", {
            "hotline_id": lublin.pk, "started_at": "2026-11-28T10:00:00+01:00", "language": "uk",
            "caller_type": "witness", "topic": "offer_transport",
            "mentions": [{"kind": "vehicle", "value": "BC 1234 AK", "country": "UA"}]}),
        "observation": post("case_worker", "/intake/observations", {
            "place_id": reception.pk, "observed_at": "2026-11-28T10:00:00+01:00", "description": "A van at night."}),
        "case": post("case_worker", "/protection/cases", {"gender": "Masculine", "first_name": "Taras"}),
        "investigation": post("investigator", "/investigations/cases", {
            "offence_id": offences().first().pk,  # type: ignore[union-attr]
            "people": [{"role": "suspect", "name": "Jan Kowalski"}]}),
    }
    return {"tokens": tokens, "records": records}


_loaded: list[Any] = []


@pytest.fixture
def api_schema(world: dict[str, Any], in_process_requests: None) -> Any:
    """The published document, fetched through the app once (it does not depend on the data)."""
    if not _loaded:
        _loaded.append(schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler()))
    return _loaded[0]


def _can_be_invalid(operation: Any) -> bool:
    """Whether negative data exists for it: a body, or a parameter that is more than any text."""
    if operation.body.items:
        return True
    return any(set(p.definition.get("schema", {})) - {"title", "type", "default"}
               or p.definition.get("schema", {}).get("type") != "string" for p in operation.iter_parameters())


def _fuzz(operation: Any, token: str | None, mode: GenerationMode) -> str | None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}

    @settings(max_examples=EXAMPLES if token else 1, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck), print_blob=False)
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    try:
        run()
    except Unsatisfiable:
        return None  # nothing invalid can be made of it (e.g. a free-text path segment): nothing to send
    except (Exception, BaseExceptionGroup) as exc:  # collected: every operation is tried
        return f"{operation.label} [{mode.value}]: {exc}"
    return None


@pytest.mark.parametrize("role", list(ROLES))
def test_every_operation_answers_as_documented(role: str, world: dict[str, Any], api_schema: Any) -> None:
    token = world["tokens"].get(role)
    failures = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 40
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            if mode == GenerationMode.NEGATIVE and not _can_be_invalid(operation):
                continue
            failure = _fuzz(operation, token, mode)
            if failure:
                failures.append(failure)
    assert not failures, f"{len(failures)} operations answered against the document as {role}:\n" + "\n\n".join(
        failures)


@pytest.mark.parametrize(("role", "path", "record"), [
    ("hotline_operator", "/api/v1/intake/calls/{call_id}", "call"),
    ("case_worker", "/api/v1/intake/observations/{observation_id}", "observation"),
    ("case_worker", "/api/v1/protection/cases/{case_id}", "case"),
    ("investigator", "/api/v1/investigations/cases/{investigation_id}", "investigation"),
])
def test_a_real_record_matches_the_published_schema(role: str, path: str, record: str, world: dict[str, Any],
                                                     api_schema: Any) -> None:
    operation = api_schema[path]["GET"]
    name = path.rsplit("{", 1)[1].rstrip("}")
    case = operation.Case(path_parameters={name: world["records"][record]["id"]})
    response = case.call_and_validate(headers={"Authorization": f"Bearer {world['tokens'][role]}"}, checks=CHECKS)
    assert response.status_code == 200


def test_the_public_directory_with_opening_hours_matches_the_published_schema(world: dict[str, Any],
                                                                            api_schema: Any) -> None:
    response = api_schema["/api/v1/directory/services"]["GET"].Case().call_and_validate(checks=CHECKS)
    assert response.json()["items"][0]["opens_at"] == "09:00:00"
