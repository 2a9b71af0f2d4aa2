"""Cross-script name matching for the duplicate check: Cyrillic and Latin spellings meet in one skeleton.

`name_skeleton("Олена Ковальчук") == name_skeleton("Olena Kovalchuk") == name_skeleton("Olena Kowalczuk")`.
The skeleton is deliberately loose (it only shortlists possible duplicates for a person to
check); the links module does the heavy matching.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ё": "io", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia", "'": "", "’": "",
}

# Spellings of the same sound in Polish, English, German and Ukrainian/Russian romanisations,
# folded to one form. Order matters: longer patterns first.
_FOLDS = [
    ("shch", "s"), ("szcz", "s"), ("sch", "s"), ("sz", "s"), ("sh", "s"),
    ("cz", "c"), ("ch", "c"), ("kh", "h"), ("ts", "c"), ("tz", "c"), ("zh", "z"), ("rz", "z"), ("ks", "x"),
    ("w", "v"), ("ph", "f"), ("g", "h"), ("j", "i"), ("y", "i"), ("ck", "k"),
    ("q", "k"), ("ł", "l"), ("ie", "e"), ("ye", "e"), ("ia", "a"), ("ya", "a"), ("iu", "u"), ("yu", "u"),
    ("io", "o"), ("ou", "u"),
]


def to_latin(text: str) -> str:
    """Lower-case Latin letters for `text` in Cyrillic or Latin script (Polish letters kept for folding)."""
    out = []
    for ch in unicodedata.normalize("NFC", text.lower()):
        out.append(_CYRILLIC.get(ch, ch))
    return "".join(out)


def name_skeleton(text: str) -> str:
    """A loose, script-independent key for a name: folded spellings, no doubled letters, words sorted."""
    words = []
    for word in re.split(r"[\s\-]+", to_latin(text)):
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if c.isalpha() and not unicodedata.combining(c))
        for a, b in _FOLDS:
            word = word.replace(a, b)
        word = re.sub(r"(.)\1+", r"\1", word)
        if word:
            words.append(word)
    return " ".join(sorted(words))


def similar_names(a: str, b: str, threshold: float = 0.8) -> bool:
    """Whether two names, in any script, are close enough to show as a possible duplicate."""
    sa, sb = name_skeleton(a), name_skeleton(b)
    if not sa or not sb:
        return False
    return sa == sb or difflib.SequenceMatcher(None, sa, sb).ratio() >= threshold
