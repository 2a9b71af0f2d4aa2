"""Logs as JSON lines that carry the request id and never personal data.

One line per event: time, level, logger, message, request id (from core.request_context, so a
line can be matched to the nginx log, the gunicorn access log and the audit events of the same
request). Only those fields are written: `extra=` values a library attaches (Django attaches the
whole request object) are dropped, and exceptions are written as their types and stack frames
without their messages, which can quote what a person typed (a database error quotes the row).

Django's request logging includes the full path with query string; CTIMS never puts personal data
in URLs, but a mistaken link could, so query strings are cut here too.
"""

from __future__ import annotations

import datetime
import logging
import re
import traceback
from types import TracebackType
from typing import Any

from django.views.debug import SafeExceptionReporterFilter
from gunicorn import glogging
from pythonjsonlogger.json import JsonFormatter

from . import request_context

_QUERY = re.compile(r"\?[^\s\"']*")

# Fields of a gunicorn access line: (atom, field). No query string, referer or user agent.
_ACCESS_ATOMS = (("h", "remote"), ("m", "method"), ("U", "path"), ("s", "status"), ("B", "bytes"),
                 ("L", "seconds"), ("{x-request-id}o", "request_id"))
_KEPT_EXTRAS = ("status_code",)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


class ScrubPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.args and isinstance(record.args, tuple):
            record.args = tuple(_QUERY.sub("?…", a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = _QUERY.sub("?…", record.msg)
        return True


def exception_without_messages(exc: BaseException | None) -> str:
    """The traceback of `exc` and the exceptions it was raised from, with each exception's message left out."""
    parts: list[str] = []
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        frames = "".join(traceback.format_tb(exc.__traceback__))
        parts.append(f"Traceback (most recent call last):\n{frames}"
                     f"{type(exc).__module__}.{type(exc).__qualname__} (message not logged)")
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    return "\n\nwhile handling or raised from:\n\n".join(reversed(parts))


class JsonLinesFormatter(JsonFormatter):
    """`{"time", "level", "logger", "message", "request_id", ...}` on one line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]) -> None:
        log_data["time"] = datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
            timespec="milliseconds")
        log_data["level"] = record.levelname
        log_data["logger"] = record.name
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            log_data["message"] = "access"
            for atom, field in _ACCESS_ATOMS:
                value = record.args.get(atom, "-")
                log_data[field] = value if value != "-" else None
        else:
            log_data["message"] = _QUERY.sub("?…", record.getMessage())
            ctx = request_context.current()
            log_data["request_id"] = ctx.request_id if ctx else None
        for name in _KEPT_EXTRAS:
            if name in record.__dict__:
                log_data[name] = record.__dict__[name]
        if "exc_info" in message_dict:
            log_data["exc_info"] = message_dict["exc_info"]

    def formatException(self, ei: ExcInfo) -> str:  # type: ignore[override]
        return exception_without_messages(ei[1])


class GunicornJsonLogger(glogging.Logger):
    """gunicorn's error and access logs as the same JSON lines (`--logger-class core.logging.GunicornJsonLogger`)."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(JsonLinesFormatter())


class NoPostDataExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports (the 500 e-mail, the debug page) show no submitted form values and no local variables:
    on any page of CTIMS they can be a victim's name or phone number."""

    def get_post_parameters(self, request: Any) -> dict[str, str]:
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        return dict.fromkeys(tb_frame.f_locals, self.cleansed_substitute).items()
