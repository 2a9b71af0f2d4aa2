"""The strings of the statistics entry in core/navigation.py, here so that stats' catalogue translates them
(Django merges every app's catalogue; core's is not touched by this module)."""

from django.utils.translation import gettext_lazy as _

LABELS = (
    _("Statistics"),
    _("National tables with small counts hidden; figures released with differential privacy."),
)
