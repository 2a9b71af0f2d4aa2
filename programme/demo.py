"""Demo: the results framework of the seed project (IOM counter-trafficking project funded by the Norwegian
Financial Mechanism; targets from the working group's note of 14 June 2022), tagged to SDG 8.7 and 16.2 and
Poland's national action plan. Figures come from the training and protection demo records."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from .models import Alignment, Indicator, Outcome, Output, Project, Source

if TYPE_CHECKING:
    from core.demo import DemoContext

SEX_ORG = ["sex", "organisation"]

# outcome code, title, narrative, [indicators of the outcome], [(output code, title, [indicators])]
# an indicator: code, title, unit, baseline, target, means of verification, disaggregations, source
FRAMEWORK: list[tuple[str, str, str, list[Any], list[Any]]] = [
    ("1", "Polish Border Guard officers prevent, detect and investigate trafficking in human beings, in particular "
          "forced labour, more effectively",
     "Officers who verify the legality of stay and employment, and those who investigate forced labour, are "
     "trained in person and online; study visits bring practice from Norway and Great Britain.",
     [("1.a", "Average knowledge gain of trained officers (pre- and post-test, normalised)", "%", 0, 30,
       "Pre- and post-tests in CTIMS", [], Source.KNOWLEDGE_GAIN)],
     [("1.1", "One-day specialised trainings for officers verifying legality of stay and employment",
       [("1.1.1", "One-day trainings held", "trainings", 0, 15, "Training records and sign-in sheets", [],
         Source.TRAININGS_HELD),
        ("1.1.2", "Officers trained in one-day trainings", "persons", 0, 300, "Attendance in CTIMS", SEX_ORG,
         Source.OFFICERS_TRAINED)]),
      ("1.2", "Two-day specialist workshops on forced labour and inter-institutional cooperation",
       [("1.2.1", "Workshops held", "workshops", 0, 2, "Training records", [], Source.WORKSHOPS_HELD),
        ("1.2.2", "Officers, labour inspectors and experts trained in workshops", "persons", 0, 110,
         "Attendance in CTIMS", SEX_ORG, Source.WORKSHOP_PARTICIPANTS)]),
      ("1.3", "E-learning on the Border Guard training platform",
       [("1.3.1", "Learners who completed the e-learning", "persons", 0, 3000,
         "Completions in CTIMS and imported from the Border Guard platform", ["organisation"], Source.ELEARNING)]),
      ("1.4", "Study visits to Norway and Great Britain",
       [("1.4.1", "Study visits held", "visits", 0, 2, "Visit reports", [], Source.STUDY_VISITS)])]),
    ("2", "Migrant associations are better able to counter trafficking in human beings",
     "Six trainings for migrant associations in different cities.",
     [],
     [("2.1", "Trainings for migrant associations",
       [("2.1.1", "Trainings held in different cities", "trainings", 0, 6, "Training records", [],
         Source.COMMUNITY_TRAININGS),
        ("2.1.2", "Members of migrant associations trained", "persons", 0, 0, "Attendance in CTIMS", SEX_ORG,
         Source.COMMUNITY_PARTICIPANTS)])]),
    ("3", "Victims of trafficking return home safely and are reintegrated",
     "Voluntary return with post-arrival reintegration assistance.",
     [("3.a", "Returned victims who report being safe six months after return", "persons", 0, 8,
       "Follow-up interview by the receiving partner (evidence attached)", ["sex"], Source.MANUAL)],
     [("3.1", "Safe return and reintegration assistance",
       [("3.1.1", "Victims assisted to return safely", "persons", 0, 10, "Return plans in CTIMS", ["sex"],
         Source.SAFE_RETURNS),
        ("3.1.2", "Reintegration monitoring visits done", "visits", 0, 30, "Monitoring visits in CTIMS", [],
         Source.MONITORING)])]),
]


def load(ctx: DemoContext) -> None:
    project, created = Project.objects.get_or_create(code="iom-nfm-ct", defaults={
        "title": "Counter-trafficking capacity of the Polish Border Guard (IOM, Norwegian Financial Mechanism)",
        "donor": "Norwegian Financial Mechanism and the Polish Border Guard",
        "starts_on": datetime.date(2022, 6, 1), "ends_on": datetime.date(2027, 12, 31),
        "alignments": [Alignment.SDG_8_7, Alignment.SDG_16_2, Alignment.NAP_PL, Alignment.PALERMO,
                       Alignment.EU_DIRECTIVE],
    })
    if not created:
        return
    order = 0
    for o_code, o_title, narrative, o_inds, outputs in FRAMEWORK:
        outcome = Outcome.objects.create(project=project, code=o_code, title=o_title, narrative=narrative,
                                         order=int(o_code))
        for code, title, unit, baseline, target, mov, disagg, source in o_inds:
            order += 1
            Indicator.objects.create(outcome=outcome, code=code, title=title, unit=unit, baseline=baseline,
                                     target=target, period="2022–2027", means_of_verification=mov,
                                     disaggregations=disagg, source=source, order=order)
        for n, (out_code, out_title, inds) in enumerate(outputs):
            output = Output.objects.create(outcome=outcome, code=out_code, title=out_title, order=n)
            for code, title, unit, baseline, target, mov, disagg, source in inds:
                order += 1
                Indicator.objects.create(outcome=outcome, output=output, code=code, title=title, unit=unit,
                                         baseline=baseline, target=target, period="2022–2027",
                                         means_of_verification=mov, disaggregations=disagg, source=source,
                                         order=order)
    ctx.say(f"programme: results framework of {project.code} with {Indicator.objects.count()} indicators")
