"""Demo investigations: about 700 active cases (police and Border Guard) plus some closed ones,
a few shared between the two, and the escalated demo calls and observations linked both ways.
Each is a case file: further offences, a prosecutor's case-file number, a stage timeline, tasks
with deadlines (some overdue) and, on a few, an encrypted document. Names of victims and suspects
are invented."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from core.demo import DemoContext

from . import services
from .models import (
    ACTIVE_STAGES,
    Investigation,
    InvestigationLink,
    InvestigationPerson,
    InvestigationShare,
    InvestigationTask,
    LinkKind,
    Offence,
    PersonRole,
    Stage,
    StageChange,
)

UNITS = {"POL": ["Counter-Trafficking Department, Police HQ", "Voivodeship Police HQ — criminal division"],
         "SG": ["Border Guard HQ — THB team", "Bieszczady Border Guard Unit", "Nadbużański Border Guard Unit"]}
TASKS = ["Interview the victim with an interpreter", "Request bank records from the prosecutor",
         "Send a request for legal assistance abroad", "Expert opinion on the seized phones",
         "Hearing at the district court", "Check the employer with the labour inspectorate"]
PROSECUTORS = ["Lublin", "Rzeszów", "Warszawa", "Kraków"]
NAMES = ["Olena K.", "Іванна М.", "Serhii P.", "Анна Л.", "Mariia T.", "Viktor B.", "Oleh S.", "Ніна Г.",
         "Jan K.", "Piotr W.", "Шевченко", "Andrii D."]


def load(ctx: DemoContext) -> None:
    rng = ctx.rng
    intake = ctx.extra.get("intake", {})
    voivs = intake.get("voivodeships", [])
    offences = list(Offence.objects.all())
    weights = {"189a": 40, "203": 15, "204": 15, "197": 12, "200": 10, "202": 8}
    orgs = [("POL", 500, ctx.users["police.investigator"]), ("SG", 200, ctx.users["bg.investigator"])]
    today = timezone.localdate()
    cases: list[Investigation] = []
    n = 0
    for code, count, creator in orgs:
        org = ctx.organisations[code]
        for i in range(count + count // 10):  # plus about 10% closed
            n += 1
            stage = Stage.CLOSED if i >= count else rng.choices(ACTIVE_STAGES, weights=[30, 45, 15, 10])[0]
            opened_on = today - dt.timedelta(days=rng.randint(10, 900))
            cases.append(Investigation(
                code=f"{code}-INV-{n:05d}", organisation=org, unit=rng.choice(UNITS[code]),
                offence=rng.choices(offences, weights=[weights.get(o.article, 5) for o in offences])[0],
                stage=stage, voivodeship=rng.choice(voivs) if voivs else None,
                prosecutor_office="Regional Prosecutor's Office " + rng.choice(PROSECUTORS),
                case_file_number="" if stage == Stage.VERIFICATION else
                f"RP {rng.choice(['I', 'II', 'V'])} Ds {rng.randint(1, 400)}.{opened_on.year}",
                summary="Demo case: recruitment through an online advert, transport across the border, work "
                        "without pay.", opened_on=opened_on, created_by=creator))
    Investigation.objects.bulk_create(cases, batch_size=500)
    _case_files(ctx, cases, offences, today)
    people = []
    for inv in cases:
        for _ in range(rng.choice([1, 1, 2, 3])):
            people.append(InvestigationPerson(investigation=inv, role=rng.choice(PersonRole.values),
                                              name=rng.choice(NAMES) + " (demo)"))
    InvestigationPerson.objects.bulk_create(people, batch_size=1000)
    police_cases = [c for c in cases if c.organisation_id == ctx.organisations["POL"].pk]
    bg_cases = [c for c in cases if c.organisation_id == ctx.organisations["SG"].pk]
    shares = [InvestigationShare(investigation=c, organisation=ctx.organisations["SG"]) for c in police_cases[:15]]
    shares += [InvestigationShare(investigation=c, organisation=ctx.organisations["POL"]) for c in bg_cases[:10]]
    InvestigationShare.objects.bulk_create(shares)
    escalated = [r for r in intake.get("calls", []) + intake.get("observations", []) if r.status == "escalated"]
    by_org: dict[int, list[Investigation]] = {}
    for c in cases:
        if c.stage != Stage.CLOSED:
            by_org.setdefault(c.organisation_id, []).append(c)
    link_rows = []
    for record_ in escalated[:80]:
        candidates = by_org.get(record_.organisation_id) or []
        if not candidates:
            continue
        inv = rng.choice(candidates)
        record_.investigation = inv
        kind = LinkKind.CALL if record_.kind == "call" else LinkKind.OBSERVATION
        link_rows.append(InvestigationLink(investigation=inv, kind=kind, object_id=record_.pk, label=record_.code))
    InvestigationLink.objects.bulk_create(link_rows, ignore_conflicts=True)
    for model in {type(r) for r in escalated}:
        model.objects.bulk_update([r for r in escalated[:80] if isinstance(r, model) and r.investigation_id],
                                  ["investigation"])
    active = sum(1 for c in cases if c.stage != Stage.CLOSED)
    ctx.say(f"investigations: {len(cases)} cases ({active} active), {len(shares)} shared, {len(link_rows)} linked "
            f"to calls and observations")


def _case_files(ctx: DemoContext, cases: list[Investigation], offences: list[Offence], today: dt.date) -> None:
    """Further offences, stage timelines and tasks for every demo case; a document on a few police cases."""
    rng = ctx.rng
    by_article = {o.article: o for o in offences}
    companions = [by_article[a] for a in ("203", "204", "204 §3", "211a", "264a") if a in by_article]
    companions += [o for o in offences if o.act != "kk"]
    through = Investigation.other_offences.through
    extra, steps, tasks = [], [], []
    order = list(Stage.values)
    for inv in cases:
        if companions and rng.random() < 0.35:
            for offence in rng.sample(companions, rng.choice([1, 1, 2])):
                if offence.pk != inv.offence_id:
                    extra.append(through(investigation_id=inv.pk, offence_id=offence.pk))
        reached = order.index(inv.stage)
        day = inv.opened_on
        for stage in order[:reached + 1]:
            steps.append(StageChange(investigation=inv, stage=stage, entered_on=day))
            day = min(today, day + dt.timedelta(days=rng.randint(20, 200)))
        if inv.stage != Stage.CLOSED and rng.random() < 0.3:
            for _ in range(rng.choice([1, 2])):
                tasks.append(InvestigationTask(investigation=inv, title=rng.choice(TASKS),
                                               due_on=today + dt.timedelta(days=rng.randint(-20, 60)),
                                               created_by=inv.created_by))
    through.objects.bulk_create(extra, batch_size=1000, ignore_conflicts=True)
    StageChange.objects.bulk_create(steps, batch_size=1000)
    InvestigationTask.objects.bulk_create(tasks, batch_size=1000)
    officer = ctx.users["police.investigator"]
    police = [c for c in cases if c.organisation_id == officer.organisation_id and c.stage != Stage.CLOSED][:3]
    for inv in police:
        services.add_document(officer, inv, title="Record of the victim's interview (demo)",
                              filename="interview.txt", content_type="text/plain",
                              content=b"Demo document: interview record, stored encrypted.\n")
    ctx.say(f"investigations: {len(extra)} further offences, {len(steps)} stage steps, {len(tasks)} tasks, "
            f"{len(police)} documents")
