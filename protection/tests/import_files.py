"""Partner files for the import tests, built from the HTCDS 2.0 standard's own spreadsheet: its field names,
field labels and picklist value labels (htcds_standard.py), laid out the way the toolkit guides partners."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from .htcds_standard import fields, label_of

# The columns of a partner's sheet (HTCDS 2.0 names), in the toolkit's order;
# None = a column the partner added without a field name.
TOOLKIT_COLUMNS = [
    "prs_FirstName",
    "prs_SecondName",
    "prs_Birthdate",
    "prs_Gender",
    "prs_Citizenship",
    "prs_Email",
    "cas_Status",
    "cas_ReasonForCaseClosure",
    "vic_TraffickingStatus",
    "vic_TraffickingStatusDecisionMakingOrg",
    "vic_TypeOfExploitation",
    "vic_ForcedLabourIndustry",
    "vic_MethodsOfControl",
    "vic_MethodOfRecruitment",
    None,
]


FIRST = [
    "Olena",
    "Iryna",
    "Natalia",
    "Oksana",
    "Tetiana",
    "Svitlana",
    "Yulia",
    "Kateryna",
    "Maria",
    "Anna",
    "Hanna",
    "Viktoria",
    "Lan",
    "Mai",
    "Hoa",
    "Thu",
    "Linh",
    "Ion",
    "Vasile",
    "Andrei",
    "Mihai",
    "Nicolae",
    "Petru",
    "Serghei",
    "Dmitri",
    "Oleksandr",
    "Andriy",
    "Serhiy",
    "Volodymyr",
    "Mykola",
    "Ivan",
    "Petro",
    "Taras",
    "Bohdan",
    "Yurii",
    "Maksym",
    "Roman",
    "Artem",
    "Denys",
    "Vadym",
    "Ruslan",
    "Anh",
    "Minh",
    "Tuan",
    "Dung",
    "Huy",
    "Giorgi",
    "Levan",
    "Nino",
    "Tamar",
]
SURNAMES = [
    "Kovalenko",
    "Bondarenko",
    "Tkachenko",
    "Kravchenko",
    "Shevchenko",
    "Boyko",
    "Melnyk",
    "Lysenko",
    "Koval",
    "Moroz",
    "Rudenko",
    "Savchenko",
    "Petrenko",
    "Marchenko",
    "Pavlenko",
    "Hrytsenko",
    "Nguyen",
    "Tran",
    "Le",
    "Pham",
    "Hoang",
    "Phan",
    "Vu",
    "Dang",
    "Bui",
    "Do",
    "Ho",
    "Ngo",
    "Duong",
    "Ly",
    "Rusu",
    "Ceban",
    "Popa",
    "Lungu",
    "Munteanu",
    "Rotari",
    "Cojocaru",
    "Ciobanu",
    "Sirbu",
    "Turcan",
    "Beridze",
    "Kapanadze",
    "Gelashvili",
    "Maisuradze",
    "Lomidze",
    "Tsiklauri",
    "Bolkvadze",
    "Nikoladze",
    "Abashidze",
    "Melnychuk",
]


def toolkit_rows(n: int = 3) -> list[list[Any]]:
    """No case code: HTCDS 2.0 has no such field, so rows are keyed by a hash of the row.

    Row 1: field names (hidden in the file); row 2: the standard's labels; then values as the drop-downs show
    them (labels, country names, "; "-joined multi-select). The unnamed last column holds partner notes."""
    std = fields()
    names = [c or "" for c in TOOLKIT_COLUMNS]
    labels = [std[c].label if c else "Partner notes" for c in TOOLKIT_COLUMNS]
    people = [
        (
            "VN-001",
            "Thi Lan",
            "Nguyen",
            "1994-03-12",
            "Feminine",
            "Viet Nam",
            "lan@example.org",
            "Active",
            "",
            "PossibleVictimOfTrafficking",
            "NGO",
            ["ForcedLabour"],
            "C_Manufacturing",
            ["DebtBondage", "WithholdsDocuments"],
            ["ThroughFriendsOrSocialEvents"],
            "met at the shelter",
        ),
        (
            "MD-002",
            "Ion",
            "Rusu",
            "1987-11-30",
            "Masculine",
            "Moldova, Republic of",
            "",
            "Closed",
            "Returned home",
            "ActualVictimOfTrafficking",
            "Police",
            ["ForcedLabour", "ForcedBegging"],
            "F_Construction",
            ["TakesEarnings"],
            ["ThroughAnOnlineAdvertisement", "AtWork"],
            "",
        ),
        (
            "UA-003",
            "Olena",
            "Kovalchuk",
            "",
            "NonSpecifiedUnknown",
            "Ukraine; Poland",
            "",
            "FollowUp",
            "",
            "",
            "",
            ["SexualExploitation"],
            "",
            [],
            [],
            "referred by hotline",
        ),
    ]
    rows: list[list[Any]] = [names, labels]
    for i in range(n):
        p = people[i % len(people)]
        first, second, birth = p[1], p[2], p[3]
        if n > len(people):  # a big file: distinct people (50 x 50 names, four birth years)
            first, second = FIRST[i % 50], SURNAMES[(i // 50) % 50]
            birth = f"{1970 + (i // 2500) * 7 + i % 7}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        rows.append(
            [
                first,
                second,
                birth,
                label_of("prs_Gender", p[4]),
                p[5],
                p[6],
                label_of("cas_Status", p[7]),
                p[8],
                label_of("vic_TraffickingStatus", p[9]) if p[9] else "",
                label_of("vic_TraffickingStatusDecisionMakingOrg", p[10]) if p[10] else "",
                "; ".join(label_of("vic_TypeOfExploitation", v) for v in p[11]),
                label_of("vic_ForcedLabourIndustry", p[12]) if p[12] else "",
                "; ".join(label_of("vic_MethodsOfControl", v) for v in p[13]),
                "; ".join(label_of("vic_MethodOfRecruitment", v) for v in p[14]),
                p[15],
            ]
        )
    return rows


def xlsx(rows: list[list[Any]], hidden_rows: tuple[int, ...] = (), fmt: str = "xlsx") -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    for number in hidden_rows:
        ws.row_dimensions[number].hidden = True
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def toolkit_xlsx(n: int = 3) -> bytes:
    return xlsx(toolkit_rows(n), hidden_rows=(1,))
