"""Demo intake data at the scale of the seed note: 16 hotlines, 8 road BCPs on the Ukrainian border,
30 reception points (invented), about 1,200 calls and 400 observations with recurring people,
phones and plates. One story is placed on purpose (`_driver_story`): a driver offering free lifts,
seen this week in four Police reports at Medyka and Korczowa under three spellings of one name, with
one phone and one car, once more by the Border Guard, and a few times months earlier.

Everything personal here is invented.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import TypeVar

from django.utils import timezone

from core.demo import DemoContext

from .models import (
    PRIORITY_OF_RISK,
    PRIORITY_OF_URGENCY,
    CallAction,
    CallerType,
    FieldObservation,
    HotlineCall,
    Indicator,
    Mention,
    MentionKind,
    OfferedTo,
    OfferType,
    Place,
    PlaceType,
    RiskLevel,
    Sex,
    Topic,
    TriageStatus,
    Urgency,
)
from .services import caller_phone_index, mention_index

T = TypeVar("T")

VOIVODESHIPS = [
    # name, seat, latitude, longitude
    ("Dolnośląskie", "Wrocław", 51.1079, 17.0385), ("Kujawsko-pomorskie", "Bydgoszcz", 53.1235, 18.0084),
    ("Lubelskie", "Lublin", 51.2465, 22.5684), ("Lubuskie", "Gorzów Wielkopolski", 52.7368, 15.2288),
    ("Łódzkie", "Łódź", 51.7592, 19.4560), ("Małopolskie", "Kraków", 50.0647, 19.9450),
    ("Mazowieckie", "Warszawa", 52.2297, 21.0122), ("Opolskie", "Opole", 50.6751, 17.9213),
    ("Podkarpackie", "Rzeszów", 50.0412, 21.9991), ("Podlaskie", "Białystok", 53.1325, 23.1688),
    ("Pomorskie", "Gdańsk", 54.3520, 18.6466), ("Śląskie", "Katowice", 50.2649, 19.0238),
    ("Świętokrzyskie", "Kielce", 50.8661, 20.6286), ("Warmińsko-mazurskie", "Olsztyn", 53.7784, 20.4801),
    ("Wielkopolskie", "Poznań", 52.4064, 16.9252), ("Zachodniopomorskie", "Szczecin", 53.4285, 14.5528),
]

# Road border crossings with Ukraine (approximate coordinates).
BCPS = [
    ("Dorohusk", "Lubelskie", 51.1669, 23.8097), ("Zosin", "Lubelskie", 50.8640, 24.1070),
    ("Dołhobyczów", "Lubelskie", 50.5845, 24.0334), ("Hrebenne", "Lubelskie", 50.2608, 23.5800),
    ("Budomierz", "Podkarpackie", 49.9947, 23.1611), ("Korczowa", "Podkarpackie", 49.9531, 23.0750),
    ("Medyka", "Podkarpackie", 49.8036, 22.9369), ("Krościenko", "Podkarpackie", 49.4522, 22.6603),
]

RP_TOWNS = [
    ("Przemyśl", "Podkarpackie", 49.784, 22.768), ("Medyka", "Podkarpackie", 49.806, 22.925),
    ("Korczowa", "Podkarpackie", 49.957, 23.060), ("Młyny", "Podkarpackie", 49.935, 23.046),
    ("Krościenko", "Podkarpackie", 49.447, 22.648), ("Ustrzyki Dolne", "Podkarpackie", 49.430, 22.592),
    ("Rzeszów", "Podkarpackie", 50.036, 22.004), ("Jarosław", "Podkarpackie", 50.016, 22.677),
    ("Lubaczów", "Podkarpackie", 50.157, 23.123), ("Hrubieszów", "Lubelskie", 50.806, 23.891),
    ("Dołhobyczów", "Lubelskie", 50.590, 24.025), ("Chełm", "Lubelskie", 51.143, 23.471),
    ("Dorohusk", "Lubelskie", 51.163, 23.800), ("Zamość", "Lubelskie", 50.722, 23.252),
    ("Tomaszów Lubelski", "Lubelskie", 50.448, 23.416), ("Lublin", "Lubelskie", 51.240, 22.560),
    ("Hrebenne", "Lubelskie", 50.268, 23.569), ("Kraków", "Małopolskie", 50.068, 19.947),
    ("Warszawa", "Mazowieckie", 52.229, 21.003), ("Wrocław", "Dolnośląskie", 51.098, 17.036),
    ("Poznań", "Wielkopolskie", 52.402, 16.912), ("Gdańsk", "Pomorskie", 54.356, 18.644),
    ("Katowice", "Śląskie", 50.257, 19.017), ("Łódź", "Łódzkie", 51.770, 19.466),
    ("Białystok", "Podlaskie", 53.134, 23.147), ("Kielce", "Świętokrzyskie", 50.872, 20.617),
    ("Olsztyn", "Warmińsko-mazurskie", 53.777, 20.491), ("Opole", "Opolskie", 50.664, 17.928),
    ("Szczecin", "Zachodniopomorskie", 53.432, 14.549), ("Bydgoszcz", "Kujawsko-pomorskie", 53.130, 18.015),
]

# The recurring driver: one phone and one car, his name in Cyrillic, Ukrainian Latin and Polish spelling.
DRIVER_PHONE = "+48 601 234 567"
DRIVER_PLATE = ("BC 1234 AK", "UA", "Volkswagen", "white")
# (days ago, who files it, where, the name as written down); "call" is a Podkarpackie hotline call.
DRIVER_SIGHTINGS = [
    (150, "police", "Medyka", "Shevchenko"), (95, "police", "Korczowa", "Шевченко"),
    (40, "border_guard", "Medyka", "Szewczenko"),
    # this week: the alert police.analyst opens
    (6, "police", "Medyka", "Шевченко Олександр"), (5, "call", "Podkarpackie", "Oleksandr Shevchenko"),
    (4, "police", "Korczowa", "Szewczenko Aleksander"), (3, "border_guard", "Korczowa", "Shevchenko Oleksandr"),
    (2, "police", "Medyka", "Шевченко Саша"),
]

FIRST_NAMES = ["Андрій", "Olena", "Ірина", "Serhii", "Mykola", "Oksana", "Tetiana", "Dmytro", "Yurii", "Natalia"]
LAST_NAMES = ["Kovalenko", "Бондаренко", "Tkachenko", "Kravchenko", "Олійник", "Shevchuk", "Polishchuk", "Lysenko"]
HANDLES = ["@praca_polska_szybko", "@work_eu_now", "t.me/robota_pl", "@housing_free_help", "fb: Praca od zaraz"]


def _weighted(rng: random.Random, options: Sequence[tuple[T, int]]) -> T:
    return rng.choices([o for o, _w in options], weights=[w for _o, w in options])[0]


def _phone(rng: random.Random) -> str:
    return f"+380 {rng.randint(50, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def load_places(ctx: DemoContext) -> dict[str, list[Place]]:
    start = dt.date(2022, 3, 1)
    voivs = {}
    for name, seat, lat, lng in VOIVODESHIPS:
        voivs[name] = Place.objects.create(type=PlaceType.VOIVODESHIP, name=name, address=seat, latitude=lat,
                                           longitude=lng, active_from=start)
    bcps = [Place(type=PlaceType.BCP, name=name, voivodeship=voivs[v], latitude=lat, longitude=lng,
                  address=f"{name}, {v}", active_from=start) for name, v, lat, lng in BCPS]
    rps = [Place(type=PlaceType.RP, name=f"RP {town} (demo)", voivodeship=voivs[v], latitude=lat, longitude=lng,
                 address=f"{town} — demo address", active_from=start, is_demo=True)
           for town, v, lat, lng in RP_TOWNS]
    Place.objects.bulk_create(bcps + rps)
    return {"voivodeships": list(voivs.values()), "bcps": bcps, "rps": rps}


def load(ctx: DemoContext) -> None:
    rng = ctx.rng
    places = load_places(ctx)
    police, border_guard = ctx.organisations["POL"], ctx.organisations["SG"]
    operator, officer, bg_officer = ctx.users["police.hotline"], ctx.users["police.field"], ctx.users["bg.officer"]
    analyst = ctx.users["police.analyst"]
    now = timezone.now()
    voivs = places["voivodeships"]
    heavy = {"Lubelskie": 6, "Podkarpackie": 6, "Mazowieckie": 4, "Małopolskie": 3}
    hotline_weights = [(v, heavy.get(v.name, 1)) for v in voivs]
    repeat_callers = [_phone(rng) for _ in range(40)]

    calls: list[HotlineCall] = []
    call_mentions: list[tuple[int, list[Mention]]] = []
    for i in range(1200):
        started = now - dt.timedelta(days=rng.random() * 270, minutes=rng.randint(0, 59))
        urgency = _weighted(rng, [(Urgency.ROUTINE, 80), (Urgency.URGENT, 15), (Urgency.IMMEDIATE_DANGER, 5)])
        recent = (now - started).days < 21
        status = (_weighted(rng, [(TriageStatus.NEW, 6), (TriageStatus.ASSIGNED, 2), (TriageStatus.CLOSED, 2)])
                  if recent else _weighted(rng, [(TriageStatus.CLOSED, 9), (TriageStatus.ESCALATED, 1)]))
        contact = ""
        roll = rng.random()
        if roll < 0.15:
            contact = rng.choice(repeat_callers)
        elif roll < 0.45:
            contact = _phone(rng)
        topic = _weighted(rng, [(Topic.OFFER_TRANSPORT, 18), (Topic.OFFER_ACCOMMODATION, 15), (Topic.OFFER_WORK, 22),
                                (Topic.EXPLOITATION_NOW, 8), (Topic.MISSING_PERSON, 5), (Topic.INFORMATION, 25),
                                (Topic.OTHER, 7)])
        calls.append(HotlineCall(
            organisation=police, created_by=operator, hotline=_weighted(rng, hotline_weights),
            started_at=started, ended_at=started + dt.timedelta(minutes=rng.randint(2, 25)),
            language=_weighted(rng, [("uk", 55), ("ru", 30), ("pl", 10), ("en", 5)]),
            caller_type=rng.choice(CallerType.values), caller_contact=contact,
            caller_phone_index=caller_phone_index(contact), topic=topic,
            indicators=sorted(rng.sample(Indicator.values, rng.choice([0, 0, 1, 2]))),
            urgency=urgency, priority=PRIORITY_OF_URGENCY[urgency],
            actions=sorted(rng.sample(CallAction.values, rng.choice([1, 1, 2]))), status=status,
            assigned_to=analyst if status == TriageStatus.ASSIGNED else None,
        ))
        mentions = []
        if topic in (Topic.OFFER_TRANSPORT, Topic.OFFER_WORK, Topic.EXPLOITATION_NOW) and rng.random() < 0.4:
            phone = _phone(rng)
            mentions.append(Mention(kind=MentionKind.PHONE, value=phone,
                                    value_index=mention_index(MentionKind.PHONE, phone)))
            if rng.random() < 0.3:
                handle = rng.choice(HANDLES)
                mentions.append(Mention(kind=MentionKind.ACCOUNT, value=handle,
                                        value_index=mention_index(MentionKind.ACCOUNT, handle)))
        call_mentions.append((i, mentions))
    HotlineCall.objects.bulk_create(calls, batch_size=500)
    rows = []
    for i, mentions in call_mentions:
        for m in mentions:
            m.call = calls[i]
            rows.append(m)

    observations: list[FieldObservation] = []
    obs_mentions: list[tuple[int, list[Mention]]] = []
    obs_places = places["rps"] + places["bcps"]
    for i in range(400):
        observed = now - dt.timedelta(days=rng.random() * 270, minutes=rng.randint(0, 59))
        by_bg = i % 5 == 0
        place = rng.choice(obs_places)
        risk = _weighted(rng, [(RiskLevel.LOW, 40), (RiskLevel.MEDIUM, 35), (RiskLevel.HIGH, 20),
                               (RiskLevel.IMMEDIATE, 5)])
        recent = (now - observed).days < 21
        status = (_weighted(rng, [(TriageStatus.NEW, 7), (TriageStatus.ASSIGNED, 3)]) if recent
                  else _weighted(rng, [(TriageStatus.CLOSED, 8), (TriageStatus.ESCALATED, 2)]))
        offers = sorted(rng.sample(OfferType.values, rng.choice([1, 1, 2])))
        observations.append(FieldObservation(
            organisation=border_guard if by_bg else police, created_by=bg_officer if by_bg else officer,
            place=place, observed_at=observed, offer_types=offers,
            offered_to=rng.choice(OfferedTo.values), risk_level=risk, priority=PRIORITY_OF_RISK[risk],
            description="Demo observation: an offer was made to newly arrived people near the information desk.",
            action_taken=rng.choice(["Spoke to the women and gave the La Strada leaflet (demo).",
                                     "Informed the Border Guard patrol (demo).", ""]),
            status=status, assigned_to=analyst if status == TriageStatus.ASSIGNED and not by_bg else None,
        ))
        mentions = []
        if rng.random() < 0.5:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" if rng.random() < 0.4 else ""
            mentions.append(Mention(kind=MentionKind.PERSON, value=name, sex=rng.choice([Sex.MALE, Sex.FEMALE]),
                                    approximate_age=rng.randint(20, 60), nationality=rng.choice(["UA", "PL", "BY"]),
                                    description="Approached people at the entrance (demo)"))
            if rng.random() < 0.4:
                plate = f"{rng.choice(['LU', 'RZ', 'WA', 'BC', 'AA'])} {rng.randint(1000, 9999)}"
                mentions.append(Mention(kind=MentionKind.VEHICLE, value=plate, country=rng.choice(["PL", "UA"]),
                                        make=rng.choice(["Opel", "Skoda", "Ford", "Mercedes"]),
                                        colour=rng.choice(["black", "silver", "blue"]),
                                        value_index=mention_index(MentionKind.VEHICLE, plate)))
        obs_mentions.append((i, mentions))
    FieldObservation.objects.bulk_create(observations, batch_size=500)
    for i, mentions in obs_mentions:
        for m in mentions:
            m.observation = observations[i]
            rows.append(m)
    story_calls, story_observations = _driver_story(ctx, places, now, rows)
    calls += story_calls
    observations += story_observations
    Mention.objects.bulk_create(rows, batch_size=1000)
    ctx.extra["intake"] = {"calls": calls, "observations": observations, "voivodeships": voivs}
    ctx.say(f"intake: {len(VOIVODESHIPS)} voivodeships, {len(BCPS)} BCPs, {len(RP_TOWNS)} RPs, {len(calls)} calls, "
            f"{len(observations)} observations, {len(rows)} mentions")


def _driver_story(ctx: DemoContext, places: dict[str, list[Place]], now: dt.datetime,
                  rows: list[Mention]) -> tuple[list[HotlineCall], list[FieldObservation]]:
    """Create the driver's calls and observations (DRIVER_SIGHTINGS); their mentions are added to rows.

    Placed on purpose rather than drawn at random, so the alert an analyst opens tells one clear story
    (the same man and car in four reports this week) and his network is small enough to read."""
    police, border_guard = ctx.organisations["POL"], ctx.organisations["SG"]
    bcps = {p.name: p for p in places["bcps"]}
    hotlines = {p.name: p for p in places["voivodeships"]}
    plate, country, make, colour = DRIVER_PLATE
    calls: list[HotlineCall] = []
    observations: list[FieldObservation] = []
    for days_ago, who, where, name in DRIVER_SIGHTINGS:
        at = now - dt.timedelta(days=days_ago, hours=3)
        status = TriageStatus.NEW if days_ago < 21 else TriageStatus.CLOSED
        person = Mention(kind=MentionKind.PERSON, value=name, sex=Sex.MALE, approximate_age=45, nationality="UA",
                         language="uk, ru", description="Driver, grey jacket (demo)")
        phone = Mention(kind=MentionKind.PHONE, value=DRIVER_PHONE,
                        value_index=mention_index(MentionKind.PHONE, DRIVER_PHONE))
        car = Mention(kind=MentionKind.VEHICLE, value=plate, country=country, make=make, colour=colour,
                      value_index=mention_index(MentionKind.VEHICLE, plate, country))
        if who == "call":
            call = HotlineCall.objects.create(
                organisation=police, created_by=ctx.users["police.hotline"], hotline=hotlines[where],
                started_at=at, ended_at=at + dt.timedelta(minutes=9), language="uk",
                caller_type=CallerType.POTENTIAL_VICTIM, topic=Topic.OFFER_TRANSPORT,
                indicators=[Indicator.DECEPTION], urgency=Urgency.URGENT, priority=PRIORITY_OF_URGENCY[Urgency.URGENT],
                actions=[CallAction.ADVICE, CallAction.POLICE_NOTIFIED], status=status)
            for m in (person, phone, car):
                m.call = call
            calls.append(call)
        else:
            by_bg = who == "border_guard"
            observation = FieldObservation.objects.create(
                organisation=border_guard if by_bg else police,
                created_by=ctx.users["bg.officer" if by_bg else "police.field"], place=bcps[where], observed_at=at,
                offer_types=[OfferType.TRANSPORT], offered_to=OfferedTo.WOMAN_WITH_CHILDREN, risk_level=RiskLevel.HIGH,
                priority=PRIORITY_OF_RISK[RiskLevel.HIGH],
                description="A man offered a free lift to Germany to women arriving with children (demo).",
                action_taken="Spoke to the women and gave the La Strada leaflet (demo).", status=status)
            for m in (person, phone, car):
                m.observation = observation
            observations.append(observation)
        rows += [person, phone, car]
    return calls, observations
