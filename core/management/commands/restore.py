"""`manage.py restore <file>`: put a backup archive (manage.py backup) back into the database and MEDIA_ROOT."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Restore a CTIMS backup archive into the configured database and MEDIA_ROOT. Refuses a database or "
            "media folder in use unless --force. Needs the same FIELD_ENCRYPTION_KEYS and BLIND_INDEX_KEY.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("archive", help="the .tar file written by manage.py backup")
        parser.add_argument("--database", default="default", help="database alias (default: %(default)s)")
        parser.add_argument("--force", action="store_true",
                            help="replace a database and uploaded files in use (the files are moved aside, not "
                                 "deleted), or restore with keys that do not match")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = restore(Path(options["archive"]), alias=options["database"], force=options["force"])
        except (BackupError, OSError) as exc:
            raise CommandError(f"Restore failed: {exc}") from exc
        manifest = report.manifest
        self.stdout.write(self.style.SUCCESS(
            f"Restored the {manifest['database']['vendor']} database and {report.media_files} uploaded file(s) "
            f"from the backup of {manifest['created_at']}."))
        if report.media_moved_to:
            self.stdout.write(f"The files that were in MEDIA_ROOT are now in {report.media_moved_to}.")
        if report.pending_migrations:
            self.stdout.write(self.style.WARNING(
                f"The backup is older than this code: run `manage.py migrate` ({report.pending_migrations} "
                "migration(s) to apply) before starting CTIMS."))
