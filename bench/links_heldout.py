"""Person matching on names the matcher has never seen: an independent cross-script set, held out.

    .venv/bin/python bench/links_heldout.py [persons] [--part dev|heldout] [--trained]

Default 3000 persons, held-out part, the preset model; --trained: the model trained by links.training (Splink
u by random sampling, m by EM, as `manage.py links_retrain` does) on the development part only.

Names come from Faker's Ukrainian (uk_UA: 187 given names, 1,562 surnames) and Russian (ru_RU: 401 given
names, 500 surnames) person providers, not from the matcher's own dictionary. Each invented person has a
base mention in Cyrillic ("Given Surname", or the official "Surname Given Patronymic") and one more mention
of one class:

- translit: the name in Latin script, by one system (KMU 2010, Russian ICAO passport, Polish, German)
- swapped: the other order of writing (and a Latin system half the time)
- diminutive: the given name replaced by a diminutive from this script's own short table (below)
- missing_date: the second mention has no birth date (and a Latin system half the time)
- typo: one letter changed, dropped or two swapped, in the given name or the surname
- date_slip: birth date with day and month swapped or one digit off

and one person in five has a namesake: another person with the same given name and surname, another
birth date or none (class same_name; every such pair is a true non-match).

Persons are split into a development part and a held-out part by a fixed seed (half each); only the
development part was looked at while choosing the model; the held-out figures are the ones reported.
Pairwise precision, recall and F1 at the proposal and automatic-link thresholds; per class, the share
of true pairs found (recall) or, for same_name, the share of namesake pairs wrongly proposed.
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

from faker.providers.person.ru_RU import Provider as RuNames  # noqa: E402
from faker.providers.person.uk_UA import Provider as UkNames  # noqa: E402

from links import matching, names  # noqa: E402

SEED = 20261203
# diminutives the set uses (the bench's own table, written from common usage; most are not in links.names)
DIMINUTIVES = {
    "Григорій": "Гриць", "Григорий": "Гриша", "Анатолій": "Толік", "Анатолий": "Толя", "В'ячеслав": "Славік",
    "Вячеслав": "Слава", "Леонід": "Льоня", "Леонид": "Лёня", "Степан": "Стьопа", "Федір": "Федя", "Фёдор": "Федя",
    "Михайло": "Міша", "Михаил": "Миша", "Костянтин": "Костя", "Константин": "Костя", "Віктор": "Вітя",
    "Юрій": "Юра", "Юрий": "Юра", "Єлизавета": "Ліза", "Елизавета": "Лиза", "Зінаїда": "Зіна", "Любов": "Люба",
    "Галина": "Галя", "Ольга": "Оля", "Оксана": "Ксюша", "Маргарита": "Рита", "Антоніна": "Тоня",
    "Антонина": "Тоня", "Олександр": "Сашко", "Александр": "Саша", "Володимир": "Вова", "Владимир": "Володя",
    "Дмитро": "Діма", "Дмитрий": "Дима", "Євген": "Женя", "Евгений": "Женя", "Олексій": "Льоша",
    "Алексей": "Лёша", "Іван": "Ваня", "Иван": "Ваня", "Петро": "Петя", "Пётр": "Петя", "Тарас": "Тарасик",
    "Богдан": "Бодя", "Ярослав": "Ярик", "Станіслав": "Стас", "Станислав": "Стас", "Василь": "Вася",
    "Василий": "Вася", "Микола": "Коля", "Николай": "Коля", "Павло": "Паша", "Павел": "Паша", "Сергій": "Сергійко",
    "Сергей": "Серёжа", "Наталія": "Наташа", "Наталья": "Наташа", "Тетяна": "Таня", "Татьяна": "Таня",
    "Катерина": "Катя", "Екатерина": "Катя", "Марія": "Маша", "Мария": "Маша", "Людмила": "Люда",
    "Валентина": "Валя", "Надія": "Надя", "Надежда": "Надя", "Анастасія": "Настя", "Анастасия": "Настя",
    "Ірина": "Іра", "Ирина": "Ира", "Світлана": "Світа", "Светлана": "Света", "Олена": "Лена", "Елена": "Лена",
    "Роман": "Рома", "Віра": "Віруся", "Вера": "Верочка", "Софія": "Соня", "София": "Соня", "Семен": "Сеня",
    "Семён": "Сеня", "Ілля": "Іллюша", "Илья": "Илюша", "Тимофій": "Тимко", "Тимофей": "Тима",
    "Борис": "Боря", "Гліб": "Глібко", "Олег": "Олежка", "Максим": "Макс", "Артем": "Тьома", "Артём": "Тёма",
}
CLASSES = ("translit", "swapped", "diminutive", "missing_date", "typo", "date_slip")
SYSTEMS = {
    "kmu2010": lambda t, lang: names.ukrainian_kmu2010(t),
    "icao_ru": lambda t, lang: names.russian_icao(t),
    "polish": lambda t, lang: names.polish(t, lang),
    "german": lambda t, lang: names.german(t, lang),
}


def _population() -> dict[str, dict[str, list[str]]]:
    return {
        "uk": {"m": list(UkNames.first_names_male), "f": list(UkNames.first_names_female),
               "sm": list(UkNames.last_names_male), "sf": list(UkNames.last_names_female),
               "pm": list(UkNames.middle_names_male), "pf": list(UkNames.middle_names_female)},
        "ru": {"m": list(RuNames.first_names_male), "f": list(RuNames.first_names_female),
               "sm": list(RuNames.last_names_male), "sf": list(RuNames.last_names_female),
               "pm": list(RuNames.middle_names_male), "pf": list(RuNames.middle_names_female)},
    }


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("sub", "del", "swap"))
    letters = "абвгдежзиклмнопрстуфхцчшія" if names.is_cyrillic(word) else "abcdefghiklmnoprstuvyz"
    if op == "sub":
        return word[:i] + rng.choice(letters) + word[i + 1:]
    if op == "del":
        return word[:i] + word[i + 1:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def _slip(rng: random.Random, date: str) -> str:
    y, m, d = date.split("-")
    if int(d) <= 12 and d != m and rng.random() < 0.5:
        return f"{y}-{d}-{m}"
    pos = rng.choice((2, 3, 8, 9)) if int(d) > 9 else rng.choice((2, 3, 9))
    digits = list(date)
    digits[pos] = str((int(digits[pos]) + rng.choice((1, 9))) % 10)
    new = "".join(digits)
    try:
        dt.date.fromisoformat(new)
    except ValueError:
        return f"{int(y) + 1}-{m}-{d}"
    return new


def generate(persons: int) -> tuple[list[dict[str, Any]], dict[int, int], dict[int, str], dict[int, str]]:
    """Mentions (id, text, birth_date, sex), person of each mention, class of each variant, part of each person."""
    rng = random.Random(SEED)
    pop = _population()
    mentions: list[dict[str, Any]] = []
    person_of: dict[int, int] = {}
    cls_of: dict[int, str] = {}
    part_of: dict[int, str] = {}

    def add(pid: int, text: str, birth: str, sex: str, cls: str = "") -> None:
        mid = len(mentions) + 1
        mentions.append({"mention_id": mid, "full_name": text, "birth_date": birth, "sex": sex})
        person_of[mid] = pid
        if cls:
            cls_of[mid] = cls

    pid = 0
    for _ in range(persons):
        lang = rng.choice(("uk", "ru"))
        sex = rng.choice(("m", "f"))
        src = pop[lang]
        given = rng.choice(src[sex])
        surname = rng.choice(src["s" + sex])
        patronymic = rng.choice(src["p" + sex])
        birth = (dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 16000))).isoformat()
        twins = [(given, surname, birth)]
        if rng.random() < 0.2:  # a namesake: another person, same given name and surname
            other = (dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 16000))).isoformat()
            twins.append((given, surname, other if rng.random() < 0.5 else ""))
        for j, (g, s, b) in enumerate(twins):
            pid += 1
            part_of[pid] = "dev" if random.Random(SEED * 7 + pid).random() < 0.5 else "heldout"
            official = rng.random() < 0.4
            base = f"{s} {g} {patronymic}" if official else f"{g} {s}"
            add(pid, base, b, sex)
            if j:  # the namesake gets only the base mention
                cls_of[len(mentions)] = "same_name"
                continue
            cls = rng.choice(CLASSES)
            system = rng.choice(list(SYSTEMS))
            vg, vs, vb = g, s, b
            latin = cls == "translit" or (cls in ("swapped", "missing_date") and rng.random() < 0.5)
            if cls == "diminutive":
                vg = DIMINUTIVES.get(g, g)
                if vg == g:
                    cls = "typo"
            if cls == "typo":
                if rng.random() < 0.5:
                    vs = _typo(rng, s)
                else:
                    vg = _typo(rng, vg)
                latin = rng.random() < 0.3
            if cls == "missing_date":
                vb = ""
            if cls == "date_slip":
                vb = _slip(rng, b)
            text = f"{vs} {vg}" if (cls == "swapped") != official else f"{vg} {vs}"
            if latin:
                text = SYSTEMS[system](text, lang)
                if cls == "translit":
                    cls = f"translit:{system}"
            add(pid, text, vb, sex, cls)
    return mentions, person_of, cls_of, part_of


def _rows(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [matching.features(m["mention_id"], m["full_name"], {k: m[k] for k in ("birth_date", "sex") if m[k]})
            for m in mentions]


def trained_on_dev(persons: int) -> tuple[matching.Comparison, ...]:
    """The model `links_retrain` would store, trained (links.training.train) on the development part only."""
    from links import training

    mentions, person_of, _cls_of, part_of = generate(persons)
    dev = [m for m in mentions if part_of[person_of[m["mention_id"]]] == "dev"]
    return training.with_parameters(matching.COMPARISONS, training.train(_rows(dev)))


def evaluate(part: str, persons: int,
             comparisons: tuple[matching.Comparison, ...] = matching.COMPARISONS) -> dict[str, Any]:
    mentions, person_of, cls_of, part_of = generate(persons)
    chosen = [m for m in mentions if part_of[person_of[m["mention_id"]]] == part]
    rows = _rows(chosen)
    t0 = time.perf_counter()
    found = matching.splink_pairs(rows, threshold=0.01, comparisons=comparisons)
    elapsed = time.perf_counter() - t0
    prob = {(min(a, b), max(a, b)): p for a, b, p in found}
    by_person: dict[int, list[int]] = {}
    for m in chosen:
        by_person.setdefault(person_of[m["mention_id"]], []).append(m["mention_id"])
    truth = {tuple(sorted(p)) for ids in by_person.values() for p in itertools.combinations(ids, 2)}
    out: dict[str, Any] = {"mentions": len(chosen), "true_pairs": len(truth), "seconds": elapsed}
    for name, cut in (("propose", matching.propose_threshold()), ("auto", matching.auto_threshold())):
        predicted = {k for k, p in prob.items() if p >= cut}
        tp = len(predicted & truth)
        precision = tp / len(predicted) if predicted else 1.0
        recall = tp / len(truth) if truth else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class: dict[str, tuple[int, int]] = {}
        for mid, cls in cls_of.items():
            if part_of[person_of[mid]] != part:
                continue
            key = cls.split(":")[0] if not cls.startswith("translit") else cls
            if cls == "same_name":  # namesake vs the first person's mentions: all non-matches
                others = list(by_person.get(person_of[mid] - 1, []))
                pairs = [(min(mid, o), max(mid, o)) for o in others]
                wrong = sum(1 for p in pairs if prob.get(p, 0.0) >= cut)
                a, b = per_class.get(key, (0, 0))
                per_class[key] = (a + wrong, b + len(pairs))
                continue
            base = min(by_person[person_of[mid]])
            hit = prob.get((base, mid), 0.0) >= cut
            a, b = per_class.get(key, (0, 0))
            per_class[key] = (a + hit, b + 1)
        out[name] = {"threshold": cut, "precision": precision, "recall": recall, "f1": f1,
                     "predicted": len(predicted), "per_class": per_class}
    return out


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    persons = int(args[0]) if args else 3000
    part = "dev" if "--part" in sys.argv and sys.argv[sys.argv.index("--part") + 1] == "dev" else "heldout"
    if "--part" in sys.argv:
        args = [a for a in args if a not in ("dev", "heldout")]
    trained = "--trained" in sys.argv
    result = evaluate(part, persons, trained_on_dev(persons) if trained else matching.COMPARISONS)
    print(f"model={'trained on dev' if trained else 'preset'} part={part} persons={persons} "
          f"mentions={result['mentions']} true pairs={result['true_pairs']} "
          f"scoring {result['seconds']:.1f} s")
    for name in ("propose", "auto"):
        r = result[name]
        print(f"  {name:8s} (p >= {r['threshold']}): P {r['precision']:.4f}  R {r['recall']:.4f}  "
              f"F1 {r['f1']:.4f}  ({r['predicted']} pairs)")
        for cls, (hit, total) in sorted(r["per_class"].items()):
            what = "wrongly proposed" if cls == "same_name" else "found"
            print(f"      {cls:18s} {hit:5d}/{total:<5d} {what} ({hit / max(total, 1):.3f})")


if __name__ == "__main__":
    main()
