"""Demo protection cases: about 60 invented people across IOM, La Strada, KCIK and the Border Guard,
each through the real services (so audit and links see them), with 10 safe returns at every stage,
pending referrals and overdue reviews. Dates are then moved into the past so the lists look lived-in.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from core.demo import DemoContext

from . import services
from .choices import (
    AssessmentLevel,
    CasePart,
    CaseStatus,
    ConsentPurpose,
    DecisionMakingOrg,
    Gender,
    LabourIndustry,
    ReferralReason,
    ReturnStage,
    RiskLevel,
    Sensitivity,
    SupportType,
    TraffickingStatus,
)
from .indicators import load_indicator_sets
from .models import Case, Consent, Indicator, MonitoringVisit, ReturnAndReintegration


@dataclass(frozen=True)
class Story:
    exploitation: str
    industry: str
    country: str
    summary: str
    indicators: tuple[str, ...]  # ILO indicator codes
    support: str


STORIES = [
    Story("ForcedLabour", LabourIndustry.AGRICULTURE, "PL",
          "Recruited through a Telegram advert for strawberry picking; passport kept by the supervisor, "
          "paid a fraction of the promised wage.", ("deception", "retention-of-documents", "withholding-of-wages"),
          SupportType.LABOUR_REHAB),
    Story("ForcedLabour", LabourIndustry.CONSTRUCTION, "PL",
          "Worked on building sites near Warsaw for 14 hours a day; told he owed money for transport and housing.",
          ("debt-bondage", "excessive-overtime", "abusive-conditions"), SupportType.LEGAL),
    Story("ForcedLabour", LabourIndustry.MANUFACTURING, "PL",
          "Packing plant job found through an agency; locked in the dormitory at night, threatened with deportation.",
          ("restriction-of-movement", "intimidation-threats", "isolation"), SupportType.SOCIAL_CARE),
    Story("SexualExploitation", "", "PL",
          "Offered a lift and a job as a waitress at the border; taken to a flat in Łódź and forced into prostitution.",
          ("deception", "physical-sexual-violence", "restriction-of-movement"), SupportType.SEXUAL_REHAB),
    Story("ForcedBegging", "", "PL",
          "Brought with two children to beg at railway stations; all money taken each evening.",
          ("abuse-of-vulnerability", "withholding-of-wages", "intimidation-threats"), SupportType.SOCIAL_CARE),
    Story("ForcedLabour", LabourIndustry.ACCOMMODATION, "DE",
          "Recruited in Poland for hotel cleaning in Germany; documents taken on arrival, no pay for three months.",
          ("retention-of-documents", "withholding-of-wages", "isolation"), SupportType.FINANCIAL),
    Story("ForcedLabour", LabourIndustry.AGRICULTURE, "PL",
          "Seasonal mushroom farm work; fined for every sick day, debt grew faster than pay.",
          ("debt-bondage", "abuse-of-vulnerability"), SupportType.HEALTH),
]

PEOPLE = [
    # first, surname, gender, citizenship, language, birth year
    ("Олена", "Коваленко", Gender.FEMININE, "UA", "uk", 1991),
    ("Andriy", "Melnyk", Gender.MASCULINE, "UA", "uk", 1985),
    ("Nguyen Van", "Hung", Gender.MASCULINE, "VN", "vi", 1990),
    ("Аляксандр", "Лукашэвіч", Gender.MASCULINE, "BY", "be", 1979),
    ("Iryna", "Bondar", Gender.FEMININE, "UA", "uk", 1998),
    ("Tran Thi", "Lan", Gender.FEMININE, "VN", "vi", 1996),
    ("Marek", "Nowak", Gender.MASCULINE, "PL", "pl", 1972),
    ("Оксана", "Шевчук", Gender.FEMININE, "UA", "uk", 2001),
    ("Siarhei", "Kavalenka", Gender.MASCULINE, "BY", "ru", 1988),
    ("Дмитро", "Ткаченко", Gender.MASCULINE, "UA", "uk", 1983),
    ("Pham Minh", "Tuan", Gender.MASCULINE, "VN", "vi", 1993),
    ("Katarzyna", "Wójcik", Gender.FEMININE, "PL", "pl", 1995),
    ("Наталія", "Кравчук", Gender.FEMININE, "UA", "uk", 1987),
    ("Volha", "Hrynevich", Gender.FEMININE, "BY", "be", 1994),
    ("Serhiy", "Oliynyk", Gender.MASCULINE, "UA", "ru", 1976),
    ("Le Van", "Nam", Gender.MASCULINE, "VN", "vi", 1999),
]

ORGS = [("IOM", "iom.caseworker"), ("LS", "lastrada.caseworker"), ("KCIK", "kcik.caseworker"),
        ("SG", "bg.officer")]
CASES_PER_ORG = {"IOM": 22, "LS": 16, "KCIK": 12, "SG": 10}
RETURN_STAGES = [ReturnStage.PLANNING, ReturnStage.PLANNING, ReturnStage.READY, ReturnStage.READY,
                 ReturnStage.RETURNED, ReturnStage.RETURNED, ReturnStage.REINTEGRATION, ReturnStage.REINTEGRATION,
                 ReturnStage.COMPLETED, ReturnStage.COMPLETED]
CHECKS = list(Consent.CHECKS)
PROVIDERS: dict[str, str] = {
    SupportType.LABOUR_REHAB: "La Strada counselling", SupportType.LEGAL: "Legal clinic, Warsaw",
             SupportType.SOCIAL_CARE: "Municipal social welfare centre", SupportType.SEXUAL_REHAB: "KCIK shelter",
             SupportType.FINANCIAL: "IOM cash assistance", SupportType.HEALTH: "Hospital outpatient clinic"}


def load(ctx: DemoContext) -> None:
    load_indicator_sets()
    ilo = {i.code: i.id for i in Indicator.objects.filter(dimension__indicator_set__code="ilo-forced-labour")}
    types = {i.htcds_value: i.id for i in Indicator.objects.filter(htcds_field="vic_TypeOfExploitation",
                                                                   dimension__indicator_set__code__startswith="htcds")}
    rng = ctx.rng
    today = timezone.localdate()
    made: dict[str, list[Case]] = {code: [] for code, _u in ORGS}
    n = 0
    for org_code, username in ORGS:
        worker = ctx.users[username]
        for i in range(CASES_PER_ORG[org_code]):
            first, surname, gender, citizenship, language, year = PEOPLE[n % len(PEOPLE)]
            story = STORIES[(n * 3 + i) % len(STORIES)]
            n += 1
            ident = services.Identity(
                first_name=first, second_name=surname, citizenship=citizenship, primary_language=language,
                birth_date=datetime.date(year + (n // len(PEOPLE)), 1 + n % 12, 1 + n % 27),
                mobile_phone=f"+48 6{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}")
            case = services.register_person(
                worker, ident, gender=gender, summary=story.summary,
                sensitivity=Sensitivity.HIGH if story.exploitation == "SexualExploitation" else Sensitivity.NORMAL,
                exploitation_types=[story.exploitation], labour_industry=story.industry,
                country_of_exploitation=story.country)
            services.record_screening(worker, case.id, [ilo[c] for c in story.indicators]
                                      + [types[story.exploitation]])
            services.give_consent(worker, case.id, purpose=ConsentPurpose.SERVICES, language=language, checks=CHECKS)
            if i % 4 != 3:
                services.record_identification(
                    worker, case.id, status=TraffickingStatus.ACTUAL if i % 3 else TraffickingStatus.POSSIBLE,
                    decision_org_type=DecisionMakingOrg.POLICE if org_code == "SG" else DecisionMakingOrg.NGO,
                    deciding_organisation=ctx.organisations[org_code], decided_on=today)
            services.add_assessment(worker, case.id, level=AssessmentLevel.INDIVIDUAL,
                                    risk=[RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW][i % 3],
                                    needs="Safe accommodation, medical check, legal advice on unpaid wages.")
            services.add_plan_item(worker, case.id, type=story.support, objectives="Stabilise and recover.",
                                   planned_end_date=today + datetime.timedelta(days=60 + i))
            started = today - datetime.timedelta(days=20 + i * 7)
            services.add_service(worker, case.id, type=story.support, provider=PROVIDERS.get(story.support, "IOM"),
                                 started_on=started, outcome="Ongoing." if i % 2 else "Completed.")
            services.add_note(worker, case.id, "First interview with an interpreter; the person feels safe now.")
            services.add_task(worker, case.id, title="Follow-up call",
                              due_on=today + datetime.timedelta(days=(i % 5) * 7 - 14))
            if i % 7 == 5:
                services.set_case_status(worker, case.id, CaseStatus.FOLLOW_UP)
            elif i % 7 == 6:
                services.set_case_status(worker, case.id, CaseStatus.CLOSED, "Needs met; the person found safe work.")
            # within the year of the case code (IOM-2026-…): codes carry the year the case was opened
            days_into_year = today.timetuple().tm_yday - 1  # 0 on 1 January
            opened = timezone.now() - datetime.timedelta(days=(i * 17) % max(days_into_year, 1))
            # Backdate: some reviews fall overdue, as they would in real work.
            review_due = (today - datetime.timedelta(days=5 + i)) if i % 5 == 0 else today + datetime.timedelta(
                days=10 + i * 3)
            Case.objects.filter(pk=case.pk).update(opened_at=opened, next_review_due=review_due)
            made[org_code].append(case)

    iom_worker, ls_worker = ctx.users["iom.caseworker"], ctx.users["lastrada.caseworker"]
    _returns(ctx, made["IOM"][:10], today)
    # Pending and finished referrals between organisations.
    for case, sender, to in [(made["IOM"][12], iom_worker, "LS"), (made["IOM"][13], iom_worker, "LS"),
                             (made["IOM"][14], iom_worker, "KCIK"), (made["SG"][0], ctx.users["bg.officer"], "IOM"),
                             (made["SG"][1], ctx.users["bg.officer"], "LS"), (made["KCIK"][0],
                                                                               ctx.users["kcik.caseworker"], "LS"),
                             (made["LS"][0], ls_worker, "KCIK"), (made["IOM"][15], iom_worker, "LS")]:
        services.give_consent(sender, case.id, purpose=ConsentPurpose.SHARING, language="uk", checks=CHECKS,
                              shared_with=ctx.organisations[to],
                              parts=[CasePart.IDENTITY, CasePart.SCREENING, CasePart.SERVICES, CasePart.ASSESSMENT])
        services.send_referral(sender, case.id, to_organisation=ctx.organisations[to],
                               reason=ReferralReason.ADDITIONAL_SERVICES,
                               details="Needs a shelter place and psychological support.")
    referrals = {r.case_id: r for c in made["KCIK"][:1] + made["LS"][:1] + made["IOM"][15:16]
                 for r in c.referrals.all()}
    kcik_ref, ls_ref, declined = (referrals[made["KCIK"][0].id], referrals[made["LS"][0].id],
                                  referrals[made["IOM"][15].id])
    services.accept_referral(ls_worker, kcik_ref.id)
    services.accept_referral(ctx.users["kcik.caseworker"], ls_ref.id)
    services.complete_referral(ctx.users["kcik.caseworker"], ls_ref.id)
    services.decline_referral(ls_worker, declined.id, "No place in our shelter this month; try KCIK.")
    # La Strada, receiving KCIK's case with services shared, records what it delivered; KCIK sees it.
    services.add_service(ls_worker, made["KCIK"][0].id, type=SupportType.SOCIAL_CARE, provider="La Strada shelter",
                         started_on=today - datetime.timedelta(days=20), outcome="Safe place to stay for a month.")
    services.add_note(ls_worker, made["KCIK"][0].id, "Settled in; asked for help with her employer's unpaid wages.")
    _external_referral(ctx, made["IOM"][16])
    ctx.say(f"{sum(len(v) for v in made.values())} protection cases (10 returns, 9 referrals)")


def _external_referral(ctx: DemoContext, case: Case) -> None:
    """A referral to a directory service outside CTIMS, with the person's consent naming it."""
    from directory.selectors import services_for_referral

    outside = services_for_referral().filter(organisation__isnull=True)
    service = outside.filter(type="legal_aid").first() or outside.first()
    if service is None:
        return
    worker = ctx.users["iom.caseworker"]
    services.give_consent(worker, case.id, purpose=ConsentPurpose.SHARING, language="uk", checks=CHECKS,
                          shared_with_service=service, parts=[CasePart.ASSESSMENT, CasePart.SERVICES])
    referral = services.send_referral(worker, case.id, to_service=service, reason=ReferralReason.ADDITIONAL_SERVICES,
                                      details="Needs legal advice on unpaid wages.")
    services.referral_step(worker, referral.id, "accept")


def _returns(ctx: DemoContext, cases: list[Case], today: datetime.date) -> None:
    """The project's 10 safe returns, spread over every stage."""
    worker = ctx.users["iom.caseworker"]
    partners = {"UA": "IOM Ukraine, Kyiv", "BY": "Local NGO partner, Minsk", "VN": "IOM Viet Nam, Hanoi",
                "PL": "", "RU": ""}
    for case, stage in zip(cases, RETURN_STAGES, strict=True):
        country = case.person.citizenship or "UA"
        if country == "PL":
            country = "UA"
        services.give_consent(worker, case.id, purpose=ConsentPurpose.RETURN, language="uk", checks=CHECKS)
        ready = stage != ReturnStage.PLANNING
        services.save_return_plan(
            worker, case.id, country_of_origin=country, place_of_origin="Home town, with family",
            travel_date=today + datetime.timedelta(days=14) if not ready else today - datetime.timedelta(days=200),
            escort=country == "VN", escort_details="IOM operations assistant" if country == "VN" else "",
            documents="Emergency travel document from the consulate", receiving_partner=partners.get(country, ""),
            check_consent=True, check_risk_assessment=ready, check_documents=ready, check_medical=True,
            check_partner=ready, check_family=ready)
        if stage == ReturnStage.PLANNING:
            continue
        arrived = today - datetime.timedelta(days={ReturnStage.READY: 0, ReturnStage.RETURNED: 40,
                                                   ReturnStage.REINTEGRATION: 200,
                                                   ReturnStage.COMPLETED: 400}[stage])
        services.set_return_stage(worker, case.id, stage, None if stage == ReturnStage.READY else arrived)
        if stage in (ReturnStage.REINTEGRATION, ReturnStage.COMPLETED):
            plan = ReturnAndReintegration.objects.get(case=case)
            services.add_assistance(worker, case.id, type=SupportType.LIVELIHOOD, given_on=arrived,
                                    description="Small business grant: sewing equipment", amount=Decimal("1200"),
                                    currency="EUR")
            services.add_assistance(worker, case.id, type=SupportType.HEALTH, given_on=arrived,
                                    description="Medical check-up", amount=Decimal("4500"), currency="UAH")
            for visit in MonitoringVisit.objects.filter(plan=plan, due_on__lte=today):
                if stage == ReturnStage.COMPLETED or visit.months == 3:
                    services.record_visit(worker, visit.id, done_on=visit.due_on,
                                          outcome="Working and living with family; no contact from recruiters.")
        if stage == ReturnStage.COMPLETED:
            services.set_case_status(worker, case.id, CaseStatus.CLOSED,
                                     "Returned voluntarily; reintegration completed after 12 months.")
