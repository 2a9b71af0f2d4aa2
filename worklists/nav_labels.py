"""Labels of the worklists entry in core/navigation.py, repeated here so that
`scripts/makemessages.sh worklists` keeps them in this module's catalogue (core has none of its own)."""

from django.utils.translation import gettext_lazy as _

NAV_LABELS = [
    _("Find a person"), _("A person's cases and whole timeline, by case code, phone, document number or name."),
]
