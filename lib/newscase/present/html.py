"""Escaped text for HTML and for plotly's HTML-like labels, and the highlight key."""

from __future__ import annotations

import html
import re
import textwrap

from newscase.present.palette import HIGHLIGHT_STYLES


def escape(value) -> str:
    """Any value as HTML text, quotes included."""
    return html.escape(str(value))


def plain_text(markup: str) -> str:
    """Plotly's HTML-like label (``<br>``, ``<b>``, entities) as plain text, for a name."""
    text = re.sub(r"<br\s*/?>", " ", markup or "", flags=re.IGNORECASE)
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", text)).split())


def plotly_text(value: str) -> str:
    """Escaped for plotly's HTML-like labels, which decode &amp; &lt; &gt; but not &quot;."""
    return html.escape(value, quote=False)


def wrapped(value: str, width: int, lines: int = 2) -> str:
    """Escaped for plotly, cut into at most ``lines`` lines of ``width`` characters."""
    return "<br>".join(plotly_text(line)
                       for line in textwrap.wrap(value, width, max_lines=lines, placeholder="…"))


def italic(text: str) -> str:
    return f"<i>{html.escape(text)}</i>"


def marks(items) -> str:
    """Each (highlight category, name) as a sample of its mark, for a key above the text."""
    return " ".join(f'<mark style="{HIGHLIGHT_STYLES[category]}">{html.escape(name)}</mark>'
                    for category, name in items)
