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
