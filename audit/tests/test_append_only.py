"""The audit log cannot be changed or deleted by the application, even with raw SQL."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import Action, AuditEvent
from audit.services import record


def test_an_event_cannot_be_updated_through_the_orm(make_user):
    event = record(make_user(), Action.VIEW, object_type="protection.case", object_id="1")
    event.action = Action.DELETE
    with pytest.raises(DatabaseError), transaction.atomic():
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == Action.VIEW


def test_an_event_cannot_be_deleted_even_with_raw_sql(make_user):
    event = record(make_user(), Action.EXPORT, object_type="protection.case", object_id="7")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET actor_username = 'someone else' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, actor_username=event.actor_username).exists()


def test_an_event_records_who_what_and_changed_field_names_but_not_values(make_user, rf):
    user = make_user()
    event = record(user, Action.UPDATE, user, fields=["email", "last_name"])
    assert event.actor_id == user.pk
    assert event.organisation_id == user.organisation_id
    assert event.object_type == "accounts.user"
    assert event.object_id == str(user.pk)
    assert event.fields == ["email", "last_name"]
    assert user.email not in str(event.fields)
