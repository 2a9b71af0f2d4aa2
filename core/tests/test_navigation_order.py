"""The menu puts each role's most frequent work first: triage and intake, cases, investigations, then
training, results, reference lists and administration last."""

from __future__ import annotations

from core.navigation import NAV_ITEMS

EXPECTED = ["Home", "Triage", "Hotline calls", "Observations", "Cases", "Referrals", "Investigations", "Alerts",
            "Links", "Public concerns", "Trainings", "Courses", "E-learning", "My learning", "Project results",
            "Intake statistics", "Directory", "Places", "Screening indicators", "Users", "Audit log"]


def test_the_menu_runs_from_daily_work_to_administration() -> None:
    labels = [str(item.label) for item in NAV_ITEMS]
    assert [label for label in labels if label in EXPECTED] == EXPECTED
