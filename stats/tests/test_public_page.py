"""Anyone, without signing in, sees the released statistics in their language: only released numbers."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders

from stats import services
from stats.models import Release

pytestmark = pytest.mark.django_db


def _release(admin, values, *, public=True, table="cases_sex"):
    rows = ["Feminine", "Masculine", "TransgenderFeminine", "TransgenderMasculine", "GenderQueerNonConforming",
            "NonSpecifiedUnknown"]
    return Release.objects.create(dataset="cases", table=table, query={"table": table, "year_from": 2025,
                                                                        "year_to": 2025},
                                  mechanism="laplace", epsilon=1.0, sensitivity=1, scale=1.0, rows=rows[:len(values)],
                                  columns=["2025"], values=[[v] for v in values], is_public=public,
                                  released_by=admin, released_by_name=admin.username)


def test_the_public_page_shows_only_released_numbers(client, admin, add_cases):
    add_cases(17, year=2025)  # the true count of women: never shown
    add_cases(9, year=2025, gender="Masculine")
    _release(admin, [731, 482])
    _release(admin, [9917, 9918], public=False)
    response = client.get("/statistics/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert ">731<" in html and ">482<" in html and ">1213<" in html  # released cells and their sum
    assert ">17<" not in html and ">9<" not in html and ">26<" not in html
    assert "9917" not in html
    assert "2025" in html and "ε = 1" in html


def test_a_real_release_appears_in_ukrainian_with_its_date_and_an_explanation_of_the_noise(client, admin, add_cases):
    add_cases(40, year=2025)
    rel = services.release(admin, table="cases_sex", year_from=2025, year_to=2025, epsilon=1.0)
    html = client.get("/statistics/?lang=uk").content.decode()
    assert '<html lang="uk">' in html
    assert "Статистика торгівлі людьми в Польщі" in html
    assert f"{rel.released_at:%Y-%m-%d}" in html
    women = rel.values[rel.rows.index("Feminine")][0]
    assert f">{women}<" in html
    assert "Жінка" in html


def test_nothing_released_yet(client):
    html = client.get("/statistics/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "Nie opublikowano jeszcze żadnych danych." in html


def test_the_page_is_light_and_needs_no_script(client, admin):
    for n in range(10):
        _release(admin, [100 + n, 50, 7, 3, 1, 0])
    response = client.get("/statistics/", HTTP_ACCEPT_LANGUAGE="uk")
    html = response.content
    css = 0
    for href in [h.split('"')[0] for h in html.decode().split('rel="stylesheet" href="')[1:]]:
        found = finders.find(href.removeprefix("/static/"))
        assert found
        with open(found, "rb") as f:
            css += len(f.read())
    assert b"<script" not in html
    assert len(html) + css < 100 * 1024


def test_the_public_home_links_to_the_statistics(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/statistics/"' in html


def test_the_demo_releases_this_years_figures_at_epsilon_1_and_they_show_in_ukrainian(client):
    from accounts import demo as accounts_demo
    from core.demo import DemoContext
    from intake import demo as intake_demo
    from protection import demo as protection_demo
    from stats import demo

    ctx = DemoContext()
    accounts_demo.load(ctx)
    intake_demo.load(ctx)
    protection_demo.load(ctx)
    demo.load(ctx)
    demo.load(ctx)  # loading twice releases nothing more (and spends no more budget)
    releases = list(Release.objects.order_by("table"))
    assert [r.table for r in releases] == ["calls_line_month", "cases_sex"]
    assert all(r.epsilon == 1.0 and r.is_public for r in releases)
    html = client.get("/statistics/?lang=uk").content.decode()
    assert "Справи за статтю та роком" in html
    assert "Дзвінки за лінією та місяцем" in html
    cases = next(r for r in releases if r.table == "cases_sex")
    assert f">{sum(sum(row) for row in cases.values)}<" in html
