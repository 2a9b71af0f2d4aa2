"""Helpers shared by the modules' API routers: the error type and shape, ids and paging.

Ids and paging are validated here, once, for every endpoint: an `Id` is a positive whole number that fits a
64-bit database key (larger ones made SQLite raise OverflowError, a 500), and `Offset`/`Limit` are bounded, so
`offset=-1` or `offset=2**63` is a 422 with the usual error shape instead of a server error. A router declares
`thing_id: Id`, `offset: Offset = 0`, `limit: Limit = 50` and slices with `page(qs, limit, offset, maximum)`.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, TypeVar

from django.db.models import QuerySet
from ninja import Schema
from ninja.errors import HttpError
from pydantic import Field, WithJsonSchema

# The largest key a 64-bit signed integer column holds (SQLite INTEGER, PostgreSQL bigint).
MAX_ID = 2**63 - 1
# Far beyond any list CTIMS holds, and small enough that offset + limit stays a 64-bit number.
MAX_OFFSET = 10**9
MAX_LIMIT = 10_000

Id = Annotated[int, Field(ge=1, le=MAX_ID, description="A record's id (a positive whole number).")]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET, description="How many rows to skip (0 or more).")]
Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT,
                             description="Rows per page; more than the endpoint's maximum gives the maximum.")]

# A wall-clock time of day in Poland, e.g. "09:00:00". Declared as a pattern, not `format: time`: JSON Schema's
# `time` (RFC 3339 full-time) requires an offset, which opening hours do not have.
LocalTime = Annotated[datetime.time, WithJsonSchema({
    "type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$",
    "description": "Local time of day in Poland (HH:MM:SS, no offset).", "examples": ["09:00:00"],
})]

Rows = TypeVar("Rows", QuerySet[Any], list[Any])


def page(rows: Rows, limit: int, offset: int = 0, maximum: int = 200) -> Rows:
    """One page of a queryset or list: `limit` rows (at most `maximum`) after `offset` validated ones."""
    size = max(1, min(limit, maximum))
    return rows[offset:offset + size]


class ApiError(HttpError):
    """An API error with a stable machine-readable code, e.g. ApiError(409, "consent_missing", "...")."""

    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(status_code, message)
        self.code = code


class FieldError(Schema):
    field: str | None = Field(description="The field as the caller sent it, e.g. 'offset' or 'people.0.name'.")
    message: str


class ErrorDetail(Schema):
    code: str = Field(description="Stable machine-readable code, e.g. 'not_found' or 'validation_error'.")
    message: str = Field(description="What went wrong, in the caller's language (Accept-Language).")
    fields: list[FieldError] | None = Field(None, description="For validation errors: each field in error.")


class Error(Schema):
    """Every error the API returns: {"error": {"code": "...", "message": "..."}}."""

    error: ErrorDetail


ERROR_DESCRIPTIONS = {
    400: "The request could not be read (a body that is not JSON) or a value is not one this operation takes.",
    401: "Not signed in: no session and no valid 'Authorization: Bearer <token>'.",
    403: "Signed in, but your role or organisation may not do this (or the CSRF token is missing).",
    404: "No such record, or not one you may see.",
    409: "The request conflicts with the record's state.",
    422: "A parameter or field is missing or not valid; 'fields' names each one.",
    429: "Too many requests; wait and try again.",
    503: "The service cannot take this now.",
}


def error_statuses(operation: dict[str, Any]) -> set[int]:
    """The error statuses an operation of the OpenAPI document can answer with, from what it takes.

    Authenticated: 401 and 403 (role, scope or CSRF). Any parameter or body: 400 (a body that is not JSON, a
    value the operation does not take) and 422 (validation). A path parameter: 404. Statuses an operation
    declares itself (409, 429, ...) are kept.
    """
    statuses: set[int] = set()
    parameters = operation.get("parameters") or []
    if operation.get("security"):
        statuses |= {401, 403}
    if parameters or operation.get("requestBody"):
        statuses |= {400, 422}
    if any(p.get("in") == "path" for p in parameters):
        statuses.add(404)
    return statuses


def add_error_responses(document: dict[str, Any]) -> None:
    """Declare, on every operation, each error status it can return with the shared `Error` schema."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    error_schema = Error.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(error_schema.pop("$defs", {}))
    schemas["Error"] = error_schema
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path_item in document.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            declared = {int(s) for s in responses if str(s).isdigit() and int(s) >= 400}
            for status in sorted(error_statuses(operation) | declared):
                existing = responses.get(status) or responses.get(str(status)) or {}
                responses.pop(str(status), None)
                responses[status] = {"description": existing.get("description")
                                     if existing.get("description") not in (None, "", "Unknown Status Code")
                                     else ERROR_DESCRIPTIONS.get(status, "Error."), "content": content}
