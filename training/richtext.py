"""Lesson text: a small Markdown-like language rendered to HTML with everything escaped first,
so authors get headings, lists, emphasis, links and images, and nothing else can get in."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlparse

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^\s)]+)\)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(image:(\d+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*([^*]+)\*(?!\*)")


def _inline(text: str, image_url: Callable[[int], str | None]) -> str:
    html = str(escape(text))

    def image(m: re.Match[str]) -> str:
        url = image_url(int(m.group(2)))
        return f'<img src="{escape(url)}" alt="{m.group(1)}" loading="lazy">' if url else m.group(1)

    html = _IMAGE.sub(image, html)
    html = _LINK.sub(
        lambda m: f'<a href="{m.group(2)}" rel="noopener noreferrer" target="_blank">{m.group(1)}</a>', html
    )
    html = _BOLD.sub(r"<strong>\1</strong>", html)
    return _ITALIC.sub(r"<em>\1</em>", html)


def render(text: str, image_url: Callable[[int], str | None] = lambda _n: None) -> SafeString:
    """Blocks are separated by blank lines: '## ' heading, '- ' list, '> ' callout, else paragraph."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    out = []
    for block in blocks:
        lines = [ln.rstrip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            out.append(f"<h2>{_inline(lines[0][3:], image_url)}</h2>")
            lines = lines[1:]
            if not lines:
                continue
        if all(ln.lstrip().startswith("- ") for ln in lines):
            items = "".join(f"<li>{_inline(ln.lstrip()[2:], image_url)}</li>" for ln in lines)
            out.append(f"<ul>{items}</ul>")
        elif all(ln.startswith("> ") for ln in lines):
            out.append(f'<p class="callout">{"<br>".join(_inline(ln[2:], image_url) for ln in lines)}</p>')
        else:
            out.append(f"<p>{'<br>'.join(_inline(ln, image_url) for ln in lines)}</p>")
    return mark_safe("\n".join(out))


def video_embed_url(url: str) -> str | None:
    """A privacy-friendly embed address for YouTube and Vimeo links; None for anything else."""
    if not url:
        return None
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = ""
    if host == "youtube.com":
        video_id = (
            parse_qs(parsed.query).get("v", [""])[0]
            if parsed.path == "/watch"
            else (parsed.path.split("/")[2] if parsed.path.startswith("/embed/") else "")
        )
    elif host == "youtu.be":
        video_id = parsed.path.lstrip("/")
    elif host == "vimeo.com" and parsed.path.strip("/").isdigit():
        return f"https://player.vimeo.com/video/{parsed.path.strip('/')}?dnt=1"
    if video_id and re.fullmatch(r"[\w-]{6,20}", video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    return None
