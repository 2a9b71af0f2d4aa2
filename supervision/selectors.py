"""The figures of the supervision dashboards: counts only, never a person's name or a record's content.

Every figure starts from the owning module's selector for the viewer (`cases_visible_to(user, "organisation")`,
`referrals_visible_to`, `calls_visible_to`), so a supervisor counts only their own organisation's records.
Durations are put into a few ranges that a supervisor acts on, not averaged, so one old case shows up.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import CharField, Count, Min, Q
from django.db.models.functions import Cast, ExtractHour
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from accounts.models import Organisation

BOARDS = ("protection", "hotline")
BOARD_CAPABILITY = {"protection": "protection.view", "hotline": "intake.view"}
BOARD_TITLES = {"protection": pgettext_lazy("dashboard", "Protection cases"),
                "hotline": pgettext_lazy("dashboard", "Hotline")}
DEFAULT_DAYS = 90


@dataclass(frozen=True)
class Period:
    """Days from `start` to `end`, both included, in the server's time zone."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def default(cls) -> Period:
        today = timezone.localdate()
        return cls(today - datetime.timedelta(days=DEFAULT_DAYS - 1), today)

    def q(self, field_name: str) -> Q:
        """Records whose `field_name` (a date-time) falls inside the period."""
        tz = timezone.get_current_timezone()
        first = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        after = datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
        return Q(**{f"{field_name}__gte": first, f"{field_name}__lt": after})


@dataclass
class Figure:
    """One chart and its table: `columns` are headings, column 0 the label; the bar is drawn from `bar`."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    note: str = ""
    bar: int = 1
    total: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.total = sum(int(r[self.bar]) for r in self.rows)

    def table(self) -> list[tuple[list[Any], int]]:
        """Each row with the length of its bar, 0 to 100."""
        largest = max([int(r[self.bar]) for r in self.rows], default=0) or 1
        return [(row, round(100 * int(row[self.bar]) / largest)) for row in self.rows]


@dataclass
class Board:
    key: str
    organisation: Organisation
    period: Period
    figures: list[Figure]

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


def can_see(user: Any, board: str) -> bool:
    return (board in BOARDS and user.has_capability("supervision.view")
            and user.has_capability(BOARD_CAPABILITY[board]))


def organisations_for(user: Any) -> list[Organisation]:
    """The organisations whose figures the viewer may filter to: their own (records of others are never counted)."""
    return list(Organisation.objects.filter(pk=user.organisation_id))


def board(user: Any, key: str, period: Period) -> Board:
    """Every figure of one dashboard for the viewer's organisation; the caller has checked `can_see`."""
    builders = {"protection": _protection_figures, "hotline": _hotline_figures}
    return Board(key, user.organisation, period, builders[key](user, period))


# --- ranges -----------------------------------------------------------------------------------------------

Ranges = list[tuple[datetime.timedelta | None, Callable[[], str]]]


def _day_ranges() -> Ranges:
    d = datetime.timedelta
    return [(d(days=30), lambda: _("Under 30 days")), (d(days=90), lambda: _("30 to 89 days")),
            (d(days=180), lambda: _("90 to 179 days")), (d(days=365), lambda: _("180 to 364 days")),
            (None, lambda: _("A year or more"))]


def _answer_ranges() -> Ranges:
    d = datetime.timedelta
    return [(d(days=1), lambda: _("Within a day")), (d(days=3), lambda: _("1 to 3 days")),
            (d(days=7), lambda: _("3 to 7 days")), (None, lambda: _("More than 7 days"))]


def _minute_ranges() -> Ranges:
    d = datetime.timedelta
    return [(d(minutes=15), lambda: _("Within 15 minutes")), (d(hours=1), lambda: _("15 to 60 minutes")),
            (d(days=1), lambda: _("1 to 24 hours")), (d(days=7), lambda: _("1 to 7 days")),
            (None, lambda: _("More than 7 days"))]


def _overdue_ranges() -> Ranges:
    d = datetime.timedelta
    return [(d(days=8), lambda: _("1 to 7 days")), (d(days=31), lambda: _("8 to 30 days")),
            (None, lambda: _("More than 30 days"))]


def _range_index(ranges: Ranges, value: datetime.timedelta) -> int:
    for i, (upper, _label) in enumerate(ranges):
        if upper is None or value < upper:
            return i
    return len(ranges) - 1


def _in_ranges(ranges: Ranges, *series: Iterable[datetime.timedelta]) -> list[list[Any]]:
    """One row per range: its label, then how many values of each series fall in it."""
    counts = [Counter(_range_index(ranges, v) for v in s) for s in series]
    return [[label(), *(c[i] for c in counts)] for i, (_upper, label) in enumerate(ranges)]


# --- protection -------------------------------------------------------------------------------------------


def _protection_figures(user: Any, period: Period) -> list[Figure]:
    from protection.choices import OPEN_STATUSES, CaseStatus, ExploitationType, ReferralStatus
    from protection.selectors import cases_visible_to, referrals_visible_to

    today = timezone.localdate()
    own = cases_visible_to(user, "organisation").order_by()
    open_cases = own.filter(status__in=OPEN_STATUSES)

    load = (open_cases.values("case_worker_id", "case_worker__first_name", "case_worker__last_name",
                              "case_worker__username")
            .annotate(n=Count("id"), overdue=Count("id", filter=Q(next_review_due__lt=today)))
            .order_by("-n", "case_worker__username"))
    caseload = Figure("caseload", _("Open cases per case worker"),
                      [pgettext("dashboard", "Case worker"), pgettext("dashboard", "Open cases"),
                       pgettext("dashboard", "Reviews overdue")],
                      [[_worker_name(r), r["n"], r["overdue"]] for r in load],
                      note=_("Open cases now, whatever the period."))

    closed = own.filter(period.q("closed_at"), closed_at__isnull=False).values_list("opened_at", "closed_at")
    closure = Figure("closure", _("Time from opening to closure"),
                     [_("Time to closure"), pgettext("dashboard", "Cases closed")],
                     _in_ranges(_day_ranges(), (c - o for o, c in closed if c)),
                     note=_("Cases closed in the period."))

    due = open_cases.filter(next_review_due__lt=today).values_list("next_review_due", flat=True)
    overdue = Figure("reviews", pgettext("dashboard", "Reviews overdue"),
                     [pgettext("dashboard", "Overdue by"), pgettext("dashboard", "Cases")],
                     _in_ranges(_overdue_ranges(), (today - d for d in due)),
                     note=_("Open cases whose review date has passed, now."))

    referrals = referrals_visible_to(user).filter(period.q("sent_at")).order_by()
    outgoing = Q(from_organisation_id=user.organisation_id)
    incoming = Q(to_organisation_id=user.organisation_id)
    counted = {r["status"]: r for r in referrals.values("status").annotate(
        sent=Count("id", filter=outgoing), received=Count("id", filter=incoming))}
    status_rows = []
    for value, label in ReferralStatus.choices:
        row = counted.get(value, {"sent": 0, "received": 0})
        status_rows.append([str(label), row["sent"], row["received"], row["sent"] + row["received"]])
    referral_status = Figure("referrals", _("Referrals by status"),
                             [pgettext("dashboard", "Status"), pgettext("dashboard", "Sent"),
                              pgettext("dashboard", "Received"), pgettext("dashboard", "Total")],
                             status_rows, bar=3,
                             note=_("Referrals sent or received in the period."))

    answered = referrals.exclude(status=ReferralStatus.SENT).filter(responded_at__isnull=False)
    sent_waits = [r - s for s, r in answered.filter(outgoing).values_list("sent_at", "responded_at") if r]
    received_waits = [r - s for s, r in answered.filter(incoming).values_list("sent_at", "responded_at") if r]
    answer_rows = [[*row, row[1] + row[2]] for row in _in_ranges(_answer_ranges(), sent_waits, received_waits)]
    waiting = referrals.filter(status=ReferralStatus.SENT)
    w_sent, w_received = waiting.filter(outgoing).count(), waiting.filter(incoming).count()
    answer_rows.append([_("Not answered yet"), w_sent, w_received, w_sent + w_received])
    answer = Figure("answer", _("Time to answer a referral"),
                    [_("Time to answer"), pgettext("dashboard", "Sent"), pgettext("dashboard", "Received"),
                     pgettext("dashboard", "Total")], answer_rows, bar=3,
                    note=_("Referrals sent or received in the period: from sending to acceptance or refusal."))

    opened = own.filter(period.q("opened_at"))
    statuses = dict(opened.values_list("status").annotate(n=Count("id")))
    stage = Figure("stage", _("Cases opened in the period by stage"),
                   [pgettext("dashboard", "Stage"), pgettext("dashboard", "Cases")],
                   [[str(label), statuses.get(value, 0)] for value, label in CaseStatus.choices])

    types: Counter[str] = Counter()
    for joined in opened.values_list("exploitation_types", flat=True):
        types.update([t for t in (joined or "").split(";") if t] or [""])
    names = dict(ExploitationType.choices)
    type_rows = [[str(names.get(t, t)), n] for t, n in types.most_common() if t]
    if types[""]:
        type_rows.append([pgettext("exploitation type", "Not recorded"), types[""]])
    exploitation = Figure("exploitation", _("Cases opened in the period by type of exploitation"),
                          [_("Type of exploitation"), pgettext("dashboard", "Cases")], type_rows,
                          note=_("A case with several types counts once under each."))
    return [caseload, closure, overdue, referral_status, answer, stage, exploitation]


def _worker_name(row: Mapping[str, Any]) -> str:
    if not row["case_worker_id"]:
        return _("No case worker")
    full = f"{row['case_worker__first_name']} {row['case_worker__last_name']}".strip()
    return full or row["case_worker__username"]


# --- hotline ----------------------------------------------------------------------------------------------


def _hotline_figures(user: Any, period: Period) -> list[Figure]:
    from audit.models import Action, AuditEvent
    from intake.models import CallAction, TriageStatus
    from intake.selectors import calls_visible_to, observations_visible_to

    calls = calls_visible_to(user).filter(period.q("started_at")).order_by()

    lines = Figure("lines", _("Calls by line"), [pgettext("dashboard", "Hotline"), pgettext("dashboard", "Calls")],
                   [[r["hotline__name"], r["n"]] for r in calls.values("hotline__name").annotate(n=Count("id"))
                    .order_by("-n", "hotline__name")])

    hours = dict(calls.annotate(h=ExtractHour("started_at")).values_list("h").annotate(n=Count("id")))
    by_hour = Figure("hours", _("Calls by hour of the day"),
                     [pgettext("dashboard", "Hour"), pgettext("dashboard", "Calls")],
                     [[f"{h:02d}:00", hours.get(h, 0)] for h in range(24)])

    outcomes: Counter[str] = Counter()
    for actions in calls.values_list("actions", flat=True):
        outcomes.update(set(actions or []) or {""})
    outcome_rows = [[str(label), outcomes[value]] for value, label in CallAction.choices]
    outcome_rows.append([_("No action recorded"), outcomes[""]])
    outcome = Figure("outcomes", _("Calls by outcome"),
                     [pgettext("dashboard", "Outcome"), pgettext("dashboard", "Calls")], outcome_rows,
                     note=_("A call with several actions counts once under each."))

    # A call is triaged when its status first changes (assigned, escalated or closed): the audit log has the
    # time of that change, written by intake's services.
    ids = calls.annotate(sid=Cast("id", CharField())).values("sid")
    first_change = dict(AuditEvent.objects.filter(object_type="intake.hotlinecall", object_id__in=ids,
                                                  action=Action.UPDATE, fields__icontains='"status"')
                        .values_list("object_id").annotate(at=Min("at")))
    waits = [first_change[str(pk)] - started for pk, started in calls.values_list("id", "started_at")
             if str(pk) in first_change]
    triage_rows = _in_ranges(_minute_ranges(), waits)
    untriaged = calls.filter(status=TriageStatus.NEW).count()
    triage_rows.append([_("Not triaged yet"), untriaged])
    # triaged before the audit log kept the time (imported or migrated calls)
    triage_rows.append([_("Triaged, time not recorded"), calls.count() - untriaged - len(waits)])
    triage = Figure("triage", _("Time to triage"),
                    [_("Time from the call to triage"), pgettext("dashboard", "Calls")], triage_rows,
                    note=_("Calls started in the period: from the start of the call to its first assignment, "
                           "escalation or closure."))

    now = timezone.now()
    open_statuses = [TriageStatus.NEW, TriageStatus.ASSIGNED]
    danger_calls = calls_visible_to(user).filter(priority=3, status__in=open_statuses).values_list(
        "started_at", flat=True)
    danger_observations = observations_visible_to(user).filter(priority=3, status__in=open_statuses).values_list(
        "observed_at", flat=True)
    danger_rows = [[*row, row[1] + row[2]] for row in _in_ranges(
        _minute_ranges(), [now - t for t in danger_calls], [now - t for t in danger_observations])]
    danger = Figure("danger", _("Immediate danger: open items by age"),
                    [pgettext("dashboard", "Waiting for"), pgettext("dashboard", "Calls"),
                     pgettext("dashboard", "Observations"), pgettext("dashboard", "Total")], danger_rows, bar=3,
                    note=_("Calls and observations in immediate danger not yet escalated or closed, now."))
    return [lines, by_hour, outcome, triage, danger]
