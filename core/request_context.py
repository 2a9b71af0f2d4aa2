"""Who is asking, from where, under which request id: read by the audit log.

Set by `core.middleware.RequestContextMiddleware` for web requests; management commands
and background tasks run without one and are audited as system actions.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    ip: str | None


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar("ctims_request", default=None)


def current() -> RequestContext | None:
    return _current.get()


def bind(ctx: RequestContext | None) -> contextvars.Token[RequestContext | None]:
    return _current.set(ctx)


def unbind(token: contextvars.Token[RequestContext | None]) -> None:
    _current.reset(token)
