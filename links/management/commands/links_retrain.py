"""Train the person matcher on the stored mentions and keep the result as its next model version.

    python manage.py links_retrain              # train (Splink: u by random sampling, m by EM), store, report
    python manage.py links_retrain --dry-run    # train and report the changes, store nothing
    python manage.py links_retrain --restore 0  # make an earlier version (0: the preset model) current again

Prints, for each comparison level, m, u and the weight (log2 m/u) before and after; nothing about any
person. Matching runs from then on use the new version (links.training.current).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from links import training
from links.models import MatchModel


class Command(BaseCommand):
    help = "Train the person-matching model on the stored mentions and store it as the next version."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="train and report, store nothing")
        parser.add_argument("--restore", type=int, metavar="VERSION",
                            help="store an earlier version's parameters (0: the preset model) as the next version")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["restore"] is not None:
            self._restore(options["restore"])
            return
        before, after, changes = training.retrain(save=not options["dry_run"])
        self.stdout.write(f"{after.mentions} person mentions; model v{before.version} -> "
                          + ("not stored (--dry-run)" if options["dry_run"] else f"v{after.version}"))
        self.stdout.write(f"{'comparison':<11} {'level':<22} {'m before':>9} {'m after':>9} {'u before':>10} "
                          f"{'u after':>10} {'weight':>15}")
        for c in changes:
            flag = "  *" if abs(c.new_weight - c.old_weight) >= 1 else ""
            self.stdout.write(f"{c.comparison:<11} {c.level:<22} {c.old_m:9.4f} {c.new_m:9.4f} {c.old_u:10.6f} "
                              f"{c.new_u:10.6f} {c.old_weight:6.2f} -> {c.new_weight:6.2f}{flag}")
        moved = sum(1 for c in changes if abs(c.new_weight - c.old_weight) >= 1)
        self.stdout.write(f"{moved} of {len(changes)} levels changed weight by a factor of 2 or more (*)")

    def _restore(self, version: int) -> None:
        try:
            row = training.restore(version)
        except MatchModel.DoesNotExist as exc:
            raise CommandError(f"--restore: there is no model version {version}") from exc
        self.stdout.write(f"model v{row.version} stored with the parameters of v{version}")
