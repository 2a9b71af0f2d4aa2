"""Delete sign-in attempts older than the lockout needs (the audit log keeps the history).

    manage.py prune_login_attempts            # keep 30 days
    manage.py prune_login_attempts --days 7
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accounts.services import prune_login_attempts


class Command(BaseCommand):
    help = "Delete sign-in attempts older than --days (default 30); lockout only looks at the last 15 minutes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = prune_login_attempts(options["days"])
        self.stdout.write(f"Deleted {deleted} sign-in attempts older than {options['days']} days.")
