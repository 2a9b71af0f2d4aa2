"""The case list, the case list API and the case page cost the same number of queries for 3 rows as for 12.

An N+1 (a query per row: the case worker, the person, the organisation, a note's author...) would make the
second count grow with the rows; the bench (bench/cpu_per_request.py) measures what each page costs.
"""

from __future__ import annotations

import datetime

from django.core.cache import cache

from protection import services
from protection.models import Indicator

LIST_QUERIES = 22  # session, user, navigation badges, notifications, the page, the capped count, audit
PAGE_QUERIES = 30


def _fill(case, worker, first: int, last: int) -> None:
    """Notes, tasks and services number first..last-1 on the case."""
    today = datetime.date.today()
    for i in range(first, last):
        services.add_note(worker, case.id, f"Called back, note {i}.")
        services.add_task(worker, case.id, title=f"Follow-up {i}", due_on=today + datetime.timedelta(days=i),
                          assigned_to=worker)
        services.add_service(worker, case.id, type="Health", provider=f"Shelter {i}", started_on=today)


def test_case_list_queries_do_not_grow_with_cases(login_as, iom_worker, make_case, django_assert_max_num_queries):
    for i in range(3):
        make_case(second_name=f"Kovalchuk{i}")
    client = login_as(iom_worker)
    client.get("/protection/")  # the first request after sign-in also records the session
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(LIST_QUERIES) as few:
        response = client.get("/protection/")
    assert response.status_code == 200
    for i in range(3, 12):
        make_case(second_name=f"Kovalchuk{i}")
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/protection/")
    assert response.content.decode().count("/protection/cases/") >= 12


def test_case_list_api_queries_do_not_grow_with_cases(login_as, iom_worker, make_case,
                                                      django_assert_max_num_queries):
    for i in range(3):
        make_case(second_name=f"Kovalchuk{i}")
    client = login_as(iom_worker)
    client.get("/protection/")  # the first request after sign-in also records the session
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(LIST_QUERIES) as few:
        response = client.get("/api/v1/protection/cases?limit=50")
    assert response.status_code == 200
    for i in range(3, 12):
        make_case(second_name=f"Kovalchuk{i}")
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/api/v1/protection/cases?limit=50")
    assert len(response.json()["items"]) == 12


def test_case_page_queries_do_not_grow_with_its_records(login_as, iom_worker, make_case,
                                                        django_assert_max_num_queries):
    case = make_case()
    indicators = list(Indicator.objects.filter(is_active=True).values_list("id", flat=True)[:4])
    services.record_screening(iom_worker, case.id, indicators)
    _fill(case, iom_worker, 0, 2)
    client = login_as(iom_worker)
    client.get("/protection/")  # the first request after sign-in also records the session
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(PAGE_QUERIES) as few:
        response = client.get(f"/protection/cases/{case.id}/")
    assert response.status_code == 200
    _fill(case, iom_worker, 2, 10)
    services.record_screening(iom_worker, case.id, indicators)
    cache.clear()  # both counts cold: a cached badge must not hide a query
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"/protection/cases/{case.id}/")
    page = response.content.decode()
    assert "Follow-up 9" in page
    assert "Called back, note 9." in page
    assert "Shelter 9" in page
