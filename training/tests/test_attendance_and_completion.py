"""Attendance per day decides who attended and who completed; certificates follow completion."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from accounts.models import Organisation, User
from accounts.roles import Role
from training import services
from training.models import Certificate, ParticipantStatus, TrainingEvent

pytestmark = pytest.mark.django_db


def test_a_participant_present_on_both_days_of_a_workshop_completes_it(
    trainer: User, make_event: Callable[..., TrainingEvent]
) -> None:
    workshop = make_event(days=2, type="specialist_workshop", activity="specialist_workshop")
    p = services.add_participant(
        trainer,
        workshop,
        full_name="Olena Kowalczyk",
        organisation_name="PIP",
        sex="female",
        status=ParticipantStatus.REGISTERED,
    )
    day1, day2 = workshop.days()

    services.mark_attendance(trainer, p, day1, True)
    assert p.status == ParticipantStatus.ATTENDED

    services.mark_attendance(trainer, p, day2, True)
    assert p.status == ParticipantStatus.COMPLETED

    services.mark_attendance(trainer, p, day2, False)  # marked by mistake, corrected
    assert p.status == ParticipantStatus.ATTENDED


def test_only_those_who_completed_get_a_certificate(trainer: User, make_event: Callable[..., TrainingEvent]) -> None:
    workshop = make_event(days=2)
    full = services.add_participant(trainer, workshop, full_name="Anna Nowak", organisation_name="SG")
    half = services.add_participant(trainer, workshop, full_name="Piotr Wójcik", organisation_name="SG")
    for day in workshop.days():
        services.mark_attendance(trainer, full, day, True)
    services.mark_attendance(trainer, half, workshop.days()[0], True)

    issued = services.issue_event_certificates(trainer, workshop)

    assert [c.holder_name for c in issued] == ["Anna Nowak"]
    assert not Certificate.objects.filter(participant=half).exists()
    workshop.refresh_from_db()
    assert workshop.status == "held"


def test_attendance_cannot_be_taken_for_a_day_outside_the_event(
    trainer: User, make_event: Callable[..., TrainingEvent]
) -> None:
    event = make_event()
    p = services.add_participant(trainer, event, full_name="Anna Nowak", organisation_name="SG")
    with pytest.raises(ValidationError):
        services.mark_attendance(trainer, p, event.start_date + datetime.timedelta(days=3), True)


def test_a_trainer_of_another_organisation_cannot_take_attendance(
    trainer: User, make_event: Callable[..., TrainingEvent], make_user: Callable[..., User], lastrada: Organisation
) -> None:
    event = make_event()
    p = services.add_participant(trainer, event, full_name="Anna Nowak", organisation_name="SG")
    other = make_user(Role.TRAINER, lastrada)
    with pytest.raises(PermissionDenied):
        services.mark_attendance(other, p, event.start_date, True)


def test_the_tablet_page_marks_a_participant_present_with_one_tap(
    trainer: User, make_event: Callable[..., TrainingEvent], login_as: Callable[[User], Client]
) -> None:
    event = make_event()
    p = services.add_participant(trainer, event, full_name="Marta Zielińska", organisation_name="SG")
    client = login_as(trainer)
    url = reverse("training:attendance", args=[event.pk, event.start_date.isoformat()])

    page = client.get(url)
    assert "Marta Zielińska" in page.content.decode()
    assert "Not marked" in page.content.decode()

    response = client.post(url, {"participant": p.pk, "present": "1"}, HTTP_HX_REQUEST="true")
    assert "✓ Present" in response.content.decode()
    p.refresh_from_db()
    assert p.status == ParticipantStatus.COMPLETED


def test_the_sign_in_sheet_is_a_pdf_with_a_page_per_day(
    trainer: User, make_event: Callable[..., TrainingEvent], login_as: Callable[[User], Client]
) -> None:
    event = make_event(days=2)
    services.add_participant(trainer, event, full_name="Łukasz Wiśniewski", organisation_name="Nadbużański OSG")
    response = login_as(trainer).get(reverse("training:sign_in_sheet", args=[event.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", response.content)) == 2


def test_an_external_participants_name_is_stored_encrypted(
    trainer: User, make_event: Callable[..., TrainingEvent]
) -> None:
    from django.db import connection

    event = make_event()
    p = services.add_participant(
        trainer, event, full_name="Oksana Bondarenko", email="oksana@example.org", organisation_name="UMA"
    )
    with connection.cursor() as cur:
        cur.execute("SELECT full_name, email FROM training_participant WHERE id = %s", [p.pk])
        name, email = cur.fetchone()
    assert "Oksana" not in name and name.startswith("enc1:")
    assert "oksana" not in email


def test_attendance_is_not_marked_ahead_and_a_status_does_not_undo_it(
    trainer: User, make_event: Callable[..., TrainingEvent]
) -> None:
    from django.utils import timezone

    future = make_event(start_date=timezone.localdate() + datetime.timedelta(days=7))
    p = services.add_participant(trainer, future, full_name="Anna Nowak", organisation_name="SG")
    with pytest.raises(ValidationError):
        services.mark_attendance(trainer, p, future.start_date, True)
    services.mark_attendance(trainer, p, future.start_date, False)  # "absent" ahead of time changes nothing

    past = make_event()
    q = services.add_participant(trainer, past, full_name="Marta Zielińska", organisation_name="SG")
    services.mark_attendance(trainer, q, past.start_date, True)
    assert q.status == "completed"
    with pytest.raises(ValidationError):
        services.set_participant_status(trainer, q, "invited")
    q.refresh_from_db()
    assert q.status == "completed"
