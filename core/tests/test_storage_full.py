"""The disk that holds uploaded files fills up while a case worker uploads a document: she is told
nothing was saved, and no truncated file or document row is left behind."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.models import Organisation, OrganisationType, User
from accounts.roles import Role
from core import storage
from protection import services
from protection.choices import Gender
from protection.models import CaseDocument

PDF = b"%PDF-1.4\n" + b"passport scan " * 4000


@pytest.fixture
def full_disk_now(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Makes the disk run out once the data is written but before it is safely on it (ENOSPC), as on a full tmpfs."""

    def no_room(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    return lambda: monkeypatch.setattr(storage.os, "fsync", no_room)


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_full_disk_leaves_no_truncated_file(tmp_path: Path, full_disk_now: Callable[[], None]) -> None:
    full_disk_now()
    with pytest.raises(storage.StorageFullError):
        storage.write_whole(tmp_path / "documents" / "a.bin", b"x" * 1000)
    assert _files(tmp_path) == []


def test_a_file_is_written_whole(tmp_path: Path) -> None:
    storage.write_whole(tmp_path / "documents" / "a.bin", b"x" * 1000)
    assert [p.name for p in _files(tmp_path)] == ["a.bin"] and (tmp_path / "documents" / "a.bin").stat().st_size == 1000


def test_a_case_worker_uploading_to_a_full_disk_is_told_nothing_was_saved(
        make_user: Callable[..., User], make_org: Callable[..., Organisation], settings: Any, tmp_path: Path,
        full_disk_now: Callable[[], None]) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    worker = make_user(Role.CASE_WORKER, make_org("IOM", OrganisationType.IOM))
    case = services.register_person(worker, services.Identity(first_name="Olena"), gender=Gender.FEMININE)
    client = Client()
    client.force_login(worker)
    full_disk_now()

    response = client.post(f"/protection/cases/{case.pk}/documents/", {
        "title": "Passport", "file": SimpleUploadedFile("passport.pdf", PDF, "application/pdf")})

    assert response.status_code == 200
    assert "The server has no room left to store files. Nothing was saved" in response.content.decode()
    assert not CaseDocument.objects.exists()
    assert _files(tmp_path) == []
