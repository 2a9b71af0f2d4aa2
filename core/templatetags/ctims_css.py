"""``{% inline_stylesheet %}``: CTIMS's stylesheet in a <style> element, allowed by its hash (core.csp)."""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core.csp import STYLESHEET, inline_stylesheet

register = template.Library()


@register.simple_tag
def inline_stylesheet_tag() -> SafeString:
    """The stylesheet inline (the text is CTIMS's own file, so not escaped); a link if it cannot be read."""
    text = inline_stylesheet()
    if not text:
        return format_html('<link rel="stylesheet" href="{}">', static(STYLESHEET))
    return mark_safe(f"<style>{text}</style>")  # our own static file, hashed in the CSP
