"""Labels of the supervision entry in core/navigation.py, repeated here so that
`scripts/makemessages.sh supervision` keeps them in this module's catalogue (core has none of its own)."""

from django.utils.translation import gettext_lazy as _

NAV_LABELS = [
    _("Supervision"), _("Caseloads, timeliness, referrals and hotline figures of your organisation, with downloads."),
]
