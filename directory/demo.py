"""Demo directory: the helplines named in the seed note with their real public numbers, invented services
of each type (marked demo, with numbers no one can be reached on), and the resource library by title."""

from __future__ import annotations

import datetime
from typing import Any

from core.demo import DemoContext

from . import selectors, services
from .models import Audience, Days, Resource, ResourceAudience, ResourceKind, Service, ServiceType

# The real helplines from the working group's note, with its numbers. Opening hours are not in the note:
# KCIK's 24/7 line and La Strada's weekday hours are as the services have published them; the police
# helpline's hours are left empty until an administrator confirms them (all editable on /directory/).
REAL_SERVICES: list[dict[str, Any]] = [
    {
        "name": "Police helpline for victims of trafficking",
        "name_pl": "Policja — telefon dla ofiar handlu ludźmi",
        "name_uk": "Поліція — гаряча лінія для постраждалих від торгівлі людьми",
        "name_ru": "Полиция — горячая линия для пострадавших от торговли людьми",
        "provider": "Police Headquarters — Counter-Trafficking Department", "org": "POL",
        "type": ServiceType.HOTLINE, "phone": "+48 47 72 565 02", "languages": ["pl", "en", "ru", "uk"],
        "summary_en": "Police consultants advise people who may be victims of trafficking or forced labour, "
                      "and their families. They speak Polish, English, Russian and Ukrainian.",
        "summary_pl": "Konsultanci policji doradzają osobom, które mogą być ofiarami handlu ludźmi lub pracy "
                      "przymusowej, oraz ich bliskim. Mówią po polsku, angielsku, rosyjsku i ukraińsku.",
        "summary_uk": "Консультанти поліції радять людям, які могли постраждати від торгівлі людьми чи "
                      "примусової праці, та їхнім близьким. Говорять польською, англійською, російською "
                      "та українською.",
        "summary_ru": "Консультанты полиции помогают советом людям, которые могли пострадать от торговли "
                      "людьми или принудительного труда, и их близким. Говорят на польском, английском, "
                      "русском и украинском.",
        "audiences": [Audience.EVERYONE], "featured": True, "order": 1,
    },
    {
        "name": "KCIK — National Consultation and Intervention Centre for Victims of Trafficking",
        "name_pl": "KCIK — Krajowe Centrum Interwencyjno-Konsultacyjne dla Ofiar Handlu Ludźmi",
        "name_uk": "KCIK — Національний консультаційно-інтервенційний центр для постраждалих від торгівлі людьми",
        "name_ru": "KCIK — Национальный консультационно-интервенционный центр для пострадавших от торговли людьми",
        "provider": "KCIK", "org": "KCIK", "type": ServiceType.HOTLINE, "phone": "+48 22 628 01 20",
        "open_24_7": True, "languages": ["pl", "en", "uk", "ru"],
        "summary_en": "Help for people who may have been trafficked, Polish or foreign: a safe place to stay, "
                      "legal and psychological help, medical care, an interpreter.",
        "summary_pl": "Pomoc dla osób, które mogły paść ofiarą handlu ludźmi, Polaków i cudzoziemców: "
                      "bezpieczne schronienie, pomoc prawna i psychologiczna, opieka medyczna, tłumacz.",
        "summary_uk": "Допомога людям, які могли постраждати від торгівлі людьми, — і громадянам Польщі, "
                      "і іноземцям: безпечне житло, юридична та психологічна допомога, медична допомога, "
                      "перекладач.",
        "summary_ru": "Помощь людям, которые могли пострадать от торговли людьми, — и гражданам Польши, "
                      "и иностранцам: безопасное жильё, юридическая и психологическая помощь, медицинская "
                      "помощь, переводчик.",
        "audiences": [Audience.VICTIMS, Audience.EVERYONE], "featured": True, "order": 2,
    },
    {
        "name": "La Strada — Foundation Against Trafficking in Persons and Slavery",
        "name_pl": "La Strada — Fundacja przeciwko Handlowi Ludźmi i Niewolnictwu",
        "name_uk": "La Strada — Фонд проти торгівлі людьми та рабства",
        "name_ru": "La Strada — Фонд против торговли людьми и рабства",
        "provider": "La Strada", "org": "LS", "type": ServiceType.HOTLINE,
        "phone": "+48 22 628 99 99", "phone_alt": "+48 605 687 750", "days": Days.WEEKDAYS,
        "opens_at": datetime.time(10), "closes_at": datetime.time(16), "languages": ["pl", "en", "uk", "ru"],
        "summary_en": "Advice before you travel or take a job abroad or in Poland, and help for people who "
                      "were trafficked or forced to work.",
        "summary_pl": "Porady przed wyjazdem lub podjęciem pracy za granicą albo w Polsce oraz pomoc dla osób, "
                      "które padły ofiarą handlu ludźmi lub pracy przymusowej.",
        "summary_uk": "Порада перед поїздкою чи початком роботи за кордоном або в Польщі та допомога людям, "
                      "які постраждали від торгівлі людьми чи примусової праці.",
        "summary_ru": "Совет перед поездкой или началом работы за границей или в Польше и помощь людям, "
                      "пострадавшим от торговли людьми или принудительного труда.",
        "audiences": [Audience.EVERYONE], "featured": True, "order": 3,
    },
    {
        "name": "National Labour Inspectorate (PIP)",
        "name_pl": "Państwowa Inspekcja Pracy (PIP)",
        "name_uk": "Державна інспекція праці (PIP)",
        "name_ru": "Государственная инспекция труда (PIP)",
        "provider": "National Labour Inspectorate", "org": "PIP", "type": ServiceType.LABOUR_INSPECTION,
        "website": "https://www.pip.gov.pl", "languages": ["pl"],
        "summary_en": "Free legal advice on work, and inspections of employers who break the law.",
        "summary_pl": "Bezpłatne porady prawne w sprawach pracy i kontrole pracodawców, którzy łamią prawo.",
        "summary_uk": "Безкоштовні юридичні консультації щодо роботи та перевірки роботодавців, які порушують закон.",
        "summary_ru": "Бесплатные юридические консультации по вопросам работы и проверки работодателей, "
                      "нарушающих закон.",
        "audiences": [Audience.WORKERS],
    },
]

# Invented services, by type: what each offers, in the four languages.
DEMO_SUMMARIES: dict[str, dict[str, str]] = {
    ServiceType.SHELTER: {
        "en": "A safe place to stay for a few weeks, with meals and a social worker.",
        "pl": "Bezpieczne miejsce na kilka tygodni, z wyżywieniem i pracownikiem socjalnym.",
        "uk": "Безпечне місце, де можна пожити кілька тижнів, з харчуванням і соціальним працівником.",
        "ru": "Безопасное место, где можно пожить несколько недель, с питанием и социальным работником.",
    },
    ServiceType.LEGAL_AID: {
        "en": "Free advice from a lawyer on stay, work, debts and court cases.",
        "pl": "Bezpłatna porada prawnika w sprawie pobytu, pracy, długów i spraw sądowych.",
        "uk": "Безкоштовна консультація юриста щодо перебування, роботи, боргів і судових справ.",
        "ru": "Бесплатная консультация юриста по вопросам пребывания, работы, долгов и судебных дел.",
    },
    ServiceType.MEDICAL: {
        "en": "A doctor and a nurse, without questions about documents.",
        "pl": "Lekarz i pielęgniarka, bez pytań o dokumenty.",
        "uk": "Лікар і медсестра, без питань про документи.",
        "ru": "Врач и медсестра, без вопросов о документах.",
    },
    ServiceType.PSYCHOLOGICAL: {
        "en": "Talk to a psychologist, alone or in a group, in your language.",
        "pl": "Rozmowa z psychologiem, indywidualnie lub w grupie, w Twoim języku.",
        "uk": "Розмова з психологом, індивідуально або в групі, вашою мовою.",
        "ru": "Разговор с психологом, индивидуально или в группе, на вашем языке.",
    },
    ServiceType.HOTLINE: {
        "en": "A phone line for questions about work, housing and safety.",
        "pl": "Telefon w sprawach pracy, mieszkania i bezpieczeństwa.",
        "uk": "Телефонна лінія з питань роботи, житла та безпеки.",
        "ru": "Телефонная линия по вопросам работы, жилья и безопасности.",
    },
    ServiceType.LABOUR_INSPECTION: {
        "en": "Advice on pay, contracts and working hours; complaints about employers.",
        "pl": "Porady w sprawie wynagrodzenia, umów i czasu pracy; skargi na pracodawców.",
        "uk": "Консультації щодо оплати, договорів і робочого часу; скарги на роботодавців.",
        "ru": "Консультации по оплате, договорам и рабочему времени; жалобы на работодателей.",
    },
    ServiceType.POLICE: {
        "en": "A police contact point for reports of trafficking and exploitation.",
        "pl": "Punkt kontaktowy policji do zgłaszania handlu ludźmi i wyzysku.",
        "uk": "Контактний пункт поліції, куди можна повідомити про торгівлю людьми та експлуатацію.",
        "ru": "Контактный пункт полиции, куда можно сообщить о торговле людьми и эксплуатации.",
    },
}

DEMO_NAMES = {
    ServiceType.SHELTER: "Shelter",
    ServiceType.LEGAL_AID: "Legal advice point",
    ServiceType.MEDICAL: "Clinic",
    ServiceType.PSYCHOLOGICAL: "Counselling centre",
    ServiceType.HOTLINE: "Information line",
    ServiceType.LABOUR_INSPECTION: "Labour inspection office",
    ServiceType.POLICE: "Police contact point",
}
# The same names in the public site's other languages (the "demo" tag beside each name says it is invented).
DEMO_NAMES_I18N = {
    ServiceType.SHELTER: {"pl": "Schronisko", "uk": "Притулок", "ru": "Приют"},
    ServiceType.LEGAL_AID: {"pl": "Punkt porad prawnych", "uk": "Пункт юридичних консультацій",
                            "ru": "Пункт юридических консультаций"},
    ServiceType.MEDICAL: {"pl": "Przychodnia", "uk": "Поліклініка", "ru": "Поликлиника"},
    ServiceType.PSYCHOLOGICAL: {"pl": "Ośrodek wsparcia psychologicznego", "uk": "Центр психологічної підтримки",
                                "ru": "Центр психологической поддержки"},
    ServiceType.HOTLINE: {"pl": "Infolinia", "uk": "Інформаційна лінія", "ru": "Информационная линия"},
    ServiceType.LABOUR_INSPECTION: {"pl": "Oddział inspekcji pracy", "uk": "Відділ інспекції праці",
                                    "ru": "Отдел инспекции труда"},
    ServiceType.POLICE: {"pl": "Punkt kontaktowy policji", "uk": "Контактний пункт поліції",
                         "ru": "Контактный пункт полиции"},
}

DEMO_PLACES = [
    ("lubelskie", "Lublin"), ("podkarpackie", "Rzeszów"), ("mazowieckie", "Warszawa"), ("małopolskie", "Kraków"),
    ("dolnośląskie", "Wrocław"), ("pomorskie", "Gdańsk"), ("wielkopolskie", "Poznań"), ("śląskie", "Katowice"),
    ("łódzkie", "Łódź"), ("zachodniopomorskie", "Szczecin"),
]

IOM_PUBLICATIONS = "https://publications.iom.int/"
# title as published (English), organisation, kind, audience, link, and the editions in other languages with
# their titles. The Ukrainian, Russian and Polish titles are this demo's renderings of the editions' titles,
# not checked against the printed editions; the links lead to the publishers' pages.
RESOURCES: list[tuple[str, str, str, str, str, dict[str, str]]] = [
    ("Ukraine — Training", "European Freedom Network", ResourceKind.TRAINING, ResourceAudience.COMMUNITIES,
     "https://europeanfreedomnetwork.org/",
     {"uk": "Україна — навчання з протидії торгівлі людьми"}),
    ("E-campus", "IOM", ResourceKind.E_LEARNING, ResourceAudience.CASE_WORKERS, "https://www.ecampus.iom.int/", {}),
    ("Trafficking in Persons: Victim Identification and Assistance (Training Guide – Region specific)", "IOM",
     ResourceKind.TRAINING_GUIDE, ResourceAudience.CASE_WORKERS, IOM_PUBLICATIONS,
     {"ru": "Торговля людьми: выявление пострадавших и помощь им (учебное пособие для региона)"}),
    ("Community Engagement in Preventing and Responding to Gender-based Violence and Trafficking in Persons "
     "(Training Guide – Region specific)", "IOM", ResourceKind.TRAINING_GUIDE, ResourceAudience.COMMUNITIES,
     IOM_PUBLICATIONS, {}),
    ("Investigating Human Trafficking Cases Using a Victim-Centred Approach (Trainer's Manual – Region specific)",
     "IOM", ResourceKind.TRAINER_MANUAL, ResourceAudience.LAW_ENFORCEMENT, IOM_PUBLICATIONS,
     {"uk": "Розслідування справ про торгівлю людьми з підходом, зосередженим на постраждалих "
            "(посібник для тренерів)",
      "ru": "Расследование дел о торговле людьми с подходом, ориентированным на пострадавших "
            "(пособие для тренеров)"}),
    ("Caring for Trafficked Persons: Guidance for Health Providers (Trainer facilitator's Guide)", "IOM",
     ResourceKind.TRAINER_MANUAL, ResourceAudience.TRAINERS, IOM_PUBLICATIONS, {}),
    ("IOM Handbook on Protection and Assistance for Migrants Vulnerable to Violence, Exploitation and Abuse",
     "IOM", ResourceKind.HANDBOOK, ResourceAudience.CASE_WORKERS,
     "https://publications.iom.int/books/iom-handbook-migrants-vulnerable-violence-exploitation-and-abuse",
     {"uk": "Довідник МОМ із захисту мігрантів, уразливих до насильства, експлуатації та жорстокого поводження, "
            "і допомоги їм"}),
    ("IOM Guidance on Referral Mechanisms", "IOM", ResourceKind.GUIDANCE, ResourceAudience.CASE_WORKERS,
     IOM_PUBLICATIONS,
     {"pl": "Wytyczne IOM dotyczące mechanizmów kierowania do pomocy",
      "uk": "Настанови МОМ щодо механізмів перенаправлення",
      "ru": "Руководство МОМ по механизмам перенаправления"}),
    ("IOM Guidance on response planning for migrants vulnerable to violence, exploitation and abuse", "IOM",
     ResourceKind.GUIDANCE, ResourceAudience.PLANNERS, IOM_PUBLICATIONS, {}),
    ("Migrants and their Vulnerability to Human Trafficking, Modern Slavery and Forced Labor", "IOM",
     ResourceKind.STUDY, ResourceAudience.PLANNERS, IOM_PUBLICATIONS, {}),
    ("IOM Handbook on Direct Assistance for Victims of Trafficking", "IOM", ResourceKind.HANDBOOK,
     ResourceAudience.CASE_WORKERS,
     "https://publications.iom.int/books/iom-handbook-direct-assistance-victims-trafficking-0",
     {"ru": "Руководство МОМ по оказанию непосредственной помощи жертвам торговли людьми"}),
    ("Caring for Trafficked Persons: Guidance for Health Providers", "IOM", ResourceKind.GUIDANCE,
     ResourceAudience.HEALTH, "https://publications.iom.int/books/caring-trafficked-persons-guidance-health-providers",
     {"ru": "Помощь пострадавшим от торговли людьми: руководство для медицинских работников",
      "uk": "Допомога постраждалим від торгівлі людьми: настанови для медичних працівників"}),
    ("Counter-Trafficking in emergencies: Information management guide", "IOM", ResourceKind.GUIDANCE,
     ResourceAudience.PLANNERS, IOM_PUBLICATIONS, {}),
]

DEMO_CONCERNS = [
    ("uk", "podkarpackie", "Medyka",
     "Біля пункту прийому чоловік на сірому бусі пропонує жінкам з дітьми безкоштовно відвезти їх до Німеччини. "
     "Каже, що житло і робота вже є."),
    ("pl", "lubelskie", "Dorohusk",
     "Na parkingu przy przejściu ktoś rozdaje ulotki z ofertą pracy w szklarni, 'bez umowy, płatne po sezonie'."),
    ("ru", "mazowieckie", "",
     "Мой брат работает на стройке, у него забрали паспорт и говорят, что он должен за жильё."),
]


def _service(fields: dict[str, Any], organisations: dict[str, Any]) -> Service:
    data = dict(fields)
    org_code = data.pop("org", None)
    languages = data.pop("languages", [])
    audiences = data.pop("audiences", [])
    data.setdefault("nationwide", True)
    service = Service(organisation=organisations.get(org_code) if org_code else None, **data)
    service.language_list = languages
    service.audience_list = audiences
    return service


def load(ctx: DemoContext) -> None:
    entries = [_service(fields, ctx.organisations) for fields in REAL_SERVICES]
    rng = ctx.rng
    number = 100
    audiences_by_type = {
        ServiceType.SHELTER: [Audience.WOMEN, Audience.FAMILIES, Audience.VICTIMS],
        ServiceType.LEGAL_AID: [Audience.EVERYONE],
        ServiceType.MEDICAL: [Audience.EVERYONE],
        ServiceType.PSYCHOLOGICAL: [Audience.WOMEN, Audience.CHILDREN],
        ServiceType.HOTLINE: [Audience.EVERYONE],
        ServiceType.LABOUR_INSPECTION: [Audience.WORKERS, Audience.MEN],
        ServiceType.POLICE: [Audience.EVERYONE],
    }
    for type_, label in DEMO_NAMES.items():
        for voivodeship, city in rng.sample(DEMO_PLACES, 3):
            number += 1
            languages = ["pl", *rng.sample(["uk", "ru", "en"], rng.randint(1, 3))]
            summaries = DEMO_SUMMARIES[type_]
            open_all_day = type_ in (ServiceType.HOTLINE, ServiceType.POLICE) and rng.random() < 0.5
            entries.append(_service({
                "name": f"{label} {city} (demo)", "provider": f"Demo Foundation {city}", "type": type_,
                **{f"name_{lang}": f"{text} {city}" for lang, text in DEMO_NAMES_I18N[type_].items()},
                # Polish numbers never start with 0: nobody can be reached on these by mistake.
                "phone": f"+48 000 000 {number}",
                "email": f"{type_.replace('_', '-')}-{number}@demo.ctims.invalid",
                "open_24_7": open_all_day,
                "days": "" if open_all_day else rng.choice([Days.WEEKDAYS, Days.MON_SAT]),
                "opens_at": None if open_all_day else datetime.time(rng.choice([8, 9, 10])),
                "closes_at": None if open_all_day else datetime.time(rng.choice([15, 16, 18])),
                "languages": languages, "audiences": audiences_by_type[type_],
                "eligibility": "Demo entry: invented for testing.",
                "nationwide": False, "voivodeship": voivodeship, "city": city,
                "address": f"ul. Przykładowa {number - 100}, {city}",
                "summary_en": summaries["en"], "summary_pl": summaries["pl"], "summary_uk": summaries["uk"],
                "summary_ru": summaries["ru"], "is_demo": True,
            }, ctx.organisations))
    Service.objects.bulk_create(entries)
    Resource.objects.bulk_create([
        Resource(title=title, title_language="en", organisation=org, kind=kind, audience=audience, url=url,
                 languages=",".join(["", "en", *editions, ""]), order=i,
                 **{f"title_{code}": text for code, text in editions.items()})
        for i, (title, org, kind, audience, url, editions) in enumerate(RESOURCES)
    ])
    # Sent through the same service as the public form, so they are audited and land on the police triage.
    if ctx.organisations.get(selectors.concern_organisation_code()) is not None:
        for n, (language, voivodeship, place, text) in enumerate(DEMO_CONCERNS):
            services.submit_concern(text=text, language=language, voivodeship=voivodeship, place=place,
                                    ip=f"192.0.2.{n + 1}")
    ctx.extra["directory_services"] = len(entries)
    ctx.say(f"directory: {len(entries)} services ({len(REAL_SERVICES)} real), {len(RESOURCES)} resources, "
            f"{len(DEMO_CONCERNS)} concerns from the public")
