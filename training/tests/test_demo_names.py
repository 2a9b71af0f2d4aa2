"""Demo participants carry the surname as Polish writes it for their sex (a Polish reader notices
"Anna Kowalski" at once)."""

from __future__ import annotations

from training.demo import _surname


def test_a_woman_is_kowalska_and_a_man_kowalski() -> None:
    assert _surname("Kowalski", "female") == "Kowalska"
    assert _surname("Kowalski", "male") == "Kowalski"


def test_surnames_that_do_not_change_with_sex_stay_as_they_are() -> None:
    assert _surname("Nowak", "female") == "Nowak"
    assert _surname("Mazur", "female") == "Mazur"
