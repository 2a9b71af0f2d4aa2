"""Every string a person sees has a real translation in Polish, Ukrainian and Russian.

Strings are extracted from every template (through Django's own templatize) and every
Python module, then looked up in the catalogues Django actually loads at runtime.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_python
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation import template, trans_real

ROOT = Path(settings.BASE_DIR)
SKIP_DIRS = {".venv", "node_modules", "var", ".git", "tests", "migrations", "bench", ".local", "scripts"}
KEYWORDS = {
    "_": None, "gettext": None, "gettext_lazy": None, "gettext_noop": None,
    "ngettext": (1, 2), "ngettext_lazy": (1, 2), "pgettext": ((1, "c"), 2), "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3), "npgettext_lazy": ((1, "c"), 2, 3),
}


def _files(suffix: str) -> list[Path]:
    return [p for p in ROOT.rglob(f"*{suffix}") if not SKIP_DIRS.intersection(p.relative_to(ROOT).parts)]


def _extract(source: str) -> set[tuple[str | None, str]]:
    found: set[tuple[str | None, str]] = set()
    for _lineno, func, message, _comments in extract_python(io.BytesIO(source.encode()), KEYWORDS, [], {}):
        args = message if isinstance(message, tuple) else (message,)
        context = None
        if func.startswith(("pgettext", "npgettext")):
            context, args = args[0], args[1:]
        msgid = args[0] if args else None
        if isinstance(msgid, str) and msgid:
            found.add((context, msgid))
    return found


def translatable_strings() -> dict[tuple[str | None, str], str]:
    """Every (context, msgid) in the code base, with the file it was found in."""
    strings: dict[tuple[str | None, str], str] = {}
    for path in _files(".html") + _files(".txt"):
        if "templates" not in path.parts:
            continue
        for key in _extract(template.templatize(path.read_text(encoding="utf-8"), origin=str(path))):
            strings.setdefault(key, str(path.relative_to(ROOT)))
    for path in _files(".py"):
        if path.name == "conftest.py":
            continue
        for key in _extract(path.read_text(encoding="utf-8")):
            strings.setdefault(key, str(path.relative_to(ROOT)))
    return strings


@pytest.mark.parametrize("language", ["pl", "uk", "ru"])
def test_every_string_a_person_sees_is_translated(language):
    catalog = trans_real.translation(language)._catalog
    missing = []
    for (context, msgid), where in sorted(translatable_strings().items(), key=lambda kv: kv[1]):
        key = f"{context}\x04{msgid}" if context else msgid
        value = catalog.get(key) or catalog.get((key, 0))
        if not value:
            missing.append(f"{where}: {msgid!r}")
    assert not missing, f"{len(missing)} strings have no {language} translation:\n" + "\n".join(missing[:40])


@pytest.mark.parametrize("po", sorted(str(p) for p in ROOT.rglob("locale/*/LC_MESSAGES/django.po")
                                      if ".venv" not in p.parts and "node_modules" not in p.parts))
def test_catalogues_have_no_empty_or_fuzzy_entries(po):
    with open(po, "rb") as f:
        catalog = read_po(f)
    bad = [m.id for m in catalog
           if m.id and (m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))]
    assert not bad, f"{po}: untranslated or fuzzy: {bad[:20]}"
