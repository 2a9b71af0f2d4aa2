"""The matcher on people it has never seen: names nobody listed, read in either order; common names weigh
little; surnames one sound apart stay apart; and an analyst sees why a pair was proposed."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest
from faker.providers.person.uk_UA import Provider as UkNames

from accounts.models import Organisation, User
from links import matching, names, selectors
from links.models import Entity, Mention


def _population(n: int = 3000) -> list[dict[str, Any]]:
    """A register of n people with real Ukrainian names (Faker's uk_UA provider), birth dates known."""
    rng = random.Random(7)
    rows = []
    for i in range(n):
        name = f"{rng.choice(UkNames.first_names_male)} {rng.choice(UkNames.last_names_male)}"
        birth = f"19{rng.randrange(60, 99)}-0{rng.randrange(1, 10)}-1{rng.randrange(10)}"
        rows.append(matching.features(10_000 + i, name, {"birth_date": birth}))
    return rows


def test_an_unknown_given_name_matches_its_swapped_form_in_another_script() -> None:
    assert names.given_group("Опанас") == ""  # not in the matcher's own list
    a = matching.features(1, "Опанас Кривоніс", {"birth_date": "1984-03-12"})
    b = matching.features(2, "Kryvonis Opanas", {"birth_date": "1984-03-12"})
    c = matching.features(3, "Opanas Kryvonis", {"birth_date": "1984-03-12"})
    rows = [a, b, c, *_population(300)]
    found = {(x, y): p for x, y, p in matching.splink_pairs(rows)}
    assert found[(1, 2)] >= matching.auto_threshold()
    assert found[(2, 3)] >= matching.auto_threshold()
    # the Python path (a saved record) gives the same probability
    tf = matching.term_frequencies(rows)
    assert matching.score(a, b, prior=matching.prior_for(len(rows)), tf=tf) == pytest.approx(found[(1, 2)])


def test_a_diminutive_known_only_to_rigour_meets_the_full_name() -> None:
    assert names.given_group("Гриша") == "" and names.given_group("Hryhorii") == ""
    _p, parts = matching.explain(matching.features(1, "Гриша Петренко", {}),
                                 matching.features(2, "Hryhorii Petrenko", {}))
    assert {p.column: p.level for p in parts}["given"] == "forms of one name"


def test_a_common_name_alone_stays_below_the_proposal_threshold_and_a_rare_one_counts_more() -> None:
    rows = _population()
    # thirty different men called Oleksandr Shevchenko are already on the register, each with his birth date
    rows += [matching.features(20_000 + i, "Шевченко Олександр", {"birth_date": f"19{60 + i}-05-0{1 + i % 9}"})
             for i in range(30)]
    common_a = matching.features(1, "Олександр Шевченко", {})
    common_b = matching.features(2, "Shevchenko Oleksandr", {})
    rare_a = matching.features(3, "Опанас Кривоніс", {})
    rare_b = matching.features(4, "Opanas Kryvonis", {})
    rows += [common_a, common_b, rare_a, rare_b]
    tf = matching.term_frequencies(rows)
    prior = matching.prior_for(len(rows))
    p_common, parts = matching.explain(common_a, common_b, prior=prior, tf=tf)
    assert p_common < matching.propose_threshold()
    assert any(p.column == "name_pair" and p.bayes_factor < 1 for p in parts)
    assert matching.score(rare_a, rare_b, prior=prior, tf=tf) >= matching.propose_threshold()
    found = {(x, y) for x, y, _p in matching.splink_pairs(rows)}
    assert (1, 2) not in found and (3, 4) in found


@pytest.mark.parametrize(("left", "right"), [
    ("Зайченко", "Савченко"), ("Юрченко", "Ющенко"), ("Марченко", "Харченко"), ("Левченко", "Шевченко"),
    ("Zaichenko", "Савченко"),
])
def test_surnames_one_sound_apart_do_not_match(left: str, right: str) -> None:
    a = matching.features(1, f"Олена {left}", {})
    b = matching.features(2, f"Олена {right}", {})
    p, parts = matching.explain(a, b)
    surname = next(x for x in parts if x.column == "surname")
    assert surname.level == "different" and surname.bayes_factor < 1
    assert p < matching.propose_threshold()


def test_a_typo_in_a_surname_still_counts_as_one_letter_off() -> None:
    _p, parts = matching.explain(matching.features(1, "Олена Шевченко", {}),
                                 matching.features(2, "Olena Shevchneko", {}))
    assert {x.column: x.level for x in parts}["surname"] == "one letter off"


def test_the_analyst_sees_why_a_pair_was_proposed(police_analyst: User, police: Organisation,
                                                  report: Callable[..., None]) -> None:
    report(1, police, 0, "Medyka", ("person", "Кривоніс Опанас", {"birth_date": "1984-03-12"}))
    report(2, police, 1, "Korczowa", ("person", "Opanas Kryvonis"))
    entity = Mention.objects.get(source_id=1, kind="person").entity
    assert isinstance(entity, Entity)
    view = selectors.identity(police_analyst, entity)
    assert view.proposals, "a name-only pair of a rare name is proposed"
    why = {str(w["comparison"]): (str(w["level"]), w["raised"]) for w in view.proposals[0]["why"]}
    assert why["Surname"] == ("the same", True)
    assert why["Given name"] == ("the same", True)
    assert "Birth date" not in why  # missing on one side: no evidence either way
