"""How a screening turns observed indicators into a recommendation that explains itself.

Never a single score: the result is the list of indicators seen, grouped by dimension, and
a recommendation with the rule that produced it, so the screener can check the reasoning.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import Recommendation, Strength
from .models import Indicator, IndicatorDimension

# Several indicators across dimensions point to trafficking even without a strong one (ILO guidance).
MIN_INDICATORS_FOR_IDENTIFICATION = 3
MIN_DIMENSIONS_FOR_IDENTIFICATION = 2


@dataclass
class DimensionGroup:
    dimension: IndicatorDimension
    indicators: list[Indicator]


@dataclass
class Result:
    recommendation: Recommendation
    reasons: list[str]
    groups: list[DimensionGroup]

    @property
    def label(self) -> str:
        return str(self.recommendation.label)


def group_by_dimension(indicators: Iterable[Indicator]) -> list[DimensionGroup]:
    groups: dict[int, DimensionGroup] = {}
    for ind in sorted(indicators, key=lambda i: (i.dimension.indicator_set.order, i.dimension.order, i.order)):
        groups.setdefault(ind.dimension_id, DimensionGroup(ind.dimension, [])).indicators.append(ind)
    return list(groups.values())


def recommend(indicators: Iterable[Indicator]) -> Result:
    """The recommendation for a set of observed indicators, with the reasons in plain words."""
    observed = list(indicators)
    groups = group_by_dimension(observed)
    strong = [i for i in observed if i.strength == Strength.STRONG]
    reasons: list[str] = []
    if strong:
        reasons.append(_("A strong indicator was observed: %(names)s.") % {"names": ", ".join(i.label for i in strong)})
    if observed:
        # each number chooses its own noun form: "5 wskaźników w 2 wymiarach", "22 wskaźniki w 1 wymiarze"
        reasons.append(_("%(indicators)s %(dimensions)s.") % {
            "indicators": ngettext("%(count)d indicator was observed", "%(count)d indicators were observed",
                                   len(observed)) % {"count": len(observed)},
            "dimensions": ngettext("across %(count)d dimension", "across %(count)d dimensions", len(groups)) % {
                "count": len(groups)},
        })
    if strong or (len(observed) >= MIN_INDICATORS_FOR_IDENTIFICATION
                  and len(groups) >= MIN_DIMENSIONS_FOR_IDENTIFICATION):
        return Result(Recommendation.REFER_IDENTIFICATION, reasons, groups)
    if observed:
        reasons.append(_("Some indicators were observed, but not enough to refer for formal identification. "
                         "Offer protection and support, and screen again if more comes to light."))
        return Result(Recommendation.REFER_PROTECTION, reasons, groups)
    return Result(Recommendation.NO_INDICATION, [_("No indicator was observed.")], groups)
