"""Labels of the links entries in core/navigation.py, repeated here so that
`scripts/makemessages.sh links` keeps them in this module's catalogue (core has none of its own)."""

from django.utils.translation import gettext_lazy as _

NAV_LABELS = [
    _("Links"), _("The same people, phones, vehicles and accounts across reports and scripts, and their networks."),
    _("Alerts"), _("Someone in your reports seen again elsewhere within a week: the evidence, for analysts."),
]
