"""Rows written before a text column became encrypted are encrypted by its migration, and stay readable.

The data steps of the real migrations run over rows whose columns hold plain text, as an upgraded
database would have them (on SQLite and on PostgreSQL: run the file with DATABASE_URL set).
"""

from __future__ import annotations

import importlib
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, migrations

from directory.models import ConcernReport
from protection import services
from protection.choices import ReferralReason
from protection.models import Case, CaseTask, Referral

pytestmark = pytest.mark.django_db

MIGRATIONS = ["protection.migrations.0007_encrypt_free_text", "directory.migrations.0002_encrypt_free_text",
              "intake.migrations.0003_encrypt_free_text", "training.migrations.0002_encrypt_free_text"]


def _raw(model: Any, pk: int, column: str) -> str:
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {connection.ops.quote_name(column)} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def _write_plain(model: Any, pk: int, column: str, value: str) -> None:
    """What an older CTIMS stored: the text itself."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {connection.ops.quote_name(column)} = %s WHERE id = %s",  # noqa: S608
                       [value, pk])


def _data_steps() -> list[migrations.RunPython]:
    steps = []
    for name in MIGRATIONS:
        ops = importlib.import_module(name).Migration.operations
        steps += [op for op in ops if isinstance(op, migrations.RunPython)]
    return steps


def _run(forward: bool = True) -> None:
    editor = SimpleNamespace(connection=connection)  # the steps only use the editor's connection
    for step in _data_steps():
        (step.code if forward else step.reverse_code)(apps, editor)  # type: ignore[misc]


@pytest.fixture
def old_rows(make_case: Any, iom_worker: Any, lastrada: Any, share: Any) -> dict[str, Any]:
    case = make_case()
    share(case, lastrada)
    referral = services.send_referral(iom_worker, case.id, to_organisation=lastrada, details="x",
                                      reason=ReferralReason.ADDITIONAL_SERVICES, parts=["identity"])
    task = services.add_task(iom_worker, case.id, title="x", due_on=case.next_review_due)
    concern = ConcernReport.objects.create(text="x", language="pl", organisation=lastrada)
    _write_plain(Referral, referral.pk, "details", "She sleeps at the car wash on Okopowa street.")
    _write_plain(Case, case.pk, "closure_reason", "Moved back to Lviv with her mother.")
    _write_plain(CaseTask, task.pk, "title", "Go with Olena to the hearing")
    _write_plain(ConcernReport, concern.pk, "place", "Car wash, Okopowa 12")
    return {"referral": referral, "case": case, "task": task, "concern": concern}


def test_the_migration_encrypts_plain_rows_and_the_pages_read_them_back(old_rows: dict[str, Any]) -> None:
    referral, case, task, concern = (old_rows[k] for k in ("referral", "case", "task", "concern"))
    _run()

    for model, obj, column in [(Referral, referral, "details"), (Case, case, "closure_reason"),
                               (CaseTask, task, "title"), (ConcernReport, concern, "place")]:
        stored = _raw(model, obj.pk, column)
        assert stored.startswith("enc1:"), column
        assert "Okopowa" not in stored and "Olena" not in stored and "Lviv" not in stored
    assert Referral.objects.get(pk=referral.pk).details == "She sleeps at the car wash on Okopowa street."
    assert Case.objects.get(pk=case.pk).closure_reason == "Moved back to Lviv with her mother."
    assert CaseTask.objects.get(pk=task.pk).title == "Go with Olena to the hearing"
    assert ConcernReport.objects.get(pk=concern.pk).place == "Car wash, Okopowa 12"


def test_running_it_again_changes_nothing_and_empty_values_stay_empty(old_rows: dict[str, Any]) -> None:
    _run()
    referral = old_rows["referral"]
    once = _raw(Referral, referral.pk, "details")
    _run()
    assert _raw(Referral, referral.pk, "details") == once  # already ciphertext: left alone
    assert _raw(Referral, referral.pk, "decline_reason") == ""


def test_reversing_it_gives_the_plain_text_back(old_rows: dict[str, Any]) -> None:
    _run()
    _run(forward=False)
    assert _raw(Referral, old_rows["referral"].pk, "details") == "She sleeps at the car wash on Okopowa street."
    assert _raw(ConcernReport, old_rows["concern"].pk, "place") == "Car wash, Okopowa 12"


def test_text_that_only_looks_like_a_token_is_encrypted_too(old_rows: dict[str, Any]) -> None:
    case = old_rows["case"]
    _write_plain(Case, case.pk, "closure_reason", "enc1: not a token, just typed so")
    _run()
    assert Case.objects.get(pk=case.pk).closure_reason == "enc1: not a token, just typed so"
    assert _raw(Case, case.pk, "closure_reason") != "enc1: not a token, just typed so"
