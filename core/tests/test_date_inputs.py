"""Date pickers get ISO values in every language: a localised value (11.11.2026) leaves the browser's picker
empty, and saving the form unchanged would lose the date."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from intake.forms import PlaceForm
from investigations.forms import InvestigationForm
from training.forms import EventForm

DAY = datetime.date(2026, 11, 11)


@pytest.mark.parametrize("language", ["en", "pl", "uk", "ru"])
def test_every_date_picker_is_filled_with_an_iso_date(db, language):
    forms = [
        (InvestigationForm(initial={"opened_on": DAY}), ["opened_on"]),
        (EventForm(initial={"start_date": DAY, "end_date": DAY}), ["start_date", "end_date"]),
        (PlaceForm(initial={"active_from": DAY, "active_to": DAY}), ["active_from", "active_to"]),
    ]
    with translation.override(language):
        for form, names in forms:
            for name in names:
                html = str(form[name])
                assert 'type="date"' in html and 'value="2026-11-11"' in html, (type(form).__name__, name, html)
