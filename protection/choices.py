"""Choice lists for protection records, named with HTCDS 2.0 value names where HTCDS has them.

The value (stored and exported) is the HTCDS value name, so partners load our exports
without a mapping table; the label is what a person reads, translated.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Gender(models.TextChoices):  # prs_Gender
    FEMININE = "Feminine", _("Female")
    MASCULINE = "Masculine", _("Male")
    TRANSGENDER_FEMININE = "TransgenderFeminine", _("Transgender female")
    TRANSGENDER_MASCULINE = "TransgenderMasculine", _("Transgender male")
    NON_CONFORMING = "NonConforming", _("Gender non-conforming")
    UNKNOWN = "NonSpecifiedUnknown", _("Not specified or unknown")


class AgeRange(models.TextChoices):  # CTDC ageBroad
    CHILD_0_8 = "0--8", _("0–8")
    CHILD_9_17 = "9--17", _("9–17")
    ADULT_18_20 = "18--20", _("18–20")
    ADULT_21_23 = "21--23", _("21–23")
    ADULT_24_26 = "24--26", _("24–26")
    ADULT_27_29 = "27--29", _("27–29")
    ADULT_30_38 = "30--38", _("30–38")
    ADULT_39_47 = "39--47", _("39–47")
    ADULT_48 = "48+", _("48 and over")
    UNKNOWN = "-99", _("Unknown")

    @classmethod
    def for_age(cls, age: int) -> AgeRange:
        """The CTDC age band that holds `age` (years)."""
        for value, low in ((cls.ADULT_48, 48), (cls.ADULT_39_47, 39), (cls.ADULT_30_38, 30), (cls.ADULT_27_29, 27),
                           (cls.ADULT_24_26, 24), (cls.ADULT_21_23, 21), (cls.ADULT_18_20, 18), (cls.CHILD_9_17, 9)):
            if age >= low:
                return value
        return cls.CHILD_0_8


CHILD_AGE_RANGES = {AgeRange.CHILD_0_8, AgeRange.CHILD_9_17}


class CaseStatus(models.TextChoices):  # cas_Status
    # With a context: other modules translate "Active" and "Closed" for other nouns (pl "Aktywny", "Zamknięte").
    ACTIVE = "Active", pgettext_lazy("case status", "Active")
    FOLLOW_UP = "FollowUp", pgettext_lazy("case status", "Follow-up")
    CLOSED = "Closed", pgettext_lazy("case status", "Closed")
    CLOSED_REFERRED = "ClosedReferred", pgettext_lazy("case status", "Closed (referred)")


OPEN_STATUSES = (CaseStatus.ACTIVE, CaseStatus.FOLLOW_UP)
CLOSED_STATUSES = (CaseStatus.CLOSED, CaseStatus.CLOSED_REFERRED)


class Sensitivity(models.TextChoices):
    """HTCDS guidance: a sensitivity level limits who may open a record."""

    NORMAL = "normal", pgettext_lazy("sensitivity", "Normal")  # Polish: feminine, as "poufność"
    HIGH = "high", pgettext_lazy("sensitivity", "High")
    RESTRICTED = "restricted", _("Restricted: case workers on the case and supervisors only")


class TraffickingStatus(models.TextChoices):  # vic_TraffickingStatus
    POSSIBLE = "PossibleVictimOfTrafficking", _("Possible victim of trafficking")
    ACTUAL = "ActualVictimOfTrafficking", _("Actual victim of trafficking")
    NOT_A_VICTIM = "NotAVictimOfTrafficking", _("Not a victim of trafficking")


class DecisionMakingOrg(models.TextChoices):  # vic_TraffickingStatusDecisionMakingOrg
    POLICE = "Police", _("Police")
    NGO = "NGO", _("NGO")
    COURT = "CourtOrProsecution", _("Court or prosecution")
    GOVERNMENT = "NonPoliceGovernmentalOrganization", _("Non-police government organisation")
    OTHER = "Other", _("Other")


class ExploitationType(models.TextChoices):  # vic_TypeOfExploitation
    FORCED_LABOUR = "ForcedLabour", _("Forced labour")
    SEXUAL = "SexualExploitation", _("Sexual exploitation")
    CHILD_LABOUR = "ChildLabour", _("Child labour")
    FORCED_MARRIAGE = "ForcedMarriage", _("Forced marriage")
    SERVITUDE = "Servitude", _("Servitude")
    FORCED_MILITARY = "ForcedMilitaryByNonStateActors", _("Forced military service by non-state actors")
    ORGAN_REMOVAL = "OrganRemoval", _("Organ removal")
    FORCED_BEGGING = "ForcedBegging", _("Forced begging")
    FORCED_ADOPTION = "ForcedAdoption", _("Forced adoption")
    SURROGACY = "Surrogacy", _("Surrogacy")
    OTHER = "Other", _("Other")


class LabourIndustry(models.TextChoices):  # vic_ForcedLabourIndustry: ISIC v4 sections, all 21 of HTCDS 2.0
    AGRICULTURE = "A_AgricultureForestryAndFishing", _("Agriculture, forestry and fishing")
    MINING = "B_MiningAndQuarrying", _("Mining and quarrying")
    MANUFACTURING = "C_Manufacturing", _("Manufacturing")
    ENERGY = "D_ElectricityGasSteamAndAirConditioningSupply", _("Electricity, gas, steam and air conditioning supply")
    WATER = "E_WaterSupplySewerageWasteManagement", _("Water supply, sewerage and waste management")
    CONSTRUCTION = "F_Construction", _("Construction")
    TRADE = "G_WholesaleAndRetailTradeRepairOfMotorVehicles", _("Wholesale and retail trade")
    TRANSPORT = "H_TransportationAndStorage", _("Transportation and storage")
    ACCOMMODATION = "I_AccommodationAndFoodServiceActivities", _("Accommodation and food services")
    INFORMATION = "J_InformationAndCommunication", _("Information and communication")
    FINANCE = "K_FinancialAndInsuranceActivities", _("Financial and insurance activities")
    REAL_ESTATE = "L_RealEstateActivities", _("Real estate activities")
    PROFESSIONAL = "M_ProfessionalScientificAndTechnicalActivities", _("Professional, scientific and technical "
                                                                         "activities")
    ADMINISTRATIVE = "N_AdministrativeAndSupportServiceActivities", _("Cleaning and support services")
    PUBLIC_ADMINISTRATION = "O_PublicAdministrationAndDefence", _("Public administration and defence")
    EDUCATION = "P_Education", pgettext_lazy("industry", "Education")
    HEALTH = "Q_HumanHealthAndSocialWorkActivities", _("Human health and social work")
    ARTS = "R_ArtsEntertainmentAndRecreation", _("Arts, entertainment and recreation")
    OTHER_SERVICES = "S_OtherServiceActivities", _("Other services")
    HOUSEHOLDS = "T_ActivitiesOfHouseholdsAsEmployers", _("Domestic work")
    EXTRATERRITORIAL = "U_ActivitiesOfExtraterritorialOrganizations", _("Extraterritorial organisations")


class MethodOfControl(models.TextChoices):  # vic_MethodsOfControl (multi-select)
    PHYSICAL_THREATS = "PhysicalThreats", _("Physical threats")
    THREATS_LAW_ENFORCEMENT = "ThreatsLawEnforcement", _("Threats of law enforcement")
    THREATENS_FAMILY = "ThreatensChildrenFamily", _("Threatens children or family")
    DEBT_BONDAGE = "DebtBondage", _("Debt bondage")
    FALSE_PROMISES = "FalsePromises", _("False promises")
    PHYSICAL_ABUSE = "PhysicalAbuse", _("Physical abuse")
    SEXUAL_ABUSE = "SexualAbuse", _("Sexual abuse")
    TAKES_EARNINGS = "TakesEarnings", _("Takes earnings")
    RESTRICTS_FINANCES = "RestrictsFinancialAccess", _("Restricts financial access")
    RESTRICTS_MEDICAL = "RestrictsMedicalCare", _("Restricts medical care")
    WITHHOLDS_NECESSITIES = "WithholdsNecessities", _("Withholds necessities")
    PSYCHOLOGICAL_ABUSE = "PsychologicalAbuse", _("Psychological abuse")
    PSYCHOACTIVE = "PsychoactiveSubstance", _("Psychoactive substances")
    EXCESSIVE_HOURS = "ExcessiveWorkingHours", _("Excessive working hours")
    WITHHOLDS_DOCUMENTS = "WithholdsDocuments", _("Withholds documents")
    OTHER = "Other", pgettext_lazy("method of control", "Other")


# The names the toolkit's Field Definitions use for the same methods (MethodsOfControl<Name>): aliases on import.
METHOD_OF_CONTROL_ALIASES = {
    "PhysicalThreats": ("MethodsOfControlThreats", "Threats"),
    "ThreatsLawEnforcement": ("MethodsOfControlThreatOfLawEnforcement", "ThreatOfLawEnforcement"),
    "ThreatensChildrenFamily": ("MethodsOfControlUsesChildren", "UsesChildren"),
    "PsychoactiveSubstance": ("MethodsOfControlPsychoactiveSubstances", "PsychoactiveSubstances"),
}


class RecruitmentMethod(models.TextChoices):  # vic_MethodOfRecruitment (multi-select)
    PLACE_OF_BUSINESS = "AtAPlaceOfBusiness", _("At a place of business")
    EDUCATIONAL = "AtAnEducationalInstitution", _("At an educational institution")
    AT_WORK = "AtWork", _("At work")
    SOCIAL_NETWORKS = "ThroughOnlineSocialNetworks", _("Through online social networks")
    ONLINE_AD = "ThroughAnOnlineAdvertisement", _("Through an online advertisement")
    TV_AD = "ThroughATelevisionAdvert", _("Through a television advert")
    NEWSPAPER_AD = "ThroughANewspaperAdvert", _("Through a newspaper advert")
    FAMILY = "ThroughFamilyOrFamilyEvents", _("Through family or family events")
    FRIENDS = "ThroughFriendsOrSocialEvents", _("Through friends or social events")
    OTHER = "Other", pgettext_lazy("recruitment", "Other")


class SexExploitationType(models.TextChoices):  # vic_TypeOfSexExploitation (multi-select)
    PROSTITUTION = "Prostitution", _("Prostitution")
    PORNOGRAPHY = "Pornography", _("Pornography")
    REMOTE = "RemoteInteractiveServices", _("Remote interactive services")
    PRIVATE = "PrivateSexualServices", _("Private sexual services")


class RelationshipToTrafficker(models.TextChoices):  # vic_RelationshipToTrafficker
    FAMILIAL = "Familial", _("Family member")
    ACQUAINTED = "Acquainted", _("Acquainted")
    UNACQUAINTED = "Unaquainted", _("Not acquainted")  # the value name is spelt so in HTCDS 2.0


class SupportType(models.TextChoices):  # spl_Type
    EDUCATION = "Education", _("Education")
    FINANCIAL = "Financial", _("Financial")
    HEALTH = "Health", _("Health")
    LABOUR_REHAB = "LabourExploitationRehabilitation", _("Labour exploitation rehabilitation")
    LEGAL = "Legal", _("Legal")
    LIVELIHOOD = "Livelihood", _("Livelihood")
    RIGHTS_TRAINING = "RightsBasedTraining", _("Rights-based training")
    SEXUAL_REHAB = "SexualExploitationRehabilitation", _("Sexual exploitation rehabilitation")
    SOCIAL_CARE = "SocialCare", _("Social care")


class ReferralReason(models.TextChoices):  # cas_ReasonForOutgoingReferral
    ADDITIONAL_SERVICES = "AdditionalServicesRequired", _("Additional services required")
    MIGRATION = "MigrationOrChangeOfLocation", _("Migration or change of location")
    OTHER = "Other", _("Other")


class ConsentPurpose(models.TextChoices):
    SERVICES = "services", _("Receiving services")
    SHARING = "sharing", _("Sharing with a named organisation")
    STATISTICS = "statistics", _("Anonymous statistics")
    RETURN = "return", _("Voluntary return")


class CasePart(models.TextChoices):
    """The parts of a case a sharing consent (and so a referral) can cover."""

    IDENTITY = "identity", _("Identity and contacts")
    SCREENING = "screening", _("Screening")
    IDENTIFICATION = "identification", _("Identification")
    ASSESSMENT = "assessment", _("Needs, risks and support plan")
    SERVICES = "services", _("Services delivered")
    NOTES = "notes", _("Notes")
    RETURN = "return", _("Return and reintegration")


ALL_PARTS = frozenset(CasePart.values)


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    REVOKED = "revoked", _("Revoked")


# A referral in one of these states gives the receiving organisation access to the shared parts.
ACTIVE_REFERRAL_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED)


class Recommendation(models.TextChoices):
    REFER_IDENTIFICATION = "refer_identification", _("Refer for formal identification")
    REFER_PROTECTION = "refer_protection", _("Refer for other protection")
    NO_INDICATION = "no_indication", _("No indication of trafficking or forced labour")


class Strength(models.TextChoices):
    """Grading of an indicator in the ILO/EC operational indicators (2009)."""

    STRONG = "strong", _("Strong")
    MEDIUM = "medium", _("Medium")
    WEAK = "weak", _("Weak")


class AssessmentLevel(models.TextChoices):  # HTCDS assessment and planning sections
    INDIVIDUAL = "individual", _("Individual")
    HOUSEHOLD = "household", _("Household")
    COMMUNITY = "community", _("Community")


class RiskLevel(models.TextChoices):
    # shown after "Risk:" ("Ryzyko: Wysokie"): the context lets each language agree with its word for risk
    LOW = "low", pgettext_lazy("risk", "Low")
    MEDIUM = "medium", pgettext_lazy("risk", "Medium")
    HIGH = "high", pgettext_lazy("risk", "High")


class ReturnStage(models.TextChoices):
    PLANNING = "planning", _("Planning the return")
    READY = "ready", _("Ready to travel")
    RETURNED = "returned", _("Returned home")
    REINTEGRATION = "reintegration", _("Reintegration")
    COMPLETED = "completed", _("Completed")


MONITORING_MONTHS = (3, 6, 12)

def _country_name(code: str, name: str) -> str:
    """A country's common name in the active language (pycountry's own translations of ISO 3166)."""
    from django.utils.translation import get_language

    lang = (get_language() or "en").split("-")[0]
    if lang == "en":
        return name
    return _iso3166_translation(lang).gettext(name)


def _iso3166_translation(lang: str) -> Any:
    import gettext

    import pycountry

    cached = _TRANSLATIONS.get(lang)
    if cached is None:
        cached = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        _TRANSLATIONS[lang] = cached
    return cached


_TRANSLATIONS: dict[str, Any] = {}


def _all_countries() -> list[tuple[str, Any]]:
    import pycountry
    from django.utils.functional import lazy

    lazy_name = lazy(_country_name, str)
    out = [(c.alpha_2, lazy_name(c.alpha_2, getattr(c, "common_name", None) or c.name))
           for c in pycountry.countries]
    out.sort(key=lambda item: item[0])
    return out


# Every ISO 3166-1 country (pycountry, with its translations), then "other or unknown" (XX, user-assigned).
COUNTRIES: list[tuple[str, Any]] = [*_all_countries(), ("XX", _("Other or unknown"))]
_COUNTRY_NAMES: dict[str, Any] = dict(COUNTRIES)


def country_label(code: str) -> str:
    """One country's name in the active language ('' for none, the code itself if unknown), like
    get_FOO_display but translating only that name."""
    return str(_COUNTRY_NAMES.get(code, code)) if code else ""


LANGUAGES: list[tuple[str, Any]] = [
    ("uk", _("Ukrainian")), ("ru", _("Russian")), ("be", _("Belarusian")), ("pl", _("Polish")), ("vi", _("Vietnamese")),
    ("en", _("English")), ("ro", _("Romanian")), ("ka", _("Georgian")), ("other", _("Other")),
]
