"""XLSForms (KoboToolbox / ODK Collect) generated from the fields CTIMS imports, in four languages.

A form is written from an import target's own fields and choices, so a question's name is the
field name the import maps exactly and a choice's name is the code CTIMS stores: what a partner
collects offline comes back through the import with nothing to map by hand.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from django.utils import translation
from openpyxl import Workbook

# The languages of every generated form, in the order of its columns: (code, XLSForm language name).
LANGUAGES: tuple[tuple[str, str], ...] = (
    ("en", "English (en)"), ("pl", "Polish (pl)"), ("uk", "Ukrainian (uk)"), ("ru", "Russian (ru)"),
)
DEFAULT_LANGUAGE = "English (en)"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COUNTRY_LIST = "country"
YES_NO_LIST = "yes_no"


class ChoiceLike(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def label(self) -> Any: ...


class FieldLike(Protocol):
    """What a form needs of an import target's field (protection.imports.targets.TargetField)."""

    @property
    def name(self) -> str: ...

    @property
    def label(self) -> Any: ...

    @property
    def kind(self) -> str: ...

    @property
    def choices(self) -> Sequence[ChoiceLike]: ...

    @property
    def required(self) -> bool: ...


@dataclass(frozen=True)
class Choice:
    code: str
    label: Any  # a lazy translated string, or a mapping language code -> text


@dataclass(frozen=True)
class Question:
    """One question: `kind` is an import kind (text, date, choice...), "datetime" or "image"."""

    name: str
    kind: str
    label: Any
    hint: Any = ""
    required: bool = False
    choices: tuple[Choice, ...] = ()
    list_name: str = ""
    appearance: str = ""
    default: str = ""  # a code, or an expression such as now()
    relevant: str = ""  # when the question is asked (an XLSForm expression)


@dataclass(frozen=True)
class Group:
    name: str
    label: Any
    questions: tuple[Question, ...]


@dataclass
class XLSForm:
    form_id: str
    title: Any
    groups: list[Group] = field(default_factory=list)

    def questions(self) -> list[Question]:
        return [q for g in self.groups for q in g.questions]


def question_from(target_field: FieldLike, *, hint: Any = "", appearance: str = "", default: str = "",
                  relevant: str = "") -> Question:
    """A question for an import field: same name, label, kind, choices (codes) and requiredness."""
    choices = tuple(Choice(c.code, c.label) for c in target_field.choices)
    kind = target_field.kind
    if kind == "country" and getattr(target_field, "multi", False):
        kind = "multicountry"
    return Question(name=target_field.name, kind=kind, label=target_field.label, hint=hint,
                    required=target_field.required, choices=choices, appearance=appearance, default=default,
                    relevant=relevant)


# --- text in four languages -----------------------------------------------------------------------


def _in(language: str, text: Any) -> str:
    if isinstance(text, dict):
        return str(text.get(language) or text.get("en") or "")
    with translation.override(language):
        return str(text)


@cache
def _iso3166(language: str) -> gettext.NullTranslations:
    import pycountry

    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def country_choices() -> tuple[Choice, ...]:
    """Every ISO 3166-1 country (alpha-2 code, as CTIMS stores it) named in each language by pycountry."""
    import pycountry

    out = []
    for country in sorted(pycountry.countries, key=lambda c: c.name):
        name = getattr(country, "common_name", None) or country.name
        out.append(Choice(country.alpha_2, {code: _iso3166(code).gettext(name) for code, _n in LANGUAGES}))
    return tuple(out)


def yes_no_choices() -> tuple[Choice, ...]:
    from django.utils.translation import gettext_lazy as _

    return (Choice("yes", _("Yes")), Choice("no", _("No")))


# --- the workbook --------------------------------------------------------------------------------

_SELECT_KINDS = {"choice": "select_one", "multichoice": "select_multiple", "country": "select_one",
                 "multicountry": "select_multiple", "boolean": "select_one"}
_PLAIN_KINDS = {"text": "text", "phone": "text", "email": "text", "date": "date", "integer": "integer",
                "datetime": "dateTime", "image": "image"}
EMAIL_CONSTRAINT = r"regex(., '^[^@\s]+@[^@\s]+\.[^@\s]+$')"


def _list_name(q: Question) -> str:
    if q.list_name:
        return q.list_name
    if q.kind in ("country", "multicountry"):
        return COUNTRY_LIST
    if q.kind == "boolean":
        return YES_NO_LIST
    return re.sub(r"[^A-Za-z0-9_]", "_", q.name).lower()


def _choices_of(q: Question) -> tuple[Choice, ...]:
    if q.kind in ("country", "multicountry"):
        return q.choices or country_choices()
    if q.kind == "boolean":
        return q.choices or yes_no_choices()
    return q.choices


def _type_of(q: Question) -> str:
    if q.kind in _SELECT_KINDS:
        return f"{_SELECT_KINDS[q.kind]} {_list_name(q)}"
    return _PLAIN_KINDS[q.kind]


def _survey_rows(form: XLSForm) -> Iterable[list[str]]:
    for group in form.groups:
        yield ["begin_group", group.name, *(_in(c, group.label) for c, _n in LANGUAGES),
               *[""] * len(LANGUAGES), "", "field-list", "", "", "", ""]
        for q in group.questions:
            constraint = EMAIL_CONSTRAINT if q.kind == "email" else ""
            appearance = q.appearance or ("autocomplete" if q.kind in ("country", "multicountry") else "")
            # a phone's full-size photo is several MB: ODK scales it down before sending
            parameters = "max-pixels=1600" if q.kind == "image" else ""
            yield [_type_of(q), q.name, *(_in(c, q.label) for c, _n in LANGUAGES),
                   *(_in(c, q.hint) if q.hint else "" for c, _n in LANGUAGES),
                   "yes" if q.required else "", appearance, constraint, q.default, parameters, q.relevant]
        yield ["end_group", group.name, *[""] * (2 * len(LANGUAGES)), "", "", "", "", "", ""]


def build_workbook(form: XLSForm) -> Workbook:
    """The XLSForm as an openpyxl workbook: survey, choices and settings sheets."""
    wb = Workbook()
    survey = wb.active
    assert survey is not None
    survey.title = "survey"
    survey.append(["type", "name", *(f"label::{n}" for _c, n in LANGUAGES), *(f"hint::{n}" for _c, n in LANGUAGES),
                   "required", "appearance", "constraint", "default", "parameters", "relevant"])
    for row in _survey_rows(form):
        survey.append(row)
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", *(f"label::{n}" for _c, n in LANGUAGES)])
    written: set[str] = set()
    for q in form.questions():
        if q.kind not in _SELECT_KINDS:
            continue
        list_name = _list_name(q)
        if list_name in written:
            continue
        written.add(list_name)
        for choice in _choices_of(q):
            choices.append([list_name, choice.code, *(_in(c, choice.label) for c, _n in LANGUAGES)])
    settings = wb.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language", "style"])
    settings.append([_in("en", form.title), form.form_id, _version(wb), DEFAULT_LANGUAGE, "pages"])
    return wb


def _version(wb: Workbook) -> str:
    """A version that changes only when the questions or choices change (Kobo and ODK need a new one then)."""
    digest = hashlib.sha256()
    for sheet in wb.worksheets:
        for row in sheet.iter_rows(values_only=True):
            digest.update("\x1f".join("" if v is None else str(v) for v in row).encode())
    return digest.hexdigest()[:12]


def xlsx_bytes(form: XLSForm) -> bytes:
    buffer = io.BytesIO()
    build_workbook(form).save(buffer)
    return buffer.getvalue()


# --- the HTCDS case registration -----------------------------------------------------------------

# The fields HTCDS 2.0 marks "Core" (HTCDS Field Standards 2.0.ods, column Core). The form asks those
# CTIMS stores (the htcds_case import target); the others are listed, with the reason, in
# docs/modules/protection.md. cas_CaseCode is not an HTCDS field: it keys a re-import.
HTCDS_CORE = frozenset({
    "prs_Salutation", "prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_Gender", "prs_Citizenship",
    "prs_Title", "prs_Email", "prs_HomePhone", "prs_MobilePhone", "prs_MailingCity", "prs_MailingCountry",
    "prs_MailingState", "prs_MailingStreet", "prs_MailingPostalCode", "vic_TraffickingStatus",
    "vic_TraffickingStatusDecisionMakingOrg", "vic_MethodOfRecruitment", "vic_LocationOfRecruitment",
    "vic_MethodsOfControl", "vic_TypeOfExploitation", "vic_ForcedLabourIndustry", "vic_TypeOfSexExploitation",
    "vic_LocationOfExploitation", "vic_Vulnerabilities", "vic_DetailsOfVulnerabilities", "cas_Status",
    "cas_ReasonForCaseClosure", "cas_CaseOwner", "cas_ReferringOrganisation", "cas_IncomingReferralDate",
    "cas_ReferringPrimaryCaseWorker", "cas_ReasonForIncomingReferral", "cas_IncomingReferralDetails",
    "cas_ReferredOrganisation", "cas_ReferredPrimaryCaseWorker", "cas_ReasonForOutgoingReferral",
    "cas_OutgoingReferralDate", "cas_OutgoingReferralDetails", "con_Consent",
})
HTCDS_FORM_ID = "ctims_htcds_case"


def _htcds_relevance() -> dict[str, str]:
    """Questions asked only when an earlier answer calls for them (codes from protection.choices)."""
    from . import choices

    closed = " or ".join(f"${{cas_Status}} = '{s}'" for s in choices.CLOSED_STATUSES)
    exploitation = "selected(${vic_TypeOfExploitation}, '%s')"
    return {
        "vic_ForcedLabourIndustry": exploitation % choices.ExploitationType.FORCED_LABOUR,
        "vic_TypeOfSexExploitation": exploitation % choices.ExploitationType.SEXUAL,
        "cas_ReasonForCaseClosure": closed,
    }


def htcds_case_form() -> XLSForm:
    """The HTCDS 2.0 case registration: the core fields CTIMS stores, from the htcds_case import target."""
    from django.utils.translation import gettext_lazy as _

    from .imports.htcds import FIELDS

    relevance = _htcds_relevance()
    hints = {"cas_CaseCode": _("Your organisation's code for the case, if it has one. Importing the same "
                               "submission again then creates nothing."),
             "cas_CaseOwner": _("The CTIMS user name of the case worker, if you know it.")}
    asked = [f for f in FIELDS if f.name in HTCDS_CORE or f.name == "cas_CaseCode"]
    sections = (("person", _("Person"), "prs_"), ("trafficking", _("Trafficking situation"), "vic_"),
                ("case", _("Case"), "cas_"))
    groups = [Group(name, label, tuple(
        question_from(f, hint=hints.get(f.name, ""), relevant=relevance.get(f.name, ""),
                      appearance="multiline" if f.name == "cas_ReasonForCaseClosure" else "")
        for f in asked if f.name.startswith(prefix))) for name, label, prefix in sections]
    return XLSForm(form_id=HTCDS_FORM_ID, title=_("HTCDS 2.0 case registration (CTIMS)"), groups=groups)
