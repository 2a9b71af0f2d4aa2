#!/usr/bin/env python
"""HTCDS import benchmark: a partner's sheet of 10,000 rows in the toolkit's layout is read, mapped, checked
(dry run, duplicates) and imported, as the pages and the background task do it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_import .venv/bin/python bench/htcds_import.py [--rows 10000]

Uses a fresh test database (created and dropped by Django's test machinery) and the database task backend,
so each registered person's identifiers are queued for the links module as in production (the matching itself
runs later in the worker and is not timed). The baseline, in the same run, is registering rows one by one
through services.register_person (what the old one-step import did), on --baseline rows, extrapolated.
Peak memory: the process's maximum resident set size (resource), and tracemalloc's peak of Python
allocations during the import phases.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=300)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slows the run)")
    parser.add_argument("--profile", action="store_true", help="print the top functions (cProfile)")
    args = parser.parse_args()
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "ctims.settings.test"
    import django

    import ctims.settings.test as test_settings

    # Production's task backend: tasks are queued in the database for `manage.py db_worker`, not run inline.
    test_settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    test_settings.IMPORT_MAX_ROWS = max(args.rows, 50_000)
    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from django.db import connection

    db_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args.rows, args.baseline, args.tracemalloc, args.profile)
    finally:
        connection.creation.destroy_test_db(db_name, verbosity=0)


def run(rows: int, baseline_rows: int, trace: bool, profile: bool) -> None:
    from accounts.models import Organisation, OrganisationType, User
    from accounts.roles import Role
    from protection import services
    from protection.choices import Gender
    from protection.imports import services as imports
    from protection.models import Case
    from protection.tests.import_files import toolkit_rows, xlsx

    org = Organisation.objects.create(code="BENCH", name="Bench partner", type=OrganisationType.NGO)
    other = Organisation.objects.create(code="BASE", name="Baseline", type=OrganisationType.NGO)
    user = User.objects.create(username="bench.import", organisation=org, role=Role.CASE_WORKER)
    base_user = User.objects.create(username="bench.base", organisation=other, role=Role.CASE_WORKER)
    data = xlsx(toolkit_rows(rows), hidden_rows=(1,))
    print(f"file: {rows} rows, {len(data) / 1_048_576:.1f} MB xlsx (toolkit layout, values as labels)")

    if trace:
        tracemalloc.start()
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    t0 = time.perf_counter()
    job = imports.create_job(user, data, "partner.xlsx")
    t1 = time.perf_counter()
    assert job.errors == [], job.errors[:3]
    imports.confirm(user, job)  # queues the task (database backend); the worker would now call run_import
    imported = imports.run_import(job.pk, user.pk)
    t2 = time.perf_counter()
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    if profile:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
    assert imported == rows == Case.objects.filter(organisation=org).count(), imported
    print(f"read + map + check (upload page): {t1 - t0:6.1f} s")
    print(f"import (background task):         {t2 - t1:6.1f} s")
    print(f"total:                            {t2 - t0:6.1f} s  ({rows / (t2 - t0):.0f} rows/s)")
    print((f"peak Python allocations (tracemalloc): {peak / 1_048_576:.0f} MB; " if trace else "")
          + f"max RSS of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")

    from django_tasks_db.models import DBTaskResult

    from protection.imports.htcds import publish_mentions

    queued = DBTaskResult.objects.filter(task_path__endswith="publish_mentions_task").first()
    tp = time.perf_counter()
    published = publish_mentions(job.pk, queued.args_kwargs["args"][1]) if queued else 0
    print(f"then, in the worker: identifiers of {published} persons handed to links "
          f"(one matching run queued): {time.perf_counter() - tp:.1f} s")

    t3 = time.perf_counter()
    again = imports.create_job(user, data, "partner.xlsx")
    t4 = time.perf_counter()
    print(f"second upload of the same file: {again.summary['already']} rows already imported, "
          f"{again.summary['new']} new ({t4 - t3:.1f} s)")

    t5 = time.perf_counter()
    for i in range(baseline_rows):
        services.register_person(base_user, services.Identity(first_name=f"Base {i}", second_name="Person"),
                                 gender=Gender.FEMININE, exploitation_types=["ForcedLabour"])
    t6 = time.perf_counter()
    per_row = (t6 - t5) / baseline_rows
    print(f"baseline, one by one through register_person: {per_row * 1000:.1f} ms/row -> "
          f"{per_row * rows:.0f} s for {rows} rows (writes only, no reading or checking)")


if __name__ == "__main__":
    main()
