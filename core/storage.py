"""Writing an uploaded file to disk whole or not at all.

A full disk (or a quota) in the middle of a write leaves a truncated file that looks like a stored
document; writing to a temporary name beside the target and renaming it when complete means the
target either holds everything or does not exist.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

NO_ROOM_MESSAGE = _("The server has no room left to store files. Nothing was saved: try again later, and tell "
                    "your administrator.")
_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class StorageFullError(OSError):
    """The disk or quota is full; nothing was written."""


def write_whole(path: Path, data: bytes) -> None:
    """Write `data` to `path` completely and durably, or leave no trace (StorageFullError when out of room)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("xb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        if exc.errno in _NO_ROOM:
            raise StorageFullError(exc.errno, "no room left to store the file") from exc
        raise
