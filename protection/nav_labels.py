"""Labels of the protection entries in core/navigation.py, repeated so this module's catalogue translates them."""

from django.utils.translation import gettext_lazy as _

LABELS = (
    _("Cases"), _("Victim-centred cases: screening, consent, services, referrals, safe return and reintegration."),
    _("Referrals"), _("Cases referred to your organisation and by it: accept, decline, complete."),
    _("Screening indicators"), _("The indicator lists the protection screening uses: rename, regrade, retire or add."),
)
