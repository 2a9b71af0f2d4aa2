"""A screening explains itself: indicators by dimension and a recommendation, never a score."""

from __future__ import annotations

from protection import services
from protection.choices import Recommendation
from protection.models import Indicator
from protection.screening import recommend


def _ilo(*codes: str) -> list[Indicator]:
    return list(Indicator.objects.filter(dimension__indicator_set__code="ilo-forced-labour", code__in=codes)
                .select_related("dimension__indicator_set"))


def test_the_eleven_ilo_indicators_are_loaded_in_dimensions(db):
    assert Indicator.objects.filter(dimension__indicator_set__code="ilo-forced-labour").count() == 11
    assert Indicator.objects.filter(htcds_field="vic_MethodsOfControl",
                                    dimension__indicator_set__code="htcds-methods-of-control").count() == 16


def test_a_strong_indicator_alone_recommends_formal_identification(db):
    result = recommend(_ilo("retention-of-documents"))
    assert result.recommendation == Recommendation.REFER_IDENTIFICATION
    assert "Retention of identity documents" in result.reasons[0]


def test_several_weaker_indicators_in_two_dimensions_recommend_identification(db):
    result = recommend(_ilo("deception", "abuse-of-vulnerability", "excessive-overtime"))
    assert result.recommendation == Recommendation.REFER_IDENTIFICATION
    assert [g.dimension.code for g in result.groups] == ["recruitment", "conditions"]


def test_a_weak_indicator_alone_recommends_other_protection(db):
    assert recommend(_ilo("excessive-overtime")).recommendation == Recommendation.REFER_PROTECTION


def test_nothing_observed_means_no_indication(db):
    assert recommend([]).recommendation == Recommendation.NO_INDICATION


def test_the_screening_page_shows_the_result_grouped_by_dimension(login_as, iom_worker, make_case):
    case = make_case()
    ids = [i.id for i in _ilo("deception", "withholding-of-wages", "debt-bondage")]
    client = login_as(iom_worker)
    client.post(f"/protection/cases/{case.id}/screening/", {"indicators": ids, "notes": "Owes 3000 zł for travel."})
    page = client.get(f"/protection/cases/{case.id}/").content.decode()
    assert "Refer for formal identification" in page
    assert "Working and living conditions" in page and "Debt bondage" in page and "Recruitment" in page


def test_a_screening_with_a_type_of_exploitation_adds_it_to_the_case(iom_worker, make_case):
    case = make_case()
    forced = Indicator.objects.get(dimension__indicator_set__code="htcds-types-of-exploitation", code="forcedlabour")
    services.record_screening(iom_worker, case.id, [forced.id])
    case.refresh_from_db()
    assert case.exploitation_list == ["ForcedLabour"]


def test_the_guided_screening_explains_what_to_look_for(login_as, iom_worker, make_case):
    page = login_as(iom_worker).get(f"/protection/cases/{make_case().id}/screening/").content.decode()
    assert "The passport or ID is kept by the employer" in page
