"""Labels of the approvals entry in core/navigation.py, repeated here so that
`scripts/makemessages.sh approvals` keeps them in this module's catalogue (core has none of its own)."""

from django.utils.translation import gettext_lazy as _

NAV_LABELS = [
    _("Approvals"), _("Closures, support plans and transfers waiting for a supervisor; transfers offered to you."),
]
