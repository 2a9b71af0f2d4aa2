"""The API lists, pages, searches and creates cases with the same rules as the pages."""

from __future__ import annotations

from protection.models import Case


def test_the_case_list_pages_by_keyset_and_counts(login_as, iom_worker, make_case):
    cases = [make_case(first_name=f"Person {i}", second_name=f"Surname{i}") for i in range(3)]
    client = login_as(iom_worker)
    first = client.get("/api/v1/protection/cases?limit=2").json()
    assert first["count"] == 3 and [i["code"] for i in first["items"]] == [cases[2].code, cases[1].code]
    second = client.get(f"/api/v1/protection/cases?limit=2&before={first['next_before']}").json()
    assert [i["code"] for i in second["items"]] == [cases[0].code] and second["next_before"] is None
    found = client.get(f"/api/v1/protection/cases?code={cases[1].code.lower()}").json()
    assert [i["id"] for i in found["items"]] == [cases[1].id]


def test_creating_a_case_warns_of_possible_duplicates(login_as, iom_worker, make_case):
    existing = make_case(identity_number="FX 123456")
    client = login_as(iom_worker)
    response = client.post("/api/v1/protection/cases", {"gender": "Masculine", "identity_number": "fx123456"},
                           content_type="application/json")
    assert response.status_code == 409 and existing.code in response.json()["error"]["message"]
    response = client.post("/api/v1/protection/cases", {"gender": "Masculine", "identity_number": "fx123456",
                                                         "allow_duplicates": True}, content_type="application/json")
    assert response.status_code == 201 and Case.objects.count() == 2


def test_a_role_without_protection_access_is_refused(login_as, make_user, iom):
    response = login_as(make_user("trainer", iom)).get("/api/v1/protection/cases")
    assert response.status_code == 403
