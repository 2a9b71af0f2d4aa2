"""A number in a sentence is always translated with its plural forms.

Polish, Ukrainian and Russian choose the noun's form by the number ("1 wskaźnik, 2 wskaźniki,
5 wskaźników"), so a sentence that puts a count before a word must go through ngettext /
{% blocktranslate count %}; plain gettext gives "Zaobserwowano 5 wskaźniki". These tests read
every module's catalogue: the first fails on a singular entry whose count-like placeholder is
followed by a word, the second on a plural entry with any of the forms the header declares empty.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGUES = sorted(p for p in ROOT.glob("*/locale/*/LC_MESSAGES/django.po"))

# Placeholder names that say "this is how many of something".
COUNT_NAMES = {
    "count", "counter", "n", "num", "number", "total", "days", "hours", "months", "weeks", "years_count",
    "rows", "rows_in", "rows_out", "suppressed", "generalised", "dropped", "pairs", "records", "places",
    "calls", "observations", "cases", "people", "persons", "done", "shown", "here", "elsewhere", "files",
    "items", "errors", "indicators", "dims", "i", "r", "a", "c", "t", "k", "max", "sum",
    "new", "skipped", "already", "imported",
}
PLACEHOLDER = re.compile(r"%\((?P<name>\w+)\)[sd]|\{(?P<brace>\w+)\}|(?P<bare>%[sd])")
# A word after the number that does not take the number's plural form (units, "of", "and" ...).
NOT_A_NOUN = {"of", "and", "or", "to", "MB", "KB", "GB", "ε", "δ"}

# Counts in sentences whose wording does not depend on the number, with the reason.
ALLOWED = {
    # "Strona 3 z 10": an ordinal and a total with no noun after it
    "Page %(number)s of %(total)s",
    "Lesson %(n)s of %(total)s",
    # a score: "Odpowiedziałeś poprawnie na 3 z 10" has no noun after the number
    "You answered %(c)s of %(t)s correctly (%(p)s%%).",
}


def _catalogue(path: Path):
    with open(path, "rb") as f:
        return read_po(f)


def _counted_words(msgid: str) -> list[str]:
    """The placeholders with a count-like name that are followed by a word (a noun the number governs)."""
    found = []
    for m in PLACEHOLDER.finditer(msgid):
        name = m.group("name") or m.group("brace") or "%"
        if name not in COUNT_NAMES and name != "%":
            continue
        after = re.match(r"\s+([^\W\d_][\w-]*)", msgid[m.end():])
        if after and after.group(1) not in NOT_A_NOUN:
            found.append(f"{name} {after.group(1)}")
    return found


def test_no_sentence_counts_something_with_plain_gettext():
    offenders = set()
    for path in CATALOGUES:
        if path.parts[-3] != "pl":
            continue
        for message in _catalogue(path):
            if not message.id or isinstance(message.id, tuple) or message.id in ALLOWED:
                continue
            words = _counted_words(message.id)
            if words:
                offenders.add(f"{path.relative_to(ROOT).parts[0]}: {message.id!r} ({', '.join(words)})")
    assert not offenders, "use ngettext / {% blocktranslate count %}:\n" + "\n".join(sorted(offenders))


def test_the_scan_recognises_a_counted_noun():
    assert _counted_words("%(n)d certificates issued.") == ["n certificates"]
    assert _counted_words("Services found: %(n)s") == []
    assert _counted_words("The file is %(size)s MB") == []


@pytest.mark.parametrize("path", [p for p in CATALOGUES if p.parts[-3] in {"pl", "uk", "ru"}],
                         ids=lambda p: "/".join(p.relative_to(ROOT).parts[:3:2]))
def test_every_plural_form_the_language_declares_is_filled(path):
    catalogue = _catalogue(path)
    declared = catalogue.num_plurals
    header = dict(catalogue.mime_headers).get("Plural-Forms", "")
    assert f"nplurals={declared}" in header.replace(" ", ""), f"{path}: Plural-Forms header {header!r}"
    assert declared >= 3, f"{path}: {path.parts[-3]} needs at least three plural forms, the header says {declared}"
    bad = []
    for message in catalogue:
        if not message.id or not isinstance(message.id, tuple):
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if len(forms) < declared or not all(forms[:declared]):
            bad.append(message.id[0])
    assert not bad, f"{path}: plural entries with an empty form: {bad[:20]}"
