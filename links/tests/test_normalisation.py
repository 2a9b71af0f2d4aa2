"""Phones and plates written in national or international form, or in Cyrillic, link to one entity."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from accounts.models import Organisation
from links.models import Mention
from links.services import exact_key


@pytest.mark.parametrize("written", ["+48 512 345 678", "0048512345678", "512-345-678", "512 345 678"])
def test_polish_phone_in_any_form_is_e164(written: str) -> None:
    assert exact_key("phone", written, {}) == "+48512345678"


@pytest.mark.parametrize("written", ["+380 67 123 4567", "00380671234567", "067 123 45 67", "(067) 123-45-67"])
def test_ukrainian_phone_in_any_form_is_e164(written: str) -> None:
    assert exact_key("phone", written, {}) == "+380671234567"


@pytest.mark.parametrize("written", ["BC 1234 AK", "bc-1234-ak", "ВС 1234 АК", "BC1234AK"])
def test_plate_in_latin_or_cyrillic_letters_is_one_canonical_form(written: str) -> None:
    assert exact_key("vehicle", written, {"country": "UA"}) == "UA:BC1234AK"


def test_handles_are_lower_case_per_service() -> None:
    assert exact_key("account", "@Driver_Sasha", {"service": "Telegram"}) == "telegram:driver_sasha"
    assert exact_key("account", "driver_sasha", {"service": "telegram"}) == "telegram:driver_sasha"


def test_the_same_phone_and_plate_written_differently_in_three_reports_link(report: Callable[..., None],
                                                                         police: Organisation) -> None:
    report(1, police, 0, "Medyka", ("phone", "+380 67 123 4567"), ("vehicle", "BC 1234 AK", {"country": "UA"}))
    report(2, police, 2, "Korczowa", ("phone", "067 123 45 67"), ("vehicle", "ВС1234АК", {"country": "UA"}))
    report(3, police, 3, "Przemyśl", ("phone", "00380671234567"))
    phones = Mention.objects.filter(kind="phone")
    plates = Mention.objects.filter(kind="vehicle")
    assert len({m.entity_id for m in phones}) == 1 and phones.count() == 3
    assert len({m.entity_id for m in plates}) == 1 and plates.count() == 2
