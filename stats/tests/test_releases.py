"""An administrator releases yearly figures with noise; the budget refuses what would spend too much;
a release shows the same numbers every time."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied

from accounts.roles import Role
from audit.models import AuditEvent
from stats import services
from stats.models import Release

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _budget(settings):
    settings.CTIMS_STATS_BUDGET = (2.0, 1e-6)


def test_a_release_records_the_query_epsilon_dataset_and_who_released_it(admin, add_cases):
    add_cases(30, year=2025)
    rel = services.release(admin, table="cases_sex", year_from=2025, year_to=2025, epsilon=1.0)
    assert rel.dataset == "cases"
    assert rel.query == {"table": "cases_sex", "year_from": 2025, "year_to": 2025}
    assert rel.epsilon == 1.0 and rel.delta == 0.0 and rel.mechanism == "laplace"
    assert rel.released_by == admin and rel.released_by_name == admin.username
    assert rel.scale == pytest.approx(1.0)  # one case changes one cell: sensitivity 1, scale = 1 / ε
    assert rel.columns == ["2025"]
    assert AuditEvent.objects.filter(action="export", object_type="stats.release", object_id=str(rel.pk)).exists()


def test_a_release_over_the_budget_is_refused_and_nothing_is_released(admin, add_cases):
    add_cases(5, year=2025)
    services.release(admin, table="cases_sex", year_from=2025, year_to=2025, epsilon=1.5)
    with pytest.raises(services.OverBudget) as refused:
        services.release(admin, table="cases_age", year_from=2025, year_to=2025, epsilon=1.0)
    assert "only ε = 0.5 is left" in refused.value.messages[0]
    assert Release.objects.count() == 1
    # what is left can still be spent, on another dataset too
    services.release(admin, table="cases_age", year_from=2025, year_to=2025, epsilon=0.5)
    services.release(admin, table="investigations_offence_stage", year_from=2025, year_to=2025, epsilon=1.0)
    assert services.spent("cases").epsilon_left == 0


def test_the_api_refuses_an_over_budget_release_with_a_stable_code(admin, add_cases, login_as):
    add_cases(5, year=2025)
    c = login_as(admin)
    ok = c.post("/api/v1/stats/releases", json.dumps({"table": "cases_sex", "year_from": 2025, "year_to": 2025,
                                                       "epsilon": 2.0}), content_type="application/json")
    assert ok.status_code == 201, ok.content
    refused = c.post("/api/v1/stats/releases", json.dumps({"table": "cases_age", "year_from": 2025,
                                                            "year_to": 2025, "epsilon": 0.1}),
                     content_type="application/json")
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "privacy_budget_exceeded"
    assert "budget" in refused.json()["error"]["message"]


def test_the_same_release_shows_the_same_numbers_twice(admin, add_cases, login_as):
    add_cases(12, year=2025, gender="Masculine")
    add_cases(25, year=2025)
    rel = services.release(admin, table="cases_sex", year_from=2025, year_to=2025, epsilon=1.0)
    c = login_as(admin)
    first = c.get(f"/api/v1/stats/releases/{rel.pk}").json()
    second = c.get(f"/api/v1/stats/releases/{rel.pk}").json()
    assert first["rows"] == second["rows"]
    assert [r["cells"] for r in first["rows"]] == rel.values
    page_1 = c.get(f"/stats/releases/{rel.pk}/").content.decode()
    page_2 = c.get(f"/stats/releases/{rel.pk}/").content.decode()
    table_1 = page_1.split("<table")[1].split("</table>")[0]
    assert table_1 == page_2.split("<table")[1].split("</table>")[0]
    listed = c.get("/api/v1/stats/releases").json()
    assert listed["count"] == 1 and listed["results"][0]["rows"] == first["rows"]


def test_the_noise_is_real_but_small_at_epsilon_1(admin, add_cases, settings):
    settings.CTIMS_STATS_BUDGET = (100.0, 1e-6)
    add_cases(50, year=2025)
    errors = []
    for _i in range(20):
        rel = services.release(admin, table="cases_sex", year_from=2025, year_to=2025, epsilon=1.0)
        women = rel.values[rel.rows.index("Feminine")][0]
        errors.append(abs(women - 50))
    assert any(e > 0 for e in errors), "no noise was added"
    assert sum(errors) / len(errors) < 5


def test_gaussian_noise_records_delta(admin, add_cases):
    add_cases(20, year=2025)
    rel = services.release(admin, table="cases_sex", year_from=2025, year_to=2025, epsilon=1.0, delta=1e-7,
                           mechanism="gaussian")
    assert rel.delta == 1e-7
    assert rel.scale > 1
    assert services.spent("cases").delta == pytest.approx(1e-7)


def test_only_administrators_and_m_and_e_officers_may_release(make_user, iom, me_officer, add_cases, login_as):
    add_cases(3, year=2025)
    services.release(me_officer, table="cases_sex", year_from=2025, year_to=2025, epsilon=0.5)
    worker = make_user(Role.CASE_WORKER, iom)
    with pytest.raises(PermissionDenied):
        services.release(worker, table="cases_sex", year_from=2025, year_to=2025, epsilon=0.5)
    response = login_as(worker).post("/api/v1/stats/releases", json.dumps(
        {"table": "cases_sex", "year_from": 2025, "year_to": 2025, "epsilon": 0.5}), content_type="application/json")
    assert response.status_code == 403
    assert login_as(worker).get("/stats/releases/new/").status_code == 403


def test_the_release_form_names_the_field_and_shows_the_refusal(admin, add_cases, login_as):
    add_cases(3, year=2025)
    c = login_as(admin)
    bad = c.post("/stats/releases/new/", {"table": "cases_sex", "year_from": 2025, "year_to": 2024,
                                          "mechanism": "laplace", "epsilon": "1"})
    assert "The last year cannot come before the first." in bad.content.decode()
    c.post("/stats/releases/new/", {"table": "cases_sex", "year_from": 2025, "year_to": 2025,
                                    "mechanism": "laplace", "epsilon": "2", "public": "on"})
    refused = c.post("/stats/releases/new/", {"table": "cases_age", "year_from": 2025, "year_to": 2025,
                                              "mechanism": "laplace", "epsilon": "1"})
    assert "Refused" in refused.content.decode()
    assert Release.objects.count() == 1
