"""The published OpenAPI document tells a client every answer it can get, and every schema by one name."""

from __future__ import annotations

from typing import Any

import pytest

from ctims.api import api

pytestmark = pytest.mark.django_db


def _document() -> Any:
    return api.get_openapi_schema()


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method.upper(), path, op) for path, item in document["paths"].items() for method, op in item.items()]


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _integers(document: dict[str, Any], schema: dict[str, Any], where: str, seen: set[str]) -> list[tuple[str, dict]]:
    """Every integer schema inside `schema` (following references once), with where it is."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        if name in seen:
            return []
        seen = seen | {name}
        schema = _resolve(document, schema)
    found = [(where, schema)] if schema.get("type") == "integer" else []
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            found += _integers(document, sub, where, seen)
    for name, sub in schema.get("properties", {}).items():
        found += _integers(document, sub, f"{where}.{name}", seen)
    if isinstance(schema.get("items"), dict):
        found += _integers(document, schema["items"], f"{where}[]", seen)
    return found


def test_no_two_schemas_share_a_name() -> None:
    document = _document()
    assert document.name_clashes == set()
    assert "InvestigationPersonOut" in document["components"]["schemas"]
    assert "identity_hidden" in document["components"]["schemas"]["PersonOut"]["properties"]  # protection's


def test_every_operation_lists_its_error_answers_with_the_error_schema() -> None:
    document = _document()
    error = document["components"]["schemas"]["Error"]
    assert error["required"] == ["error"]
    detail = _resolve(document, error["properties"]["error"])
    assert set(detail["required"]) == {"code", "message"}
    for method, path, op in _operations(document):
        responses = {int(status): body for status, body in op["responses"].items()}
        errors = {status for status in responses if status >= 400}
        for status in errors:
            schema = responses[status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/Error"}, (method, path, status)
        if op.get("security"):
            assert {401, 403} <= errors, (method, path)
        if op.get("parameters") or op.get("requestBody"):
            assert 422 in errors, (method, path)
        if any(p["in"] == "path" for p in op.get("parameters", [])):
            assert 404 in errors, (method, path)
    token = document["paths"]["/api/v1/auth/token"]["post"]["responses"]
    assert {401, 403, 429} <= {int(s) for s in token}


def test_every_id_and_page_number_a_client_sends_is_bounded() -> None:
    """Ids past 2**63 and negative offsets are refused by the schema, for every operation."""
    document = _document()
    unbounded = []
    for method, path, op in _operations(document):
        places = [(f"{p['in']}:{p['name']}", p["schema"]) for p in op.get("parameters", [])]
        body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
        if body:
            places.append(("body", body))
        for where, schema in places:
            for found, integer in _integers(document, schema, where, set()):
                if "minimum" not in integer or integer.get("maximum", 2**63) > 2**63 - 1:
                    unbounded.append(f"{method} {path} {found}")
    assert unbounded == [], "\n".join(unbounded)
    calls = document["paths"]["/api/v1/intake/calls"]["get"]["parameters"]
    offset = next(p for p in calls if p["name"] == "offset")["schema"]
    assert offset["minimum"] == 0 and offset["maximum"] < 2**63


def test_opening_hours_are_declared_as_local_times_without_an_offset() -> None:
    document = _document()
    service = document["components"]["schemas"]["ServiceOut"]["properties"]
    opens = next(s for s in service["opens_at"]["anyOf"] if s.get("type") == "string")
    assert "format" not in opens and opens["pattern"].startswith("^")
    import re

    assert re.match(opens["pattern"], "09:00:00") and not re.match(opens["pattern"], "25:00")
    assert '"format": "time"' not in str(document).replace("'", '"')


def test_every_status_a_view_raises_itself_is_in_the_document() -> None:
    """An `ApiError(409, ...)` in a view must be declared (`response={..., 409: Error}`): a client reading the
    document learns every answer (schemathesis found the SCORM commit's undeclared 409 on the demo data)."""
    import inspect
    import re

    document = _document()
    by_function = {}
    for path, item in document["paths"].items():
        for method, op in item.items():
            by_function[op["operationId"]] = (method.upper(), path, {int(s) for s in op["responses"]})
    missing = []
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                if not operation.include_in_schema:
                    continue
                op_id = operation.operation_id or api.get_openapi_operation_id(operation)
                source = inspect.getsource(operation.view_func)
                raised = {int(n) for pair in re.findall(r"ApiError\(\s*(\d{3})(?:\s+if[^,]*else\s+(\d{3}))?", source)
                          for n in pair if n}
                method, path, declared = by_function[op_id]
                missing += [f"{method} {path}: {status}" for status in sorted(raised - declared)]
    assert missing == [], "\n".join(missing)
