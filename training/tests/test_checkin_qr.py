"""Check-in by QR: the trainer's screen shows a code that changes every 30 s; a signed-in participant who scans
it is present at once, an external participant confirms their name; an old code or another day's is refused; the
trainer's live list shows who is in."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.roles import Role
from training import checkin, services
from training.models import Attendance, TrainingEvent

pytestmark = pytest.mark.django_db


def test_participants_check_themselves_in_by_scanning_the_trainers_code(
    trainer: User,
    make_event: Callable[..., TrainingEvent],
    make_user: Callable[..., User],
    border_guard: Organisation,
    login_as: Callable[[User], Client],
) -> None:
    event = make_event(start_date=timezone.localdate())
    officer = make_user(Role.LEARNER, border_guard, first_name="Ewa", last_name="Lis")
    services.add_participant(trainer, event, staff_user=officer)
    anna = services.add_participant(trainer, event, full_name="Anna Nowak", organisation_name="NGO")
    services.add_participant(trainer, event, full_name="Jan Kowalski", organisation_name="NGO")

    screen = login_as(trainer).get(reverse("training:checkin_screen", args=[event.pk])).content.decode()
    assert "<svg" in screen and "0 of 3 present" in screen
    code = checkin.token(event, timezone.localdate())

    phone = Client()
    phone.force_login(officer)
    done = phone.get(reverse("training:checkin", args=[code])).content.decode()
    assert "You are checked in" in done

    stranger = Client()
    page = stranger.post(reverse("training:checkin", args=[code]), {"name": "Anna Nowakowska"}).content.decode()
    assert "was not found" in page
    page = stranger.post(reverse("training:checkin", args=[code]), {"name": "  anna   NOWAK "}).content.decode()
    assert "You are checked in" in page
    assert Attendance.objects.get(participant=anna).by_qr is True

    live = login_as(trainer).get(reverse("training:checkin_screen", args=[event.pk]), HTTP_HX_REQUEST="true")
    text = live.content.decode()
    assert "2 of 3 present" in text and "Anna Nowak" in text and "Jan Kowalski" not in text
    # the screen's code is a new one in the next window
    assert re.search(r"<svg", text)


def test_an_old_code_is_refused(trainer: User, make_event: Callable[..., TrainingEvent]) -> None:
    import time

    event = make_event(start_date=timezone.localdate())
    services.add_participant(trainer, event, full_name="Anna Nowak", organisation_name="NGO")
    old = checkin.token(event, timezone.localdate(), now=time.time() - 3 * checkin.WINDOW_SECONDS)
    answer = Client().post(reverse("training:checkin", args=[old]), {"name": "Anna Nowak"})
    assert answer.status_code == 410 and "This code has expired" in answer.content.decode()
    assert not Attendance.objects.exists()
    recent = checkin.token(event, timezone.localdate(), now=time.time() - checkin.WINDOW_SECONDS)
    assert checkin.read(recent) is not None  # the previous window still counts
