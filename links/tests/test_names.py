"""Names meet across Cyrillic, official transliterations and Polish/German spelling."""

from __future__ import annotations

import pytest

from links.names import german, given_group, latin_forms, name_key, parse_name, polish, russian_icao, ukrainian_kmu2010


def test_shevchenko_in_four_conventions() -> None:
    assert ukrainian_kmu2010("Шевченко") == "Shevchenko"
    assert russian_icao("Шевченко") == "Shevchenko"
    assert polish("Шевченко") == "Szewczenko"
    assert german("Шевченко") == "Schewtschenko"
    keys = {name_key(n) for n in ["Шевченко", "Shevchenko", "Szewczenko", "Schewtschenko"]}
    assert len(keys) == 1


@pytest.mark.parametrize(("cyrillic", "kmu"), [
    ("Олександр", "Oleksandr"), ("Юрій", "Yurii"), ("Яковенко", "Yakovenko"), ("Згурський", "Zghurskyi"),
    ("Щербак", "Shcherbak"), ("Євгенія", "Yevheniia"), ("Ірина Коваленко", "Iryna Kovalenko"),
])
def test_ukrainian_names_follow_kmu_2010(cyrillic: str, kmu: str) -> None:
    assert ukrainian_kmu2010(cyrillic) == kmu


@pytest.mark.parametrize(("cyrillic", "icao"), [
    ("Алексей", "Aleksei"), ("Юрий", "Iurii"), ("Хрущёв", "Khrushchev"), ("Наталья", "Natalia"),
])
def test_russian_names_follow_the_icao_passport_standard(cyrillic: str, icao: str) -> None:
    assert russian_icao(cyrillic) == icao


def test_latin_forms_list_every_convention() -> None:
    forms = latin_forms("Шевченко Олександр")
    assert forms["uk_kmu2010"] == "Shevchenko Oleksandr"
    assert forms["pl"].startswith("Szewczenko")
    assert forms["de"].startswith("Schewtschenko")


@pytest.mark.parametrize(("a", "b"), [
    ("Євгеній", "Yevhenii"), ("Jewgienij", "Yevhenii"), ("Михаил", "Mikhail"), ("Michaił", "Mikhail"),
    ("Андрій", "Andriy"), ("Andrij", "Andrii"), ("Марія", "Maria"), ("Mariia", "Maria"),
])
def test_spellings_of_one_name_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_different_names_keep_different_keys() -> None:
    assert name_key("Шевченко") != name_key("Шевчук")
    assert name_key("Kovalenko") != name_key("Kravchenko")


def test_diminutives_and_cross_language_forms_share_a_given_name() -> None:
    assert given_group("Sasha") == given_group("Oleksandr") == given_group("Александр") == "oleksandr"
    assert given_group("Volodia") == given_group("Włodzimierz") == "volodymyr"
    assert given_group("Kovalenko") == ""


def test_order_of_names_does_not_matter() -> None:
    a = parse_name("Шевченко Олександр Петрович")
    b = parse_name("Sasha Shevchenko")
    c = parse_name("Shevchenko Oleksandr")
    assert a.surname_key == b.surname_key == c.surname_key
    assert a.given_key == b.given_key == c.given_key == name_key("Oleksandr")
