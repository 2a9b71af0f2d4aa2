#!/usr/bin/env python
"""CPU per request for the busiest pages, next to /healthz in the same run (issue 20).

    .venv/bin/python bench/cpu_per_request.py [--cases 100000] [-n 15] [--reload] [--profile 3]
                                              [--save before.json] [--compare before.json]

Builds (once; --reload to rebuild) its own PostgreSQL database `h_speed` on 127.0.0.1:5432: the whole demo
(every module), then --cases extra cases bulk-loaded in four organisations (encrypted names, a screening
each), a year of hotline calls and field observations (20,000 + 8,000, about 600 still open), and 30
participants on one training event. It then drives every page in this process through Django's WSGI
handler (the test client: all middleware, sessions, CSRF off) signed in as the user who works there, and
prints per page, the median over -n requests after 3 warm-up requests:

- CPU ms: `time.process_time()` around the request (this process only: PostgreSQL's own CPU is not in it);
- SQL queries and their wall time (a `connection.execute_wrapper`);
- template ms: wall time inside the top-level `Template.render` (includes SQL run lazily while rendering);
- decryptions: calls into `core.crypto.decrypt` (every encrypted field read goes through it).

--profile K prints a cProfile of the K pages with the most CPU (where the time goes, project code first).
--save writes the medians to a JSON file; --compare prints them next to a saved run ("before").
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import random
import re
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "h_speed"
PG = "postgres://postgres@127.0.0.1:5432"
BENCH_KEYS = {  # bench data only: fixed so that the database loaded once stays readable in later runs
    "SECRET_KEY": "bench-speed-secret-key-" + "x" * 40,
    "FIELD_ENCRYPTION_KEYS": "Y3RpbXMtYmVuY2gtc3BlZWQtb25seS1rZXktMDEyMzQ=",
    "BLIND_INDEX_KEY": "bench-speed-blind-index-key-0123456789",
}


def setup_django(reload: bool) -> bool:
    """Django on the bench database; True when the database was (re)created and needs loading."""
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"{PG}/{DB_NAME}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "ctims.settings.dev"
    os.environ["CTIMS_DEMO_MODE"] = "1"
    os.environ["DEBUG"] = "0"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("CTIMS_ENV_FILE", "/nonexistent")
    for key, value in BENCH_KEYS.items():
        os.environ[key] = value
    import psycopg

    fresh = False
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB_NAME,)).fetchone()
        if reload and exists:
            conn.execute(f'DROP DATABASE "{DB_NAME}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')
            fresh = True
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return fresh


def load(cases: int) -> None:
    """The demo, then volume (bypassing services on purpose: this is volume, not behaviour)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from core.demo import DemoContext, load_all
    from intake.models import (
        PRIORITY_OF_RISK,
        PRIORITY_OF_URGENCY,
        FieldObservation,
        HotlineCall,
        Place,
        RiskLevel,
        Topic,
        TriageStatus,
        Urgency,
    )
    from intake.services import caller_phone_index
    from protection import identity as idx
    from protection.choices import Gender
    from protection.models import Case, CaseCounter, Indicator, Person, Screening
    from training.models import Participant, ParticipantStatus, TrainingEvent

    started = time.time()
    ctx = load_all(DemoContext())
    print(f"  demo loaded ({time.time() - started:.0f} s)", flush=True)
    rng = random.Random(7)
    orgs = [("IOM", 0.4, "iom.caseworker"), ("LS", 0.25, "lastrada.caseworker"), ("KCIK", 0.2, "kcik.caseworker"),
            ("SG", 0.15, "bg.officer")]
    indicators = list(Indicator.objects.values_list("id", flat=True))
    today = timezone.localdate()
    year = today.year
    seq = {code: (CaseCounter.objects.filter(organisation=ctx.organisations[code], year=year)
                  .values_list("last", flat=True).first() or 0) + 1000 for code, *_ in orgs}
    batch = 5000
    for start in range(0, cases, batch):
        size = min(batch, cases - start)
        persons, rows = [], []
        for _ in range(size):
            code, _share, username = rng.choices(orgs, weights=[o[1] for o in orgs])[0]
            org, worker = ctx.organisations[code], ctx.users[username]
            seq[code] += 1
            first, last = rng.choice(["Olena", "Andriy", "Iryna", "Van", "Siarhei"]), f"Surname{rng.randint(1, 99999)}"
            persons.append(Person(organisation=org, first_name=first, second_name=last,
                                  gender=rng.choice([Gender.FEMININE, Gender.MASCULINE]),
                                  name_index=idx.name_index(first, last)))
            rows.append(Case(code=f"{code}-{year}-{seq[code]:06d}", organisation=org, case_worker=worker,
                             status=rng.choice(["Active", "Active", "FollowUp", "Closed"]),
                             next_review_due=today + dt.timedelta(days=rng.randint(-60, 90))))
        with transaction.atomic():
            Person.objects.bulk_create(persons, batch_size=batch)
            for p, c in zip(persons, rows, strict=True):
                c.person = p
            Case.objects.bulk_create(rows, batch_size=batch)
            screenings = Screening.objects.bulk_create(
                [Screening(case=c, organisation_id=c.organisation_id, recommendation="refer_identification")
                 for c in rows], batch_size=batch)
            Screening.observed.through.objects.bulk_create(
                [Screening.observed.through(screening_id=s.id, indicator_id=i)
                 for s in screenings for i in rng.sample(indicators, 2)], batch_size=batch)
        print(f"  {start + size:,} cases ({time.time() - started:.0f} s)", flush=True)
    for code, last in seq.items():
        CaseCounter.objects.update_or_create(organisation=ctx.organisations[code], year=year, defaults={"last": last})

    police = ctx.organisations["POL"]
    operator, officer = ctx.users["police.hotline"], ctx.users["police.field"]
    now = dt.datetime.now(dt.UTC)
    voivs = list(Place.objects.filter(type="voivodeship")) or list(Place.objects.all()[:16])
    obs_places = list(Place.objects.exclude(type="voivodeship")) or voivs

    def status(when: dt.datetime) -> str:
        return TriageStatus.NEW if (now - when).days < 14 and rng.random() < 0.6 else TriageStatus.CLOSED

    calls = []
    for _ in range(20000):
        when = now - dt.timedelta(minutes=rng.randint(0, 365 * 24 * 60))
        urgency = rng.choices([Urgency.ROUTINE, Urgency.URGENT, Urgency.IMMEDIATE_DANGER], [80, 15, 5])[0]
        contact = f"+380 67 {rng.randint(100, 999)} {rng.randint(1000, 9999)}" if rng.random() < 0.4 else ""
        calls.append(HotlineCall(
            organisation=police, created_by=operator, hotline=rng.choice(voivs), started_at=when,
            language=rng.choice(["uk", "ru", "pl"]), caller_type="anonymous", topic=rng.choice(Topic.values),
            urgency=urgency, priority=PRIORITY_OF_URGENCY[urgency], caller_contact=contact,
            caller_phone_index=caller_phone_index(contact), status=status(when)))
    HotlineCall.objects.bulk_create(calls, batch_size=2000)
    obs = []
    for _ in range(8000):
        when = now - dt.timedelta(minutes=rng.randint(0, 365 * 24 * 60))
        risk = rng.choice(RiskLevel.values)
        obs.append(FieldObservation(
            organisation=police, created_by=officer, place=rng.choice(obs_places), observed_at=when,
            offer_types=[rng.choice(["transport", "work", "accommodation"])], risk_level=risk,
            priority=PRIORITY_OF_RISK[RiskLevel(risk)], description="bench", status=status(when)))
    FieldObservation.objects.bulk_create(obs, batch_size=2000)
    print(f"  a year of intake ({time.time() - started:.0f} s)", flush=True)

    event = TrainingEvent.objects.filter(status="held").order_by("id").first()
    assert event is not None, "the demo has no held training event"
    have = event.participants.count()
    Participant.objects.bulk_create([
        Participant(event=event, full_name=f"Participant {i}", organisation_name="Border Guard",
                    position="Officer", status=ParticipantStatus.COMPLETED) for i in range(max(0, 30 - have))])
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    print(f"  loaded ({time.time() - started:.0f} s)", flush=True)


def scorm_enrolment() -> tuple[int, str]:
    """A learner enrolled in a SCORM 1.2 course, and a bearer token for them."""
    from accounts.models import User
    from training import services
    from training.models import Course, Enrolment

    trainer = User.objects.get(username="iom.trainer")
    course = Course.objects.filter(family="bench-scorm", language="en").first()
    if course is None:
        manifest = ('<?xml version="1.0"?><manifest identifier="b" '
                    'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
                    'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"><metadata><schemaversion>1.2'
                    '</schemaversion></metadata><organizations default="o"><organization identifier="o">'
                    '<title>Bench</title><item identifier="i" identifierref="r"/></organization></organizations>'
                    '<resources><resource identifier="r" adlcp:scormtype="sco" href="index.html">'
                    '<file href="index.html"/></resource></resources></manifest>')
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            zf.writestr("imsmanifest.xml", manifest)
            zf.writestr("index.html", "<html><body>bench</body></html>")
        course, _w = services.upload_scorm_package(trainer, family="bench-scorm", language="en", title="Bench",
                                                   summary="", data=buffer.getvalue())
        services.set_course_published(trainer, course, True)
    learner = User.objects.get(username="police.field")
    enrolment, _c = Enrolment.objects.get_or_create(user=learner, course=course)
    return enrolment.pk, token_for("police.field")


def token_for(username: str) -> str:
    from accounts.models import ApiToken, User

    secret = ApiToken.new_secret()
    ApiToken.objects.create(user=User.objects.get(username=username), name="bench-speed", prefix=secret[6:12],
                            token_hash=ApiToken.hash(secret))
    return secret


# --- instruments ---------------------------------------------------------------------------------------


class Meter:
    """Queries, their time, template time and decryptions during one request."""

    def __init__(self) -> None:
        self.queries = 0
        self.sql_s = 0.0
        self.template_s = 0.0
        self.decrypts = 0
        self.depth = 0

    def reset(self) -> None:
        self.queries, self.sql_s, self.template_s, self.decrypts, self.depth = 0, 0.0, 0.0, 0, 0

    def sql(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql_s += time.perf_counter() - t
            self.queries += 1


def instrument(meter: Meter) -> None:
    from django.template.backends.django import Template

    from core import crypto

    real_decrypt = crypto.decrypt

    def counting_decrypt(stored: str) -> str:
        meter.decrypts += 1
        return real_decrypt(stored)

    crypto.decrypt = counting_decrypt  # type: ignore[assignment]
    real_render = Template.render

    def timed_render(self: Any, *args: Any, **kwargs: Any) -> Any:
        meter.depth += 1
        t = time.perf_counter()
        try:
            return real_render(self, *args, **kwargs)
        finally:
            meter.depth -= 1
            if meter.depth == 0:
                meter.template_s += time.perf_counter() - t

    Template.render = timed_render  # type: ignore[method-assign]


# --- pages ---------------------------------------------------------------------------------------------


def pages() -> list[tuple[str, str, Callable[[Any], Any]]]:
    """(name, user, request) per page; `request` takes a test client and returns the response."""
    from django.db.models import Count

    from intake.models import Place
    from links.models import Entity
    from protection.models import Case
    from training.models import TrainingEvent

    # a demo case with its records (notes, tasks, screening...), not one of the bare bulk-loaded ones
    case = (Case.objects.filter(organisation__code="IOM", person__isnull=False)
            .annotate(n=Count("notes", distinct=True) + Count("tasks", distinct=True)).order_by("-n", "id").first())
    assert case is not None
    event = TrainingEvent.objects.filter(status="held").order_by("id").first()
    assert event is not None
    entity = (Entity.objects.filter(kind="person", mentions__owner_organisation__code="POL")
              .annotate(n=Count("mentions")).order_by("-n", "id").first()
              or Entity.objects.filter(mentions__owner_organisation__code="POL").order_by("id").first())
    assert entity is not None
    hotline = Place.objects.filter(type="voivodeship").values_list("id", flat=True).first()
    place = Place.objects.exclude(type="voivodeship").values_list("id", flat=True).first()
    hotline_token, field_token = token_for("police.hotline"), token_for("police.field")
    enrolment_id, learner_token = scorm_enrolment()
    rng = random.Random(3)
    now = dt.datetime.now(dt.UTC).isoformat()
    scorm_body = json.dumps({
        "cmi.core.lesson_status": "incomplete", "cmi.core.lesson_location": "slide-3", "cmi.core.exit": "suspend",
        "cmi.core.session_time": "00:03:00", "cmi.core.score.raw": "70", "cmi.core.score.min": "0",
        "cmi.core.score.max": "100", "cmi.suspend_data": "".join(rng.choice("abcdef0123") for _ in range(2000)),
        **{f"cmi.interactions.{i}.id": f"q{i}" for i in range(10)}})

    def post_json(path: str, token: str, body: Callable[[], dict[str, Any]] | str, status: int = 201
                  ) -> Callable[[Any], Any]:
        def go(client: Any) -> Any:
            data = body if isinstance(body, str) else json.dumps(body())
            return client.post(path, data=data, content_type="application/json",
                               HTTP_AUTHORIZATION=f"Bearer {token}")
        return go

    def call_body() -> dict[str, Any]:
        return {"hotline_id": hotline, "started_at": now, "language": "uk", "caller_type": "potential_victim",
                "topic": "offer_work", "urgency": "urgent",
                "caller_contact": f"+48 601 {rng.randint(100, 999)} {rng.randint(100, 999)}",
                "mentions": [{"kind": "phone", "value": "+48 601 234 567"}]}

    def observation_body() -> dict[str, Any]:
        return {"place_id": place, "observed_at": now, "offer_types": ["transport"], "risk_level": "high",
                "description": "Driver offering lifts",
                "mentions": [{"kind": "vehicle", "value": f"BC {rng.randint(1000, 9999)} AK", "country": "UA"}]}

    def get(path: str) -> Callable[[Any], Any]:
        return lambda client: client.get(path)

    return [
        ("/healthz (baseline)", "", get("/healthz")),
        ("case list HTML (50 rows)", "iom.caseworker", get("/protection/?scope=mine")),
        ("case list API (50 items)", "iom.caseworker", get("/api/v1/protection/cases?limit=50")),
        ("case page", "iom.caseworker", get(f"/protection/cases/{case.pk}/")),
        ("triage board", "police.analyst", get("/intake/triage/")),
        ("call save (API)", "", post_json("/api/v1/intake/calls", hotline_token, call_body)),
        ("observation save (API)", "", post_json("/api/v1/intake/observations", field_token, observation_body)),
        ("links entity list", "police.analyst", get("/links/")),
        ("identity page", "police.analyst", get(f"/links/entities/{entity.pk}/")),
        ("network view", "police.analyst", get(f"/links/entities/{entity.pk}/network/")),
        ("training event, 30 participants", "iom.trainer", get(f"/training/events/{event.pk}/")),
        ("SCORM commit (API)", "", post_json(f"/api/v1/training/enrolments/{enrolment_id}/scorm", learner_token,
                                             scorm_body, 200)),
        ("public home", "", get("/")),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100000)
    parser.add_argument("-n", type=int, default=15, help="measured requests per page (after 3 warm-up)")
    parser.add_argument("--reload", action="store_true")
    parser.add_argument("--profile", type=int, default=3, help="profile the K pages with the most CPU")
    parser.add_argument("--save", help="write the medians to this JSON file")
    parser.add_argument("--compare", help="print a saved run's medians beside this one")
    args = parser.parse_args()
    if setup_django(args.reload):
        load(args.cases)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    # No setup_test_environment(): its instrumented template rendering (a signal and a context copy per
    # template) would be counted as the page's CPU. The test client's host is allowed instead.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    from protection.models import Case

    meter = Meter()
    instrument(meter)
    users = get_user_model().objects
    clients: dict[str, Any] = {}
    results: dict[str, dict[str, float]] = {}
    load_before = os.getloadavg()
    print(f"{Case.objects.count():,} cases; load average {load_before[0]:.1f}; median of {args.n} requests\n")
    print(f"{'page':36} {'CPU ms':>7} {'wall ms':>8} {'queries':>8} {'SQL ms':>7} {'tmpl ms':>8} {'decrypt':>8}")
    targets = pages()
    with connection.execute_wrapper(meter.sql):
        for name, username, request in targets:
            if username not in clients:
                client = Client()
                if username:
                    client.force_login(users.get(username=username))
                clients[username] = client
            client = clients[username]
            samples: list[tuple[float, float, int, float, float, int]] = []
            for i in range(3 + args.n):
                meter.reset()
                wall, cpu = time.perf_counter(), time.process_time()
                response = request(client)
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                if response.status_code not in (200, 201):
                    raise SystemExit(f"{name}: HTTP {response.status_code} {response.content[:300]!r}")
                if i >= 3:
                    samples.append((cpu * 1000, wall * 1000, meter.queries, meter.sql_s * 1000,
                                    meter.template_s * 1000, meter.decrypts))
            med = [statistics.median(s[k] for s in samples) for k in range(6)]
            results[name] = dict(zip(("cpu", "wall", "queries", "sql", "template", "decrypts"), med, strict=True))
            print(f"{name:36} {med[0]:7.1f} {med[1]:8.1f} {med[2]:8.0f} {med[3]:7.1f} {med[4]:8.1f} {med[5]:8.0f}",
                  flush=True)
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")
    if args.compare:
        before = json.loads(Path(args.compare).read_text())
        print(f"\n{'page':36} {'CPU before':>10} {'after':>7} {'queries before':>15} {'after':>6}")
        for name, now_ in results.items():
            b = before.get(name, {})
            print(f"{name:36} {b.get('cpu', float('nan')):10.1f} {now_['cpu']:7.1f} "
                  f"{b.get('queries', float('nan')):15.0f} {now_['queries']:6.0f}")
    if args.save:
        Path(args.save).write_text(json.dumps(results, indent=1))
    if args.profile:
        top = sorted((r["cpu"], n) for n, r in results.items() if not n.startswith("/healthz"))[-args.profile:]
        for _cpu, name in reversed(top):
            username, request = next((u, r) for n, u, r in targets if n == name)
            # CPU, not wall: waits for PostgreSQL or for a core are not counted
            profiler = cProfile.Profile(time.process_time)
            profiler.enable()
            for _ in range(5):
                request(clients[username])
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
            stats.print_stats(re.escape(str(ROOT)) + r"/(?!\.venv)", 18)
            print(f"\n=== profile: {name} (5 requests, cumulative, project code) ===")
            print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))


if __name__ == "__main__":
    main()
