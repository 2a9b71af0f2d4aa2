"""The list of offences starts with the Penal Code articles on trafficking and sexual offences and
stays editable by administrators and investigators."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from accounts.models import User
from accounts.roles import Role
from investigations.models import Offence


def test_the_list_is_seeded_with_the_penal_code_articles(db: None) -> None:
    assert set(Offence.objects.values_list("article", flat=True)) >= {"189a", "197", "200", "202", "203", "204"}


def test_an_administrator_adds_an_offence_and_a_duplicate_is_refused(login_as: Callable[[User], Client],
                                                                       make_user: Callable[..., User]) -> None:
    client = login_as(make_user(Role.ADMINISTRATOR))
    client.post("/investigations/offences/new/", {"act": "kk", "article": "191 §1", "name": "Coercion",
                                                  "is_active": "on"})
    page = client.post("/investigations/offences/new/", {"act": "kk", "article": "189a", "name": "Again"}
                       ).content.decode()
    # the same article number in another act is another offence
    client.post("/investigations/offences/new/", {"act": "other", "article": "189a", "name": "Another act's"})

    assert Offence.objects.filter(act="kk", article="191 §1", name="Coercion").exists()
    assert "This article is already in the list." in page
    assert Offence.objects.filter(article="189a").count() == 2


def test_a_hotline_operator_cannot_edit_offences(login_as: Callable[[User], Client],
                                                 make_user: Callable[..., User]) -> None:
    assert login_as(make_user(Role.HOTLINE_OPERATOR)).get("/investigations/offences/").status_code == 403
