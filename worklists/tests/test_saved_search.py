"""A case worker saves the filters of a list under a name and reopens the list with them later; nobody else sees
her saved searches, and their names are stored encrypted."""

from __future__ import annotations

from django.db import connection

from accounts.roles import Role
from worklists.models import SavedSearch


def test_a_saved_search_reopens_the_list_with_its_filters(login_as, iom_worker, make_case):
    case = make_case()
    client = login_as(iom_worker)
    response = client.post("/worklists/cases/save/", {
        "name": "Olena's overdue reviews", "scope": "mine", "status": "active", "overdue": "1", "flag": "safety",
        "code": case.code, "unknown": "dropped"})
    saved = SavedSearch.objects.get()
    assert saved.filters == {"scope": "mine", "status": "active", "overdue": "1", "flag": "safety",
                             "code": case.code}
    assert response["Location"] == f"/worklists/searches/{saved.pk}/"
    opened = client.get(response["Location"])
    assert opened.status_code == 302
    assert opened["Location"].startswith("/protection/?")
    for part in ("scope=mine", "status=active", "overdue=1", "flag=safety", f"code={case.code}"):
        assert part in opened["Location"]
    assert "unknown" not in opened["Location"]
    page = client.get("/protection/").content.decode()
    assert "Olena&#x27;s overdue reviews" in page or "Olena's overdue reviews" in page


def test_the_name_and_filters_are_encrypted_at_rest(iom_worker, login_as):
    login_as(iom_worker).post("/worklists/calls/save/", {"name": "Kovalchuk family calls", "topic": "offer_work"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, params FROM worklists_savedsearch")
        name, params = cursor.fetchone()
    assert "Kovalchuk" not in name and "offer_work" not in params


def test_a_colleague_cannot_open_or_delete_my_saved_search(login_as, make_user, iom, iom_worker):
    client = login_as(iom_worker)
    client.post("/worklists/cases/save/", {"name": "Mine", "status": "active"})
    saved = SavedSearch.objects.get()
    colleague = make_user(Role.CASE_WORKER, iom, username="iom.colleague")
    other = login_as(colleague)
    assert other.get(f"/worklists/searches/{saved.pk}/").status_code == 404
    assert other.post(f"/worklists/searches/{saved.pk}/delete/").status_code == 404
    assert "Mine" not in other.get("/worklists/searches/").content.decode()
    login_as(iom_worker).post(f"/worklists/searches/{saved.pk}/delete/")
    assert not SavedSearch.objects.exists()


def test_a_search_without_a_name_is_not_saved(login_as, iom_worker):
    response = login_as(iom_worker).post("/worklists/cases/save/", {"name": " ", "status": "active"}, follow=True)
    assert "Give the search a name you will recognise." in response.content.decode()
    assert not SavedSearch.objects.exists()
