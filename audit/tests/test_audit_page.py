"""Supervisors and administrators browse and filter their own organisation's audit log, and nobody else's."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from audit.models import Action, AuditEvent
from audit.services import record


@pytest.fixture
def events(make_org, make_user):
    iom, lastrada = make_org("IOM"), make_org("LS")
    people = {
        "supervisor": make_user(Role.SUPERVISOR, organisation=iom, username="jan"),
        "iryna": make_user(Role.CASE_WORKER, organisation=iom, username="iryna"),
        "admin": make_user(Role.ADMINISTRATOR, organisation=iom, username="anna"),
        "joanna": make_user(Role.CASE_WORKER, organisation=lastrada, username="joanna"),
    }
    record(people["iryna"], Action.VIEW, object_type="protection.case", object_id="IOM-0001")
    record(people["iryna"], Action.EXPORT, object_type="protection.case", object_id="IOM-0002")
    record(people["admin"], Action.UPDATE, people["iryna"], fields=["role"])
    record(people["joanna"], Action.VIEW, object_type="protection.case", object_id="LS-0042")
    return people


def _rows(client, **params) -> str:
    response = client.get(reverse("audit:event_list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_supervisor_sees_only_their_organisations_events(client, events):
    client.force_login(events["supervisor"])
    html = _rows(client)
    assert "IOM-0001" in html and "IOM-0002" in html
    assert "LS-0042" not in html
    assert "joanna" not in html


def test_filters_narrow_the_list(client, events):
    client.force_login(events["supervisor"])
    exports = _rows(client, action="export")
    assert "IOM-0002" in exports and "IOM-0001" not in exports
    by_admin = _rows(client, actor="ANNA")
    assert "accounts.user" in by_admin and "IOM-0001" not in by_admin
    one_record = _rows(client, object_type="protection.case", object_id="IOM-0001")
    assert "IOM-0001" in one_record and "IOM-0002" not in one_record
    assert "No events match." in _rows(client, object_id="LS-0042")


def test_date_filters(client, events):
    client.force_login(events["supervisor"])
    today = datetime.date.today()
    assert "IOM-0001" in _rows(client, since=(today - datetime.timedelta(days=1)).isoformat(),
                               until=(today + datetime.timedelta(days=1)).isoformat())
    assert "No events match." in _rows(client, since=(today + datetime.timedelta(days=2)).isoformat())
    assert "IOM-0001" in _rows(client, since="not-a-date")  # a bad date is ignored, not an error


def test_changed_field_names_are_shown_never_values(client, events):
    client.force_login(events["admin"])
    html = _rows(client, action="update")
    assert "role" in html
    assert "case_worker" not in html.split("<tbody>")[1]


def test_an_administrator_also_sees_the_log(client, events):
    client.force_login(events["admin"])
    assert "IOM-0001" in _rows(client)


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.HOTLINE_OPERATOR, Role.ANALYST, Role.LEARNER, Role.TRAINER])
def test_other_roles_cannot_open_the_log(client, make_user, role):
    user = make_user(role)
    client.force_login(user)
    assert client.get(reverse("audit:event_list")).status_code == 403
    assert AuditEvent.objects.filter(actor=user, action=Action.PERMISSION_DENIED).exists()


def test_the_log_is_paginated(client, make_user):
    supervisor = make_user(Role.SUPERVISOR)
    for n in range(60):
        record(supervisor, Action.VIEW, object_type="protection.case", object_id=f"X-{n:04d}")
    client.force_login(supervisor)
    first = _rows(client, action="view")
    assert "X-0059" in first and "X-0000" not in first
    assert "Page 1 of 2" in first
    second = _rows(client, action="view", page=2)
    assert "X-0000" in second
