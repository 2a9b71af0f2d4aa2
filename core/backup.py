"""Backup and restore of one CTIMS deployment: the database and the uploaded files, in one archive.

The archive is an uncompressed tar (the PostgreSQL dump is compressed already and the uploaded
files are encrypted, so neither would shrink) holding:

- `manifest.json`: format version, date, database vendor, the SHA-256 of every member, and short
  fingerprints of the keys in use (never the keys);
- `database.dump` (PostgreSQL, `pg_dump --format=custom`) or `database.sqlite3` (SQLite's online
  backup API: a consistent copy while CTIMS keeps running);
- `media/...`: MEDIA_ROOT as it is on disk (documents are stored encrypted).

FIELD_ENCRYPTION_KEYS and BLIND_INDEX_KEY are NOT in the archive: without them the names, phone
numbers and documents in it cannot be read, by an attacker or by you (docs/production.md).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

FORMAT = "ctims-backup"
VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"


class BackupError(Exception):
    """Something an operator must act on; the message says what."""


@dataclass(frozen=True)
class RestoreReport:
    manifest: dict[str, Any]
    media_files: int
    pending_migrations: int
    media_moved_to: Path | None


def key_fingerprint(key: str) -> str:
    """A short public name for a key: enough to tell keys apart, useless for guessing one."""
    return hashlib.sha256(b"ctims-key-fingerprint:" + key.encode()).hexdigest()[:12]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """libpq connection arguments for pg_dump / pg_restore; the password goes in the environment."""
    args = ["--dbname", str(db["NAME"])]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [option, str(db[key])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed: install the PostgreSQL client (apt-get install "
                          f"postgresql-client), of the same major version as the server or newer.")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip() or done.returncode}")


def _dump_database(alias: str, workdir: Path) -> tuple[str, Path]:
    connection = connections[alias]
    if connection.vendor == "postgresql":
        target = workdir / "database.dump"
        args, env = _pg_env(connection.settings_dict)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--file", str(target), *args], env)
        return "postgresql", target
    if connection.vendor == "sqlite":
        target = workdir / "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)  # consistent even while others write
        finally:
            destination.close()
        return "sqlite", target
    raise BackupError(f"Backups of {connection.vendor} databases are not supported (PostgreSQL and SQLite are).")


def _media_files(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def backup(destination: Path, *, alias: str = "default") -> tuple[Path, dict[str, Any]]:
    """Write a backup archive to `destination`: a file if it ends in `.tar`, else a folder (created if need
    be) that gets a dated file. Returns the archive's path and its manifest.

    The archive is written beside its final name and renamed when complete, so a full disk or a
    crash never leaves something that looks like a backup.
    """
    now = timezone.now()
    if destination.is_dir() or destination.suffix != ".tar":
        destination.mkdir(parents=True, exist_ok=True)
        destination = destination / f"ctims-backup-{now:%Y%m%d-%H%M%S}.tar"
    if destination.exists():
        raise BackupError(f"{destination} exists already: choose another name or a folder.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="ctims-backup-") as tmp:
        vendor, dump = _dump_database(alias, Path(tmp))
        members: dict[str, dict[str, Any]] = {dump.name: {"sha256": _sha256(dump), "size": dump.stat().st_size}}
        media = list(_media_files(media_root))
        for path in media:
            members[f"{MEDIA}/{path.relative_to(media_root).as_posix()}"] = {
                "sha256": _sha256(path), "size": path.stat().st_size}
        manifest = {
            "format": FORMAT, "version": VERSION, "created_at": now.isoformat(),
            "database": {"vendor": vendor, "file": dump.name},
            "media_files": len(media),
            "keys": {"field_encryption": [key_fingerprint(k) for k in settings.FIELD_ENCRYPTION_KEYS],
                     "blind_index": key_fingerprint(settings.BLIND_INDEX_KEY)},
            "members": members,
        }
        partial = destination.with_name(f".{destination.name}.partial")
        try:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
                data = json.dumps(manifest, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o600
                tar.addfile(info, io.BytesIO(data))
                tar.add(dump, arcname=dump.name, recursive=False)
                for path in media:
                    tar.add(path, arcname=f"{MEDIA}/{path.relative_to(media_root).as_posix()}", recursive=False)
                tar.close()
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, destination)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return destination, manifest


def read_manifest(archive: Path) -> dict[str, Any]:
    """The manifest of a backup archive, after checking it is one CTIMS can restore."""
    if not archive.is_file():
        raise BackupError(f"{archive} does not exist or is not a file.")
    try:
        with tarfile.open(archive, mode="r:") as tar:
            member = tar.extractfile(MANIFEST)
            manifest: dict[str, Any] = json.loads(member.read()) if member else {}
    except (tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(f"{archive} is not a CTIMS backup (no readable {MANIFEST}): {type(exc).__name__}.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} is not a CTIMS backup.")
    if manifest.get("version") != VERSION:
        raise BackupError(f"This backup has format version {manifest.get('version')}; this CTIMS reads version "
                          f"{VERSION}. Restore it with the CTIMS release that made it.")
    return manifest


def key_problems(manifest: dict[str, Any]) -> list[str]:
    """Why the keys configured here cannot read the backup (empty when they can)."""
    have = {key_fingerprint(k) for k in settings.FIELD_ENCRYPTION_KEYS}
    wanted = manifest["keys"]["field_encryption"]
    problems = []
    if wanted and wanted[0] not in have:
        problems.append(f"FIELD_ENCRYPTION_KEYS lacks the key this backup was written with (fingerprint {wanted[0]}); "
                        "names, phone numbers and documents in it would be unreadable.")
    if manifest["keys"]["blind_index"] != key_fingerprint(settings.BLIND_INDEX_KEY):
        problems.append("BLIND_INDEX_KEY differs from the one this backup was made with (fingerprint "
                        f"{manifest['keys']['blind_index']}); duplicate checks and phone look-ups would find nothing.")
    return problems


def database_in_use(alias: str = "default") -> str:
    """Why the database counts as in use ('' when it is fresh: no tables, or migrated with no accounts)."""
    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table, what in (("accounts_user", "user accounts"), ("audit_auditevent", "audit events")):
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
                if cursor.fetchone():
                    return f"the database {connection.settings_dict['NAME']} holds {what}"
    return ""


def media_in_use() -> str:
    root = Path(settings.MEDIA_ROOT)
    return f"{root} holds files" if next(_media_files(root), None) else ""


def restore(archive: Path, *, alias: str = "default", force: bool = False) -> RestoreReport:
    """Restore database and files from `archive` into the configured database and MEDIA_ROOT.

    Refuses (BackupError) a damaged archive, a backup of another database vendor, keys that cannot
    read it and, unless `force`, a database or media folder already in use. Everything is checked
    before anything is changed; the database is restored in one transaction.
    """
    manifest = read_manifest(archive)
    connection = connections[alias]
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"This is a backup of a {vendor} database; the configured database is {connection.vendor}. "
                          "Restore it into the same kind of database.")
    problems = key_problems(manifest)
    if problems and not force:
        raise BackupError(" ".join(problems) + " Set the keys from key custody (docs/production.md), "
                          "or add --force to restore anyway.")
    with tempfile.TemporaryDirectory(prefix="ctims-restore-") as tmp:
        workdir = Path(tmp)
        _extract_verified(archive, manifest, workdir)
        in_use = [reason for reason in (database_in_use(alias), media_in_use()) if reason]
        if in_use and not force:
            raise BackupError(f"Refusing to restore over data in use: {'; '.join(in_use)}. Restore into a new, "
                              "empty database, or add --force to replace what is there. Nothing was changed.")
        dump = workdir / manifest["database"]["file"]
        if vendor == "postgresql":
            args, env = _pg_env(connection.settings_dict)
            connection.close()
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction",
                  "--exit-on-error", *args, str(dump)], env)
        else:
            connection.ensure_connection()
            source = sqlite3.connect(dump)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
            connection.close()
        moved = _replace_media(workdir / MEDIA)
    executor = MigrationExecutor(connections[alias])
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    return RestoreReport(manifest=manifest, media_files=manifest["media_files"], pending_migrations=pending,
                         media_moved_to=moved)


def _extract_verified(archive: Path, manifest: dict[str, Any], workdir: Path) -> None:
    members = manifest["members"]
    with tarfile.open(archive, mode="r:") as tar:
        names = {m.name for m in tar.getmembers() if m.isfile()} - {MANIFEST}
        if names != set(members):
            missing, extra = sorted(set(members) - names), sorted(names - set(members))
            raise BackupError(f"The archive does not match its manifest (missing: {missing[:5]}, "
                              f"unexpected: {extra[:5]}); it is damaged. Nothing was changed.")
        tar.extractall(workdir, members=[tar.getmember(n) for n in members], filter="data")
    for name, meta in members.items():
        if _sha256(workdir / name) != meta["sha256"]:
            raise BackupError(f"{name} in the archive fails its checksum: the backup is damaged. Nothing was changed.")


def _replace_media(restored: Path) -> Path | None:
    """Put the restored files in MEDIA_ROOT; files already there are moved aside, never deleted."""
    root = Path(settings.MEDIA_ROOT)
    moved = None
    if root.exists() and any(root.iterdir()):
        moved = root.with_name(f"{root.name}.before-restore-{datetime.datetime.now():%Y%m%d-%H%M%S}")
        root.rename(moved)
    root.mkdir(parents=True, exist_ok=True)
    if restored.is_dir():
        for path in restored.rglob("*"):
            if path.is_file():
                target = root / path.relative_to(restored)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(path, target)
    return moved
