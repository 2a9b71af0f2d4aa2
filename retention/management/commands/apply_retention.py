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
        verb = "would remove or anonymise" if run.dry_run else "removed or anonymised"
        for kind, count in run.counts.items():
            self.stdout.write(f"{kind:<12} {verb} {count}")
        for held in run.held:
            self.stdout.write(f"{held['kind']:<12} kept on legal hold: {held['reference']}")
        self.stdout.write(f"Run #{run.pk}: {run.total} records {verb}"
                          f"{' (dry run)' if run.dry_run else ''}; {len(run.held)} kept on hold.")
