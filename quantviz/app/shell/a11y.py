"""What every page shares for students who read by keyboard, screen reader or low vision: chart text
in a colour that contrasts, a focus ring that is always visible, no motion when the reader's system
asks for none.

The colours depend on the theme the reader has chosen (light or dark, in Streamlit's settings or
from the system): Streamlit sets ``color-scheme`` on the app, and CSS's ``light-dark()`` picks the
colour of that scheme. Each pair is checked (4.5:1 for text) by ``tests/app/test_theme_contrast.py``.
"""
from __future__ import annotations

import streamlit as st

# (light theme, dark theme): text on the page's background, #ffffff and #0e1117
CHART_TEXT = ("#3d434d", "#d0d7de")     # tick labels, axis titles, legends
GRIDLINE = ("#d5d9e0", "#333b4a")       # gridlines: visible, quieter than the data
FOCUS = ("#0a58ca", "#58a6ff")          # the focus ring: the theme's primary colour
ON_PRIMARY = ("#ffffff", "#0e1117")     # text on a primary button


def pair(colours: tuple[str, str]) -> str:
    return f"light-dark({colours[0]}, {colours[1]})"


CSS = f"""
<style>
/* Chart text and gridlines: Streamlit's chart theme draws tick labels in a light grey (3.7:1 on white) */
[data-testid="stPlotlyChart"] :is([class$="tick"], [class$="tick2"]) > text,
[data-testid="stPlotlyChart"] :is([class^="g-x"], [class^="g-y"])[class$="title"] text,
[data-testid="stPlotlyChart"] .legendtext {{ fill: {pair(CHART_TEXT)} !important; }}
[data-testid="stPlotlyChart"] .gridlayer path {{ stroke: {pair(GRIDLINE)} !important; }}
/* A primary button's label: white on the light theme's dark blue, dark on the dark theme's light blue */
[data-testid="stBaseButton-primary"], [data-testid="stBaseButton-primary"] * {{ color: {pair(ON_PRIMARY)} !important; }}
/* The focus is always visible, whatever the widget draws itself */
:focus-visible {{ outline: 3px solid {pair(FOCUS)} !important; outline-offset: 2px !important; }}
/* A formula's glyphs overhang its box by a pixel or two: room for them, so that a formula that fits
   is not a scrolling region a keyboard cannot reach (one that is wider still scrolls, on a phone) */
.katex-display {{ padding: 0.35rem 0.3rem !important; }}
/* No motion for readers who ask their system for none */
@media (prefers-reduced-motion: reduce) {{
  *, *::before, *::after {{ animation-duration: 0.01ms !important; animation-iteration-count: 1 !important;
    transition-duration: 0.01ms !important; scroll-behavior: auto !important; }}
}}
/* Read by screen readers, not drawn: a chart's summary beside the picture */
.qv-sr-only {{ position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }}
</style>
"""


def apply_style() -> None:
    """The style above, on every page (the router calls it before the page runs); a style-only
    ``st.html`` takes no room on the page."""
    st.html(CSS)


HTML_LANG = {"en": "en", "zh": "zh-Hans"}  # BCP 47, as the page's <html lang> says it


def document_language(code: str) -> None:
    """Tell screen readers the page's language (WCAG 3.1.1): ``<html lang>``, which Streamlit
    leaves at "en", set to the reader's language. A script in the sidebar (a few pixels there;
    in the page it would push the content down), run again whenever the language changes."""
    with st.sidebar:
        st.html(f"<script>document.documentElement.lang = {HTML_LANG[code]!r};</script>", unsafe_allow_javascript=True)
