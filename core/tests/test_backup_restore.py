"""An operator backs CTIMS up, restores the archive into a new, empty database on another machine with
the keys from custody, and reads a victim's name and document back; a restore over data in use, with
the wrong keys or from a damaged archive is refused before anything changes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from accounts.models import Organisation
from core import crypto
from core.backup import read_manifest
from protection.models import Person

BASE_DIR = Path(settings.BASE_DIR)
NAME = ("Zlata", "Wierzbicka-Hnatiuk")
SCAN = b"%PDF-1.4 passport scan of Zlata"


@pytest.fixture
def records(transactional_db: None, make_org: Callable[..., Organisation],
            make_user: Callable[..., Any]) -> Iterator[Path]:
    """A registered person, a user (so the database is in use) and an encrypted document on disk,
    committed (pg_dump and the backup API read what is committed)."""
    org = make_org("IOM")
    make_user(organisation=org)
    Person.objects.create(organisation=org, first_name=NAME[0], second_name=NAME[1], mobile_phone="+48 601 234 567")
    document = Path(settings.MEDIA_ROOT) / "protection" / f"{uuid.uuid4().hex}.bin"
    document.parent.mkdir(parents=True, exist_ok=True)
    document.write_bytes(crypto.fernet().encrypt(SCAN))
    yield document
    document.unlink(missing_ok=True)


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """manage.py in a new process: another machine with the same code and the keys from custody."""
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env,  # noqa: S603
                          capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture
def other_machine(tmp_path: Path) -> Iterator[dict[str, str]]:
    media = f"restore-{uuid.uuid4().hex[:8]}"  # test settings put MEDIA_ROOT in var/test-media/<this>
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ctims.settings.test", "PYTEST_XDIST_WORKER": media,
           "FIELD_ENCRYPTION_KEYS": ",".join(settings.FIELD_ENCRYPTION_KEYS),
           "BLIND_INDEX_KEY": settings.BLIND_INDEX_KEY, "SECRET_KEY": settings.SECRET_KEY}
    yield env
    shutil.rmtree(BASE_DIR / "var" / "test-media" / media, ignore_errors=True)


def _read_back(env: dict[str, str], document: Path) -> tuple[str, bytes]:
    shell = _manage(env, "shell", "-c", "from protection.models import Person; p = Person.objects.get(); "
                    "print(p.first_name, p.second_name, sep='|')")
    assert shell.returncode == 0, shell.stderr
    restored = BASE_DIR / "var" / "test-media" / env["PYTEST_XDIST_WORKER"] / "protection" / document.name
    return shell.stdout.strip().splitlines()[-1], crypto.fernet().decrypt(restored.read_bytes())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite variant")
def test_a_sqlite_backup_restores_into_a_fresh_database_and_reads_back(
        records: Path, other_machine: dict[str, str], tmp_path: Path) -> None:
    call_command("backup", str(tmp_path / "backups"), stdout=open(os.devnull, "w"))  # noqa: SIM115
    [archive] = (tmp_path / "backups").glob("ctims-backup-*.tar")
    manifest = read_manifest(archive)
    assert manifest["database"]["vendor"] == "sqlite" and manifest["media_files"] >= 1
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    assert settings.FIELD_ENCRYPTION_KEYS[0] not in archive.read_bytes().decode("latin-1"), "no key in the archive"

    env = {**other_machine, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    done = _manage(env, "restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "Restored the sqlite database" in done.stdout
    assert _read_back(env, records) == ("|".join(NAME), SCAN)

    again = _manage(env, "restore", str(archive))
    assert again.returncode != 0 and "Refusing to restore over data in use" in again.stderr


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL variant (DATABASE_URL is PostgreSQL)")
def test_a_postgresql_backup_restores_into_a_fresh_database_and_reads_back(
        records: Path, other_machine: dict[str, str], tmp_path: Path) -> None:
    archive = tmp_path / "nightly.tar"
    call_command("backup", str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert read_manifest(archive)["database"]["vendor"] == "postgresql"
    db = connection.settings_dict
    fresh = f"{db['NAME']}_restored"[:63]
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        url = f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST']}:{db['PORT'] or 5432}/{fresh}"
        env = {**other_machine, "DATABASE_URL": url, "CTIMS_TEST_DB_NAME": ""}
        done = _manage(env, "restore", str(archive))
        assert done.returncode == 0, done.stderr
        assert _read_back(env, records) == ("|".join(NAME), SCAN)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


def test_a_restore_over_a_database_in_use_is_refused(records: Path, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar"
    call_command("backup", str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
    with pytest.raises(CommandError, match=r"Refusing to restore over data in use: the database .* holds user "
                                           r"accounts.*Nothing was changed"):
        call_command("restore", str(archive))
    assert Person.objects.get().second_name == NAME[1]


def test_a_restore_with_keys_that_cannot_read_the_backup_is_refused(records: Path, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar"
    call_command("backup", str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
    with override_settings(FIELD_ENCRYPTION_KEYS=[Fernet.generate_key().decode()]), \
            pytest.raises(CommandError, match="FIELD_ENCRYPTION_KEYS lacks the key this backup was written with"):
        call_command("restore", str(archive))


def test_a_damaged_archive_is_refused_before_anything_changes(records: Path, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar"
    call_command("backup", str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
    with tarfile.open(archive) as tar:
        member = tar.getmember(read_manifest(archive)["database"]["file"])
    with archive.open("r+b") as f:  # flip one byte in the middle of the database copy
        f.seek(member.offset_data + member.size // 2)
        byte = f.read(1)
        f.seek(-1, 1)
        f.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(CommandError, match=r"fails its checksum: the backup is damaged\. Nothing was changed"):
        call_command("restore", str(archive), force=True)
    assert Person.objects.get().second_name == NAME[1]


def test_what_is_not_a_backup_gets_a_clear_message(tmp_path: Path, db: None) -> None:
    not_backup = tmp_path / "notes.tar"
    with tarfile.open(not_backup, "w"):
        pass
    with pytest.raises(CommandError, match="is not a CTIMS backup"):
        call_command("restore", str(not_backup))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "missing.tar"))
