"""`manage.py backup <folder-or-file>`: the database and the uploaded files in one archive (core.backup)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup


class Command(BaseCommand):
    help = ("Back up the database (pg_dump, or SQLite's backup API) and MEDIA_ROOT into one archive with a "
            "manifest. The encryption keys are not in it: keep them apart (docs/production.md).")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("destination",
                            help="a folder (the archive gets a dated name in it) or a file name ending in .tar")
        parser.add_argument("--database", default="default", help="database alias (default: %(default)s)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path, manifest = backup(Path(options["destination"]), alias=options["database"])
        except (BackupError, OSError) as exc:
            raise CommandError(f"Backup failed, nothing written: {exc}") from exc
        size = path.stat().st_size
        self.stdout.write(self.style.SUCCESS(
            f"Backup written to {path} ({size / 1e6:.1f} MB): {manifest['database']['vendor']} database and "
            f"{manifest['media_files']} uploaded file(s)."))
        self.stdout.write("The encryption keys are not in the backup. Without FIELD_ENCRYPTION_KEYS and "
                          "BLIND_INDEX_KEY it cannot be read: keep them in key custody, apart from the backups.")
