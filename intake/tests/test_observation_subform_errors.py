"""A mistake in a person or vehicle of an observation is listed in the summary at the top, naming the field."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from accounts.models import User
from intake.models import FieldObservation, Place


def test_a_bad_age_of_a_person_is_named_in_the_summary(login_as: Callable[[User], Client],
                                                      field_officer: User, medyka: Place) -> None:
    response = login_as(field_officer).post("/intake/observations/new/", {
        "place": medyka.pk, "observed_at": "2026-11-28T10:15", "risk_level": "low", "description": "A van",
        "person-TOTAL_FORMS": "1", "person-INITIAL_FORMS": "0", "person-0-approximate_age": "abc",
        "vehicle-TOTAL_FORMS": "0", "vehicle-INITIAL_FORMS": "0",
    })

    page = response.content.decode()
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "There is a problem" in summary
    assert "Person 1" in summary and 'href="#id_person-0-approximate_age"' in summary
    assert FieldObservation.objects.count() == 0
