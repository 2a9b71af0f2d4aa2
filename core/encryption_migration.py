"""A migration step that encrypts the plain text already stored in columns that became encrypted.

Use it after the `AlterField` operations that turn a text column into an `EncryptedTextField`
(put every `AlterField` of the migration first, then the encrypt steps: PostgreSQL refuses to
alter a table that has pending updates in the same transaction):

    operations = [
        migrations.AlterField("referral", "details", core.fields.EncryptedTextField(...)),
        encrypt_columns("protection", "referral", "details"),
    ]

Rows are read and written with raw SQL, one batch of primary keys at a time, because the ORM
would try to decrypt the plain text it reads. A value that is already a CTIMS ciphertext is left
alone, so the step can run twice. Reversing it decrypts the values again (then the reverse
`AlterField` can narrow the column).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from . import crypto

BATCH = 500


def _is_ciphertext(value: str) -> bool:
    if not value.startswith(crypto.TOKEN_PREFIX):
        return False
    try:
        crypto.decrypt(value)
    except ValueError:
        return False  # plain text that merely starts like a token: encrypt it too
    return True


def _encrypt(value: str) -> str | None:
    return None if _is_ciphertext(value) else crypto.encrypt(value)


def _decrypt(value: str) -> str | None:
    return crypto.decrypt(value) if _is_ciphertext(value) else None


def convert_columns(schema_editor: BaseDatabaseSchemaEditor, table: str, pk: str, columns: list[str],
                    convert: Callable[[str], str | None], batch: int = BATCH) -> int:
    """Rewrite every non-empty value of `columns` with `convert` (None: leave it). Returns values rewritten."""
    connection = schema_editor.connection
    qn = connection.ops.quote_name
    cols = ", ".join(qn(c) for c in columns)
    rewritten, last = 0, None
    while True:
        where = f"WHERE {qn(pk)} > %s" if last is not None else ""
        params: list[Any] = [last] if last is not None else []
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {qn(pk)}, {cols} FROM {qn(table)} {where} ORDER BY {qn(pk)} LIMIT %s",  # noqa: S608
                           [*params, batch])
            rows = cursor.fetchall()
            for row in rows:
                updates: dict[str, str] = {}
                for column, value in zip(columns, row[1:], strict=True):
                    if value:
                        new = convert(value)
                        if new is not None:
                            updates[column] = new
                if updates:
                    sets = ", ".join(f"{qn(c)} = %s" for c in updates)
                    cursor.execute(f"UPDATE {qn(table)} SET {sets} WHERE {qn(pk)} = %s",  # noqa: S608 - quoted names
                                   [*updates.values(), row[0]])
                    rewritten += len(updates)
        if len(rows) < batch:
            return rewritten
        last = rows[-1][0]


def encrypt_columns(app_label: str, model_name: str, *field_names: str) -> migrations.RunPython:
    """A RunPython that encrypts the existing plain values of these fields (and decrypts them on reverse)."""

    def run(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor, convert: Callable[[str], str | None]) -> None:
        model = apps.get_model(app_label, model_name)
        meta = model._meta
        columns = [str(meta.get_field(name).column) for name in field_names]
        convert_columns(schema_editor, str(meta.db_table), str(meta.pk.column), columns, convert)

    def forward(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        run(apps, schema_editor, _encrypt)

    def backward(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        run(apps, schema_editor, _decrypt)

    return migrations.RunPython(forward, backward)
