#!/usr/bin/env python
"""Protection benchmark: 100,000 cases in PostgreSQL, 50 concurrent users, scoped list / code search / case page.

    .venv/bin/python bench/protection_cases.py [--cases 100000] [--users 50] [--seconds 15] [--think 1.0]
                                               [--port 8202] [--reload]

Creates (once) the database `ctims_bench_protection` on 127.0.0.1:5432 with persons (encrypted names and
blind indexes), cases in four organisations, one screening per case and 10% of cases referred; then starts
gunicorn on --port and drives each scenario with 1 and then --users concurrent keep-alive clients sending
requests back to back (a saturated server), and then with --users users who each send one request and
pause --think seconds before the next (people reading the page). Each client is signed in with its own
session. The baseline is /healthz measured the same way in the same run.

The bench's own keys (below) encrypt the loaded names; set FIELD_ENCRYPTION_KEYS / BLIND_INDEX_KEY in the
environment to use others, and --reload after changing them.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "ctims_bench_protection"
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
BENCH_KEYS = {  # bench data only: fixed so that a database loaded once stays readable in later runs
    "SECRET_KEY": "bench-protection-secret-key-" + "x" * 40,
    "FIELD_ENCRYPTION_KEYS": "Y3RpbXMtYmVuY2gtcHJvdGVjdGlvbi1vbmx5LWtleSE=",
    "BLIND_INDEX_KEY": "bench-protection-blind-index-key-0123456789",
}


def setup_django() -> None:
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = DB_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctims.settings.dev")
    os.environ["CTIMS_DEMO_MODE"] = "1"
    os.environ.setdefault("CTIMS_ENV_FILE", "/nonexistent")
    for key, value in BENCH_KEYS.items():
        os.environ.setdefault(key, value)
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB_NAME,)).fetchone():
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def load(n: int) -> None:
    """Bulk-load n cases (bypassing services on purpose: this is volume, not behaviour)."""
    import datetime

    from django.db import connection, transaction
    from django.utils import timezone

    from accounts import demo as accounts_demo
    from core.demo import DemoContext
    from protection import identity as idx
    from protection.choices import ConsentPurpose, Gender, ReferralStatus
    from protection.indicators import load_indicator_sets
    from protection.models import Case, CaseCounter, Consent, Indicator, Person, Referral, Screening

    ctx = DemoContext()
    accounts_demo.load(ctx)
    load_indicator_sets()
    with connection.cursor() as cur:
        cur.execute("TRUNCATE protection_referral, protection_consent, protection_screening_observed, "
                    "protection_screening, protection_case, protection_person, protection_casecounter CASCADE")
    orgs = [("IOM", 0.4, "iom.caseworker"), ("LS", 0.25, "lastrada.caseworker"), ("KCIK", 0.2, "kcik.caseworker"),
            ("SG", 0.15, "bg.officer")]
    indicators = list(Indicator.objects.values_list("id", flat=True))
    rng = random.Random(7)
    year = timezone.localdate().year
    today = timezone.localdate()
    seq: dict[str, int] = {}
    batch = 5000
    started = time.time()
    for start in range(0, n, batch):
        size = min(batch, n - start)
        persons, cases = [], []
        for _ in range(size):
            code, _share, username = rng.choices(orgs, weights=[o[1] for o in orgs])[0]
            org, worker = ctx.organisations[code], ctx.users[username]
            seq[code] = seq.get(code, 0) + 1
            first, last = rng.choice(["Olena", "Andriy", "Iryna", "Van", "Siarhei"]), f"Surname{rng.randint(1, 99999)}"
            persons.append(Person(organisation=org, first_name=first, second_name=last,
                                  gender=rng.choice([Gender.FEMININE, Gender.MASCULINE]),
                                  name_index=idx.name_index(first, last)))
            cases.append(Case(code=f"{code}-{year}-{seq[code]:06d}", organisation=org, case_worker=worker,
                              status=rng.choice(["Active", "Active", "FollowUp", "Closed"]),
                              next_review_due=today + datetime.timedelta(days=rng.randint(-60, 90))))
        with transaction.atomic():
            Person.objects.bulk_create(persons, batch_size=batch)
            for p, c in zip(persons, cases, strict=True):
                c.person = p
            Case.objects.bulk_create(cases, batch_size=batch)
            screenings = Screening.objects.bulk_create(
                [Screening(case=c, organisation_id=c.organisation_id, recommendation="refer_identification")
                 for c in cases], batch_size=batch)
            Screening.observed.through.objects.bulk_create(
                [Screening.observed.through(screening_id=s.id, indicator_id=i)
                 for s in screenings for i in rng.sample(indicators, 2)], batch_size=batch)
            referred = [c for c in cases if rng.random() < 0.1]
            consents = Consent.objects.bulk_create(
                [Consent(case=c, purpose=ConsentPurpose.SHARING, language="uk",
                         shared_with=ctx.organisations["LS" if c.organisation.code != "LS" else "IOM"],
                         parts=["services", "screening"]) for c in referred], batch_size=batch)
            Referral.objects.bulk_create(
                [Referral(case=c, consent=k, from_organisation_id=c.organisation_id, to_organisation=k.shared_with,
                          parts=k.parts, reason="AdditionalServicesRequired",
                          status=rng.choice([ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.DECLINED]))
                 for c, k in zip(referred, consents, strict=True)], batch_size=batch)
        print(f"  loaded {start + size:,} cases ({time.time() - started:.0f} s)", flush=True)
    for code, last in seq.items():
        CaseCounter.objects.update_or_create(organisation=ctx.organisations[code], year=year, defaults={"last": last})
    with connection.cursor() as cur:
        cur.execute("ANALYZE")


def sessions_for(username: str, count: int) -> list[str]:
    """Signed-in sessions (as after sign-in with MFA), one per virtual user."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.models import User

    user = User.objects.get(username=username)
    keys = []
    for _ in range(count):
        s = SessionStore()
        s[SESSION_KEY] = str(user.pk)
        s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        s[HASH_SESSION_KEY] = user.get_session_auth_hash()
        s.create()
        keys.append(s.session_key or "")
    return keys


def start_server(port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": DB_URL, "DATABASE_CONN_MAX_AGE": "600"}
    proc = subprocess.Popen([str(ROOT / ".venv/bin/gunicorn"), "ctims.wsgi", "-b", f"127.0.0.1:{port}", "-w", "3",
                             "-k", "gthread", "--threads", "8", "--log-level", "warning"], cwd=ROOT, env=env)
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("gunicorn did not start")


def drive(port: int, paths: list[str], sessions: list[str], seconds: float,
          think: float = 0.0) -> tuple[list[float], int, float]:
    """Each session runs its own keep-alive client for `seconds`; returns latencies (ms), errors, elapsed.

    With `think` > 0 each client pauses that long after every response, and the clients start spread
    evenly over the first `think` seconds, so that they do not all ask at the same instant.
    """
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(n: int, session: str) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        bad = 0
        i = n
        if think:
            time.sleep(think * n / len(sessions))
        while time.perf_counter() < deadline:
            path = paths[i % len(paths)]
            i += len(sessions)
            t = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": f"sessionid={session}"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
            except OSError:
                bad += 1
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append((time.perf_counter() - t) * 1000)
            if think:
                time.sleep(think)
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n, s)) for n, s in enumerate(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors[0], time.perf_counter() - started


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else (values[0] if values else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--think", type=float, default=1.0,
                    help="seconds each user pauses after a response in the think-time scenario (0: skip it)")
    ap.add_argument("--port", type=int, default=8202)
    ap.add_argument("--reload", action="store_true", help="reload the data even if the database has it")
    args = ap.parse_args()
    setup_django()
    from protection.models import Case

    if args.reload or Case.objects.count() < args.cases:
        print(f"loading {args.cases:,} cases into {DB_NAME} ...", flush=True)
        load(args.cases)
    from accounts.models import Organisation

    iom = Organisation.objects.get(code="IOM")
    ids = list(Case.objects.filter(organisation=iom).order_by("?").values_list("id", "code")[:500])
    sessions = sessions_for("iom.caseworker", args.users)
    from django.db import connections

    connections.close_all()
    scenarios = [
        ("baseline /healthz", ["/healthz"]),
        ("case list (my organisation's, page 1)", ["/protection/?scope=organisation"]),
        ("case list (all I can see, API)", ["/api/v1/protection/cases?scope=all"]),
        ("search by case code", [f"/protection/?scope=all&code={code}" for _id, code in ids]),
        ("case page (audited view)", [f"/protection/cases/{cid}/" for cid, _code in ids]),
    ]
    server = start_server(args.port)
    try:
        drive(args.port, ["/protection/?scope=organisation"], sessions[:5], 2)  # warm up the workers
        total = Case.objects.count()
        runs = [(1, 0.0), (args.users, 0.0)] + ([(args.users, args.think)] if args.think > 0 else [])
        for users, think in runs:
            how = f"each pausing {think:g} s after every response" if think else "back to back"
            print(f"\n{total:,} cases, {users} concurrent user(s) {how}, {args.seconds:.0f} s each; "
                  f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs\n")
            print(f"{'scenario':40} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
            for name, paths in scenarios:
                lat, errors, elapsed = drive(args.port, paths, sessions[:users], args.seconds, think)
                print(f"{name:40} {len(lat):9d} {len(lat) / elapsed:8.1f} {pct(lat, 50):8.1f} {pct(lat, 95):8.1f} "
                      f"{errors:7d}", flush=True)
        print(f"\nload average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
