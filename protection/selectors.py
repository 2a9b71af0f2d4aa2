"""Every read of protection data, scoped to what the user's organisation, role, referrals and consent allow.

A case is visible to its owner organisation (roles with protection.view; restricted cases only to
the people on them and supervisors) and to an organisation it was referred to while that referral
is active, and then only the parts the referral carries. Identity is a further capability.
Detail lookups use the same query as lists, so an id from elsewhere gives 404, not 403.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import Organisation

from .choices import ACTIVE_REFERRAL_STATUSES, ALL_PARTS, OPEN_STATUSES, CasePart, Sensitivity
from .models import (
    Assessment,
    Case,
    CaseDocument,
    CaseNote,
    CaseTask,
    Consent,
    Identification,
    IndicatorSet,
    MonitoringVisit,
    Person,
    Referral,
    ReturnAndReintegration,
    Screening,
    ServiceDelivered,
    SupportPlanItem,
    Transfer,
)

if TYPE_CHECKING:
    from accounts.models import User

Scope = Literal["all", "mine", "organisation", "shared"]
SCOPES: tuple[Scope, ...] = ("all", "mine", "organisation", "shared")
PAGE_SIZE = 50


def _assigned(user: User) -> Q:
    through = Case.assigned_workers.through
    return Q(case_worker=user) | Q(Exists(through.objects.filter(case_id=OuterRef("pk"), user_id=user.pk)))


def _own(user: User) -> Q:
    q = Q(organisation_id=user.organisation_id)
    if not user.has_capability("protection.supervise"):
        q &= ~Q(sensitivity=Sensitivity.RESTRICTED) | _assigned(user)
    return q


def _shared(user: User) -> Q:
    # Uses the prot_referral_to_status index: referrals to the user's organisation that are still active.
    return Q(Exists(Referral.objects.filter(case_id=OuterRef("pk"), to_organisation_id=user.organisation_id,
                                            status__in=ACTIVE_REFERRAL_STATUSES)))


def cases_visible_to(user: User, scope: Scope = "all", *, status: str = "", code: str = "",
                     overdue: bool = False) -> QuerySet[Case]:
    """Cases the user may open, newest first. `scope`: mine, organisation (own), shared (referred to us), all."""
    if not user.is_authenticated or not user.has_capability("protection.view"):
        return Case.objects.none()
    if scope == "mine":
        where = Q(organisation_id=user.organisation_id) & _assigned(user)
    elif scope == "organisation":
        where = _own(user)
    elif scope == "shared":
        where = _shared(user)
    else:
        where = _own(user) | _shared(user)
    qs = Case.objects.filter(where)
    if status:
        qs = qs.filter(status=status)
    if code:
        # Case codes are stored upper-case: a prefix match can use the code's unique index.
        qs = qs.filter(code__startswith=code.strip().upper())
    if overdue:
        qs = qs.filter(status__in=OPEN_STATUSES, next_review_due__lt=timezone.localdate())
    return qs.order_by("-id")


# What the case list page and the API list show of each case (protection.views, protection.api._case_out).
# The owning organisation is read whole (reference data, nothing personal): its name in the reader's language
# comes from per-language columns, and a deferred one would cost a query per row.
LIST_FIELDS = ("id", "code", "status", "trafficking_status", "exploitation_types", "next_review_due", "opened_at",
               *(f"organisation__{f.name}" for f in Organisation._meta.concrete_fields),
               "case_worker__username", "case_worker__first_name", "case_worker__last_name",
               "person__gender", "person__age_range")


def page_of(qs: QuerySet[Case], before: int | None = None, size: int = PAGE_SIZE) -> tuple[list[Case], int | None]:
    """One page by keyset (ids below `before`), and the id to continue from, or None at the end.

    Keyset paging costs the same on page 1 and page 2,000, unlike OFFSET.
    """
    if before:
        qs = qs.filter(id__lt=before)
    # Lists never show identity: only the columns a list shows are read, so the encrypted ones stay unread
    # (and undecrypted), and neither the case worker's account nor the case's free text is loaded.
    rows = list(qs.select_related("organisation", "case_worker", "person").only(*LIST_FIELDS)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return rows, (rows[-1].id if more and rows else None)


COUNT_CAP = 1_000


def capped_count(qs: QuerySet[Any], cap: int = COUNT_CAP) -> tuple[int, bool]:
    """How many rows, counting no further than `cap` (a list says "more than 1,000" rather than scan 100,000 rows)."""
    n = qs.order_by()[: cap + 1].count()
    return min(n, cap), n > cap


@dataclass
class CaseAccess:
    """What one user may see of one case: the case, whether they own it, and which parts."""

    case: Case
    own: bool
    parts: frozenset[str] = field(default_factory=frozenset)
    identity: bool = False
    can_manage: bool = False

    def sees(self, part: str) -> bool:
        return part in self.parts


def case_access(user: User, case_id: int) -> CaseAccess | None:
    """The case with `case_id` if the user may open it (the same query as the list), else None."""
    case = (cases_visible_to(user).filter(pk=case_id)
            .select_related("organisation", "person", "case_worker").first())
    if case is None:
        return None
    own = case.organisation_id == user.organisation_id
    if own:
        parts = ALL_PARTS
    else:
        parts = frozenset(p for r in Referral.objects.filter(case=case, to_organisation_id=user.organisation_id,
                                                              status__in=ACTIVE_REFERRAL_STATUSES)
                          for p in r.parts)
    return CaseAccess(
        case=case, own=own, parts=parts,
        identity=CasePart.IDENTITY in parts and user.has_capability("protection.view_identity"),
        can_manage=own and user.has_capability("protection.manage"),
    )


# The case's records by the related name the case page reads them through.
CASE_RECORDS: dict[str, type[Model]] = {
    "screenings": Screening, "identifications": Identification, "consents": Consent, "assessments": Assessment,
    "plan_items": SupportPlanItem, "services": ServiceDelivered, "notes": CaseNote, "documents": CaseDocument,
    "tasks": CaseTask, "referrals": Referral, "transfers": Transfer, "return_plan": ReturnAndReintegration,
}


def case_records_present(case: Case) -> frozenset[str]:
    """Which kinds of records the case has (names of CASE_RECORDS, "assigned" for other workers on it and
    "person_cases" for other cases of the same person), found in one query of EXISTS tests.

    The case page then reads only the lists that have rows: most cases have several empty sections, and
    a dozen queries that return nothing cost more than one that says so. It answers presence only; what
    the user may see of each list is still decided by the query that reads it.
    """
    present: dict[str, Any] = {f"has_{name}": Exists(model._default_manager.filter(case_id=OuterRef("pk")))
                               for name, model in CASE_RECORDS.items()}
    present["has_assigned"] = Exists(Case.assigned_workers.through.objects.filter(case_id=OuterRef("pk")))
    present["has_person_cases"] = Exists(Case.objects.filter(person_id=OuterRef("person_id"))
                                         .exclude(pk=OuterRef("pk")))
    row = Case.objects.filter(pk=case.pk).values(**present).first() or {}
    return frozenset(name.removeprefix("has_") for name, yes in row.items() if yes)


def persons_visible_to(user: User) -> QuerySet[Person]:
    """Persons with at least one case the user may open."""
    return Person.objects.filter(Exists(cases_visible_to(user).filter(person_id=OuterRef("pk")))).order_by("-id")


def person_access(user: User, person_id: int) -> tuple[Person, bool, list[Case]] | None:
    """A person the user may see, whether identity may be shown, and the cases through which."""
    person = persons_visible_to(user).filter(pk=person_id).first()
    if person is None:
        return None
    cases = list(cases_visible_to(user).filter(person=person))
    identity = any(a is not None and a.identity for a in (case_access(user, c.id) for c in cases))
    return person, identity, cases


def referrals_visible_to(user: User, direction: str = "") -> QuerySet[Referral]:
    """Referrals sent by or to the user's organisation; `direction` is 'incoming' or 'outgoing' to narrow."""
    if not user.is_authenticated or not user.has_capability("protection.view"):
        return Referral.objects.none()
    incoming = Q(to_organisation_id=user.organisation_id)
    outgoing = Q(from_organisation_id=user.organisation_id, case__in=cases_visible_to(user, "organisation"))
    where = incoming if direction == "incoming" else outgoing if direction == "outgoing" else incoming | outgoing
    return (Referral.objects.filter(where).select_related("case", "from_organisation", "to_organisation", "to_service")
            .order_by("-sent_at", "-id"))


def transfers_visible_to(user: User, direction: str = "") -> QuerySet[Transfer]:
    """Transfers offered to the user's organisation ('incoming', for its supervisors to answer) or made by it
    ('outgoing'); both when `direction` is empty."""
    if not user.is_authenticated or not user.has_capability("protection.view"):
        return Transfer.objects.none()
    incoming = Q(to_organisation_id=user.organisation_id)
    outgoing = Q(from_organisation_id=user.organisation_id)
    where = incoming if direction == "incoming" else outgoing if direction == "outgoing" else incoming | outgoing
    return (Transfer.objects.filter(where).select_related("case", "from_organisation", "to_organisation",
                                                          "transferred_by").order_by("-transferred_at", "-id"))


def active_indicator_sets() -> QuerySet[IndicatorSet]:
    return IndicatorSet.objects.filter(is_active=True).prefetch_related("dimensions__indicators")


@dataclass
class Overdue:
    reviews: list[Case]
    tasks: list[CaseTask]
    visits: list[MonitoringVisit]


def overdue_for(user: User, limit: int = 200) -> Overdue:
    """Reviews, tasks and monitoring visits past their date on the organisation's open cases."""
    today = timezone.localdate()
    own = cases_visible_to(user, "organisation")
    return Overdue(
        reviews=list(own.filter(status__in=OPEN_STATUSES, next_review_due__lt=today)
                     .select_related("case_worker").order_by("next_review_due")[:limit]),
        tasks=list(CaseTask.objects.filter(case__in=own, done_at__isnull=True, due_on__lt=today)
                   .select_related("case", "assigned_to").order_by("due_on")[:limit]),
        visits=list(MonitoringVisit.objects.filter(plan__case__in=own, done_on__isnull=True, due_on__lt=today)
                    .select_related("plan__case").order_by("due_on")[:limit]),
    )



def count_safe_returns() -> int:
    """Victims who have arrived home through a voluntary-return plan, across all organisations.

    An aggregate for the project's results framework (target: 10 safe returns); it reveals
    no case, so it needs no user scope.
    """
    return ReturnAndReintegration.objects.filter(returned_on__isnull=False).count()
