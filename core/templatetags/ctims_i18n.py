"""Template helpers for text in the reader's language.

`{{ organisation|org_name }}` (or `|org_name:"short"`) shows an organisation's name in the active language;
when nobody has translated it, the name as entered is shown inside `<span lang="..">`, so the fallback is
marked (and read aloud) as the language it is in.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def org_name(organisation: Any, which: str = "name") -> SafeString | str:
    if organisation is None or organisation == "":
        return ""
    if not hasattr(organisation, "name_is_translated"):
        return str(organisation)
    text = organisation.display_short_name() if which == "short" else organisation.display_name()
    if organisation.name_is_translated():
        return text
    return format_html('<span lang="{}">{}</span>', organisation.name_language, text)
