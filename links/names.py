"""Names across scripts: official transliterations, Polish and German conventions, and a match key.

`latin_forms("Шевченко")` gives the canonical Latin spellings an officer may meet:
Ukrainian KMU 2010 (passport) "Shevchenko", Russian ICAO/GOST 2006 passport, Polish
"Szewczenko" and German "Schewtschenko". `name_key` reduces any of them, or the Cyrillic,
to one script-independent key, so that all four meet. Diminutives and cross-language
forms of given names (Oleksandr / Aleksandr / Sasha) share a `given_group`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")

# --- transliteration tables (lower case; upper case handled by the caller) ----------------

# Ukrainian, Cabinet of Ministers resolution No 55 of 2010 (passport standard).
# Tuples: (word-initial form, elsewhere).
_KMU2010: dict[str, tuple[str, str]] = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("h", "h"), "ґ": ("g", "g"), "д": ("d", "d"),
    "е": ("e", "e"), "є": ("ye", "ie"), "ж": ("zh", "zh"), "з": ("z", "z"), "и": ("y", "y"), "і": ("i", "i"),
    "ї": ("yi", "i"), "й": ("y", "i"), "к": ("k", "k"), "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"),
    "о": ("o", "o"), "п": ("p", "p"), "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"),
    "ф": ("f", "f"), "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"), "ш": ("sh", "sh"),
    "щ": ("shch", "shch"), "ь": ("", ""), "ю": ("yu", "iu"), "я": ("ya", "ia"), "'": ("", ""), "’": ("", ""),
    # Russian letters met in Ukrainian-context text
    "ё": ("yo", "io"), "ъ": ("", ""), "ы": ("y", "y"), "э": ("e", "e"),
}

# Russian, ICAO Doc 9303 as adopted for Russian passports (GOST R 52535.1-2006 successor, 2013).
_ICAO_RU: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y",
    "ь": "", "э": "e", "ю": "iu", "я": "ia",
    # Ukrainian letters written by a Russian-standard clerk
    "і": "i", "ї": "i", "є": "e", "ґ": "g", "'": "", "’": "",
}

# Polish convention (PWN / common practice) for Ukrainian and Russian names.
_POLISH: dict[str, str] = {
    "а": "a", "б": "b", "в": "w", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "je", "ж": "ż", "з": "z",
    "и": "y", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "ł", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz",
    "щ": "szcz", "ь": "", "ю": "ju", "я": "ja", "ё": "jo", "ъ": "", "ы": "y", "э": "e", "'": "", "’": "",
}
_POLISH_RU = {**_POLISH, "г": "g", "и": "i", "е": "e"}

# German convention (Duden) for Ukrainian and Russian names.
_GERMAN: dict[str, str] = {
    "а": "a", "б": "b", "в": "w", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "je", "ж": "sch", "з": "s",
    "и": "y", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch",
    "щ": "schtsch", "ь": "", "ю": "ju", "я": "ja", "ё": "jo", "ъ": "", "ы": "y", "э": "e", "'": "", "’": "",
}
_GERMAN_RU = {**_GERMAN, "г": "g", "и": "i"}

_UK_ONLY = set("іїєґ")
_RU_ONLY = set("ёъыэ")


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text or ""))


def _match_case(src: str, out: str) -> str:
    if not out:
        return out
    return out[0].upper() + out[1:] if src.isupper() else out


def _translit_word(word: str, table: dict[str, str] | dict[str, tuple[str, str]], kmu: bool = False) -> str:
    out = []
    low = word.lower()
    for i, ch in enumerate(low):
        if kmu:
            initial, other = _KMU2010.get(ch, (ch, ch))
            # "зг" is written "zgh" so that it is not read as "zh"
            rendered = "gh" if ch == "г" and i > 0 and low[i - 1] == "з" else initial if i == 0 else other
        else:
            rendered = table.get(ch, ch)  # type: ignore[assignment]
        out.append(_match_case(word[i], rendered) if word[i].isupper() else rendered)
    return "".join(out)


def _translit(text: str, table: dict[str, str] | dict[str, tuple[str, str]], kmu: bool = False) -> str:
    return re.sub(r"[\w'’]+", lambda m: _translit_word(m.group(0), table, kmu), text)


def language_of(text: str) -> str:
    """'uk', 'ru' or '' (cannot tell) for Cyrillic text, from letters only one alphabet has."""
    low = set((text or "").lower())
    if low & _UK_ONLY:
        return "uk"
    if low & _RU_ONLY:
        return "ru"
    return ""


def ukrainian_kmu2010(text: str) -> str:
    return _translit(text, _KMU2010, kmu=True)


def russian_icao(text: str) -> str:
    return _translit(text, _ICAO_RU)


def polish(text: str, language: str = "uk") -> str:
    return _translit(text, _POLISH_RU if language == "ru" else _POLISH)


def german(text: str, language: str = "uk") -> str:
    return _translit(text, _GERMAN_RU if language == "ru" else _GERMAN)


def latin_forms(text: str) -> dict[str, str]:
    """Canonical Latin spellings of a Cyrillic name; a Latin name is returned as it is."""
    text = " ".join((text or "").split())
    if not is_cyrillic(text):
        return {"latin": text}
    lang = language_of(text)
    forms = {"uk_kmu2010": ukrainian_kmu2010(text), "ru_icao": russian_icao(text)}
    forms["pl"] = polish(text, lang or "uk")
    forms["de"] = german(text, lang or "uk")
    if lang != "uk":
        forms["pl_ru"] = polish(text, "ru")
        forms["de_ru"] = german(text, "ru")
    return forms


# --- the script-independent key -------------------------------------------------------------
# Every spelling is reduced to sound classes: hushing sibilants (ш ж sh zh sz ż sch) -> S,
# hissing ones (с з ц s z c ts tz) -> Z, ч/х (ch cz tsch kh) -> X, г/ґ (h g) -> G, в (v w) -> V;
# vowels fold и/і/ї/ы/й/y/j into i, е/є/э into e; glides before a/u/o keep one i; runs collapse.

_CYR_KEY: dict[str, str] = {
    "а": "a", "б": "b", "в": "V", "г": "G", "ґ": "G", "д": "d", "е": "e", "є": "e", "ё": "io", "ж": "S",
    "з": "Z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "Z", "т": "t", "у": "u", "ф": "f", "х": "X", "ц": "Z", "ч": "X", "ш": "S",
    "щ": "SX", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}

_LATIN_PRE = str.maketrans({"ł": "l", "ż": "S", "ž": "S", "š": "S", "č": "X", "ś": "Z", "ź": "Z", "ć": "Z",
                            "ń": "n", "ą": "o", "ę": "e", "ó": "u", "ß": "Z", "ü": "iu", "ö": "io", "ä": "e"})
_LATIN_RULES: list[tuple[str, str]] = [
    ("schtsch", "SX"), ("shch", "SX"), ("szcz", "SX"), ("tsch", "X"), ("sch", "S"), ("sh", "S"), ("sz", "S"),
    ("zh", "S"), ("kh", "X"), ("ch", "X"), ("cz", "X"), ("ts", "Z"), ("tz", "Z"), ("x", "kZ"), ("c", "Z"),
    ("s", "Z"), ("z", "Z"), ("h", "G"), ("g", "G"), ("w", "V"), ("v", "V"), ("q", "k"),
    ("ye", "e"), ("je", "e"), ("ie", "e"), ("y", "i"), ("j", "i"),
]
_LATIN_RE = re.compile("|".join(re.escape(a) for a, _ in _LATIN_RULES))
_LATIN_MAP = dict(_LATIN_RULES)


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The sound-class key of one word, whatever script or convention it is written in."""
    low = unicodedata.normalize("NFC", word.lower())
    if is_cyrillic(low):
        raw = "".join(_CYR_KEY.get(c, c if c.isascii() and c.isalpha() else "") for c in low)
        # Latin letters mixed into Cyrillic (homoglyph typing) fall through to the Latin rules
        low = raw
    else:
        low = _strip_accents(low.translate(_LATIN_PRE))
    # the Latin rules apply to lower-case letters only, so Cyrillic output classes stay put
    key = _LATIN_RE.sub(lambda m: _LATIN_MAP[m.group(0)], low)
    key = re.sub(r"[^a-zA-Z]", "", key)
    key = re.sub(r"(.)\1+", r"\1", key)
    return key


def tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[\s,.;/()\-]+", unicodedata.normalize("NFC", text or "")) if t]


def name_key(text: str) -> str:
    """Order-independent key of a full name: the word keys, sorted."""
    return " ".join(sorted(word_key(t) for t in tokens(text) if word_key(t)))


# --- given names: cross-language equivalents and diminutives --------------------------------

_GIVEN_GROUPS: dict[str, list[str]] = {
    "oleksandr": ["Oleksandr", "Aleksandr", "Alexander", "Aleksander", "Sasha", "Sashko", "Shura", "Sania",
                  "Sanya", "Alik", "Олександр", "Александр", "Саша", "Сашко", "Шура", "Саня"],
    "oleksandra": ["Oleksandra", "Aleksandra", "Alexandra", "Олександра", "Александра"],
    "volodymyr": ["Volodymyr", "Vladimir", "Wolodymyr", "Włodzimierz", "Volodia", "Volodya", "Vova", "Wowa",
                  "Володимир", "Владимир", "Володя", "Вова"],
    "mykola": ["Mykola", "Nikolai", "Nikolay", "Mikołaj", "Mykoła", "Kolia", "Kolya", "Микола", "Николай", "Коля"],
    "oleksii": ["Oleksii", "Oleksiy", "Aleksei", "Alexei", "Alexey", "Aleksiej", "Olesha", "Lesha", "Liosha",
                "Олексій", "Алексей", "Льоша", "Лёша", "Алёша"],
    "dmytro": ["Dmytro", "Dmitrii", "Dmitry", "Dmitri", "Dymitr", "Dima", "Дмитро", "Дмитрий", "Дима"],
    "serhii": ["Serhii", "Serhiy", "Sergei", "Sergey", "Siergiej", "Serhij", "Seryozha", "Serezha", "Serzh",
               "Сергій", "Сергей", "Серёжа", "Сергійко"],
    "andrii": ["Andrii", "Andriy", "Andrei", "Andrey", "Andrij", "Andriej", "Andrzej", "Andriusha",
               "Андрій", "Андрей", "Андрюша"],
    "ivan": ["Ivan", "Iwan", "Vania", "Vanya", "Wania", "Іван", "Иван", "Ваня", "Іванко"],
    "mykhailo": ["Mykhailo", "Mikhail", "Mychajło", "Michaił", "Misha", "Mischa", "Михайло", "Михаил", "Миша"],
    "yurii": ["Yurii", "Yuriy", "Yuri", "Jurij", "Yura", "Jura", "Юрій", "Юрий", "Юра"],
    "viktor": ["Viktor", "Wiktor", "Vitia", "Vitya", "Віктор", "Виктор", "Витя"],
    "vasyl": ["Vasyl", "Vasilii", "Vasily", "Wasyl", "Wasilij", "Vasia", "Vasya", "Василь", "Василий", "Вася"],
    "petro": ["Petro", "Petr", "Pyotr", "Piotr", "Petia", "Petya", "Петро", "Пётр", "Петр", "Петя"],
    "pavlo": ["Pavlo", "Pavel", "Paweł", "Pasha", "Pavlik", "Павло", "Павел", "Паша"],
    "yevhen": ["Yevhen", "Evgenii", "Evgeny", "Yevgeny", "Jewhen", "Jewgienij", "Jewgeni", "Zhenia", "Zhenya",
               "Євген", "Евгений", "Женя"],
    "ihor": ["Ihor", "Igor", "Ігор", "Игорь"],
    "bohdan": ["Bohdan", "Bogdan", "Богдан"],
    "yaroslav": ["Yaroslav", "Jarosław", "Jaroslaw", "Yarik", "Ярослав", "Ярик"],
    "maksym": ["Maksym", "Maksim", "Maxim", "Maks", "Max", "Максим", "Макс"],
    "artem": ["Artem", "Artyom", "Artiom", "Artem", "Артем", "Артём"],
    "denys": ["Denys", "Denis", "Денис"],
    "vladyslav": ["Vladyslav", "Vladislav", "Władysław", "Vlad", "Владислав", "Влад"],
    "kostiantyn": ["Kostiantyn", "Konstantin", "Konstanty", "Kostia", "Kostya", "Костянтин", "Константин", "Костя"],
    "hennadii": ["Hennadii", "Gennadii", "Gennady", "Gena", "Геннадій", "Геннадий", "Гена"],
    "anatolii": ["Anatolii", "Anatoly", "Anatolij", "Tolia", "Tolya", "Анатолій", "Анатолий", "Толя"],
    "vitalii": ["Vitalii", "Vitaly", "Witalij", "Vitalik", "Віталій", "Виталий", "Виталик"],
    "olena": ["Olena", "Elena", "Yelena", "Helena", "Jelena", "Alona", "Alena", "Lena", "Olenka", "Олена",
              "Елена", "Алёна", "Альона", "Лена"],
    "nataliia": ["Nataliia", "Natalia", "Natalya", "Natalija", "Natasha", "Nata", "Наталія", "Наталья", "Наташа"],
    "tetiana": ["Tetiana", "Tatiana", "Tatyana", "Tetiana", "Tania", "Tanya", "Тетяна", "Татьяна", "Таня"],
    "iryna": ["Iryna", "Irina", "Ira", "Ірина", "Ирина", "Іра", "Ира"],
    "svitlana": ["Svitlana", "Svetlana", "Swietłana", "Sveta", "Svita", "Світлана", "Светлана", "Света"],
    "yuliia": ["Yuliia", "Yulia", "Yuliya", "Julia", "Julija", "Yulya", "Юлія", "Юлия", "Юля"],
    "kateryna": ["Kateryna", "Ekaterina", "Yekaterina", "Katarzyna", "Katia", "Katya", "Katja", "Катерина",
                 "Екатерина", "Катя"],
    "mariia": ["Mariia", "Maria", "Mariya", "Marija", "Masha", "Марія", "Мария", "Маша"],
    "anna": ["Anna", "Hanna", "Ganna", "Ania", "Anya", "Hania", "Анна", "Ганна", "Аня", "Ганя"],
    "liudmyla": ["Liudmyla", "Lyudmila", "Ludmila", "Ludmiła", "Luda", "Mila", "Людмила", "Люда"],
    "halyna": ["Halyna", "Galina", "Halina", "Halia", "Galia", "Galya", "Галина", "Галя"],
    "valentyna": ["Valentyna", "Valentina", "Walentyna", "Valia", "Valya", "Валентина", "Валя"],
    "nadiia": ["Nadiia", "Nadezhda", "Nadzieja", "Nadia", "Nadya", "Надія", "Надежда", "Надя"],
    "viktoriia": ["Viktoriia", "Viktoria", "Victoria", "Wiktoria", "Vika", "Вікторія", "Виктория", "Вика"],
    "anastasiia": ["Anastasiia", "Anastasia", "Anastasija", "Nastia", "Nastya", "Анастасія", "Анастасия", "Настя"],
    "daria": ["Dariia", "Daria", "Darya", "Dasha", "Дарія", "Дарья", "Даша"],
    "olha": ["Olha", "Olga", "Olia", "Olya", "Ольга", "Оля"],
    "oksana": ["Oksana", "Оксана"],
    "taras": ["Taras", "Тарас"],
    "roman": ["Roman", "Roma", "Роман", "Рома"],
    "ruslan": ["Ruslan", "Rusłan", "Руслан"],
    "stanislav": ["Stanislav", "Stanisław", "Stas", "Станіслав", "Станислав", "Стас"],
}

# a diminutive shared by two groups (Sasha: Oleksandr and Oleksandra) stays with the first listed
GIVEN_GROUP_BY_KEY: dict[str, str] = {}
for _group, _forms in _GIVEN_GROUPS.items():
    for _form in _forms:
        GIVEN_GROUP_BY_KEY.setdefault(word_key(_form), _group)

_PATRONYMIC = re.compile(r"(oViX|eViX|iX|iVna|oVna|eVna|iniXna)$")
_PATRONYMIC_ENDINGS = ("oViX", "eViX", "iVna", "oVna", "eVna", "iniXna", "iXna")


def jaro_winkler(a: str, b: str) -> float:
    """Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters), as DuckDB computes it."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    window = max(max(la, lb) // 2 - 1, 0)
    a_match = [False] * la
    b_match = [False] * lb
    matches = 0
    for i, ch in enumerate(a):
        lo, hi = max(0, i - window), min(i + window + 1, lb)
        for j in range(lo, hi):
            if not b_match[j] and b[j] == ch:
                a_match[i] = b_match[j] = True
                matches += 1
                break
    if not matches:
        return 0.0
    transpositions, j = 0, 0
    for i in range(la):
        if a_match[i]:
            while not b_match[j]:
                j += 1
            if a[i] != b[j]:
                transpositions += 1
            j += 1
    jaro = (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


_GIVEN_KEYS_BY_CLASS: dict[str, list[str]] = {}
for _key in GIVEN_GROUP_BY_KEY:
    _GIVEN_KEYS_BY_CLASS.setdefault(_key[:1], []).append(_key)
GROUP_KEY: dict[str, str] = {g: word_key(g) for g in _GIVEN_GROUPS}


def given_group(word: str) -> str:
    """The canonical given name (group) a word belongs to, or '' if not a known given name."""
    return GIVEN_GROUP_BY_KEY.get(word_key(word), "")


@lru_cache(maxsize=200_000)
def given_group_fuzzy(word: str) -> tuple[str, float]:
    """The closest known given name within a typo (Jaro-Winkler >= 0.9, same first sound, length +-1)."""
    key = word_key(word)
    exact = GIVEN_GROUP_BY_KEY.get(key)
    if exact:
        return exact, 1.0
    if len(key) < 4:
        return "", 0.0
    best, best_score = "", 0.0
    for candidate in _GIVEN_KEYS_BY_CLASS.get(key[:1], []):
        if abs(len(candidate) - len(key)) > 1:
            continue
        sim = jaro_winkler(key, candidate)
        if sim > best_score:
            best, best_score = GIVEN_GROUP_BY_KEY[candidate], sim
    return (best, best_score) if best_score >= 0.9 else ("", 0.0)


# --- open name knowledge: rigour's person-name symbols ------------------------------------------
# OpenSanctions' `rigour` (MIT) ships person-name symbols drawn from Wikidata: every spelling of a name
# item in any script (Олег, Oleh, Oleg; Гриша, Hryhorii, Григорий) carries the item's id. Two words
# sharing an id are forms of one name. Its table is loaded once per process (~7 s, ~400 MB) on first use.


@lru_cache(maxsize=200_000)
def name_symbols(word: str) -> frozenset[str]:
    """Ids of the names a word is a form of: CTIMS's own given-name groups plus rigour's name symbols."""
    out: set[str] = set()
    group = given_group(word)
    if group:
        out.add(f"g:{group}")
    from rigour.names import NameTypeTag, analyze_names

    for name in analyze_names(NameTypeTag.PER, [word]):
        for symbol in name.symbols:
            if symbol.category.value == "NAME":
                out.add(symbol.id)
    return frozenset(out)


# Latin letters close to the Ukrainian passport spelling, whatever the script or convention, keeping
# one letter per letter typed (unlike the sound key, where "ch" and "sh" are one class each): a typo is
# one edit here, and Зайченко/Савченко (zaichenko/savchenko) stay two edits apart.
_PLAIN_RULES: list[tuple[str, str]] = [
    ("schtsch", "shch"), ("szcz", "shch"), ("tsch", "ch"), ("sch", "sh"), ("sz", "sh"), ("cz", "ch"),
    ("ż", "zh"), ("ž", "zh"), ("š", "sh"), ("č", "ch"), ("ł", "l"), ("w", "v"), ("ß", "ss"),
]
_PLAIN_RE = re.compile("|".join(re.escape(a) for a, _ in _PLAIN_RULES))
_PLAIN_MAP = dict(_PLAIN_RULES)


@lru_cache(maxsize=200_000)
def plain_latin(word: str) -> str:
    """Lower-case Latin spelling of a word for edit distances: KMU 2010 for Cyrillic, conventions folded."""
    low = unicodedata.normalize("NFC", (word or "").lower())
    if is_cyrillic(low):
        low = ukrainian_kmu2010(low).lower()
    low = _PLAIN_RE.sub(lambda m: _PLAIN_MAP[m.group(0)], low)
    return re.sub(r"[^a-z]", "", _strip_accents(low))


# surname endings of Ukrainian, Russian and Polish family names (on the plain Latin spelling); a word
# ending so is the surname whatever its position
_SURNAME_ENDINGS = ("enko", "chuk", "iuk", "yuk", "uk", "ov", "ova", "ev", "eva", "off", "skyi", "skii", "skiy",
                    "skyy", "sky", "ski", "ska", "skaia", "skaya", "skaja", "tskyi", "ych", "vich", "vych", "shyn")


def looks_like_surname(word: str) -> bool:
    plain = plain_latin(word)
    return len(plain) > 4 and plain.endswith(_SURNAME_ENDINGS) and not given_group(word)


@dataclass(frozen=True)
class ParsedName:
    surname_key: str
    given_key: str  # the key of the given name's group (Sasha -> Oleksandr) if known, else the word's key
    other_keys: tuple[str, ...]  # patronymic, middle names
    full_key: str  # all word keys sorted: independent of order
    surname_word: str = ""
    given_word: str = ""


def parse_name(text: str) -> ParsedName:
    """Split a full name in any order, never by position: a known given name is the given name, a word
    with a surname's ending is the surname, a patronymic is set aside; when nothing tells them apart,
    the two words are taken in the order of their keys, so "Ivanenko Oleh" and "Oleh Ivanenko" (or
    "Олег Іваненко") are read alike even if the reading is wrong."""
    words = [w for w in tokens(text) if word_key(w)]
    if not words:
        return ParsedName("", "", (), "")
    keys = [word_key(w) for w in words]
    # a patronymic (Андрійович, Ivanovna) in a name of three words or more: the last word so ending (a
    # surname may end so too: Шухевич, Прокопович)
    endings = [i for i, k in enumerate(keys) if len(keys) > 2 and k.endswith(_PATRONYMIC_ENDINGS)
               and not given_group(words[i])]
    patronymic = set(endings[-1:])
    given_idx = next((i for i, w in enumerate(words) if i not in patronymic and given_group(w)), None)
    if given_idx is None and len(words) - len(patronymic) > 1:  # a typo in the given name: the closest known one
        scored = [(given_group_fuzzy(w)[1], i) for i, w in enumerate(words) if i not in patronymic]
        sim, idx = max(scored)
        if sim:
            given_idx = idx
    rest = [i for i in range(len(words)) if i != given_idx and i not in patronymic]
    surname_idx: int | None
    if given_idx is None:
        if len(rest) >= 2:
            surnames = [i for i in rest if looks_like_surname(words[i])]
            # when nothing tells: the order of the keys (the same in every script and order of writing)
            first = surnames[0] if len(surnames) == 1 else max(rest, key=lambda i: (keys[i].lower(), keys[i]))
            given_idx = min((i for i in rest if i != first), key=lambda i: (keys[i].lower(), keys[i]))
            rest = [first] + [i for i in rest if i not in (first, given_idx)]
        surname_idx = rest[0] if rest else None
    else:
        surname_idx = max(rest, key=lambda i: len(keys[i])) if rest else None
    given = ""
    if given_idx is not None:
        group = given_group(words[given_idx])
        # a known name is compared through its group's canonical key (so a typo is still close to it)
        given = GROUP_KEY[group] if group else keys[given_idx]
    surname = keys[surname_idx] if surname_idx is not None else ""
    others = tuple(keys[i] for i in range(len(words)) if i not in (given_idx, surname_idx))
    return ParsedName(surname, given, others, " ".join(sorted(keys)),
                      words[surname_idx] if surname_idx is not None else "",
                      words[given_idx] if given_idx is not None else "")
