"""Places are listed in Polish alphabetical order on both databases (Łódzkie after Lubuskie, not at the end)."""

from __future__ import annotations

import pytest

from intake import selectors
from intake.models import Place, PlaceType

pytestmark = pytest.mark.django_db


def test_voivodeships_are_in_polish_alphabetical_order():
    names = ["Zachodniopomorskie", "Śląskie", "Łódzkie", "Lubuskie", "Małopolskie", "Mazowieckie", "Świętokrzyskie",
             "Lubelskie", "Dolnośląskie", "Opolskie", "Podkarpackie", "Warmińsko-mazurskie"]
    Place.objects.bulk_create([Place(type=PlaceType.VOIVODESHIP, name=n) for n in names])
    assert [p.name for p in selectors.voivodeships()] == [
        "Dolnośląskie", "Lubelskie", "Lubuskie", "Łódzkie", "Małopolskie", "Mazowieckie", "Opolskie", "Podkarpackie",
        "Śląskie", "Świętokrzyskie", "Warmińsko-mazurskie", "Zachodniopomorskie"]
