"""The one way to write to the audit log. Every service that touches personal data calls `record`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from core import request_context

from .models import Action, AuditEvent

if TYPE_CHECKING:
    from accounts.models import User


def record(
    actor: User | Any | None,
    action: Action | str,
    obj: Any = None,
    *,
    object_type: str = "",
    object_id: str | int = "",
    fields: Iterable[str] = (),
    reason: str = "",
    organisation_id: int | None = None,
) -> AuditEvent:
    """Append one event. `obj` (a model instance) fills object type and id when given.

    The actor's organisation is recorded as it is now, so moving a user later does not
    rewrite history. IP and request id come from the current request, if any.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    user = actor if getattr(actor, "is_authenticated", False) else None
    ctx = request_context.current()
    return AuditEvent.objects.create(
        actor_id=user.pk if user else None,
        actor_username=(user.get_username() if user else "")[:150],
        organisation_id=organisation_id if organisation_id is not None else getattr(user, "organisation_id", None),
        action=str(action),
        object_type=object_type[:64],
        object_id=str(object_id)[:64],
        fields=sorted(set(fields)),
        reason=reason[:300],
        ip=ctx.ip if ctx else None,
        request_id=ctx.request_id if ctx else "",
    )


def record_view(actor: Any, obj: Any, **kwargs: Any) -> AuditEvent:
    return record(actor, Action.VIEW, obj, **kwargs)


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Names of the keys whose values differ: what an update audit event lists."""
    return sorted(k for k in after if before.get(k) != after.get(k))
