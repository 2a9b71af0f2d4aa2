"""Check a list of people from outside (a partner's list) against itself with the application's own matcher.

    python manage.py resolve_people --input mentions.csv --output pairs.csv

Input columns: mention_id, full_name (or given_names and surname), optional birth_date (YYYY-MM-DD), sex,
phone. Output: mention_id_l, mention_id_r, probability, decision ("auto" at or above LINKS_AUTO_THRESHOLD,
"propose" at or above LINKS_PROPOSE_THRESHOLD). The same model as a full matching run (the stored one,
links.training): the database is read only for the model's parameters, nothing is written, and nothing
about the people is printed.
"""

from __future__ import annotations

import csv
import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from links import matching, training


def read_mentions(path: str) -> list[dict[str, Any]]:
    """Feature rows of the file's people; a bad row is refused with its line and column named."""
    try:
        handle = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise CommandError(f"--input: cannot read {path}: {exc.strerror}") from exc
    with handle:
        reader = csv.DictReader(handle)
        columns = set(reader.fieldnames or [])
        if "mention_id" not in columns:
            raise CommandError("--input: the header has no mention_id column")
        if "full_name" not in columns and not {"given_names", "surname"} <= columns:
            raise CommandError("--input: the header needs full_name, or given_names and surname")
        rows: list[dict[str, Any]] = []
        ids: dict[int, str] = {}
        phones: dict[str, int] = {}
        try:
            records = list(reader)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise CommandError(f"--input: not a UTF-8 CSV file ({exc})") from exc
        for line, rec in enumerate(records, start=2):
            raw_id = (rec.get("mention_id") or "").strip()
            if not raw_id:
                raise CommandError(f"--input line {line}, column mention_id: empty")
            uid = len(rows) + 1
            ids[uid] = raw_id
            extra = {}
            birth = (rec.get("birth_date") or "").strip()
            if birth:
                try:
                    datetime.date.fromisoformat(birth)
                except ValueError as exc:
                    raise CommandError(f"--input line {line}, column birth_date: {birth!r} is not YYYY-MM-DD") from exc
                extra["birth_date"] = birth
            if (rec.get("sex") or "").strip():
                extra["sex"] = rec["sex"].strip()
            phone = "".join(c for c in (rec.get("phone") or "") if c.isdigit())[-9:]
            linked = [phones.setdefault(phone, len(phones) + 1)] if phone else []
            if (rec.get("full_name") or "").strip():
                row = matching.features(uid, rec["full_name"], extra, linked)
            else:
                row = matching.features_from_parts(uid, rec.get("given_names") or "", rec.get("surname") or "", extra)
                row["linked"] = " ".join(str(i) for i in linked) or None
            row["_id"] = raw_id
            rows.append(row)
        if len(set(ids.values())) != len(ids):
            raise CommandError("--input, column mention_id: the same id appears twice")
    return rows


def resolve(rows: list[dict[str, Any]]) -> list[tuple[str, str, float, str]]:
    """Pairs at or above the proposal threshold, most likely first, with the decision the app would take."""
    external = {r["unique_id"]: r.pop("_id") for r in rows}
    pairs = matching.splink_pairs(rows, threshold=matching.propose_threshold(),
                                  comparisons=training.current().comparisons)
    auto = matching.auto_threshold()
    out = [(external[a], external[b], p, "auto" if p >= auto else "propose") for a, b, p in pairs]
    return sorted(out, key=lambda r: (-r[2], r[0], r[1]))


class Command(BaseCommand):
    help = "Find the same person within a CSV list of people (mention_id, full_name, birth_date...); writes pairs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, help="CSV with mention_id and full_name (or given_names, "
                                                           "surname), optional birth_date, sex, phone")
        parser.add_argument("--output", required=True, help="CSV to write: mention_id_l, mention_id_r, "
                                                            "probability, decision")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = read_mentions(options["input"])
        pairs = resolve(rows)
        try:
            with open(options["output"], "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["mention_id_l", "mention_id_r", "probability", "decision"])
                for left, right, p, decision in pairs:
                    writer.writerow([left, right, f"{p:.6f}", decision])
        except OSError as exc:
            raise CommandError(f"--output: cannot write {options['output']}: {exc.strerror}") from exc
        auto = sum(1 for p in pairs if p[3] == "auto")
        self.stdout.write(f"{len(rows)} mentions, {len(pairs)} pairs ({auto} auto, {len(pairs) - auto} propose)")
