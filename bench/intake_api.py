"""Intake benchmark: saving calls and observations through the API with 50 concurrent clients, and
loading the triage board over a year of data (about 20,000 calls and 8,000 observations), on PostgreSQL.

It builds its own database (dropped and recreated), starts gunicorn on a free port, measures, and stops
the server. Two baselines are measured in the same run under the same concurrency, so the figures can be
read against the machine's speed: GET /healthz (no database) and GET /api/v1/me (token check, one small
query).

Clients first send their requests back to back (a saturated server); then the same numbers of users each
send one request and pause --think seconds before the next (people at work), which is the load model of
the aims.

    .venv/bin/python bench/intake_api.py                 # defaults: port 8401, 50 clients, --think 1.0
    .venv/bin/python bench/intake_api.py --clients 20 --saves 5

Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth), as for the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432"


def environment(db_name: str) -> dict[str, str]:
    from cryptography.fernet import Fernet

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ctims.settings.dev",
        "CTIMS_ENV_FILE": "/nonexistent",
        "SECRET_KEY": "bench-secret-key-" + "x" * 40,
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "BLIND_INDEX_KEY": "bench-blind-index-key-0123456789abcdef",
        "DATABASE_URL": f"{PG}/{db_name}",
        "CTIMS_DEMO_MODE": "1",
        "LOG_LEVEL": "WARNING",
    }


def recreate_database(db_name: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db_name}"')
        conn.execute(f'CREATE DATABASE "{db_name}"')


def seed_year(calls: int, observations: int) -> None:
    """Demo users and places, then a year of calls and observations (mostly triaged, some open)."""
    import django

    django.setup()
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

    ctx = load_all(DemoContext(), modules=["accounts"])
    from intake.demo import load_places

    places = load_places(ctx)
    rng = random.Random(1)
    police = ctx.organisations["POL"]
    operator, officer = ctx.users["police.hotline"], ctx.users["police.field"]
    now = dt.datetime.now(dt.UTC)
    voivs: list[Place] = places["voivodeships"]
    obs_places: list[Place] = places["rps"] + places["bcps"]

    def status(when: dt.datetime) -> str:
        return TriageStatus.NEW if (now - when).days < 14 and rng.random() < 0.6 else TriageStatus.CLOSED

    batch: list[HotlineCall] = []
    for _ in range(calls):
        when = now - dt.timedelta(minutes=rng.randint(0, 365 * 24 * 60))
        urgency = rng.choices([Urgency.ROUTINE, Urgency.URGENT, Urgency.IMMEDIATE_DANGER], [80, 15, 5])[0]
        contact = f"+380 67 {rng.randint(100, 999)} {rng.randint(1000, 9999)}" if rng.random() < 0.4 else ""
        batch.append(HotlineCall(
            organisation=police, created_by=operator, hotline=rng.choice(voivs), started_at=when,
            language=rng.choice(["uk", "ru", "pl"]), caller_type="anonymous", topic=rng.choice(Topic.values),
            urgency=urgency, priority=PRIORITY_OF_URGENCY[urgency], caller_contact=contact,
            caller_phone_index=caller_phone_index(contact), status=status(when)))
    HotlineCall.objects.bulk_create(batch, batch_size=2000)
    obs: list[FieldObservation] = []
    for _ in range(observations):
        when = now - dt.timedelta(minutes=rng.randint(0, 365 * 24 * 60))
        risk = rng.choice(RiskLevel.values)
        obs.append(FieldObservation(
            organisation=police, created_by=officer, place=rng.choice(obs_places), observed_at=when,
            offer_types=[rng.choice(["transport", "work", "accommodation"])], risk_level=risk,
            priority=PRIORITY_OF_RISK[RiskLevel(risk)], description="bench", status=status(when)))
    FieldObservation.objects.bulk_create(obs, batch_size=2000)


# --- client side ----------------------------------------------------------------------------------


class Client:
    """One keep-alive HTTP connection, as one mobile client or browser tab would have."""

    reconnects = 0  # across all clients: keep-alive connections the server had closed

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = headers

    def call(self, method: str, path: str, body: dict[str, object] | None = None) -> tuple[int, float, bytes]:
        """One request; the time includes a reconnection if the server had closed the idle connection."""
        data = json.dumps(body).encode() if body is not None else None
        headers = dict(self.headers)
        if data is not None:
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        try:
            status, content = self._send(method, path, data, headers)
        except (ConnectionError, http.client.RemoteDisconnected):
            # gunicorn closes idle keep-alive connections (and some at load); a browser reconnects and resends
            Client.reconnects += 1
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            status, content = self._send(method, path, data, headers)
        return status, (time.perf_counter() - start) * 1000, content

    def _send(self, method: str, path: str, data: bytes | None, headers: dict[str, str]) -> tuple[int, bytes]:
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        return response.status, response.read()


def token(port: int, username: str) -> str:
    status, _ms, body = Client(port, {}).call("POST", "/api/v1/auth/token",
                                              {"username": username, "password": "ctims-demo-2026"})
    if status != 200:
        sys.exit(f"could not get a token for {username}: {status} {body[:200]!r}")
    return str(json.loads(body)["token"])


def session_cookie(port: int, username: str) -> str:
    """Sign in through the web form (demo mode: no second factor) and return the Cookie header."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/accounts/sign-in/")
    r = conn.getresponse()
    html = r.read().decode()
    cookies = {c.split("=", 1)[0]: c.split("=", 1)[1].split(";", 1)[0] for c in r.headers.get_all("Set-Cookie") or []}
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not csrf:
        sys.exit("no CSRF token on the sign-in page")
    body = urlencode({"csrfmiddlewaretoken": csrf.group(1), "username": username, "password": "ctims-demo-2026"})
    conn.request("POST", "/accounts/sign-in/", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{port}/accounts/sign-in/",
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    r = conn.getresponse()
    r.read()
    for c in r.headers.get_all("Set-Cookie") or []:
        name, value = c.split("=", 1)
        cookies[name] = value.split(";", 1)[0]
    if "sessionid" not in cookies:
        sys.exit(f"sign-in as {username} failed ({r.status})")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def run(clients: int, per_client: int, make: object, think: float = 0.0) -> list[float]:
    """`clients` concurrent clients each doing `per_client` requests; returns the latencies (ms).

    With `think` > 0 each client pauses that long after every response, and the clients start spread
    evenly over the first `think` seconds, so that they do not all ask at the same instant.
    """

    def one(i: int) -> list[float]:
        client, requests = make(i)  # type: ignore[operator]
        out = []
        if think:
            time.sleep(think * i / clients)
        for method, path, body, expect in requests(per_client):
            status, ms, content = client.call(method, path, body)
            if status != expect:
                raise RuntimeError(f"{method} {path}: {status} {content[:300]!r}")
            out.append(ms)
            if think:
                time.sleep(think)
        return out

    with ThreadPoolExecutor(max_workers=clients) as pool:
        return [ms for chunk in pool.map(one, range(clients)) for ms in chunk]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=8401)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--saves", type=int, default=10, help="saves per client (half calls, half observations)")
    ap.add_argument("--board-clients", type=int, default=10)
    ap.add_argument("--board-requests", type=int, default=10, help="board loads per board client")
    ap.add_argument("--think", type=float, default=1.0,
                    help="seconds each user pauses after a response in the think-time part (0: skip it)")
    ap.add_argument("--calls", type=int, default=20_000)
    ap.add_argument("--observations", type=int, default=8_000)
    ap.add_argument("--workers", type=int, default=4, help="gunicorn workers (4 threads each)")
    ap.add_argument("--db", default="ctims_bench_intake")
    ap.add_argument("--server-log", default="/tmp/ctims-bench-intake-server.log")
    args = ap.parse_args()

    env = environment(args.db)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    print(f"database {args.db}: recreating, migrating, seeding {args.calls} calls and {args.observations} "
          "observations ...", flush=True)
    recreate_database(args.db)
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    t = time.perf_counter()
    seed_year(args.calls, args.observations)
    print(f"seeded in {time.perf_counter() - t:.1f} s", flush=True)

    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "ctims.wsgi:application", "-b", f"127.0.0.1:{args.port}",
         "-w", str(args.workers), "--threads", "4", "--access-logfile", "/dev/null"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(args.server_log, "w"))  # noqa: SIM115
    try:
        for _ in range(60):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request("GET", "/accounts/sign-in/")
                break
            except OSError:
                time.sleep(0.5)
        measure(args)
    finally:
        server.terminate()
        server.wait(timeout=30)


def measure(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from intake.models import Place

    port = args.port
    hotline_token, field_token, analyst_token = (token(port, u) for u in ("police.hotline", "police.field",
                                                                           "police.analyst"))
    board_cookie = session_cookie(port, "police.analyst")
    hotlines = list(Place.objects.filter(type="voivodeship").values_list("pk", flat=True))
    places = list(Place.objects.exclude(type="voivodeship").values_list("pk", flat=True))
    now = dt.datetime.now(dt.UTC).isoformat()

    def warm(make: object) -> None:
        run(4, 3, make)

    def healthz(i: int) -> object:
        return Client(port, {}), lambda n: [("GET", "/healthz", None, 200)] * n

    def baseline(i: int) -> object:
        client = Client(port, {"Authorization": f"Bearer {analyst_token}"})
        return client, lambda n: [("GET", "/api/v1/me", None, 200)] * n

    def saves(i: int) -> object:
        rng = random.Random(i)
        if i % 2 == 0:
            client = Client(port, {"Authorization": f"Bearer {hotline_token}"})

            def reqs(n: int) -> list[tuple[str, str, object, int]]:
                return [("POST", "/api/v1/intake/calls", {
                    "hotline_id": rng.choice(hotlines), "started_at": now, "language": "uk",
                    "caller_type": "potential_victim", "topic": "offer_work", "urgency": "urgent",
                    "caller_contact": f"+48 601 {rng.randint(100, 999)} {rng.randint(100, 999)}",
                    "mentions": [{"kind": "phone", "value": "+48 601 234 567"}]}, 201) for _ in range(n)]
        else:
            client = Client(port, {"Authorization": f"Bearer {field_token}"})

            def reqs(n: int) -> list[tuple[str, str, object, int]]:
                return [("POST", "/api/v1/intake/observations", {
                    "place_id": rng.choice(places), "observed_at": now, "offer_types": ["transport"],
                    "risk_level": "high", "description": "Driver offering lifts",
                    "mentions": [{"kind": "vehicle", "value": "BC 1234 AK", "country": "UA"}]}, 201)
                        for _ in range(n)]
        return client, reqs

    def board(i: int) -> object:
        client = Client(port, {"Cookie": board_cookie})
        return client, lambda n: [("GET", "/intake/triage/", None, 200)] * n

    for make in (healthz, baseline, saves, board):
        warm(make)
    load_before = os.getloadavg()
    rows: list[tuple[str, list[float], float]] = []

    print(f"\n{'what':58} {'n':>5} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'mean':>8}")

    def row(name: str, clients: int, per_client: int, make: object, think: float = 0.0) -> None:
        start = time.perf_counter()
        values = run(clients, per_client, make, think)
        rows.append((name, values, len(values) / (time.perf_counter() - start)))
        print(f"{name:58} {len(values):5d} {rows[-1][2]:7.1f} {pct(values, 50):8.1f} {pct(values, 95):8.1f} "
              f"{statistics.mean(values):8.1f}", flush=True)

    # one client first: the latency of a request on its own, before queueing for the CPU
    row("baseline GET /healthz (1 client)", 1, 30, healthz)
    row("baseline GET /api/v1/me (1 client)", 1, 30, baseline)
    row("save call/observation POST (2 clients: 1 each)", 2, 15, saves)
    row("triage board GET /intake/triage/ (1 client)", 1, 30, board)
    # back to back: every client sends its next request as soon as the answer arrives
    row(f"baseline GET /healthz ({args.clients} clients)", args.clients, args.saves, healthz)
    row(f"baseline GET /api/v1/me ({args.clients} clients)", args.clients, args.saves, baseline)
    row(f"save call/observation POST ({args.clients} clients)", args.clients, args.saves, saves)
    row(f"baseline GET /healthz ({args.board_clients} clients)", args.board_clients, args.board_requests, healthz)
    row(f"baseline GET /api/v1/me ({args.board_clients} clients)", args.board_clients, args.board_requests,
        baseline)
    row(f"triage board GET /intake/triage/ ({args.board_clients} clients)", args.board_clients,
        args.board_requests, board)
    load_middle = os.getloadavg()
    if args.think > 0:
        t = f"{args.think:g} s pause"
        row(f"baseline GET /healthz ({args.clients} users, {t})", args.clients, args.saves, healthz, args.think)
        row(f"save call/observation POST ({args.clients} users, {t})", args.clients, args.saves, saves, args.think)
        row(f"triage board GET /intake/triage/ ({args.clients} users, {t})", args.clients, args.board_requests,
            board, args.think)

    def avg(load: tuple[float, float, float]) -> str:
        return " ".join(f"{x:.2f}" for x in load)

    print(f"\nload average before / after the back-to-back part / at the end: {avg(load_before)} / "
          f"{avg(load_middle)} / {avg(os.getloadavg())} on {os.cpu_count()} CPUs; "
          f"{Client.reconnects} closed keep-alive connection(s) reopened")
    print(f"{'what':58} {'n':>5} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'mean':>8}")
    for name, values, rate in rows:
        print(f"{name:58} {len(values):5d} {rate:7.1f} {pct(values, 50):8.1f} {pct(values, 95):8.1f} "
              f"{statistics.mean(values):8.1f}")


if __name__ == "__main__":
    main()
