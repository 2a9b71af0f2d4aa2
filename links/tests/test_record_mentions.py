"""Other modules send mentions; links keeps them encrypted, replaces them on re-save, forgets on delete."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection

from accounts.models import Organisation
from links.models import Entity, Mention
from links.services import forget_source


def test_a_phone_in_two_reports_is_one_entity_and_stored_encrypted(report: Callable[..., None],
                                                                   police: Organisation) -> None:
    report(1, police, 0, "Medyka", ("phone", "+48 512 345 678"))
    report(2, police, 1, "Korczowa", ("phone", "512-345-678"))
    phones = Mention.objects.filter(kind="phone")
    assert phones.count() == 2
    assert len({m.entity_id for m in phones}) == 1
    with connection.cursor() as cur:
        cur.execute("SELECT value FROM links_mention")
        raw = [r[0] for r in cur.fetchall()]
    assert all(v.startswith("enc1:") for v in raw)
    assert not any("512" in v for v in raw)


def test_saving_a_record_again_replaces_its_mentions_and_keeps_unchanged_ones(report: Callable[..., None],
                                                                            police: Organisation) -> None:
    report(1, police, 0, "Medyka", ("person", "Шевченко Олександр"), ("phone", "+48512345678"))
    first = Mention.objects.get(kind="person")
    report(1, police, 0, "Medyka", ("person", "Шевченко Олександр"), ("vehicle", "LU 12345", {"country": "PL"}))
    assert Mention.objects.get(kind="person").pk == first.pk
    assert sorted(Mention.objects.values_list("kind", flat=True)) == ["person", "vehicle"]
    forget_source(source_type="intake.hotlinecall", source_id=1)
    assert not Mention.objects.exists()
    assert Entity.objects.exists()  # entities stay; they are shown only through visible mentions


def test_one_identifier_can_only_have_one_entity(police: Organisation) -> None:
    """Concurrent saves of one phone cannot create two entities (the database refuses the second)."""
    import pytest
    from django.db import IntegrityError, transaction

    Entity.objects.create(kind="phone", key_index="abc")
    with pytest.raises(IntegrityError), transaction.atomic():
        Entity.objects.create(kind="phone", key_index="abc")
    Entity.objects.create(kind="person")
    Entity.objects.create(kind="person")  # people have no identifier key: any number of them
