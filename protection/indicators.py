"""The indicator sets CTIMS starts with: the 11 ILO indicators of forced labour, and the HTCDS
methods of control and types of exploitation. They are loaded as data (the 0002 migration and
`load_indicator_sets`) so an administrator can edit them or load the official national lists.
"""

from __future__ import annotations

from typing import Any

# (code, names {en, pl, uk, ru}, dimensions: (code, names, indicators: (code, names, strength, htcds field, value)))
Names = dict[str, str]


def _n(en: str, pl: str, uk: str, ru: str) -> Names:
    return {"en": en, "pl": pl, "uk": uk, "ru": ru}


MOC = "vic_MethodsOfControl"
TOE = "vic_TypeOfExploitation"

SETS: list[dict[str, Any]] = [
    {
        "code": "ilo-forced-labour",
        "names": _n("ILO indicators of forced labour", "Wskaźniki pracy przymusowej MOP",
                    "Індикатори примусової праці МОП", "Индикаторы принудительного труда МОТ"),
        "description": "ILO (2012). One indicator can be enough in some cases; usually several together "
                       "point to forced labour.",
        "dimensions": [
            ("recruitment", _n("Recruitment", "Rekrutacja", "Вербування", "Вербовка"), [
                ("abuse-of-vulnerability", _n("Abuse of vulnerability", "Wykorzystanie trudnego położenia",
                                              "Зловживання вразливим становищем", "Злоупотребление уязвимостью"),
                 "weak", "", ""),
                ("deception", _n("Deception", "Wprowadzenie w błąd", "Обман", "Обман"), "medium", MOC, "FalsePromises"),
            ]),
            ("coercion", _n("Coercion and control", "Przymus i kontrola", "Примус і контроль",
                            "Принуждение и контроль"), [
                ("restriction-of-movement", _n("Restriction of movement", "Ograniczenie swobody poruszania się",
                                               "Обмеження свободи пересування", "Ограничение свободы передвижения"),
                 "strong", MOC, "RestrictsMovement"),
                ("isolation", _n("Isolation", "Izolacja", "Ізоляція", "Изоляция"), "medium", "", ""),
                ("physical-sexual-violence", _n("Physical and sexual violence", "Przemoc fizyczna i seksualna",
                                                "Фізичне та сексуальне насильство", "Физическое и сексуальное насилие"),
                 "strong", MOC, "PhysicalAbuse"),
                ("intimidation-threats", _n("Intimidation and threats", "Zastraszanie i groźby",
                                            "Залякування та погрози", "Запугивание и угрозы"),
                 "medium", MOC, "PhysicalThreats"),
                ("retention-of-documents", _n("Retention of identity documents", "Zatrzymanie dokumentów tożsamości",
                                              "Утримання документів, що посвідчують особу",
                                              "Удержание документов, удостоверяющих личность"),
                 "strong", MOC, "WithholdsDocuments"),
            ]),
            ("conditions", _n("Working and living conditions", "Warunki pracy i życia", "Умови праці та життя",
                              "Условия труда и жизни"), [
                ("withholding-of-wages", _n("Withholding of wages", "Zatrzymywanie wynagrodzenia",
                                            "Утримання заробітної плати", "Удержание заработной платы"),
                 "medium", MOC, "TakesEarnings"),
                ("debt-bondage", _n("Debt bondage", "Niewola za długi", "Боргова кабала", "Долговая кабала"),
                 "strong", MOC, "DebtBondage"),
                ("abusive-conditions", _n("Abusive working and living conditions",
                                          "Nadużycia w warunkach pracy i zamieszkania",
                                          "Жорстокі умови праці та проживання",
                                          "Жестокие условия труда и проживания"), "weak", "", ""),
                ("excessive-overtime", _n("Excessive overtime", "Nadmierne nadgodziny", "Надмірна понаднормова робота",
                                          "Чрезмерная сверхурочная работа"), "weak", MOC, "ExcessiveWorkingHours"),
            ]),
        ],
    },
    {
        "code": "htcds-methods-of-control",
        "names": _n("Methods of control (HTCDS)", "Metody kontroli (HTCDS)", "Методи контролю (HTCDS)",
                    "Методы контроля (HTCDS)"),
        "description": "HTCDS 2.0 vic_MethodsOfControl.",
        "dimensions": [
            ("methods-of-control", _n("Methods of control", "Metody kontroli", "Методи контролю", "Методы контроля"), [
                (v.lower(), names, strength, MOC, v) for v, names, strength in [
                    ("PhysicalThreats", _n("Threats", "Groźby", "Погрози", "Угрозы"), "medium"),
                    ("ThreatsLawEnforcement", _n("Threat of law enforcement", "Groźba zawiadomienia władz",
                                                 "Погроза звернутися до влади", "Угроза обратиться к властям"),
                     "medium"),
                    ("ThreatensChildrenFamily", _n("Threats to children or family", "Groźby wobec dzieci lub rodziny",
                                                   "Погрози дітям або родині", "Угрозы детям или семье"), "strong"),
                    ("DebtBondage", _n("Debt bondage", "Niewola za długi", "Боргова кабала", "Долговая кабала"),
                     "strong"),
                    ("FalsePromises", _n("False promises", "Fałszywe obietnice", "Неправдиві обіцянки",
                                         "Ложные обещания"), "medium"),
                    ("PhysicalAbuse", _n("Physical abuse", "Przemoc fizyczna", "Фізичне насильство",
                                         "Физическое насилие"), "strong"),
                    ("SexualAbuse", _n("Sexual abuse", "Przemoc seksualna", "Сексуальне насильство",
                                       "Сексуальное насилие"), "strong"),
                    ("TakesEarnings", _n("Takes earnings", "Odbieranie zarobków", "Забирання заробітку",
                                         "Отбирание заработка"), "medium"),
                    ("RestrictsFinancialAccess", _n("Restricts access to money", "Ograniczanie dostępu do pieniędzy",
                                                    "Обмеження доступу до грошей", "Ограничение доступа к деньгам"),
                     "medium"),
                    ("RestrictsMedicalCare", _n("Restricts medical care", "Ograniczanie opieki medycznej",
                                                "Обмеження медичної допомоги", "Ограничение медицинской помощи"),
                     "medium"),
                    ("WithholdsNecessities", _n("Withholds necessities", "Odmawianie rzeczy niezbędnych",
                                                "Позбавлення найнеобхіднішого", "Лишение самого необходимого"),
                     "medium"),
                    ("PsychologicalAbuse", _n("Psychological abuse", "Przemoc psychiczna", "Психологічне насильство",
                                              "Психологическое насилие"), "medium"),
                    ("PsychoactiveSubstance", _n("Psychoactive substances", "Substancje psychoaktywne",
                                                 "Психоактивні речовини", "Психоактивные вещества"), "medium"),
                    ("ExcessiveWorkingHours", _n("Excessive working hours", "Nadmierny czas pracy",
                                                 "Надмірний робочий час", "Чрезмерное рабочее время"), "weak"),
                    ("WithholdsDocuments", _n("Withholds documents", "Zatrzymywanie dokumentów",
                                              "Утримання документів", "Удержание документов"), "strong"),
                    ("Other", _n("Other method of control", "Inna metoda kontroli", "Інший метод контролю",
                                 "Другой метод контроля"), "weak"),
                ]
            ]),
        ],
    },
    {
        "code": "htcds-types-of-exploitation",
        "names": _n("Types of exploitation (HTCDS)", "Formy wyzysku (HTCDS)", "Види експлуатації (HTCDS)",
                    "Виды эксплуатации (HTCDS)"),
        "description": "HTCDS 2.0 vic_TypeOfExploitation.",
        "dimensions": [
            ("type-of-exploitation", _n("Type of exploitation", "Forma wyzysku", "Вид експлуатації",
                                        "Вид эксплуатации"), [
                (v.lower(), names, "medium", TOE, v) for v, names in [
                    ("ForcedLabour", _n("Forced labour", "Praca przymusowa", "Примусова праця", "Принудительный труд")),
                    ("SexualExploitation", _n("Sexual exploitation", "Wykorzystanie seksualne",
                                              "Сексуальна експлуатація", "Сексуальная эксплуатация")),
                    ("ChildLabour", _n("Child labour", "Praca dzieci", "Дитяча праця", "Детский труд")),
                    ("ForcedMarriage", _n("Forced marriage", "Małżeństwo przymusowe", "Примусовий шлюб",
                                          "Принудительный брак")),
                    ("Servitude", _n("Servitude", "Niewolnictwo domowe", "Підневільний стан",
                                     "Подневольное состояние")),
                    ("ForcedMilitaryByNonStateActors", _n("Forced military service by non-state actors",
                                                          "Przymusowa służba w grupach zbrojnych",
                                                          "Примусова служба в збройних угрупованнях",
                                                          "Принудительная служба в вооружённых группировках")),
                    ("OrganRemoval", _n("Organ removal", "Pobranie narządów", "Вилучення органів", "Изъятие органов")),
                    ("ForcedBegging", _n("Forced begging", "Przymusowe żebractwo", "Примусове жебракування",
                                         "Принудительное попрошайничество")),
                    ("ForcedAdoption", _n("Forced adoption", "Przymusowa adopcja", "Примусове усиновлення",
                                          "Принудительное усыновление")),
                    ("Surrogacy", _n("Surrogacy", "Macierzyństwo zastępcze", "Сурогатне материнство",
                                     "Суррогатное материнство")),
                    ("Other", _n("Other exploitation", "Inna forma wyzysku", "Інший вид експлуатації",
                                 "Другой вид эксплуатации")),
                ]
            ]),
        ],
    },
]


# What to look for, shown under each ILO indicator in the guided screening.
HINTS: dict[str, Names] = {
    "abuse-of-vulnerability": _n(
        "The employer used the person's lack of language, papers, money or other options.",
        "Pracodawca wykorzystał brak znajomości języka, dokumentów, pieniędzy lub innych możliwości.",
        "Роботодавець скористався тим, що людина не знає мови, не має документів, грошей чи інших варіантів.",
        "Работодатель воспользовался тем, что человек не знает языка, не имеет документов, денег "
        "или других вариантов."),
    "deception": _n(
        "The work, pay, place or conditions turned out different from what was promised.",
        "Praca, płaca, miejsce lub warunki okazały się inne, niż obiecano.",
        "Робота, оплата, місце чи умови виявилися не такими, як обіцяли.",
        "Работа, оплата, место или условия оказались не такими, как обещали."),
    "restriction-of-movement": _n(
        "Locked in, guarded, or not allowed to leave the workplace or housing freely.",
        "Zamykanie, pilnowanie lub zakaz swobodnego opuszczania miejsca pracy lub zakwaterowania.",
        "Зачиняли, охороняли або не дозволяли вільно залишати місце роботи чи житло.",
        "Запирали, охраняли или не позволяли свободно покидать место работы или жильё."),
    "isolation": _n(
        "Kept away from others, in a remote place, or without a phone or contact with family.",
        "Odcięcie od innych ludzi, odległe miejsce, brak telefonu lub kontaktu z rodziną.",
        "Ізоляція від людей, віддалене місце, без телефону чи зв'язку з родиною.",
        "Изоляция от людей, удалённое место, без телефона или связи с семьёй."),
    "physical-sexual-violence": _n(
        "Beaten, hurt, sexually abused, or made to take drugs or alcohol.",
        "Bicie, krzywdzenie, wykorzystanie seksualne lub zmuszanie do narkotyków czy alkoholu.",
        "Били, завдавали шкоди, сексуально кривдили або змушували вживати наркотики чи алкоголь.",
        "Били, причиняли вред, сексуально насиловали или заставляли употреблять наркотики или алкоголь."),
    "intimidation-threats": _n(
        "Threatened with violence, with the police or deportation, or against family at home.",
        "Groźby przemocy, policji lub deportacji, albo groźby wobec rodziny w kraju.",
        "Погрожували насильством, поліцією чи депортацією або родині вдома.",
        "Угрожали насилием, полицией или депортацией либо семье дома."),
    "retention-of-documents": _n(
        "The passport or ID is kept by the employer or someone else and not given back on request.",
        "Paszport lub dowód zatrzymał pracodawca lub ktoś inny i nie oddaje go na prośbę.",
        "Паспорт чи посвідчення тримає роботодавець або хтось інший і не віддає на вимогу.",
        "Паспорт или удостоверение держит работодатель или кто-то другой и не отдаёт по требованию."),
    "withholding-of-wages": _n(
        "Pay is held back, much lower than promised, or paid only 'at the end'.",
        "Wynagrodzenie jest zatrzymywane, dużo niższe od obiecanego lub wypłacane dopiero „na końcu”.",
        "Зарплату затримують, вона значно нижча за обіцяну або виплачується лише «в кінці».",
        "Зарплату задерживают, она намного ниже обещанной или выплачивается только «в конце»."),
    "debt-bondage": _n(
        "Works to pay off a debt for travel, housing or fees that keeps growing.",
        "Odpracowuje dług za podróż, mieszkanie lub opłaty, który wciąż rośnie.",
        "Відпрацьовує борг за дорогу, житло чи послуги, який постійно зростає.",
        "Отрабатывает долг за дорогу, жильё или услуги, который постоянно растёт."),
    "abusive-conditions": _n(
        "Degrading, dangerous or overcrowded work or living conditions.",
        "Poniżające, niebezpieczne lub przeludnione warunki pracy albo zamieszkania.",
        "Принизливі, небезпечні або переповнені умови праці чи проживання.",
        "Унизительные, опасные или переполненные условия труда или проживания."),
    "excessive-overtime": _n(
        "Very long days or no days off, beyond what the law or the contract allows.",
        "Bardzo długie dni pracy lub brak dni wolnych, ponad to, na co pozwala prawo lub umowa.",
        "Дуже довгі робочі дні або без вихідних, понад дозволене законом чи договором.",
        "Очень длинные рабочие дни или без выходных, сверх разрешённого законом или договором."),
}


def fill_hints(apps: Any = None) -> None:
    """Give the ILO indicators their hints where they have none (idempotent)."""
    if apps is not None:
        model = apps.get_model("protection", "Indicator")
    else:
        from .models import Indicator

        model = Indicator
    for ind in model.objects.filter(dimension__indicator_set__code="ilo-forced-labour", code__in=HINTS, hint=""):
        ind.hint, ind.hints = HINTS[ind.code]["en"], HINTS[ind.code]
        ind.save(update_fields=["hint", "hints"])


def load_indicator_sets(apps: Any = None) -> None:
    """Create the starting sets if missing (idempotent). `apps` is the migration registry, if any."""
    if apps is None:
        from . import models as m

        set_model, dim_model, ind_model = m.IndicatorSet, m.IndicatorDimension, m.Indicator
    else:
        set_model = apps.get_model("protection", "IndicatorSet")
        dim_model = apps.get_model("protection", "IndicatorDimension")
        ind_model = apps.get_model("protection", "Indicator")
    for s_order, spec in enumerate(SETS):
        iset, created = set_model.objects.get_or_create(code=spec["code"], defaults={
            "name": spec["names"]["en"], "names": spec["names"], "description": spec["description"],
            "order": s_order})
        if not created:
            continue
        for d_order, (d_code, d_names, indicators) in enumerate(spec["dimensions"]):
            dim = dim_model.objects.create(indicator_set=iset, code=d_code, name=d_names["en"], names=d_names,
                                           order=d_order)
            ind_model.objects.bulk_create([
                ind_model(dimension=dim, code=code, name=names["en"], names=names, strength=strength,
                          htcds_field=field, htcds_value=value, order=i)
                for i, (code, names, strength, field, value) in enumerate(indicators)
            ])
    fill_hints(apps)
