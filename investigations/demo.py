"""Demo investigations: about 700 active cases (police and Border Guard) plus some closed ones,
a few shared between the two, and the escalated demo calls and observations linked both ways.
Names of victims and suspects are invented."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from core.demo import DemoContext

from .models import (
    ACTIVE_STAGES,
    Investigation,
    InvestigationLink,
    InvestigationPerson,
    InvestigationShare,
    LinkKind,
    Offence,
    PersonRole,
    Stage,
)

UNITS = {"POL": ["Counter-Trafficking Department, Police HQ", "Voivodeship Police HQ — criminal division"],
         "SG": ["Border Guard HQ — THB team", "Bieszczady Border Guard Unit", "Nadbużański Border Guard Unit"]}
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
            cases.append(Investigation(
                code=f"{code}-INV-{n:05d}", organisation=org, unit=rng.choice(UNITS[code]),
                offence=rng.choices(offences, weights=[weights.get(o.article, 5) for o in offences])[0],
                stage=stage, voivodeship=rng.choice(voivs) if voivs else None,
                prosecutor_office="Regional Prosecutor's Office "
                                  + rng.choice(["Lublin", "Rzeszów", "Warszawa", "Kraków"]),
                summary="Demo case: recruitment through an online advert, transport across the border, work "
                        "without pay.", opened_on=today - dt.timedelta(days=rng.randint(10, 900)), created_by=creator))
    Investigation.objects.bulk_create(cases, batch_size=500)
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
