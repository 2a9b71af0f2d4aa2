"""Cross-script person matching: Ukrainian and Russian names in Cyrillic, KMU 2010, ICAO, Polish and German
spelling, with typos, swapped order, diminutives (Oleksandr/Sasha), Russian/Ukrainian name forms and
birth-date errors. Pairwise precision, recall and F1 of the links matcher vs a plain Splink configuration.

    .venv/bin/python bench/links_crossscript.py [persons] [--always-dob]   # default 3000 persons, ~6,500 mentions

The set is generated (seeded) here: every mention of one invented person is a true link. About one
mention in five has no birth date; `--always-dob` keeps the same set but gives every mention one (still
with the same typing errors), to show how much of the gap is pairs that names alone cannot separate.

Besides the two matchers, the script prints a *ceiling*: the F1 of the best possible decision that
uses only the matcher's comparison levels (surname, given name, birth date, sex) on the pairs its
blocking finds, i.e. deciding each combination of levels by the true labels. It is an upper bound
that uses the answers, not a matcher; it says how far better weights or thresholds could go before
new evidence (a phone, a document, a place) is needed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctims.settings.test")

import django

django.setup()

from links import matching, names  # noqa: E402

THRESHOLD = 0.5


def _words(text: str) -> list[str]:
    return text.split()


UK_SURNAMES = _words(
    "Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Шевчук Поліщук Лисенко Бойко Мельник Коваль Руденко "
    "Савченко Петренко Кузьменко Марченко Гончаренко Мороз Клименко Павленко Левченко Харченко Карпенко Іваненко "
    "Литвиненко Романенко Сидоренко Мельниченко Кушнір Гнатюк Ковальчук Савчук Кравчук Мартинюк Приходько Білоус "
    "Дорошенко Остапенко Яковенко Зінченко Костенко Власенко Головко Гуменюк Стасюк Юрченко Тарасенко Щербак "
    "Захарченко Панченко Федоренко Денисенко Бабенко Нестеренко Гриценко Тимошенко Семенко Пономаренко Дмитренко"
)
RU_SURNAMES = _words(
    "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Федоров Морозов Волков Алексеев "
    "Лебедев Семенов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев Соловьев "
    "Борисов Яковлев Григорьев Романов Воробьев Сергеев Кузьмин Фролов Александров Дмитриев Королев Гусев Киселев "
    "Ильин Максимов Поляков Сорокин Виноградов Ковалев Белов Медведев Антонов Тарасов Жуков Баранов Филиппов "
    "Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров"
)
UK_STEMS = _words("Бондар Коваль Кравець Ткач Гончар Петр Павл Сидор Марч Харч Карп Литвин Федор Денис Гриц Тимош "
            "Семен Дмитр Остап Зінч Кост Влас Голов Гуменн Стас Юр Щерб Захар Панч Баб Нестер Пономар Давид "
           "Мирон Назар Левк Стеф Ярем Гаври Оліфір Кирил Лук Матві Онищ Опанас Охрім Пилип Прокоп Радч Савел "
            "Терещ Устим Хом Яцен Білик Вакул Гнат Дац Жур Заяч Ілл Климч Лесь Мовч Ничип")
RU_STEMS = _words("Смирн Кузнец Сокол Новик Волк Лебед Егор Козл Степан Орл Макар Никит Зайц Соловь Борис Григорь "
            "Воробь Кузьм Фрол Корол Гус Кисел Поляк Сорок Виноград Бел Медвед Антон Жук Баран Филипп Комар "
            "Давыд Беля Герасим Осип Абрам Блин Бур Воронц Голуб Денись Ерм Журавл Зуб Калин Лапт Мальц Нос "
            "Овчинник Пестр Рыб Сав Тих Уш Хар Чер Шил Щук")
UK_SURNAMES += [stem + suffix for stem in UK_STEMS for suffix in ("енко", "ук", "чук", "ишин", "ець")]
RU_SURNAMES += [stem + suffix for stem in RU_STEMS for suffix in ("ов", "ин", "енков", "ницкий")]
FEMALE_GROUPS = {"oleksandra", "olena", "nataliia", "tetiana", "iryna", "svitlana", "yuliia", "kateryna", "mariia",
                 "anna", "liudmyla", "halyna", "valentyna", "nadiia", "viktoriia", "anastasiia", "daria", "olha",
                 "oksana"}


def _group_forms() -> dict[str, dict[str, list[str]]]:
    out = {}
    for group, forms in names._GIVEN_GROUPS.items():
        cyr = [f for f in forms if names.is_cyrillic(f)]
        lat = [f for f in forms if not names.is_cyrillic(f)]
        out[group] = {"uk": cyr[:1], "ru": cyr[1:2] or cyr[:1], "dim_cyr": cyr[2:], "dim_lat": lat[3:]}
    return out


GROUPS = _group_forms()


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(["sub", "del", "swap", "dup"])
    if op == "del":
        return word[:i] + word[i + 1:]
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == "dup":
        return word[:i] + word[i] + word[i:]
    alphabet = "абвгдежзиклмнопрстуфхцчшщ" if names.is_cyrillic(word) else "abcdefghiklmnoprstuvwyz"
    return word[:i] + rng.choice(alphabet) + word[i + 1:]


def _render(rng: random.Random, text: str, lang: str, script: str) -> str:
    if script == "cyrillic":
        return text
    if script == "official":
        return names.ukrainian_kmu2010(text) if lang == "uk" else names.russian_icao(text)
    if script == "pl":
        return names.polish(text, lang)
    return names.german(text, lang)


ALWAYS_DOB = False


def _dob_error(rng: random.Random, dob: dt.date) -> str | None:
    roll = rng.random()
    if roll < 0.70:
        return dob.isoformat()
    if roll < 0.78:
        text = list(dob.isoformat())
        i = rng.choice([2, 3, 6, 9])
        text[i] = str((int(text[i]) + rng.randint(1, 8)) % 10)
        candidate = "".join(text)
        try:
            dt.date.fromisoformat(candidate)
            return candidate
        except ValueError:
            return dob.isoformat()
    if roll < 0.82 and dob.day <= 12:
        return dt.date(dob.year, dob.day, dob.month).isoformat()
    return dob.isoformat() if ALWAYS_DOB else None


def generate(n_persons: int, seed: int = 2026, start_id: int = 0) -> tuple[list[dict[str, Any]], list[int]]:
    """Mentions (value + extra) and, per mention, the id of the invented person it refers to."""
    rng = random.Random(seed)
    mentions: list[dict[str, Any]] = []
    person_of: list[int] = []
    group_names = list(GROUPS)
    for pid in range(n_persons):
        lang = "uk" if rng.random() < 0.6 else "ru"
        female = rng.random() < 0.5
        groups = [g for g in group_names if (g in FEMALE_GROUPS) == female]
        group = rng.choice(groups)
        surname = rng.choice(UK_SURNAMES if lang == "uk" else RU_SURNAMES)
        if female and lang == "ru":
            surname = surname[:-2] + "ая" if surname.endswith("ий") else surname + "а"
        dob = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(365 * 45))
        sex = "f" if female else "m"
        for _ in range(rng.choice([1, 2, 2, 2, 3, 3])):
            script = rng.choices(["cyrillic", "official", "pl", "de"], weights=[30, 30, 20, 20])[0]
            forms = GROUPS[group]
            roll = rng.random()
            if roll < 0.15 and forms["dim_cyr"]:
                given = _render(rng, rng.choice(forms["dim_cyr"]), lang, script)
            elif roll < 0.20 and forms["dim_lat"] and script != "cyrillic":
                given = rng.choice(forms["dim_lat"])
            elif roll < 0.30:
                other = "ru" if lang == "uk" else "uk"  # the other language's form: Олександр / Александр
                given = _render(rng, (forms[other] or forms[lang])[0], other, script)
            else:
                given = _render(rng, forms[lang][0], lang, script)
            family = _render(rng, surname, lang, script)
            if rng.random() < 0.15:
                family = _typo(rng, family)
            if rng.random() < 0.05:
                given = _typo(rng, given)
            value = f"{family} {given}" if (script == "cyrillic") != (rng.random() < 0.3) else f"{given} {family}"
            extra = {}
            dob_text = _dob_error(rng, dob)
            if dob_text:
                extra["birth_date"] = dob_text
            if rng.random() < 0.8:
                extra["sex"] = sex
            mentions.append({"unique_id": start_id + len(mentions), "value": value, "extra": extra})
            person_of.append(pid)
    return mentions, person_of


def truth_pairs(person_of: list[int], start_id: int = 0) -> set[tuple[int, int]]:
    by_person: dict[int, list[int]] = {}
    for i, pid in enumerate(person_of):
        by_person.setdefault(pid, []).append(start_id + i)
    return {(a, b) for ids in by_person.values() for a, b in itertools.combinations(sorted(ids), 2)}


def ours(mentions: list[dict[str, Any]], train: bool) -> set[tuple[int, int]]:
    rows = [matching.features(m["unique_id"], m["value"], m["extra"]) for m in mentions]
    return {(min(a, b), max(a, b)) for a, b, _ in matching.splink_pairs(rows, train=train, threshold=THRESHOLD)}


def plain_splink(mentions: list[dict[str, Any]]) -> set[tuple[int, int]]:
    """What a team would do without the names module: first word = given name, last word = surname."""
    import pandas as pd
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    rows = []
    for m in mentions:
        words = m["value"].lower().split()
        rows.append({"unique_id": m["unique_id"], "first_name": words[0], "surname": words[-1],
                     "dob": m["extra"].get("birth_date"), "sex": m["extra"].get("sex")})
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[cl.NameComparison("first_name"), cl.NameComparison("surname"),
                     cl.LevenshteinAtThresholds("dob", [1, 2]), cl.ExactMatch("sex")],
        blocking_rules_to_generate_predictions=[block_on("first_name", "surname"), block_on("surname", "dob"),
                                                block_on("first_name", "dob")],
        retain_intermediate_calculation_columns=False,
    )
    api = DuckDBAPI()
    linker = Linker(api.register(pd.DataFrame(rows)), settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match([block_on("first_name", "surname", "dob")],
                                                                  recall=0.6)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=7)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    out = linker.inference.predict(threshold_match_probability=THRESHOLD).as_pandas_dataframe()
    return {(min(int(a), int(b)), max(int(a), int(b))) for a, b in zip(out["unique_id_l"], out["unique_id_r"],
                                                                           strict=True)}


def scores(predicted: set[tuple[int, int]], truth: set[tuple[int, int]]) -> tuple[float, float, float]:
    tp = len(predicted & truth)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(truth) if truth else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _level(comp: matching.Comparison, a: dict[str, Any], b: dict[str, Any]) -> str:
    x, y = a.get(comp.column) or "", b.get(comp.column) or ""
    if not x or not y:
        return "null"
    for i, level in enumerate(comp.levels):
        if matching._level_holds(level, x, y):
            return str(i)
    return "else"


def ceiling(mentions: list[dict[str, Any]], truth: set[tuple[int, int]]) -> tuple[float, float, float]:
    """Best F1 any decision on the matcher's comparison levels can reach on its blocked pairs (uses labels)."""
    rows = [matching.features(m["unique_id"], m["value"], m["extra"]) for m in mentions]
    by_id = {r["unique_id"]: r for r in rows}
    cells: dict[tuple[str, ...], list[int]] = {}
    for a, b, _ in matching.splink_pairs(rows, threshold=0.0):
        cell = tuple(_level(c, by_id[a], by_id[b]) for c in matching.COMPARISONS)
        cells.setdefault(cell, [0, 0])[0 if (min(a, b), max(a, b)) in truth else 1] += 1
    tp = sum(t for t, f in cells.values() if t > f)
    fp = sum(f for t, f in cells.values() if t > f)
    p, r = tp / (tp + fp), tp / len(truth)
    return p, r, 2 * p * r / (p + r)


def main() -> None:
    import logging

    global ALWAYS_DOB
    logging.getLogger("splink").setLevel(logging.WARNING)
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    ALWAYS_DOB = "--always-dob" in sys.argv
    n = int(args[0]) if args else 3000
    mentions, person_of = generate(n)
    truth = truth_pairs(person_of)
    label = " (every mention with a birth date)" if ALWAYS_DOB else ""
    print(f"cross-script set{label}: {n} persons, {len(mentions)} mentions, {len(truth)} true pairs, "
          f"threshold {THRESHOLD}")
    for m in mentions[:6]:
        print("   e.g.", m["value"], m["extra"])
    runs = (("plain Splink", lambda: plain_splink(mentions)),
            ("links, fixed model", lambda: ours(mentions, train=False)),
            ("links, EM-trained", lambda: ours(mentions, train=True)))
    for name, fn in runs:
        start = time.perf_counter()
        predicted = fn()
        took = time.perf_counter() - start
        p, r, f1 = scores(predicted, truth)
        print(f"{name:20s} precision {p:.4f}  recall {r:.4f}  F1 {f1:.4f}  ({len(predicted)} pairs, {took:.1f}s)")
    p, r, f1 = ceiling(mentions, truth)
    print(f"{'ceiling (labels)':20s} precision {p:.4f}  recall {r:.4f}  F1 {f1:.4f}  "
          "(best decision per combination of comparison levels, on the blocked pairs)")


if __name__ == "__main__":
    main()
