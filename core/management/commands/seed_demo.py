"""Load the demo data into an empty database (does nothing if organisations already exist)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from accounts.models import Organisation
from core.demo import DEMO_PASSWORD, load_all


class Command(BaseCommand):
    help = "Load the CTIMS demo data (organisations, users, places, cases, trainings...) into an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="load even if the database already has organisations")

    def handle(self, *args: Any, **options: Any) -> None:
        if Organisation.objects.exists() and not options["force"]:
            self.stdout.write("Demo data already present: keeping the existing data.")
            return
        with transaction.atomic():
            ctx = load_all()
        for line in ctx.log:
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS(
            f"Demo data loaded. Sign in as admin, police.analyst, iom.caseworker, ... with password {DEMO_PASSWORD}"
        ))
