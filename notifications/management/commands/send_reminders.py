"""Reviews and tasks due and overdue: `manage.py send_reminders` now, or `--schedule` for the daily task."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Notify case workers of reviews and tasks due soon or overdue (once a day per record)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schedule", action="store_true",
                            help="Queue the daily run on the task worker instead (it re-queues itself).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            from notifications.tasks import schedule_next_reminders

            at = schedule_next_reminders()
            self.stdout.write(f"next reminders at {at.isoformat()}" if at else "already queued or not deferrable")
            return
        from notifications.services import send_reminders

        self.stdout.write(f"{send_reminders()} notifications")
