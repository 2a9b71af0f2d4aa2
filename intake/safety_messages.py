"""Short safety messages an operator reads out or sends to a caller, in the four languages of the hotlines.

A small curated set, kept in the code so every message has its reviewed translation in each catalogue.
Written to the caller ("you"), without presuming the caller's sex.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LANGUAGES = (("uk", "Українська"), ("ru", "Русский"), ("pl", "Polski"), ("en", "English"))

MESSAGES = (
    ("danger", pgettext_lazy("safety message title", "In danger now"),
     _("If you are in danger now, call 112. You can call for free from any phone, also without a SIM card.")),
    ("documents", pgettext_lazy("safety message title", "Documents"),
     _("No employer or landlord may keep your passport or ID. Keep a photo of your documents in a safe place.")),
    ("work_offer", pgettext_lazy("safety message title", "Job offers"),
     _("Before you accept a job, ask for a written contract in a language you understand, and tell someone "
       "you trust where you are going.")),
    ("debt", pgettext_lazy("safety message title", "Debts and pay"),
     _("A debt for travel or housing never makes you obliged to keep working. You have the right to be paid.")),
    ("help", pgettext_lazy("safety message title", "Free help"),
     _("KCIK, the National Consultation and Intervention Centre, helps people who may have been trafficked, "
       "free of charge, day and night, also in Ukrainian and Russian: +48 22 628 01 20.")),
)


def messages_in_languages() -> list[dict[str, object]]:
    """Every message in each of the four languages: [{"code", "name", "messages": [(key, title, text)]}]."""
    out: list[dict[str, object]] = []
    for code, name in LANGUAGES:
        with translation.override(code):
            out.append({"code": code, "name": name,
                        "messages": [(key, str(title), str(text)) for key, title, text in MESSAGES]})
    return out
