# ruff: noqa: E501  (course text: long lines are paragraphs)
"""The course "Forced labour: recognising the indicators", in English and Polish: five short
lessons and a ten-question quiz built on the ILO's eleven indicators of forced labour.

Kept as data so the demo loader (and tests) can create it in one call."""

from __future__ import annotations

from typing import Any

FAMILY = "forced-labour-indicators"

INDICATORS = {
    "en": [
        "Abuse of vulnerability",
        "Deception",
        "Restriction of movement",
        "Isolation",
        "Physical and sexual violence",
        "Intimidation and threats",
        "Retention of identity documents",
        "Withholding of wages",
        "Debt bondage",
        "Abusive working and living conditions",
        "Excessive overtime",
    ],
    "pl": [
        "Wykorzystanie trudnego położenia",
        "Oszustwo",
        "Ograniczenie swobody przemieszczania się",
        "Izolacja",
        "Przemoc fizyczna i seksualna",
        "Zastraszanie i groźby",
        "Zatrzymanie dokumentów tożsamości",
        "Niewypłacanie wynagrodzenia",
        "Niewola za długi",
        "Urągające warunki pracy i życia",
        "Nadmierne nadgodziny",
    ],
    "uk": [
        "Зловживання вразливим становищем",
        "Обман",
        "Обмеження свободи пересування",
        "Ізоляція",
        "Фізичне та сексуальне насильство",
        "Залякування та погрози",
        "Утримання документів, що посвідчують особу",
        "Невиплата заробітної плати",
        "Боргова кабала",
        "Принизливі умови праці та проживання",
        "Надмірна понаднормова робота",
    ],
}

COURSES: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Forced labour: recognising the indicators",
        "summary": "Six short lessons and a quiz for Border Guard officers who meet foreign workers: what "
        "forced labour is, the ILO's eleven indicators, and what to do when you see them.",
        "modules": [
            (
                "What forced labour is",
                [
                    (
                        "The definition",
                        """## Work that is not freely chosen

The ILO Forced Labour Convention (No. 29, 1930) defines forced labour as **all work or service which is exacted from any person under the threat of a penalty and for which the person has not offered himself or herself voluntarily**.

Two things must come together:

- **Involuntariness**: the person did not freely agree to the work, or cannot leave it freely.
- **Menace of a penalty**: the person is kept at work by a threat or by force: violence, threats to the family, debts, taking documents, threats of denunciation to the authorities.

> Poor pay or hard conditions alone are not forced labour. What matters is whether the person is free to leave.

Forced labour is one of the purposes of exploitation in the Palermo Protocol on trafficking in persons and in Directive 2011/36/EU. SDG target 8.7 asks every country to end it.""",
                        "",
                    ),
                    (
                        "Why it matters at a check",
                        """## You may be the first official the person meets

Officers who check the legality of stay and employment often meet workers before anyone else does. Many victims do not see themselves as victims: they feel they owe a debt, fear deportation, or were told the police work with their employer.

More and more people identified in forced labour in Poland are **men**, often working in construction, agriculture, factories or warehouses. People who fled the war in Ukraine, mostly women and children, are at risk of being offered work or lodging by exploiters.

The ILO has described **eleven indicators** of forced labour. The next lessons go through them with examples from checks.""",
                        "",
                    ),
                ],
            ),
            (
                "The eleven indicators",
                [
                    (
                        "Vulnerability, deception, movement and isolation",
                        """## 1. Abuse of vulnerability
The employer takes advantage of a weak position: no language, no legal status, debts, dependence on the employer for housing or food. *Example: a worker without a residence permit is told he will be reported if he complains.*

## 2. Deception
Promises about the kind of work, pay, conditions or legal status were false. *Example: recruited for a hotel job, she ends up in a food plant at half the pay.*

## 3. Restriction of movement
The worker is locked in, guarded, or may not leave the site or the lodging freely. *Example: workers are driven from dormitory to farm and back; the gate is locked at night.*

## 4. Isolation
The worker is cut off: remote site, phone taken, no contact with family, not told the address.""",
                        "",
                    ),
                    (
                        "Violence, threats, documents and wages",
                        """## 5. Physical and sexual violence
Beatings, sexual abuse, forced use of drugs or alcohol, to punish or to control.

## 6. Intimidation and threats
Threats against the worker or the family, threats of denunciation to the immigration authorities, constant shouting and humiliation.

## 7. Retention of identity documents
The employer or a recruiter keeps passports or residence cards "for safekeeping", so the worker cannot leave or prove who they are.

## 8. Withholding of wages
Pay is held back "until the end of the season", cut for invented fines, or never paid, so the worker stays hoping to get it.""",
                        "",
                    ),
                    (
                        "Debt, conditions and overtime",
                        """## 9. Debt bondage
A debt for travel, recruitment fees, housing or tools grows faster than it can be paid off, and the worker must keep working to clear it.

## 10. Abusive working and living conditions
Dangerous work without protection, overcrowded or unhealthy lodging, no days off, degrading treatment.

## 11. Excessive overtime
Working far beyond legal limits, with no real choice to refuse, often seven days a week.

![The eleven ILO indicators of forced labour](image:INDICATORS)

> One indicator can be enough in some cases. Usually several together point to forced labour. Never reduce a person to a single score.""",
                        "",
                    ),
                ],
            ),
            (
                "What to do",
                [
                    (
                        "Acting on what you see",
                        """## During the check
- Speak to the worker **away from the employer** and any "supervisor" or "translator" the employer brings.
- Use a professional interpreter in the worker's language.
- Ask open questions: how were you recruited? Who has your passport? Can you leave when you want? Do you owe anyone money?
- Write down which indicators you saw, and in what words the person described them.

## After the check
- Follow your unit's procedure for possible victims of trafficking and forced labour.
- The person can get help from **KCIK**, the National Consultation and Intervention Centre for Victims of Trafficking (+48 22 628 01 20), and from **La Strada** (+48 22 628 99 99).
- In an emergency call **112**.

> A victim-centred approach: the person's safety comes first, and they are never punished for offences they were forced to commit.""",
                        "",
                    ),
                ],
            ),
        ],
        "questions": [
            (
                "single",
                "Which two elements define forced labour under ILO Convention No. 29?",
                [
                    ("Work under the menace of a penalty, which the person did not offer voluntarily", True),
                    ("Work paid below the minimum wage, without a written contract", False),
                    ("Work done by a foreigner without a work permit", False),
                ],
            ),
            (
                "true_false",
                "Low pay and hard working conditions are, on their own, enough to call a situation forced labour.",
                [("True", False), ("False", True)],
            ),
            (
                "multiple",
                "Which of these are among the ILO's eleven indicators of forced labour? Choose all that apply.",
                [
                    ("Retention of identity documents", True),
                    ("Debt bondage", True),
                    ("Excessive overtime", True),
                    ("Working in a foreign language", False),
                ],
            ),
            (
                "single",
                "A recruiter promised hotel work; the worker was taken to a food plant at half the promised pay. Which indicator is this?",
                [("Deception", True), ("Isolation", False), ("Excessive overtime", False)],
            ),
            (
                "single",
                'The employer keeps workers\' passports "for safekeeping". Which indicator is this?',
                [
                    ("Retention of identity documents", True),
                    ("Abuse of vulnerability", False),
                    ("Withholding of wages", False),
                ],
            ),
            (
                "single",
                "A worker must keep working to pay off a debt for travel and lodging that keeps growing. Which indicator is this?",
                [("Debt bondage", True), ("Deception", False), ("Restriction of movement", False)],
            ),
            (
                "true_false",
                "One indicator can be enough in some cases, but usually several together point to forced labour.",
                [("True", True), ("False", False)],
            ),
            (
                "multiple",
                "Which of these are good practice when you suspect forced labour during a check? Choose all that apply.",
                [
                    ("Speak to the worker away from the employer", True),
                    ("Use a professional interpreter", True),
                    ("Let the employer's supervisor translate", False),
                    ("Write down which indicators you observed", True),
                ],
            ),
            (
                "single",
                "A worker is threatened with being reported to the immigration authorities if he complains. Which indicator is this?",
                [("Intimidation and threats", True), ("Excessive overtime", False), ("Isolation", False)],
            ),
            (
                "single",
                "Where can a possible victim of trafficking in Poland get specialised help?",
                [
                    ("KCIK, the National Consultation and Intervention Centre for Victims of Trafficking", True),
                    ("Only at the embassy of their country", False),
                    ("Nowhere until a court decides", False),
                ],
            ),
        ],
    },
    "pl": {
        "title": "Praca przymusowa: jak rozpoznać wskaźniki",
        "summary": "Sześć krótkich lekcji i test dla funkcjonariuszy Straży Granicznej, którzy spotykają "
        "cudzoziemców pracujących w Polsce: czym jest praca przymusowa, jedenaście wskaźników MOP "
        "i co robić, gdy je widzisz.",
        "modules": [
            (
                "Czym jest praca przymusowa",
                [
                    (
                        "Definicja",
                        """## Praca, której nikt nie wybrał dobrowolnie

Konwencja MOP nr 29 (1930) dotycząca pracy przymusowej określa ją jako **wszelką pracę lub usługę wymaganą od osoby pod groźbą jakiejkolwiek kary, do której osoba ta nie zgłosiła się dobrowolnie**.

Muszą wystąpić dwa elementy:

- **Brak dobrowolności**: osoba nie zgodziła się swobodnie na pracę albo nie może swobodnie z niej odejść.
- **Groźba kary**: osobę zatrzymuje się w pracy groźbą lub siłą: przemocą, groźbami wobec rodziny, długiem, odebraniem dokumentów, groźbą donosu do urzędów.

> Sama niska płaca lub ciężkie warunki to jeszcze nie praca przymusowa. Liczy się to, czy osoba może swobodnie odejść.

Praca przymusowa jest jedną z form wyzysku w Protokole z Palermo o handlu ludźmi i w dyrektywie 2011/36/UE. Cel zrównoważonego rozwoju 8.7 wzywa wszystkie państwa do jej wyeliminowania.""",
                        "",
                    ),
                    (
                        "Dlaczego to ważne podczas kontroli",
                        """## Możesz być pierwszym funkcjonariuszem, którego ta osoba spotyka

Funkcjonariusze kontrolujący legalność pobytu i zatrudnienia często spotykają pracowników jako pierwsi. Wiele ofiar nie uważa się za ofiary: czują, że mają dług, boją się wydalenia albo usłyszeli, że policja współpracuje z pracodawcą.

Coraz więcej osób identyfikowanych w Polsce jako ofiary pracy przymusowej to **mężczyźni**, często pracujący na budowach, w rolnictwie, fabrykach lub magazynach. Osoby uciekające przed wojną w Ukrainie, głównie kobiety i dzieci, są narażone na oferty pracy lub noclegu od wyzyskujących.

MOP opisała **jedenaście wskaźników** pracy przymusowej. Kolejne lekcje omawiają je na przykładach z kontroli.""",
                        "",
                    ),
                ],
            ),
            (
                "Jedenaście wskaźników",
                [
                    (
                        "Trudne położenie, oszustwo, swoboda przemieszczania się i izolacja",
                        """## 1. Wykorzystanie trudnego położenia
Pracodawca wykorzystuje słabą pozycję pracownika: brak znajomości języka, nieuregulowany pobyt, długi, zależność od pracodawcy w sprawie mieszkania lub jedzenia. *Przykład: pracownikowi bez zezwolenia na pobyt mówi się, że zostanie zgłoszony, jeśli będzie się skarżył.*

## 2. Oszustwo
Obietnice dotyczące rodzaju pracy, płacy, warunków lub statusu prawnego okazały się fałszywe. *Przykład: zrekrutowana do pracy w hotelu, trafia do zakładu spożywczego za połowę stawki.*

## 3. Ograniczenie swobody przemieszczania się
Pracownik jest zamykany, pilnowany albo nie może swobodnie opuścić miejsca pracy lub zakwaterowania. *Przykład: pracowników przewozi się z hotelu robotniczego na pole i z powrotem; na noc brama jest zamykana.*

## 4. Izolacja
Pracownik jest odcięty od świata: odległe miejsce, odebrany telefon, brak kontaktu z rodziną, nie zna nawet adresu.""",
                        "",
                    ),
                    (
                        "Przemoc, groźby, dokumenty i wynagrodzenie",
                        """## 5. Przemoc fizyczna i seksualna
Bicie, wykorzystywanie seksualne, zmuszanie do narkotyków lub alkoholu, aby karać lub kontrolować.

## 6. Zastraszanie i groźby
Groźby wobec pracownika lub jego rodziny, groźby zgłoszenia do urzędu ds. cudzoziemców, ciągłe krzyki i poniżanie.

## 7. Zatrzymanie dokumentów tożsamości
Pracodawca lub pośrednik trzyma paszporty lub karty pobytu „na przechowanie”, więc pracownik nie może odejść ani potwierdzić swojej tożsamości.

## 8. Niewypłacanie wynagrodzenia
Wypłata jest wstrzymywana „do końca sezonu”, pomniejszana o wymyślone kary albo w ogóle nie jest wypłacana, więc pracownik zostaje w nadziei, że ją dostanie.""",
                        "",
                    ),
                    (
                        "Dług, warunki i nadgodziny",
                        """## 9. Niewola za długi
Dług za podróż, opłaty rekrutacyjne, mieszkanie lub narzędzia rośnie szybciej, niż można go spłacić, a pracownik musi dalej pracować, żeby go odpracować.

## 10. Urągające warunki pracy i życia
Niebezpieczna praca bez zabezpieczeń, przepełnione lub niezdrowe zakwaterowanie, brak dni wolnych, poniżające traktowanie.

## 11. Nadmierne nadgodziny
Praca daleko ponad limity prawne, bez realnej możliwości odmowy, często siedem dni w tygodniu.

![Jedenaście wskaźników pracy przymusowej MOP](image:INDICATORS)

> Czasem wystarczy jeden wskaźnik. Zwykle dopiero kilka naraz wskazuje na pracę przymusową. Nigdy nie sprowadzaj człowieka do jednej liczby.""",
                        "",
                    ),
                ],
            ),
            (
                "Co robić",
                [
                    (
                        "Działanie na podstawie tego, co widzisz",
                        """## W trakcie kontroli
- Rozmawiaj z pracownikiem **bez obecności pracodawcy** ani „brygadzisty” czy „tłumacza”, którego przyprowadza pracodawca.
- Korzystaj z profesjonalnego tłumacza języka pracownika.
- Zadawaj pytania otwarte: jak cię zrekrutowano? Kto ma twój paszport? Czy możesz odejść, kiedy chcesz? Czy jesteś komuś winien pieniądze?
- Zapisz, które wskaźniki zaobserwowałeś i jakimi słowami osoba je opisała.

## Po kontroli
- Postępuj zgodnie z procedurą swojej jednostki dotyczącą potencjalnych ofiar handlu ludźmi i pracy przymusowej.
- Pomoc można uzyskać w **KCIK**, Krajowym Centrum Interwencyjno-Konsultacyjnym dla Ofiar Handlu Ludźmi (+48 22 628 01 20), oraz w **La Strada** (+48 22 628 99 99).
- W nagłym wypadku dzwoń pod **112**.

> Podejście skoncentrowane na ofierze: najważniejsze jest bezpieczeństwo osoby, która nigdy nie jest karana za czyny, do których ją zmuszono.""",
                        "",
                    ),
                ],
            ),
        ],
        "questions": [
            (
                "single",
                "Jakie dwa elementy definiują pracę przymusową według Konwencji MOP nr 29?",
                [
                    ("Praca pod groźbą kary, do której osoba nie zgłosiła się dobrowolnie", True),
                    ("Praca za płacę poniżej minimalnej, bez pisemnej umowy", False),
                    ("Praca cudzoziemca bez zezwolenia na pracę", False),
                ],
            ),
            (
                "true_false",
                "Sama niska płaca i ciężkie warunki pracy wystarczą, by uznać sytuację za pracę przymusową.",
                [("Prawda", False), ("Fałsz", True)],
            ),
            (
                "multiple",
                "Które z poniższych należą do jedenastu wskaźników pracy przymusowej MOP? Zaznacz wszystkie właściwe.",
                [
                    ("Zatrzymanie dokumentów tożsamości", True),
                    ("Niewola za długi", True),
                    ("Nadmierne nadgodziny", True),
                    ("Praca w obcym języku", False),
                ],
            ),
            (
                "single",
                "Pośrednik obiecał pracę w hotelu; pracownicę zawieziono do zakładu spożywczego za połowę obiecanej płacy. Jaki to wskaźnik?",
                [("Oszustwo", True), ("Izolacja", False), ("Nadmierne nadgodziny", False)],
            ),
            (
                "single",
                "Pracodawca trzyma paszporty pracowników „na przechowanie”. Jaki to wskaźnik?",
                [
                    ("Zatrzymanie dokumentów tożsamości", True),
                    ("Wykorzystanie trudnego położenia", False),
                    ("Niewypłacanie wynagrodzenia", False),
                ],
            ),
            (
                "single",
                "Pracownik musi dalej pracować, by spłacić rosnący dług za podróż i mieszkanie. Jaki to wskaźnik?",
                [("Niewola za długi", True), ("Oszustwo", False), ("Ograniczenie swobody przemieszczania się", False)],
            ),
            (
                "true_false",
                "Czasem wystarczy jeden wskaźnik, ale zwykle dopiero kilka naraz wskazuje na pracę przymusową.",
                [("Prawda", True), ("Fałsz", False)],
            ),
            (
                "multiple",
                "Co jest dobrą praktyką, gdy podczas kontroli podejrzewasz pracę przymusową? Zaznacz wszystkie właściwe.",
                [
                    ("Rozmowa z pracownikiem bez obecności pracodawcy", True),
                    ("Profesjonalny tłumacz", True),
                    ("Tłumaczenie przez brygadzistę pracodawcy", False),
                    ("Zapisanie zaobserwowanych wskaźników", True),
                ],
            ),
            (
                "single",
                "Pracownikowi grozi się zgłoszeniem do urzędu ds. cudzoziemców, jeśli będzie się skarżył. Jaki to wskaźnik?",
                [("Zastraszanie i groźby", True), ("Nadmierne nadgodziny", False), ("Izolacja", False)],
            ),
            (
                "single",
                "Gdzie potencjalna ofiara handlu ludźmi może uzyskać specjalistyczną pomoc w Polsce?",
                [
                    ("W KCIK, Krajowym Centrum Interwencyjno-Konsultacyjnym dla Ofiar Handlu Ludźmi", True),
                    ("Wyłącznie w ambasadzie swojego kraju", False),
                    ("Nigdzie, dopóki nie orzeknie sąd", False),
                ],
            ),
        ],
    },
}

COURSES["uk"] = {
    "title": "Примусова праця: як розпізнати ознаки",
    "summary": "Шість коротких уроків і тест для прикордонників, які зустрічають іноземних працівників: "
    "що таке примусова праця, одинадцять індикаторів МОП і що робити, коли ви їх помічаєте.",
    "modules": [
        (
            "Що таке примусова праця",
            [
                (
                    "Визначення",
                    """## Праця, яку людина не обирала вільно

Конвенція МОП про примусову працю (№ 29, 1930) визначає її як **будь-яку роботу або службу, яку вимагають від особи під загрозою будь-якого покарання і для якої ця особа не запропонувала добровільно своїх послуг**.

Мають поєднуватися два елементи:

- **Недобровільність**: людина не погоджувалася на роботу вільно або не може вільно її залишити.
- **Загроза покарання**: людину утримують на роботі погрозами чи силою: насильством, погрозами родині, боргами, відібраними документами, погрозами донести до органів влади.

> Сама лише низька оплата чи важкі умови ще не є примусовою працею. Головне питання: чи може людина вільно піти.

Примусова праця — одна з форм експлуатації за Палермським протоколом про торгівлю людьми та Директивою 2011/36/ЄС. Ціль сталого розвитку 8.7 закликає всі країни її викорінити.""",
                    "",
                ),
                (
                    "Чому це важливо під час перевірки",
                    """## Ви можете бути першою посадовою особою, яку зустріне ця людина

Працівники, які перевіряють законність перебування та працевлаштування, часто зустрічають людей раніше за всіх. Багато постраждалих не вважають себе жертвами: вони відчувають, що мають борг, бояться видворення або чули, що поліція співпрацює з роботодавцем.

Серед виявлених у Польщі жертв примусової праці дедалі більше **чоловіків**, які часто працюють на будівництві, у сільському господарстві, на заводах чи складах. Люди, які втекли від війни в Україні, переважно жінки й діти, ризикують отримати пропозиції роботи чи житла від експлуататорів.

МОП описала **одинадцять індикаторів** примусової праці. Наступні уроки розглядають їх на прикладах із перевірок.""",
                    "",
                ),
            ],
        ),
        (
            "Одинадцять індикаторів",
            [
                (
                    "Вразливість, обман, пересування та ізоляція",
                    """## 1. Зловживання вразливим становищем
Роботодавець використовує слабку позицію працівника: незнання мови, неврегульований статус, борги, залежність від роботодавця щодо житла чи їжі. *Приклад: працівникові без дозволу на перебування кажуть, що на нього донесуть, якщо він скаржитиметься.*

## 2. Обман
Обіцянки щодо виду роботи, оплати, умов чи правового статусу виявилися неправдивими. *Приклад: її найняли на роботу в готелі, а вона опинилася на харчовому підприємстві за половину ставки.*

## 3. Обмеження свободи пересування
Працівника замикають, охороняють або не дозволяють вільно залишати місце роботи чи житло. *Приклад: працівників возять з гуртожитку на поле й назад; на ніч ворота замикають.*

## 4. Ізоляція
Працівник відрізаний від світу: віддалене місце, відібраний телефон, немає зв’язку з родиною, йому не кажуть адреси.""",
                    "",
                ),
                (
                    "Насильство, погрози, документи та заробітна плата",
                    """## 5. Фізичне та сексуальне насильство
Побиття, сексуальне насильство, примус до вживання наркотиків чи алкоголю, щоб покарати або контролювати.

## 6. Залякування та погрози
Погрози працівникові чи його родині, погрози донести до міграційних органів, постійний крик і приниження.

## 7. Утримання документів, що посвідчують особу
Роботодавець або вербувальник тримає паспорти чи посвідки на проживання «на зберіганні», тож працівник не може піти або підтвердити свою особу.

## 8. Невиплата заробітної плати
Оплату затримують «до кінця сезону», урізають через вигадані штрафи або не виплачують зовсім, тож працівник лишається в надії її отримати.""",
                    "",
                ),
                (
                    "Борг, умови та понаднормова робота",
                    """## 9. Боргова кабала
Борг за дорогу, послуги вербування, житло чи інструменти зростає швидше, ніж його можна сплатити, і працівник мусить працювати далі, щоб його відпрацювати.

## 10. Принизливі умови праці та проживання
Небезпечна робота без захисту, переповнене чи шкідливе для здоров’я житло, відсутність вихідних, принизливе ставлення.

## 11. Надмірна понаднормова робота
Робота значно понад встановлені законом межі без реальної можливості відмовитися, часто сім днів на тиждень.

![Одинадцять індикаторів примусової праці МОП](image:INDICATORS)

> Іноді достатньо одного індикатора. Зазвичай про примусову працю свідчать кілька разом. Ніколи не зводьте людину до одного числа.""",
                    "",
                ),
            ],
        ),
        (
            "Що робити",
            [
                (
                    "Дії на основі того, що ви бачите",
                    """## Під час перевірки
- Розмовляйте з працівником **без роботодавця** та без «бригадира» чи «перекладача», якого приводить роботодавець.
- Залучайте професійного перекладача мовою працівника.
- Ставте відкриті запитання: як вас найняли? У кого ваш паспорт? Чи можете ви піти, коли захочете? Чи винні ви комусь гроші?
- Запишіть, які індикатори ви помітили і якими словами людина їх описала.

## Після перевірки
- Дійте згідно з процедурою вашого підрозділу щодо потенційних жертв торгівлі людьми та примусової праці.
- Людина може отримати допомогу в **KCIK**, Національному консультаційно-інтервенційному центрі для жертв торгівлі людьми (+48 22 628 01 20), та у фонді **La Strada** (+48 22 628 99 99).
- У надзвичайній ситуації телефонуйте **112**.

> Підхід, орієнтований на постраждалу особу: найважливіша її безпека, і її ніколи не карають за дії, до яких її змусили.""",
                    "",
                ),
            ],
        ),
    ],
    "questions": [
        (
            "single",
            "Які два елементи визначають примусову працю за Конвенцією МОП № 29?",
            [
                ("Робота під загрозою покарання, на яку людина не погодилася добровільно", True),
                ("Робота з оплатою нижче мінімальної, без письмового договору", False),
                ("Робота іноземця без дозволу на працевлаштування", False),
            ],
        ),
        (
            "true_false",
            "Самих лише низької оплати та важких умов праці достатньо, щоб назвати ситуацію примусовою працею.",
            [("Правда", False), ("Неправда", True)],
        ),
        (
            "multiple",
            "Що з переліченого належить до одинадцяти індикаторів примусової праці МОП? Виберіть усі правильні відповіді.",
            [
                ("Утримання документів, що посвідчують особу", True),
                ("Боргова кабала", True),
                ("Надмірна понаднормова робота", True),
                ("Робота іноземною мовою", False),
            ],
        ),
        (
            "single",
            "Вербувальник обіцяв роботу в готелі, а працівницю відвезли на харчове підприємство за половину обіцяної оплати. Який це індикатор?",
            [("Обман", True), ("Ізоляція", False), ("Надмірна понаднормова робота", False)],
        ),
        (
            "single",
            "Роботодавець тримає паспорти працівників «на зберіганні». Який це індикатор?",
            [
                ("Утримання документів, що посвідчують особу", True),
                ("Зловживання вразливим становищем", False),
                ("Невиплата заробітної плати", False),
            ],
        ),
        (
            "single",
            "Працівник мусить працювати далі, щоб сплатити борг за дорогу й житло, який постійно зростає. Який це індикатор?",
            [("Боргова кабала", True), ("Обман", False), ("Обмеження свободи пересування", False)],
        ),
        (
            "true_false",
            "Іноді достатньо одного індикатора, але зазвичай про примусову працю свідчать кілька разом.",
            [("Правда", True), ("Неправда", False)],
        ),
        (
            "multiple",
            "Що є доброю практикою, коли під час перевірки ви підозрюєте примусову працю? Виберіть усі правильні відповіді.",
            [
                ("Розмовляти з працівником без роботодавця", True),
                ("Залучити професійного перекладача", True),
                ("Дозволити перекладати бригадирові роботодавця", False),
                ("Записати помічені індикатори", True),
            ],
        ),
        (
            "single",
            "Працівникові погрожують повідомити міграційні органи, якщо він скаржитиметься. Який це індикатор?",
            [("Залякування та погрози", True), ("Надмірна понаднормова робота", False), ("Ізоляція", False)],
        ),
        (
            "single",
            "Де потенційна жертва торгівлі людьми може отримати спеціалізовану допомогу в Польщі?",
            [
                ("У KCIK, Національному консультаційно-інтервенційному центрі для жертв торгівлі людьми", True),
                ("Лише в посольстві своєї країни", False),
                ("Ніде, доки не вирішить суд", False),
            ],
        ),
    ],
}


def indicators_svg(language: str) -> bytes:
    """A simple poster of the eleven indicators (drawn here, no external image)."""
    from xml.sax.saxutils import escape

    items = INDICATORS.get(language, INDICATORS["en"])
    rows = "".join(
        f'<rect x="10" y="{10 + i * 44}" width="580" height="38" rx="6" fill="#{"1d70b8" if i % 2 else "003078"}"/>'
        f'<text x="30" y="{35 + i * 44}" font-family="sans-serif" font-size="18" fill="#fff">{i + 1}. {escape(t)}</text>'
        for i, t in enumerate(items)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 {20 + 44 * len(items)}" '
        f'width="600" height="{20 + 44 * len(items)}">{rows}</svg>'
    ).encode()


def create_course(language: str, organisation: Any, *, published: bool = True) -> Any:
    """Create one language version with its lessons, poster image and quiz (no audit: demo/test data)."""
    from django.core.files.base import ContentFile

    from .models import Choice, Course, CourseImage, CourseModule, Lesson, Question

    data = COURSES[language]
    course = Course.objects.create(
        family=FAMILY,
        language=language,
        title=data["title"],
        summary=data["summary"],
        pass_mark=70,
        is_published=published,
        organisation=organisation,
    )
    image = CourseImage(course=course, alt=data["title"])
    image.file.save(f"indicators-{language}.svg", ContentFile(indicators_svg(language)), save=True)
    for m_order, (module_title, lessons) in enumerate(data["modules"], start=1):
        module = CourseModule.objects.create(course=course, title=module_title, order=m_order)
        for l_order, (title, body, video) in enumerate(lessons, start=1):
            Lesson.objects.create(
                module=module,
                title=title,
                body=body.replace("image:INDICATORS", f"image:{image.pk}"),
                video_url=video,
                order=l_order,
            )
    for q_order, (kind, text, choices) in enumerate(data["questions"], start=1):
        question = Question.objects.create(course=course, kind=kind, text=text, language=language, order=q_order)
        Choice.objects.bulk_create(
            [Choice(question=question, text=t, is_correct=c, order=i) for i, (t, c) in enumerate(choices)]
        )
    return course
