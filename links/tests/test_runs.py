"""An analyst starts a full matching run in the background and follows its progress."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from accounts.models import Organisation, User
from accounts.roles import Role
from links.models import MatchRun, RunStatus


def test_full_run_from_the_page_shows_finished_progress(
        report: Callable[..., None], police: Organisation, police_analyst: User, make_user: Callable[..., User],
        login_as: Callable[[User], Client]) -> None:
    report(1, police, 0, "Medyka", ("person", "Коваленко Ірина", {"birth_date": "1990-05-05"}))
    report(2, police, 1, "Medyka", ("person", "Iryna Kovalenko", {"birth_date": "1990-05-05"}))
    client = login_as(police_analyst)
    response = client.post(reverse("links:run_list"), follow=True)
    run = MatchRun.objects.get(full=True)
    assert run.status == RunStatus.DONE and run.total == 2 and run.pairs_found == 1
    page = response.content.decode()
    assert "100%" in page and "2 of 2 mentions read" in page

    field_officer = make_user(Role.FIELD_OFFICER, police)
    assert login_as(field_officer).post(reverse("links:run_list")).status_code == 403
