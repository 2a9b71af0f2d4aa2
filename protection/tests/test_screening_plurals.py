"""A case worker reading a screening in Polish, Ukrainian or Russian sees the number of indicators with
the noun in the form that number takes ("5 wskaźników", never "5 wskaźniki"), and the number of
dimensions with its own form, chosen independently."""

from __future__ import annotations

import pytest
from django.conf import settings

from protection import services
from protection.choices import Strength
from protection.models import Indicator, IndicatorDimension, IndicatorSet

EXPECTED = {
    # observed indicators -> the words on the page (the test set has the indicators in one dimension)
    "pl": {1: "Zaobserwowano 1 wskaźnik w 1 wymiarze.", 2: "Zaobserwowano 2 wskaźniki w 1 wymiarze.",
           5: "Zaobserwowano 5 wskaźników w 1 wymiarze.", 22: "Zaobserwowano 22 wskaźniki w 1 wymiarze."},
    "uk": {1: "Виявлено 1 індикатор у 1 вимірі.", 2: "Виявлено 2 індикатори у 1 вимірі.",
           5: "Виявлено 5 індикаторів у 1 вимірі.", 22: "Виявлено 22 індикатори у 1 вимірі."},
    "ru": {1: "Выявлен 1 индикатор в 1 измерении.", 2: "Выявлено 2 индикатора в 1 измерении.",
           5: "Выявлено 5 индикаторов в 1 измерении.", 22: "Выявлено 22 индикатора в 1 измерении."},
    "en": {1: "1 indicator was observed across 1 dimension.", 2: "2 indicators were observed across 1 dimension.",
           5: "5 indicators were observed across 1 dimension.", 22: "22 indicators were observed across 1 dimension."},
}
WRONG = {"pl": ["5 wskaźniki", "22 wskaźników", "1 wskaźniki"], "uk": ["5 індикатори", "22 індикаторів"],
         "ru": ["5 индикатора", "22 индикаторов"], "en": ["1 indicators"]}


@pytest.fixture
def many_indicators(db) -> list[Indicator]:
    checklist = IndicatorSet.objects.create(code="plural-test", name="Plural test")
    dimension = IndicatorDimension.objects.create(indicator_set=checklist, code="signs", name="Signs")
    return [Indicator.objects.create(dimension=dimension, code=f"sign-{i}", name=f"Sign {i}", strength=Strength.WEAK,
                                     order=i) for i in range(22)]


@pytest.mark.parametrize("language", ["pl", "uk", "ru", "en"])
def test_the_case_page_counts_indicators_with_the_right_word(login_as, iom_worker, make_case, many_indicators,
                                                             language):
    client = login_as(iom_worker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for count, sentence in EXPECTED[language].items():
        case = make_case()
        services.record_screening(iom_worker, case.id, [i.id for i in many_indicators[:count]])
        page = client.get(f"/protection/cases/{case.id}/").content.decode()
        assert sentence in page, (language, count)
        for wrong in WRONG[language]:
            assert wrong not in page, (language, count, wrong)
