"""Exact lookups on encrypted identifiers: the same phone, plate or document gives the same keyed hash."""

from __future__ import annotations

import pytest

from core.crypto import blind_index, normalise_document, normalise_handle, normalise_phone, normalise_plate


@pytest.mark.parametrize("raw", ["+48 601 234 567", "0048601234567", "601-234-567", "601 234 567", "48601234567",
                                 "(+48) 601234567"])
def test_polish_numbers_in_any_format_become_one_e164(raw):
    assert normalise_phone(raw) == "+48601234567"


@pytest.mark.parametrize("raw", ["+380 50 123 4567", "00380501234567", "050 123 4567", "0501234567",
                                 "380501234567"])
def test_ukrainian_numbers_in_national_and_international_formats(raw):
    assert normalise_phone(raw) == "+380501234567"


def test_the_police_helpline_from_the_seed_note():
    assert normalise_phone("+48 47 72 565 02") == "+48477256502"


@pytest.mark.parametrize("raw", ["", "   ", "not a number", "12"])
def test_text_that_is_not_a_phone_number_gives_none(raw):
    assert normalise_phone(raw) is None


def test_the_default_regions_can_be_changed():
    assert normalise_phone("0501234567", regions=["UA"]) == "+380501234567"
    assert normalise_phone("601 234 567", regions=["UA"]) is None


def test_plates_ignore_case_spaces_and_dashes():
    assert normalise_plate("wa 12345") == normalise_plate("WA-12345") == "WA12345"


def test_ukrainian_plates_typed_in_cyrillic_match_the_latin_look_alikes():
    cyrillic = "АА 1234 ВХ"  # А, В, Х typed on a Ukrainian keyboard
    assert normalise_plate(cyrillic) == "AA1234BX"
    assert normalise_plate("аа1234вх") == normalise_plate("AA1234BX")
    assert normalise_plate("КІ 7777 ТМ") == "KI7777TM"


def test_plates_carry_the_country_when_given():
    assert normalise_plate("AA1234BX", "ua") == "UA:AA1234BX"
    assert normalise_plate(" - ") is None


def test_document_numbers_ignore_separators_case_and_look_alike_letters():
    assert normalise_document("fa 123-456") == normalise_document("FA123456") == "FA123456"
    assert normalise_document("КН 123456") == normalise_document("KH123456")


def test_letters_without_a_latin_look_alike_are_kept_not_dropped():
    assert normalise_document("ДА123") != normalise_document("А123")


def test_handles_drop_the_at_sign_and_case():
    assert normalise_handle("@Olena_K", "telegram") == "telegram:olena_k"


def test_the_blind_index_is_keyed_and_separates_kinds(settings):
    phone = normalise_phone("+48 601 234 567")
    assert phone is not None
    first = blind_index("phone", phone)
    assert first == blind_index("phone", phone)
    assert first != blind_index("document", phone)
    assert phone not in first
    settings.BLIND_INDEX_KEY = "another-key-entirely-0123456789"
    assert blind_index("phone", phone) != first
