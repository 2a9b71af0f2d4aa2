"""The matcher's model is trained from the stored mentions, kept as numbered versions, and used by matching.

An administrator runs `links_retrain` after a large import: the command trains on a labelled sample here
(each invented person written in Cyrillic and in Latin, some with a slipped or missing birth date, some with
a namesake who is another person), reports what moved, and every matching path uses the new version.
"""

from __future__ import annotations

import datetime
import io
import json
import random
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from faker.providers.person.uk_UA import Provider as UkNames

from accounts.models import Organisation
from links import matching, names, training
from links.models import MatchModel, MatchPair, Mention

pytestmark = pytest.mark.django_db
PARTNER_LIST = Path(__file__).parent / "data" / "partner_list.csv"


def _sample(org: Organisation, persons: int = 150) -> dict[int, int]:
    """Store a labelled sample of person mentions; returns each mention's person."""
    rng = random.Random(14)
    when = timezone.make_aware(datetime.datetime(2026, 11, 2, 9, 0))
    mentions: list[Mention] = []
    person_of: list[int] = []

    def add(person: int, name: str, birth: str, sex: str) -> None:
        extra = {"sex": sex, **({"birth_date": birth} if birth else {})}
        mentions.append(Mention(source_type="links.test", source_id=len(mentions) + 1, owner_organisation=org,
                                occurred_at=when, kind="person", value=name, extra=json.dumps(extra)))
        person_of.append(person)

    for person in range(persons):
        sex = rng.choice("mf")
        given = rng.choice(UkNames.first_names_male if sex == "m" else UkNames.first_names_female)
        surname = rng.choice(UkNames.last_names_male if sex == "m" else UkNames.last_names_female)
        birth = (datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(16000))).isoformat()
        add(person, f"{given} {surname}", birth, sex)
        other_birth = {0: "", 1: birth[:8] + ("01" if birth[8:] != "01" else "02")}.get(person % 5, birth)
        add(person, names.ukrainian_kmu2010(f"{surname} {given}"), other_birth, sex)
        if person % 7 == 0:  # a namesake: another person with the same name, born years apart
            other = datetime.date.fromisoformat(birth) + datetime.timedelta(days=1000 + rng.randrange(3000))
            add(persons + person, f"{given} {surname}", other.isoformat(), sex)
    Mention.objects.bulk_create(mentions)
    ids = list(Mention.objects.filter(source_type="links.test").order_by("source_id").values_list("pk", flat=True))
    return dict(zip(ids, person_of, strict=True))


def _levels(version: int, column: str) -> list[list[float]]:
    return MatchModel.objects.get(version=version).parameters["comparisons"][column]


def test_retraining_on_a_labelled_sample_learns_from_it_and_keeps_what_it_learnt(police: Organisation) -> None:
    person_of = _sample(police)
    out = io.StringIO()
    call_command("links_retrain", stdout=out)
    report = out.getvalue()
    assert f"{len(person_of)} person mentions; model v0 -> v1" in report
    assert "birth_date" in report and "levels changed weight" in report
    assert training.current().version == 1

    birth = _levels(1, "birth_date")  # same, day/month swapped, one digit off, same year, else
    # the sample's true pairs agree on the date (or slip by one digit) far more often than random pairs do
    assert birth[0][0] > 0.5 and birth[0][1] < 0.01
    assert birth[0][0] / birth[0][1] > 100
    assert birth[2][0] > birth[2][1]  # one digit off: evidence for
    assert birth[-1][0] < birth[-1][1]  # a different date: evidence against
    # every true pair shares the sex, yet one slip does not veto a link: m never falls below the floor
    assert _levels(1, "sex")[-1][0] >= training.M_FLOOR
    # the model learnt something from the data, not the preset returned unchanged
    assert MatchModel.objects.get(version=1).parameters != training.parameters_of(matching.COMPARISONS)

    call_command("links_retrain", stdout=io.StringIO())  # the same data again: the same model, one version up
    assert training.current().version == 2
    for column, levels in MatchModel.objects.get(version=1).parameters["comparisons"].items():
        for (m1, u1), (m2, u2) in zip(levels, _levels(2, column), strict=True):
            assert m2 == pytest.approx(m1, rel=1e-3) and u2 == pytest.approx(u1, rel=1e-3)

    # the trained model separates the sample's people: pairs linked automatically are the same person
    matching.run_full(None)
    auto = list(MatchPair.objects.filter(status="auto").values_list("left_id", "right_id"))
    assert len(auto) >= 100
    assert sum(person_of[a] == person_of[b] for a, b in auto) / len(auto) >= 0.95


def test_a_dry_run_reports_and_stores_nothing(police: Organisation) -> None:
    _sample(police, persons=40)
    out = io.StringIO()
    call_command("links_retrain", "--dry-run", stdout=out)
    assert "not stored (--dry-run)" in out.getvalue()
    assert not MatchModel.objects.exists()
    assert training.current().version == 0


def test_matching_and_the_resolve_command_use_the_stored_model(police: Organisation, tmp_path: Path) -> None:
    when = timezone.now()
    for i in (1, 2):
        Mention.objects.create(source_type="links.test", source_id=i, owner_organisation=police, occurred_at=when,
                               kind="person", value="Опанас Кривоніс" if i == 1 else "Opanas Kryvonis",
                               extra=json.dumps({"birth_date": "1984-03-12", "sex": "m"}))
    matching.run_full(None)
    assert MatchPair.objects.get().status == "auto"  # the preset model links the two

    # a stored model in which the same birth date is evidence against (a model trained on odd data)
    odd = training.parameters_of(matching.COMPARISONS)
    odd["comparisons"]["birth_date"][0] = [0.0001, 0.5]
    training.store(odd)
    matching.run_full(None)
    assert not MatchPair.objects.filter(status="auto").exists()  # the old automatic link is gone with its model
    out = tmp_path / "pairs.csv"
    call_command("resolve_people", "--input", str(PARTNER_LIST), "--output", str(out), stdout=io.StringIO())
    # A1 and A2 share a birth date, which this model counts against them: no longer a pair (preset: "auto")
    assert "A1,A2," not in out.read_text() and "B1,B2," in out.read_text()

    call_command("links_retrain", "--restore", "0", stdout=io.StringIO())  # back to the preset, as v2
    assert training.current().version == 2
    matching.run_full(None)
    assert MatchPair.objects.get().status == "auto"
