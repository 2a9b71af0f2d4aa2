"""E-learning load: N learners each commit their SCORM data every `interval` seconds.

Drives a running CTIMS server over HTTP (the same API the player's runtime uses) and prints
p50/p95/p99 latency for the SCORM commits, next to a baseline endpoint (GET /api/v1/me: token
auth plus one read) sampled at the same time, so the figures say how much the commit costs
beyond the framework's floor on this machine.

Setup (learners, enrolments, tokens, a one-SCO package) is written straight into the server's
database, so run it with the same settings and DATABASE_URL as the server:

    DJANGO_SETTINGS_MODULE=ctims.settings.dev DATABASE_URL=sqlite:////abs/path/db.sqlite3 \\
        .venv/bin/python bench/elearning_scorm.py --url http://127.0.0.1:8301 --learners 300 --duration 120
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup(learners: int) -> list[tuple[int, str]]:
    """(enrolment id, bearer token) per learner, creating what is missing."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctims.settings.dev")
    django.setup()
    import io
    import zipfile

    from accounts.models import ApiToken, Organisation, OrganisationType, User
    from accounts.roles import Role
    from training import services
    from training.models import Course, Enrolment

    org, _ = Organisation.objects.get_or_create(
        code="BENCH", defaults={"name": "Bench learners", "type": OrganisationType.BORDER_GUARD})
    trainer, _created = User.objects.get_or_create(username="bench.trainer", defaults={
        "organisation": org, "role": Role.TRAINER, "email": "bench.trainer@bench.invalid"})
    course = Course.objects.filter(family="bench-scorm", language="en").first()
    if course is None:
        manifest = ('<?xml version="1.0"?><manifest identifier="b" '
                    'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
                    'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"><metadata><schemaversion>1.2</schemaversion>'
                    '</metadata><organizations default="o"><organization identifier="o"><title>Bench</title>'
                    '<item identifier="i" identifierref="r"/></organization></organizations><resources>'
                    '<resource identifier="r" adlcp:scormtype="sco" href="index.html"><file href="index.html"/>'
                    '</resource></resources></manifest>')
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            zf.writestr("imsmanifest.xml", manifest)
            zf.writestr("index.html", "<html><body>bench</body></html>")
        course, _w = services.upload_scorm_package(trainer, family="bench-scorm", language="en", title="Bench",
                                                   summary="", data=buffer.getvalue())
        services.set_course_published(trainer, course, True)
    out = []
    for n in range(learners):
        user, _c = User.objects.get_or_create(username=f"bench.learner{n:04d}", defaults={
            "organisation": org, "role": Role.LEARNER, "email": f"bench{n}@bench.invalid"})
        enrolment, _c = Enrolment.objects.get_or_create(user=user, course=course)
        secret = ApiToken.new_secret()
        ApiToken.objects.create(user=user, name="bench", prefix=secret[6:12], token_hash=ApiToken.hash(secret))
        out.append((enrolment.pk, secret))
    return out


def payload(rng: random.Random, step: int) -> bytes:
    """A realistic commit: the flattened cmi a SCORM 1.2 runtime sends (about 2 KB of suspend data)."""
    data = {
        "cmi.core.lesson_status": "incomplete", "cmi.core.lesson_location": f"slide-{step}",
        "cmi.core.exit": "suspend", "cmi.core.session_time": f"00:{step % 60:02d}:00",
        "cmi.core.score.raw": str(rng.randint(0, 100)), "cmi.core.score.min": "0", "cmi.core.score.max": "100",
        "cmi.suspend_data": "".join(rng.choice("abcdefghij0123456789") for _ in range(2000)),
        "cmi.student_preference.audio": "0", "cmi.student_preference.language": "pl",
    }
    for i in range(10):
        data[f"cmi.interactions.{i}.id"] = f"q{i}"
        data[f"cmi.interactions.{i}.result"] = rng.choice(["correct", "wrong"])
    return json.dumps(data).encode()


def run(url: str, learners: list[tuple[int, str]], interval: float, duration: float,
        baseline_rate: float, threads: int) -> tuple[list[float], list[float], dict[str, int]]:
    target = urlparse(url)
    rng = random.Random(20221128)
    start = time.monotonic() + 1.0
    # Every learner commits every `interval` s from a random phase; the baseline is sampled evenly.
    jobs: list[tuple[float, str, int, str]] = []
    for enrolment_id, token in learners:
        t = rng.uniform(0, interval)
        while t < duration:
            jobs.append((start + t, "scorm", enrolment_id, token))
            t += interval
    base_token = learners[0][1]
    t = 0.0
    while t < duration:
        jobs.append((start + t, "baseline", 0, base_token))
        t += 1 / baseline_rate
    jobs.sort()
    lock = threading.Lock()
    cursor = [0]
    scorm_ms: list[float] = []
    base_ms: list[float] = []
    errors: dict[str, int] = {}

    def worker() -> None:
        # A new connection per request: 30 s apart, a browser's keep-alive would have expired too.
        wrng = random.Random()
        step = 0
        while True:
            with lock:
                if cursor[0] >= len(jobs):
                    break
                due, kind, enrolment_id, token = jobs[cursor[0]]
                cursor[0] += 1
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            headers = {"Authorization": f"Bearer {token}"}
            began = time.perf_counter()
            conn = http.client.HTTPConnection(target.hostname or "127.0.0.1", target.port, timeout=30)
            status = "connection error"
            try:
                if kind == "scorm":
                    step += 1
                    headers["Content-Type"] = "application/json"
                    conn.request("POST", f"/api/v1/training/enrolments/{enrolment_id}/scorm",
                                 body=payload(wrng, step), headers=headers)
                else:
                    conn.request("GET", "/api/v1/me", headers=headers)
                response = conn.getresponse()
                response.read()
                status = str(response.status)
            except (OSError, http.client.HTTPException):
                pass
            finally:
                conn.close()
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                if status != "200":
                    errors[status] = errors.get(status, 0) + 1
                (scorm_ms if kind == "scorm" else base_ms).append(elapsed)

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    return scorm_ms, base_ms, errors


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8301")
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--interval", type=float, default=30.0, help="seconds between one learner's commits")
    parser.add_argument("--duration", type=float, default=120.0, help="seconds of load")
    parser.add_argument("--baseline-rate", type=float, default=2.0, help="baseline requests per second")
    parser.add_argument("--threads", type=int, default=32, help="client threads (concurrent connections)")
    args = parser.parse_args()

    learners = setup(args.learners)
    print(f"{len(learners)} learners, one commit each every {args.interval:.0f} s "
          f"(~{len(learners) / args.interval:.1f} commits/s), {args.duration:.0f} s, against {args.url}")
    began = time.monotonic()
    scorm_ms, base_ms, errors = run(args.url, learners, args.interval, args.duration, args.baseline_rate, args.threads)
    wall = time.monotonic() - began
    print(f"{'endpoint':<44}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    rows = (("POST /api/v1/training/enrolments/{id}/scorm", scorm_ms), ("GET /api/v1/me (baseline)", base_ms))
    for name, values in rows:
        print(f"{name:<44}{len(values):>6}{pct(values, 50):>9.1f}{pct(values, 95):>9.1f}{pct(values, 99):>9.1f}"
              f"{max(values):>9.1f}")
    print(f"errors: {errors or 'none'}; achieved {len(scorm_ms) / wall:.1f} commits/s over {wall:.0f} s; "
          f"p95 ratio scorm/baseline: {pct(scorm_ms, 95) / pct(base_ms, 95):.2f}")


if __name__ == "__main__":
    main()
