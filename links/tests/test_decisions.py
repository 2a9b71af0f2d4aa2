"""Analysts confirm or reject proposed matches; the next run respects it, and decisions can be undone."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from accounts.models import Organisation, User
from audit.models import AuditEvent
from links import matching
from links.models import MatchPair, MatchStatus, Mention


def _person(source_id: int) -> Mention:
    return Mention.objects.get(kind="person", source_id=source_id)


def _pair(a: Mention, b: Mention) -> MatchPair:
    return MatchPair.objects.get(left_id=min(a.pk, b.pk), right_id=max(a.pk, b.pk))


def test_a_rejected_match_stays_apart_and_a_confirmed_one_stays_linked_after_a_full_run(
        report: Callable[..., None], police: Organisation, police_analyst: User, login_as: Callable[[User], Client],
) -> None:
    report(1, police, 0, "Medyka", ("person", "Шевченко Олександр", {"birth_date": "1987-03-02"}))
    report(2, police, 1, "Korczowa", ("person", "Oleksandr Shevchenko", {"birth_date": "1987-03-02"}))
    report(3, police, 2, "Przemyśl", ("person", "Szewczenko Sasha"))
    report(4, police, 3, "Hrebenne", ("person", "Schewtschenko Alexander"))
    one, two, three, four = (_person(i) for i in (1, 2, 3, 4))
    assert one.entity_id == two.entity_id  # same name, same birth date: linked automatically
    assert _pair(one, three).status == MatchStatus.PROPOSED  # no birth date: an analyst decides
    client = login_as(police_analyst)
    page = client.get(reverse("links:entity_detail", args=[one.entity_id]))
    assert "Szewczenko Sasha" in page.content.decode()  # shown as a proposal

    reject = _pair(one, three)
    confirm = _pair(one, four)
    client.post(reverse("links:decide", args=[reject.pk]), {"decision": "rejected"})
    client.post(reverse("links:decide", args=[confirm.pk]), {"decision": "confirmed"})
    matching.run_full(None)  # Splink, over everything

    reject.refresh_from_db()
    confirm.refresh_from_db()
    assert reject.status == MatchStatus.REJECTED and confirm.status == MatchStatus.CONFIRMED
    one, three, four = _person(1), _person(3), _person(4)
    assert three.entity_id != one.entity_id
    assert four.entity_id == one.entity_id
    page = client.get(reverse("links:entity_detail", args=[one.entity_id])).content.decode()
    assert "Schewtschenko Alexander" in page
    proposals = page.split("Proposed matches")[1].split("Decisions")[0] if "Proposed matches" in page else ""
    assert "Szewczenko Sasha" not in proposals  # never proposed again
    assert AuditEvent.objects.filter(object_type="links.matchpair", object_id=str(reject.pk),
                                     reason="rejected").exists()

    client.post(reverse("links:decide", args=[reject.pk]), {"decision": "undo"})
    reject.refresh_from_db()
    assert reject.status == reject.matcher_status == MatchStatus.PROPOSED


def test_a_rejected_automatic_link_splits_the_identity_and_a_new_report_does_not_rejoin_it(
        report: Callable[..., None], police: Organisation, police_analyst: User, login_as: Callable[[User], Client],
) -> None:
    report(1, police, 0, "Medyka", ("person", "Коваленко Ірина", {"birth_date": "1990-05-05"}))
    report(2, police, 1, "Medyka", ("person", "Iryna Kovalenko", {"birth_date": "1990-05-05"}))
    one, two = _person(1), _person(2)
    assert one.entity_id == two.entity_id
    client = login_as(police_analyst)
    client.post(reverse("links:decide", args=[_pair(one, two).pk]), {"decision": "rejected"})
    assert _person(1).entity_id != _person(2).entity_id
    report(2, police, 1, "Medyka", ("person", "Iryna Kovalenko", {"birth_date": "1990-05-05"}))  # saved again
    assert _person(1).entity_id != _person(2).entity_id
    assert _pair(_person(1), _person(2)).status == MatchStatus.REJECTED


def test_a_misspelt_surname_with_the_same_phone_is_proposed_when_the_record_is_saved(
        report: Callable[..., None], police: Organisation) -> None:
    report(1, police, 0, "Medyka", ("person", "Шевченко Олександр"), ("phone", "+48 601 234 567"))
    report(2, police, 1, "Korczowa", ("person", "Szewczneko Oleksandr"), ("phone", "601 234 567"))
    one, two = _person(1), _person(2)
    assert _pair(one, two).probability > 0.5  # no name key in common: found through the shared phone
