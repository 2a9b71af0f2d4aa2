"""Immediate-danger items unassigned too long: `manage.py notify_overdue_triage` now (cron), or `--schedule` for the
task worker, which then looks every CTIMS_TRIAGE_CHECK_MINUTES."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Notify duty supervisors of immediate-danger calls and observations nobody has taken (once per item)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schedule", action="store_true",
                            help="Queue the check on the task worker instead (it re-queues itself).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            from intake.tasks import schedule_overdue_check

            at = schedule_overdue_check()
            self.stdout.write(f"next check at {at.isoformat()}" if at else "already queued or not deferrable")
            return
        from intake.overdue import notify_overdue_triage

        self.stdout.write(f"{notify_overdue_triage()} notifications")
