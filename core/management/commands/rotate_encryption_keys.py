"""Re-encrypt every encrypted column with the newest key in FIELD_ENCRYPTION_KEYS.

Run after prepending a new key; once it reports nothing left to rotate, the old key
can be removed from the setting.
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import InvalidToken
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core import crypto
from core.fields import encrypted_fields


def rotate_all(batch: int = 500) -> dict[str, int]:
    """Rotate all rows of all models, one batch of primary keys at a time (so any table size fits in
    memory, and each batch commits on its own). Returns the count of values rewritten per model."""
    counts: dict[str, int] = {}
    qn = connection.ops.quote_name
    for model in apps.get_models():
        fields = encrypted_fields(model)
        if not fields or model._meta.proxy or not model._meta.managed or model._meta.pk is None:
            continue
        table, pk = qn(model._meta.db_table), qn(str(model._meta.pk.column))
        columns = [str(f.column) for f in fields]
        cols = ", ".join(qn(c) for c in columns)
        rewritten, last = 0, None
        while True:
            params: list[Any] = [last] if last is not None else []
            where = f"WHERE {pk} > %s" if last is not None else ""
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SELECT {pk}, {cols} FROM {table} {where} ORDER BY {pk} LIMIT %s",  # noqa: S608
                               [*params, batch])
                rows = cursor.fetchall()
                for row in rows:
                    updates: dict[str, str] = {}
                    for field, column, value in zip(fields, columns, row[1:], strict=True):
                        if value and not crypto.is_current_key(value):
                            try:
                                updates[column] = crypto.rotate(value)
                            except InvalidToken as exc:
                                raise CommandError(
                                    f"{model._meta.label} {row[0]} {field.name}: no configured key can decrypt it. "
                                    "Put the old key back at the end of FIELD_ENCRYPTION_KEYS and run again.",
                                ) from exc
                    if updates:
                        sets = ", ".join(f"{qn(c)} = %s" for c in updates)
                        cursor.execute(f"UPDATE {table} SET {sets} WHERE {pk} = %s",  # noqa: S608 - identifiers quoted
                                       [*updates.values(), row[0]])
                        rewritten += len(updates)
            if len(rows) < batch:
                break
            last = rows[-1][0]
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
