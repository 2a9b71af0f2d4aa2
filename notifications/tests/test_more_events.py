"""A call assignment and a training invitation tell only the person concerned; the notification centre shows
them, marks them read when opened, and saves e-mail choices."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.roles import Role
from intake import services as intake
from intake.models import Place, PlaceType
from notifications.models import Kind, Notification
from training import services as training


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_assigning_a_call_tells_the_assignee_only(make_user, make_org, login_as):
    police, other = make_org("POL"), make_org("OTHER")
    operator = make_user(Role.HOTLINE_OPERATOR, police)
    supervisor = make_user(Role.SUPERVISOR, police)
    analyst = make_user(Role.ANALYST, police)
    outsider = make_user(Role.ANALYST, other)
    hotline = Place.objects.create(type=PlaceType.VOIVODESHIP, name="Lubelskie", latitude=51.25, longitude=22.57)
    call = intake.log_call(operator, intake.CallInput(hotline=hotline, started_at=timezone.now(), language="uk",
                                                      caller_type="potential_victim", topic="offer_work"))
    intake.assign(supervisor, call, analyst)
    assert _kinds(analyst) == [Kind.CALL_ASSIGNED]
    assert _kinds(operator) == [] and _kinds(outsider) == [] and _kinds(supervisor) == []

    # the notification centre: unread count in the header, the call's code, opening marks it read
    client = login_as(analyst)
    html = client.get("/notifications/").content.decode()
    assert "data-unread-count" in html and call.code in html
    note = Notification.objects.get(recipient=analyst)
    response = client.post(f"/notifications/{note.pk}/open/")
    assert response["Location"] == f"/intake/calls/{call.pk}/"
    note.refresh_from_db()
    assert note.is_read
    assert "data-unread-count" not in client.get("/notifications/").content.decode()
    # another user cannot open it
    assert login_as(outsider).post(f"/notifications/{note.pk}/open/").status_code == 404


def test_a_training_invitation_tells_the_invited_staff_member(make_user, iom, login_as):
    trainer = make_user(Role.TRAINER, iom)
    learner = make_user(Role.CASE_WORKER, iom)
    colleague = make_user(Role.CASE_WORKER, iom)
    start = datetime.date(2026, 10, 5)
    event = training.create_event(trainer, {"title": "Identifying forced labour", "type": "one_day_training",
                                            "activity": "one_day_training", "start_date": start, "end_date": start,
                                            "city": "Lublin", "capacity": 20})
    training.add_participant(trainer, event, staff_user=learner)
    assert _kinds(learner) == [Kind.TRAINING_INVITATION]
    assert _kinds(colleague) == [] and _kinds(trainer) == []


def test_e_mail_choices_are_saved(make_user, login_as):
    user = make_user(Role.CASE_WORKER)
    client = login_as(user)
    client.post("/notifications/preferences/", {"kinds": [Kind.TASK_OVERDUE, Kind.REFERRAL_RECEIVED]})
    from notifications.services import email_kinds

    assert email_kinds(user) == {Kind.TASK_OVERDUE, Kind.REFERRAL_RECEIVED}
    html = client.get("/notifications/preferences/").content.decode()
    assert 'value="task_overdue"' in html and "checked" in html
