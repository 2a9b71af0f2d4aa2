"""`manage.py apply_retention [--dry-run] [--schedule]`: run the retention schedule now (cron), or start the
daily run on the task worker."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = ("Remove or anonymise records past their retention (skipping legal holds) and record the run. "
            "--dry-run only counts. --schedule queues the daily run on the task worker instead.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count what would go; change nothing.")
        parser.add_argument("--schedule", action="store_true",
                            help="Queue the daily run on the task worker (manage.py db_worker) and exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            from retention.tasks import schedule_next

            at = schedule_next()
            if at is None:
                self.stdout.write("The daily retention run is already queued (or the task backend cannot defer).")
            else:
                self.stdout.write(f"Daily retention run queued for {at:%Y-%m-%d %H:%M %Z}.")
            return
        from retention.services import apply_retention

        try:
            run = apply_retention(dry_run=options["dry_run"])
        except Exception as exc:
            raise CommandError(f"The retention run failed ({type(exc).__name__}); it is marked failed on the "
                               "Retention page. Fix the cause and run it again.") from exc
        done = "would be removed or anonymised" if run.dry_run else "removed or anonymised"
        for kind, count in run.counts.items():
            self.stdout.write(f"{kind + ':':<13}{count} {done}")
        for held in run.held:
            self.stdout.write(f"{held['kind'] + ':':<13}{held['reference']} kept on legal hold")
        self.stdout.write(f"Run #{run.pk}{' (dry run)' if run.dry_run else ''}: {run.total} records {done}, "
                          f"{len(run.held)} kept on hold.")
