"""An officer ticks the signs she noticed (the same indicators as the hotline's) and the observation page
lists them; a sign that is not on the list is refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from accounts.models import User
from intake.models import FieldObservation, Place


def test_the_indicators_ticked_on_the_form_are_on_the_observation_page(login_as: Callable[[User], Client],
                                                                      field_officer: User, medyka: Place) -> None:
    response = login_as(field_officer).post("/intake/observations/new/", {
        "place": medyka.pk, "observed_at": "2026-11-28T10:15", "risk_level": "high", "offer_types": ["work"],
        "indicators": ["documents_taken", "debt"], "person-TOTAL_FORMS": "0", "person-INITIAL_FORMS": "0",
        "vehicle-TOTAL_FORMS": "0", "vehicle-INITIAL_FORMS": "0",
    }, follow=True)

    assert FieldObservation.objects.get().indicators == ["debt", "documents_taken"]
    page = response.content.decode()
    assert "Indicators noticed" in page and "Documents taken away" in page and "Debt or unpaid wages" in page


def test_an_indicator_not_on_the_list_is_refused(field_officer: User, log_observation: Callable[..., Any]) -> None:
    with pytest.raises(ValidationError) as refused:
        log_observation(field_officer, indicators=["looked_nervous"])

    assert "indicators" in refused.value.message_dict
    assert FieldObservation.objects.count() == 0
