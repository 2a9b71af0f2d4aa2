"""The case list names the case worker as the case page does, by name; closed cases have no review date."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from accounts.models import User
from protection.choices import CaseStatus
from protection.models import Case


def test_the_list_names_the_case_worker_and_closed_cases_show_no_review(
        iom_worker: User, make_case: Callable[..., Case], login_as: Callable[[User], Client]) -> None:
    case = make_case()
    Case.objects.filter(pk=case.pk).update(case_worker=iom_worker)
    html = login_as(iom_worker).get("/protection/?scope=organisation", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = html.split(case.code, 1)[1].split("</tr>", 1)[0]
    assert "Iryna Melnyk" in row and "iom.caseworker" not in row
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
    row = login_as(iom_worker).get("/protection/?scope=organisation").content.decode().split(case.code, 1)[1]
    review = row.split("</tr>", 1)[0]
    assert case.next_review_due.strftime("%d.%m.%Y") not in review
