"""Fault benchmark: the disk that holds the uploaded files fills up during an upload. Does the case
worker get a clear message, and is nothing half-written (no partial file, no document row)?

MEDIA_ROOT is put on a small tmpfs mounted for the run (--size KB); the database stays on an ordinary
disk. A case worker uploads a --document KB case document through the real page (Django's test client,
the whole middleware and upload-handler chain):

1. baseline: with room to spare (status, time, file and row written);
2. fault: the tmpfs filled until less than the document's size is free, then the same upload.

    .venv/bin/python bench/fault_disk_full.py
    .venv/bin/python bench/fault_disk_full.py --size 2048 --document 600

Needs root (mount -t tmpfs). A fresh SQLite database in a temporary folder; nothing else is touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def environment(folder: Path) -> dict[str, str]:
    from cryptography.fernet import Fernet

    return {**os.environ, "DJANGO_SETTINGS_MODULE": "ctims.settings.dev", "CTIMS_ENV_FILE": "/nonexistent",
            "SECRET_KEY": "bench-secret-key-" + "x" * 40, "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "BLIND_INDEX_KEY": "bench-blind-index-key-0123456789abcdef",
            "DATABASE_URL": f"sqlite:///{folder / 'ctims.sqlite3'}", "ALLOWED_HOSTS": "testserver",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "LOG_LEVEL": "CRITICAL"}


def files_under(folder: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(folder)), p.stat().st_size) for p in folder.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=2048, help="tmpfs size in KB")
    ap.add_argument("--document", type=int, default=600, help="document size in KB")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="ctims-bench-disk-") as tmp:
        folder = Path(tmp)
        media = folder / "media"
        media.mkdir()
        env = environment(folder)
        os.environ.update(env)
        subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={args.size}k", "ctims-bench-media", str(media)],
                       check=True)
        try:
            run(args, media)
        finally:
            subprocess.run(["umount", str(media)], check=False)


def run(args: argparse.Namespace, media: Path) -> None:
    import django

    django.setup()
    from django.test import Client, override_settings

    from accounts.models import Organisation, OrganisationType, User
    from accounts.roles import Role
    from protection.models import Case, CaseDocument

    org = Organisation.objects.create(code="IOM", name="IOM Poland", type=OrganisationType.IOM)
    worker = User(username="bench.worker", role=Role.CASE_WORKER, organisation=org, email="w@example.invalid")
    worker.set_password("bench-password-2026")
    worker.save()
    client = Client(raise_request_exception=False)
    client.force_login(worker)

    with override_settings(MEDIA_ROOT=str(media)):
        client.post("/protection/register/", {"first_name": "Bench", "gender": "Feminine", "sensitivity": "normal"})
        case = Case.objects.get()
        document = b"%PDF-1.4\n" + os.urandom(args.document * 1024)

        def upload(title: str) -> tuple[int, float, str]:
            from django.core.files.uploadedfile import SimpleUploadedFile

            start = time.perf_counter()
            response = client.post(f"/protection/cases/{case.pk}/documents/", {
                "title": title, "file": SimpleUploadedFile("passport.pdf", document, "application/pdf")})
            ms = (time.perf_counter() - start) * 1000
            page = response.content.decode(errors="replace")
            return response.status_code, ms, page

        status, ms, _page = upload("baseline")
        baseline = (status, ms, CaseDocument.objects.count(), files_under(media))

        free = shutil.disk_usage(media).free
        filler = media / "filler"
        with filler.open("wb") as f:
            f.write(b"\0" * max(0, free - len(document) // 2))
        free_before = shutil.disk_usage(media).free
        files_before = files_under(media)
        status, ms, page = upload("disk full")
        new_files = [f for f in files_under(media) if f not in files_before]
        rows = CaseDocument.objects.count()

    print(f"\ntmpfs of {args.size} KB for MEDIA_ROOT; document of {len(document) / 1024:.0f} KB")
    print(f"baseline: HTTP {baseline[0]} in {baseline[1]:.0f} ms, {baseline[2]} document row(s), "
          f"files {baseline[3]}")
    print(f"disk full ({free_before / 1024:.0f} KB free): HTTP {status} in {ms:.0f} ms, "
          f"{rows - baseline[2]} new document row(s), new files {new_files or 'none'}")
    message = _message(page)
    print(f"what the case worker reads: {message!r}")


def _message(page: str) -> str:
    import re

    for pattern in (r'class="field__error"[^>]*>(.*?)<', r'role="alert"[^>]*>(.*?)</', r"<h1>(.*?)</h1>"):
        found = re.search(pattern, page, re.S)
        if found:
            return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip()
    return page[:200]


if __name__ == "__main__":
    main()
