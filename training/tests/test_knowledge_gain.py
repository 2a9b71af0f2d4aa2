"""Knowledge gain: normalised gain (post − pre) / (max − pre) and raw change, per participant and event."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from training import services
from training.models import TrainingEvent
from training.selectors import event_gain, normalised_gain

pytestmark = pytest.mark.django_db


def test_normalised_gain_is_the_share_of_what_was_left_to_learn() -> None:
    assert normalised_gain(pre=4, post=7, max_score=10) == pytest.approx(0.5)
    assert normalised_gain(pre=0, post=10, max_score=10) == pytest.approx(1.0)
    assert normalised_gain(pre=6, post=4, max_score=10) == pytest.approx(-0.5)  # forgot: negative gain shows
    assert normalised_gain(pre=10, post=10, max_score=10) is None  # nothing left to gain: not computable


def test_the_event_report_shows_each_participants_gain_and_the_average(
    trainer: User, make_event: Callable[..., TrainingEvent], login_as: Callable[[User], Client]
) -> None:
    event = make_event()
    anna = services.add_participant(trainer, event, full_name="Anna Nowak", organisation_name="SG")
    piotr = services.add_participant(trainer, event, full_name="Piotr Wójcik", organisation_name="SG")
    full = services.add_participant(trainer, event, full_name="Ewa Mazur", organisation_name="SG")
    late = services.add_participant(trainer, event, full_name="Jan Kos", organisation_name="SG")
    for p, pre, post in ((anna, 4, 7), (piotr, 2, 10), (full, 10, 10)):
        services.record_test_result(trainer, p, "pre", pre, 10)
        services.record_test_result(trainer, p, "post", post, 10)
    services.record_test_result(trainer, late, "post", 8, 10)  # missed the pre-test: no gain

    gain = event_gain(event)

    by_name = {r.participant.full_name: r for r in gain.rows}
    assert by_name["Anna Nowak"].raw_change == 3 and by_name["Anna Nowak"].gain == pytest.approx(0.5)
    assert by_name["Piotr Wójcik"].gain == pytest.approx(1.0)
    assert by_name["Ewa Mazur"].gain is None and by_name["Ewa Mazur"].raw_change == 0
    assert by_name["Jan Kos"].gain is None and by_name["Jan Kos"].raw_change is None
    assert gain.paired == 3
    assert gain.average_gain == pytest.approx(0.75)  # mean of 0.5 and 1.0
    assert gain.average_raw_change == pytest.approx((3 + 8 + 0) / 3)

    page = login_as(trainer).get(reverse("training:event_results", args=[event.pk])).content.decode()
    assert "75%" in page and "50%" in page


def test_a_score_above_the_maximum_is_refused(trainer: User, make_event: Callable[..., TrainingEvent]) -> None:
    from django.core.exceptions import ValidationError

    event = make_event()
    p = services.add_participant(trainer, event, full_name="Anna Nowak", organisation_name="SG")
    with pytest.raises(ValidationError):
        services.record_test_result(trainer, p, "pre", 11, 10)
    assert not p.test_results.exists()
