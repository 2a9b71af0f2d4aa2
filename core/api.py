"""Helpers shared by the modules' API routers."""

from __future__ import annotations

from ninja.errors import HttpError


class ApiError(HttpError):
    """An API error with a stable machine-readable code, e.g. ApiError(409, "consent_missing", "...")."""

    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(status_code, message)
        self.code = code
