"""Fault benchmark: PostgreSQL restarted under a write load. Is any acknowledged write lost, how many
requests fail, and how long until writes succeed again?

It runs its own PostgreSQL cluster (initdb in a temporary folder, its own port: nobody else's database
is restarted), migrates a database there, starts gunicorn as in production (DATABASE_CONN_MAX_AGE=60,
health checks on), and has --clients API clients log hotline calls back to back:

1. baseline: --seconds of load with no fault (writes per second, errors: none expected);
2. fault: the same load, with `pg_ctl restart -m fast` --restart-after seconds in.

Then every call id answered with 201 is looked up: acknowledged writes missing afterwards are lost
writes (must be 0). Also counted: failed requests, rows written whose request did not get a 201
(the client may retry: a duplicate, not a loss), seconds from the restart until the first write
succeeds again, and /readyz during the outage.

    .venv/bin/python bench/fault_postgres_restart.py              # port 5499 for PostgreSQL, 8405 for gunicorn
    .venv/bin/python bench/fault_postgres_restart.py --clients 8 --seconds 20

Needs root (it runs PostgreSQL as the `postgres` user) and the PostgreSQL server binaries
(/usr/lib/postgresql/<version>/bin).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "bench-password-2026"


def pg_bin() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    if not versions:
        sys.exit("no PostgreSQL server binaries under /usr/lib/postgresql")
    return versions[-1].parent


def as_postgres(*command: str) -> None:
    subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True, capture_output=True)


class Cluster:
    """A throwaway PostgreSQL cluster on its own port and data folder."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix="ctims-bench-pg-"))
        shutil.chown(self.dir, "postgres", "postgres")
        self.data = self.dir / "data"
        self.bin = pg_bin()

    def start(self) -> None:
        as_postgres(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.ctl("start")

    def ctl(self, action: str) -> None:
        as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "server.log"), "-w",
                    "-m", "fast", "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1", action)

    def stop(self) -> None:
        try:
            self.ctl("stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def environment(port: int) -> dict[str, str]:
    from cryptography.fernet import Fernet

    return {**os.environ, "DJANGO_SETTINGS_MODULE": "ctims.settings.dev", "CTIMS_ENV_FILE": "/nonexistent",
            "SECRET_KEY": "bench-secret-key-" + "x" * 40, "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "BLIND_INDEX_KEY": "bench-blind-index-key-0123456789abcdef",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/ctims_fault", "DATABASE_CONN_MAX_AGE": "60",
            "CTIMS_DEMO_MODE": "1", "LOG_LEVEL": "WARNING"}


def seed() -> tuple[int, str]:
    """An operator who may log calls, with an API token, and the hotline's place: (place id, token)."""
    import django

    django.setup()
    from accounts.models import Organisation, OrganisationType, User
    from accounts.roles import Role
    from accounts.services import create_api_token
    from intake.models import Place, PlaceType

    org = Organisation.objects.create(code="POL", name="Police HQ", type=OrganisationType.POLICE)
    user = User(username="bench.hotline", role=Role.HOTLINE_OPERATOR, organisation=org, email="b@example.invalid")
    user.set_password(PASSWORD)
    user.save()
    place = Place.objects.create(type=PlaceType.VOIVODESHIP, name="Lubelskie", latitude=51.25, longitude=22.57)
    return place.pk, create_api_token(user, "bench")[1]


def request(port: int, method: str, path: str, body: object = None, headers: dict[str, str] | None = None,
            timeout: float = 30) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        conn.request(method, path, body=data, headers={"Content-Type": "application/json", **(headers or {})})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@dataclass
class Phase:
    acked: list[int] = field(default_factory=list)  # call ids answered 201
    ack_times: list[float] = field(default_factory=list)
    errors: list[tuple[float, str]] = field(default_factory=list)
    sent: int = 0


def load(port: int, token: str, hotline: int, clients: int, seconds: float, on_start: float | None,
         action: object = None) -> Phase:
    """`clients` threads logging calls for `seconds`; `action` runs `on_start` seconds in (in its own thread)."""
    phase = Phase()
    lock = threading.Lock()
    start = time.monotonic()
    stop = start + seconds
    body = {"hotline_id": hotline, "started_at": dt.datetime.now(dt.UTC).isoformat(), "language": "uk",
            "caller_type": "potential_victim", "topic": "offer_work", "urgency": "urgent"}

    def client() -> None:
        while time.monotonic() < stop:
            t = time.monotonic() - start
            try:
                status, content = request(port, "POST", "/api/v1/intake/calls", body,
                                          {"Authorization": f"Bearer {token}"})
                outcome = str(status)
            except OSError as exc:
                status, content, outcome = 0, b"", type(exc).__name__
            with lock:
                phase.sent += 1
                if status == 201:
                    phase.acked.append(int(json.loads(content)["id"]))
                    phase.ack_times.append(time.monotonic() - start)
                else:
                    phase.errors.append((t, outcome))
                    time.sleep(0.05)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    if action is not None and on_start is not None:
        time.sleep(on_start)
        action()  # type: ignore[operator]
    for thread in threads:
        thread.join()
    return phase


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pg-port", type=int, default=5499)
    ap.add_argument("--port", type=int, default=8405, help="gunicorn")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    ap.add_argument("--restart-after", type=float, default=6.0)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()

    cluster = Cluster(args.pg_port)
    print(f"PostgreSQL cluster in {cluster.dir} on port {args.pg_port} (binaries {cluster.bin})", flush=True)
    cluster.start()
    env = environment(args.pg_port)
    os.environ.update(env)
    server = None
    try:
        subprocess.run([str(cluster.bin / "createdb"), "-h", "127.0.0.1", "-p", str(args.pg_port), "-U", "postgres",
                        "ctims_fault"], check=True)
        subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
        hotline, token = seed()
        log = Path(cluster.dir) / "gunicorn.log"
        server = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "ctims.wsgi:application", "-b", f"127.0.0.1:{args.port}",
             "-w", str(args.workers), "--threads", "4", "--timeout", "60", "--access-logfile", "/dev/null"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(log, "w"))  # noqa: SIM115
        for _ in range(120):
            try:
                if request(args.port, "GET", "/healthz", timeout=1)[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        measure(args, cluster, token, hotline)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        cluster.stop()


def measure(args: argparse.Namespace, cluster: Cluster, token: str, hotline: int) -> None:
    from intake.models import HotlineCall

    baseline = load(args.port, token, hotline, args.clients, args.seconds, None)
    before = HotlineCall.objects.count()

    restart: dict[str, float] = {}
    readyz: list[tuple[float, int]] = []
    origin = time.monotonic()

    def restart_postgres() -> None:
        restart["begin"] = time.monotonic() - origin
        cluster.ctl("restart")
        restart["end"] = time.monotonic() - origin

    def probe() -> None:
        while time.monotonic() - origin < args.seconds:
            try:
                readyz.append((time.monotonic() - origin, request(args.port, "GET", "/readyz", timeout=2)[0]))
            except OSError:
                readyz.append((time.monotonic() - origin, 0))
            time.sleep(0.2)

    prober = threading.Thread(target=probe)
    prober.start()
    fault = load(args.port, token, hotline, args.clients, args.seconds, args.restart_after, restart_postgres)
    prober.join()

    from django.db import connection

    connection.close()  # the bench's own connection died with the restart
    present = set(HotlineCall.objects.filter(pk__in=fault.acked + baseline.acked).values_list("pk", flat=True))
    lost = len(set(fault.acked + baseline.acked) - present)
    written_in_fault = HotlineCall.objects.count() - before
    unacked_but_written = written_in_fault - len(fault.acked)
    after = [t for t in fault.ack_times if t >= restart["end"]]
    recovered = (min(after) - restart["end"]) if after else float("nan")
    error_times = [t for t, _ in fault.errors]
    not_ready = [t for t, s in readyz if s != 200]
    kinds: dict[str, int] = {}
    for _, kind in fault.errors:
        kinds[kind] = kinds.get(kind, 0) + 1

    def rate(phase: Phase) -> float:
        return len(phase.acked) / args.seconds

    print()
    print(f"{'':44} {'baseline':>12} {'PG restart':>12}")
    print(f"{'requests sent':44} {baseline.sent:>12} {fault.sent:>12}")
    print(f"{'acknowledged writes (201)':44} {len(baseline.acked):>12} {len(fault.acked):>12}")
    print(f"{'acknowledged writes per second':44} {rate(baseline):>12.1f} {rate(fault):>12.1f}")
    print(f"{'failed requests':44} {len(baseline.errors):>12} {len(fault.errors):>12}")
    print(f"{'acknowledged writes missing afterwards':44} {'':>12} {lost:>12}")
    print(f"{'rows written without a 201 (retry = dup)':44} {'':>12} {unacked_but_written:>12}")
    print()
    print(f"restart took {restart['end'] - restart['begin']:.2f} s (pg_ctl -m fast, -w); first acknowledged "
          f"write {recovered:.2f} s after PostgreSQL was back")
    if error_times:
        print(f"writes failed from {min(error_times) - restart['begin']:+.2f} s to "
              f"{max(error_times) - restart['begin']:+.2f} s after the restart began "
              f"({max(error_times) - min(error_times):.2f} s): {kinds}")
    if not_ready:
        print(f"/readyz answered non-200 from {min(not_ready) - restart['begin']:+.2f} s to "
              f"{max(not_ready) - restart['begin']:+.2f} s ({len(not_ready)} of {len(readyz)} probes)")
    else:
        print(f"/readyz answered 200 to all {len(readyz)} probes")


if __name__ == "__main__":
    main()
