"""Labels of the intake and investigations entries in core/navigation.py, repeated here so that
`scripts/makemessages.sh intake` keeps them in this module's catalogue (core has none of its own)."""

from django.utils.translation import gettext_lazy as _

NAV_LABELS = [
    _("Hotline calls"), _("Log a hotline call in under a minute; see earlier calls from the same number."),
    _("Observations"), _("File what you saw at a reception point or border crossing, from your phone."),
    _("Triage"), _("New calls and observations, most urgent first: assign, comment, escalate."),
    _("Investigations"), _("Criminal cases of your agency and those shared with it; dashboard by offence and stage."),
    _("Places"), _("Voivodeships, border crossings and reception points, on a map."),
    _("Intake statistics"),
    _("Calls per day, voivodeship, language and topic; observations per place; investigations by stage."),
]
