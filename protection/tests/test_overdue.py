"""Reviews fall due three months after opening; overdue reviews, tasks and visits are listed together."""

from __future__ import annotations

import datetime

from django.utils import timezone

from protection import services
from protection.models import Case


def test_an_overdue_review_and_task_appear_on_the_overdue_page(login_as, iom_worker, make_case):
    case = make_case()
    assert case.next_review_due > timezone.localdate() + datetime.timedelta(days=80)
    Case.objects.filter(pk=case.pk).update(next_review_due=timezone.localdate() - datetime.timedelta(days=3))
    services.add_task(iom_worker, case.id, title="Book the interpreter",
                      due_on=timezone.localdate() - datetime.timedelta(days=1))
    client = login_as(iom_worker)
    page = client.get("/protection/overdue/").content.decode()
    assert case.code in page and "Book the interpreter" in page
    assert case.code in client.get("/protection/?overdue=1").content.decode()


def test_recording_the_review_sets_the_next_one_three_months_ahead(login_as, iom_worker, make_case):
    case = make_case()
    Case.objects.filter(pk=case.pk).update(next_review_due=timezone.localdate() - datetime.timedelta(days=3))
    login_as(iom_worker).post(f"/protection/cases/{case.id}/review/")
    case.refresh_from_db()
    assert not case.review_overdue and case.next_review_due > timezone.localdate() + datetime.timedelta(days=85)
