"""Short texts used both on the public pages and on the printed leaflet, so the two always say the same."""

from __future__ import annotations

from django.utils.translation import gettext as _


def warning_sign_headlines() -> list[str]:
    """The warning signs in one line each, in the active language."""
    return [
        _("offers free transport, a place to stay or a job that seems too good to be true;"),
        _("asks for your passport or ID card and does not give it back;"),
        _("says you owe money for travel, housing or work, and the debt keeps growing;"),
        _("does not let you leave, watches you, or threatens you or your family;"),
        _("tells you not to talk to the police or to anyone else."),
    ]
