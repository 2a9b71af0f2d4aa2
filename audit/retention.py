"""The one deletion the audit log allows: rows older than the audit retention period (retention module).

The append-only triggers are lifted and put back inside one transaction, so no other writer ever
sees an unprotected table, and a failure leaves the triggers in place (DDL is transactional on both
SQLite and PostgreSQL). The purge itself is recorded as a new audit event.
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction

from . import db
from .models import Action, AuditEvent
from .services import record


def due_count(before: datetime.datetime, organisation_id: int | None = None) -> int:
    qs = AuditEvent.objects.filter(at__lt=before)
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    return qs.count()


def purge_before(before: datetime.datetime) -> int:
    """Delete audit events older than `before`; returns how many."""
    with transaction.atomic():
        db.run(connection, db.UNPROTECT)
        deleted, _ = AuditEvent.objects.filter(at__lt=before).delete()
        db.run(connection, db.PROTECT)
        if deleted:
            record(None, Action.DELETE, object_type="audit.auditevent", object_id="retention",
                   fields=["events"], reason=f"retention: {deleted} events before {before.date().isoformat()}")
    return deleted
