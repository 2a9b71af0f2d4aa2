"""Re-encrypt every encrypted column with the newest key in FIELD_ENCRYPTION_KEYS.

Run after prepending a new key; once it reports nothing left to rotate, the old key
can be removed from the setting.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from core import crypto
from core.fields import encrypted_fields


def rotate_all(batch: int = 500) -> dict[str, int]:
    """Rotate all rows of all models; returns the count of values rewritten per model."""
    counts: dict[str, int] = {}
    qn = connection.ops.quote_name
    for model in apps.get_models():
        fields = encrypted_fields(model)
        if not fields or model._meta.proxy or not model._meta.managed:
            continue
        table, pk = model._meta.db_table, model._meta.pk.column  # type: ignore[union-attr]
        cols = ", ".join(qn(f.column) for f in fields)
        rewritten = 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {qn(pk)}, {cols} FROM {qn(table)}")  # noqa: S608 - identifiers quoted
            rows = cursor.fetchall()
        for start in range(0, len(rows), batch):
            with transaction.atomic(), connection.cursor() as cursor:
                for row in rows[start:start + batch]:
                    updates = {}
                    for field, value in zip(fields, row[1:], strict=True):
                        if value and not crypto.is_current_key(value):
                            updates[field.column] = crypto.rotate(value)
                    if updates:
                        sets = ", ".join(f"{qn(c)} = %s" for c in updates)
                        cursor.execute(
                            f"UPDATE {qn(table)} SET {sets} WHERE {qn(pk)} = %s",  # noqa: S608
                            [*updates.values(), row[0]],
                        )
                        rewritten += len(updates)
        counts[model._meta.label] = rewritten
    return counts


class Command(BaseCommand):
    help = "Re-encrypt all encrypted fields with the newest FIELD_ENCRYPTION_KEYS key."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = rotate_all()
        total = sum(counts.values())
        for label, n in counts.items():
            if n:
                self.stdout.write(f"{label}: {n} values re-encrypted")
        self.stdout.write(self.style.SUCCESS(f"Done: {total} values re-encrypted with the newest key."))
