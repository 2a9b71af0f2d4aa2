"""External training participants: their names and e-mails go five years after the event, their counts stay."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.roles import Role
from retention import services
from training import services as training_services
from training.models import Certificate, Participant

TRAINING_DAYS = settings.CTIMS_RETENTION_DAYS["training"]


@pytest.fixture
def trainer(make_user: Callable[..., User], iom: Organisation) -> User:
    return make_user(Role.TRAINER, iom, username="iom.trainer")


def _event(trainer: User, days_ago: int) -> object:
    start = timezone.localdate() - datetime.timedelta(days=days_ago)
    return training_services.create_event(trainer, {
        "title": "Identifying forced labour", "type": "one_day_training", "activity": "one_day_training",
        "start_date": start, "end_date": start, "city": "Lublin", "capacity": 20})


def test_external_participants_of_an_old_event_are_anonymised_and_still_counted(
        trainer: User, iom_admin: User) -> None:
    old = _event(trainer, TRAINING_DAYS + 3)
    recent = _event(trainer, 30)
    guest = training_services.add_participant(trainer, old, full_name="Marta Nowak", email="marta@example.org",
                                              organisation_name="Straż Graniczna", position="Officer", sex="female",
                                              status="completed")
    colleague = training_services.add_participant(trainer, old, staff_user=iom_admin, status="completed")
    certificate = Certificate.objects.create(participant=guest, holder_name="Marta Nowak", title="Forced labour",
                                             completed_on=old.end_date)  # type: ignore[attr-defined]
    newer = training_services.add_participant(trainer, recent, full_name="Oleh Shevchenko",
                                              organisation_name="KCIK")

    retention_run = services.apply_retention()

    assert retention_run.counts["training"] == 1
    guest.refresh_from_db()
    assert (guest.full_name, guest.email, guest.email_index, guest.position) == ("", "", "", "")
    assert (guest.sex, guest.organisation_name, guest.status) == ("female", "Straż Graniczna", "completed")
    assert Participant.objects.get(pk=colleague.pk).full_name  # an account holder's entry follows the account
    assert Participant.objects.get(pk=newer.pk).full_name == "Oleh Shevchenko"
    assert Certificate.objects.get(pk=certificate.pk).holder_name == "Marta Nowak"  # still verifiable


def test_a_training_event_can_be_held_but_not_erased_as_a_whole(trainer: User, iom_admin: User) -> None:
    old = _event(trainer, TRAINING_DAYS + 3)
    training_services.add_participant(trainer, old, full_name="Marta Nowak", organisation_name="SG")
    services.place_hold(iom_admin, kind="training", reference=old.code.lower(),  # type: ignore[attr-defined]
                        reason="Audit of the project by the donor")

    assert services.apply_retention().held[0]["reference"] == old.code  # type: ignore[attr-defined]
    assert Participant.objects.get(event=old).full_name == "Marta Nowak"
    with pytest.raises(ValidationError) as err:
        services.request_erasure(iom_admin, kind="training", reference=old.code,  # type: ignore[attr-defined]
                                 reason="x")
    assert "kind" in err.value.message_dict
