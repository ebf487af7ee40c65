"""Text from a visitor (a link's value, a file name, a tensor name) shown as text, never as markup.

Streamlit renders Markdown in almost every element (with its own additions: colours, icons,
emoji, LaTeX), and plotly renders a subset of HTML in figure text. So whatever a link or an
uploaded file supplies goes through one of these before it reaches a string of the table:

- ``literal(text)``: a Markdown code span, inside which nothing is interpreted;
- ``markdown_text(text)``: every Markdown punctuation character escaped, links and shortcodes
  broken by a zero-width space (for text that must keep the surrounding style, a figure title);
- ``plotly_text(text)``: HTML special characters escaped.

Each also makes control characters visible (a line break in a link shows as ``\\n``, so it
cannot end a paragraph) and cuts text longer than ``MAX_CHARS``.
"""
from __future__ import annotations

import html
import re

MAX_CHARS = 120
INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
MARKDOWN = re.compile(r"([!-/:-@\[-`{-~])")      # every ASCII punctuation character
LINKLIKE = re.compile(r"[:@]|(?i:www)(?=\\\.)")   # where a link, address or shortcode could start
ZERO_WIDTH = "\u200b"


def visible(text, limit: int = MAX_CHARS) -> str:
    """``text`` with control and direction characters written as escapes, cut to ``limit``."""
    text = INVISIBLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def literal(text, limit: int = MAX_CHARS) -> str:
    """``text`` as a Markdown code span: a fence of one more backtick than its longest run of
    backticks, and a space each side (CommonMark removes exactly those two spaces)."""
    text = visible(text, limit)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def markdown_text(text, limit: int | None = None) -> str:
    """``text`` with every Markdown punctuation character backslash-escaped, and a zero-width
    space after each ``:`` and ``@`` and inside ``www.``: Streamlit turns web addresses, e-mail
    addresses and ``:shortcodes:`` into links, emoji and icons after escapes are resolved."""
    text = MARKDOWN.sub(r"\\\1", visible(text, limit or 10**9))
    return LINKLIKE.sub(lambda m: m.group() + ZERO_WIDTH, text)


def plotly_text(text, limit: int = MAX_CHARS) -> str:
    """``text`` for a plotly title or label: ``<``, ``>``, ``&`` and quotes as HTML entities."""
    return html.escape(visible(text, limit))
