"""Short labels that agree with something carry a context, so each language can agree.

Django merges every module's catalogue into one per language, so a msgid without context has ONE
translation at runtime, whichever module loads first: "Completed" became "Zakończone" for a training
participant because protection's referral status said so. These tests check the examples from issue 19
and keep new short labels from colliding.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

from protection.choices import RiskLevel
from training.models import ParticipantStatus

ROOT = Path(settings.BASE_DIR)

# Short labels (one or two words, no context) that different modules translate differently today, in
# Polish, Ukrainian or Russian. Each needs a pgettext context in its module; this list may only shrink
# (the test fails on a new collision and on one listed here that is resolved).
KNOWN_COLLISIONS = {
    "Action", "Active", "Any", "Closed", "Community", "Completed", "Dates", "Evidence", "Failed",
    "From", "Import", "Next", "Note", "Open", "Other", "Outcome", "Previous", "Progress", "Record",
    "Record type", "Return", "Revoke", "Sent", "Share with", "Stage", "Started", "Summary", "To", "Unknown",
    "active", "assigned to", "done", "name", "note", "outcome", "sensitivity", "service", "stage", "summary",
}


def _collisions() -> set[str]:
    found: set[str] = set()
    for language in ("pl", "uk", "ru"):
        seen: dict[str, dict[str, str]] = defaultdict(dict)
        for po in ROOT.glob(f"*/locale/{language}/LC_MESSAGES/django.po"):
            with open(po, "rb") as f:
                for m in read_po(f):
                    if m.id and isinstance(m.id, str) and m.context is None and len(m.id.split()) <= 2:
                        seen[m.id][po.parts[-5]] = str(m.string)
        found |= {msgid for msgid, by_module in seen.items() if len(set(by_module.values())) > 1}
    return found


def test_no_new_short_label_is_translated_two_ways():
    collisions = _collisions()
    new = collisions - KNOWN_COLLISIONS
    assert not new, f"give these short labels a pgettext context in their module: {sorted(new)}"
    resolved = KNOWN_COLLISIONS - collisions
    assert not resolved, f"resolved, remove from KNOWN_COLLISIONS: {sorted(resolved)}"


def test_a_risk_agrees_with_risk_and_a_participant_status_does_not_presume_sex():
    with translation.override("pl"):
        assert [str(label) for label in RiskLevel.labels] == ["Niskie", "Średnie", "Wysokie"]
        statuses = [str(label) for label in ParticipantStatus.labels]
        assert "Zakończone" not in statuses and "Odmówił" not in statuses and "Zaproszony" not in statuses
    with translation.override("ru"):
        assert "Отказался" not in [str(label) for label in ParticipantStatus.labels]


def test_the_end_call_button_says_what_it_does(login_as, make_user, make_org):
    from django.template.loader import get_template

    source = get_template("intake/call_detail.html").template.source
    assert 'translate "End the call" context "button"' in source
    with translation.override("pl"):
        assert translation.pgettext("button", "End the call") == "Zakończ rozmowę"
        assert translation.gettext("Open an investigation") == "Wszcznij postępowanie"
