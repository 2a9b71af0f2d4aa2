"""Log filter that keeps personal data out of the logs.

Django's request logging includes the full path with query string; CTIMS never puts
personal data in URLs, but a mistaken link could, so query strings are cut here.
"""

from __future__ import annotations

import logging
import re

_QUERY = re.compile(r"\?[^\s\"']*")


class ScrubPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.args = tuple(_QUERY.sub("?…", a) if isinstance(a, str) else a for a in record.args)  # type: ignore[assignment]
        if isinstance(record.msg, str):
            record.msg = _QUERY.sub("?…", record.msg)
        return True
