"""A phone seen in three reports within a week raises an alert for the owning agency's analysts."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from accounts.models import Organisation, User
from links.models import Alert


def test_a_phone_repeated_across_three_reports_in_a_week_alerts_the_analysts(
        report: Callable[..., None], police: Organisation, police_analyst: User, border_analyst: User,
        login_as: Callable[[User], Client],
) -> None:
    report(1, police, 0, "Medyka", ("phone", "+48 601 234 567"), ("person", "Шевченко"))
    report(2, police, 3, "Korczowa", ("phone", "601 234 567"), ("person", "Shevchenko"))
    assert not Alert.objects.exists()  # two reports are not yet a pattern
    report(3, police, 5, "Przemyśl", ("phone", "0048601234567"), ("person", "Szewczenko"),
           ("vehicle", "BC 1234 AK", {"country": "UA"}))

    client = login_as(police_analyst)
    home = client.get(reverse("links:entity_list")).content.decode()
    alert = Alert.objects.get(entity__kind="phone")  # (the driver, linked by name and phone, alerts too)
    assert f'class="nav-badge">{Alert.objects.count()}<' in home  # the count in the navigation
    listing = client.get(reverse("links:alert_list")).content.decode()
    assert "+48 601 234 567" in listing
    page = client.get(reverse("links:alert_detail", args=[alert.pk])).content.decode()
    for place in ("Medyka", "Korczowa", "Przemyśl"):
        assert place in page
    for spelling in ("Шевченко", "Shevchenko", "Szewczenko", "BC 1234 AK"):
        assert spelling in page  # who and what else was in those reports

    other = login_as(border_analyst)
    assert other.get(reverse("links:alert_detail", args=[alert.pk])).status_code == 404
    assert "+48 601" not in other.get(reverse("links:alert_list")).content.decode()


def test_reports_weeks_apart_do_not_alert(report: Callable[..., None], police: Organisation) -> None:
    report(1, police, 0, "Medyka", ("phone", "+48 601 234 567"))
    report(2, police, 10, "Korczowa", ("phone", "+48 601 234 567"))
    report(3, police, 20, "Przemyśl", ("phone", "+48 601 234 567"))
    assert not Alert.objects.exists()


def test_protection_records_add_evidence_but_do_not_raise_alerts_themselves(
        report: Callable[..., None], police: Organisation) -> None:
    for i in range(3):
        report(i + 1, police, i, "Medyka", ("phone", "+48 601 234 567"), source_type="protection.person")
    assert not Alert.objects.exists()
    report(9, police, 3, "Medyka", ("phone", "+48 601 234 567"))  # then a hotline call
    assert Alert.objects.get().record_count == 4


def test_a_full_run_keeps_a_closed_alert_closed_and_describes_the_latest_sightings(
        report: Callable[..., None], police: Organisation, police_analyst: User) -> None:
    from links.matching import check_alerts
    from links.models import AlertStatus, Mention
    from links.services import close_alert

    for i, day in enumerate((0, 1, 2, 40, 41, 42, 43)):
        report(i + 1, police, day, "Medyka", ("phone", "+48 601 234 567"))
    alert = Alert.objects.get()
    assert alert.record_count == 4  # the sightings of the later week
    close_alert(police_analyst, alert)

    check_alerts(Mention.objects.values_list("pk", flat=True))  # what every full matching run does
    alert.refresh_from_db()
    assert alert.status == AlertStatus.CLOSED  # nothing new was seen: the analyst's decision stands
    assert alert.record_count == 4  # not the older week's three

    report(9, police, 44, "Korczowa", ("phone", "+48 601 234 567"))  # seen again: that is news
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN and alert.record_count == 5
