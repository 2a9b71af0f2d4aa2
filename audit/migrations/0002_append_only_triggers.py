"""Make the audit log append-only in the database itself.

The application role could otherwise UPDATE or DELETE rows; these triggers refuse
both on SQLite and PostgreSQL, so no code path (or injected SQL) can rewrite history.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from audit.db import PROTECT, UNPROTECT, run


def up(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    run(schema_editor.connection, PROTECT)


def down(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    run(schema_editor.connection, UNPROTECT)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(up, down)]
