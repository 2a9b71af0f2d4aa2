"""A partner's list of people checked against itself from the command line, with the application's model:
the database is read for the stored model only (test_retrain.py shows the command follows it)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data" / "partner_list.csv"


def _pairs(path: Path) -> dict[tuple[str, str], tuple[float, str]]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["mention_id_l", "mention_id_r", "probability", "decision"]
    return {(r["mention_id_l"], r["mention_id_r"]): (float(r["probability"]), r["decision"]) for r in rows}


def test_the_partner_list_resolves_to_pairs_with_decisions(tmp_path: Path) -> None:
    out = tmp_path / "pairs.csv"
    call_command("resolve_people", "--input", str(DATA), "--output", str(out))
    pairs = _pairs(out)
    # the same man in Cyrillic (official order, patronymic) and Latin, same birth date: linked automatically
    assert pairs[("A1", "A2")][1] == "auto"
    # a diminutive in Polish spelling, no birth date, the same phone: at least proposed
    assert ("A1", "A3") in pairs
    # an unknown given name, the other order of writing, in another script: proposed to an analyst
    assert pairs[("B1", "B2")][1] == "propose"
    # a diminutive only rigour's name data knows (Гриша / Hryhorii)
    assert ("D1", "D2") in pairs
    # one sound apart in the surname: different women
    assert ("C1", "C2") not in pairs
    assert all(p >= 0.5 for p, _d in pairs.values())


def test_given_names_and_surname_in_separate_columns(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("mention_id,given_names,surname,birth_date\n1,Олег,Іваненко,1990-01-02\n2,Oleh,Ivanenko,1990-01-02\n",
                   encoding="utf-8")
    out = tmp_path / "pairs.csv"
    call_command("resolve_people", "--input", str(src), "--output", str(out))
    assert _pairs(out) == {("1", "2"): (pytest.approx(1.0, abs=1e-3), "auto")}


def test_a_bad_birth_date_names_its_line_and_column(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("mention_id,full_name,birth_date\n1,Олег Іваненко,02.01.1990\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 2, column birth_date"):
        call_command("resolve_people", "--input", str(src), "--output", str(tmp_path / "out.csv"))
    assert not (tmp_path / "out.csv").exists()
