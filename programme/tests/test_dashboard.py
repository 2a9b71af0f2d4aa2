"""The project manager reads progress against every target, computed from the training records."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from core.demo import DemoContext, load_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> DemoContext:
    return load_all(modules=["accounts", "training"])


def test_the_dashboard_shows_the_demo_trainings_against_their_targets(
    demo: DemoContext, login_as: Callable[[User], Client]
) -> None:
    page = login_as(demo.users["iom.me"]).get(reverse("programme:dashboard")).content.decode()
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    assert "One-day specialised training" in rows
    assert '<td class="num">9</td>\n    <td class="num">15</td>' in rows  # 9 of 15 one-day trainings
    assert '<td class="num">1</td>\n    <td class="num">2</td>' in rows  # 1 of 2 workshops
    assert "Visited: Norway" in rows
    returns = rows.split("Safe return and reintegration")[1].split("</tr>")[0]
    assert '<td class="num">0</td>' in returns  # no protection case has come home in this data
    assert "Participants trained by sex" in page and "Male" in page


def test_the_results_download_as_a_spreadsheet(demo: DemoContext, login_as: Callable[[User], Client]) -> None:
    response = login_as(demo.users["iom.trainer"]).get(reverse("programme:export_xlsx"))
    book = load_workbook(io.BytesIO(response.content))
    targets = book.worksheets[0]
    rows = [[c.value for c in r] for r in targets.iter_rows()]
    assert rows[0][:4] == ["Activity", "Measure", "Target", "Achieved"]
    one_day = next(r for r in rows if r[0] == "One-day specialised training" and r[1] == "Events held")
    assert one_day[2:4] == [15, 9]
    elearning = next(r for r in rows if r[0] == "E-learning")
    assert elearning[3] >= 420  # completions here plus those imported from the Border Guard platform
    assert [ws.title for ws in book.worksheets][1:] == [
        "By sex",
        "By organisation",
        "Over time",
        "E-learning",
        "Knowledge gain",
    ]


def test_a_learner_cannot_see_the_results(demo: DemoContext, login_as: Callable[[User], Client]) -> None:
    assert login_as(demo.users["learner"]).get(reverse("programme:dashboard")).status_code == 403


def test_safe_returns_come_from_the_protection_module_when_it_reports_them(
    demo: DemoContext, login_as: Callable[[User], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("protection.selectors.count_safe_returns", lambda: 4)
    page = login_as(demo.users["iom.me"]).get(reverse("programme:dashboard")).content.decode()
    row = page.split("Safe return and reintegration")[1].split("</tr>")[0]
    assert '<td class="num">4</td>' in row


def test_the_organisation_chart_adds_up_when_there_are_many_organisations():
    from programme.views import _top

    rows = [(f"Org {n}", 20 - n) for n in range(15)]
    top = _top(rows, 12)
    assert len(top) == 12 and top[:11] == rows[:11]
    assert top[-1][1] == sum(v for _k, v in rows[11:]) and "(4)" in top[-1][0]
    assert sum(v for _k, v in top) == sum(v for _k, v in rows)
    assert _top(rows[:5], 12) == rows[:5]
