"""Show a main figure with its exports: PNG and SVG (redrawn with matplotlib) and a standalone
interactive HTML file (plotly.js inlined, for static blogs). Files are built only when clicked.

The figure's title (and subtitle) is written above the chart as text, where it wraps on a
phone; the chart keeps it in its layout (for the files, and for anyone reading the figure) but
does not draw it.
"""
from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from quantviz.app.shell.i18n import t
from quantviz.app.shell.layout import is_embed_view
from quantviz.app.shell.text import markdown_text
from quantviz.figures import static
from quantviz.figures.spec import SpecFigure, with_legend
from quantviz.figures.static.style import plain

EXPORTS = (("png", "image/png", static.to_png), ("svg", "image/svg+xml", static.to_svg),
           ("html", "text/html", static.to_html))
PRESENT_FONT = 19                      # chart type on a projector
HIDDEN = {"color": "rgba(0,0,0,0)", "size": 1}
CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["toImage"]}  # the page offers its own files
LEGEND_BELOW = {"orientation": "h", "yanchor": "top", "y": -0.22, "xanchor": "left", "x": 0.0}


def titles(layout: dict) -> tuple[str, str]:
    """The title and subtitle of a figure's layout (as ``to_dict()`` gives it), or ""."""
    title = layout.get("title") or {}
    if isinstance(title, str):
        return title, ""
    return title.get("text") or "", (title.get("subtitle") or {}).get("text") or ""


def as_text(title: str) -> str:
    """A plotly title (which may hold <br>, <b>, <sub> and HTML entities) as Markdown showing its
    words as they are: no Markdown, LaTeX or link in it is interpreted (a title can hold a
    tensor name from an uploaded file)."""
    return markdown_text(plain(title).strip())


def displayed(fig: go.Figure, present: bool = False) -> tuple[go.Figure, str, str]:
    """The figure as the page draws it, without copying its data: the title and subtitle hidden
    (the page writes them above), less room on top, the legend under the plot, larger type in
    presentation mode."""
    spec = fig.to_dict()
    layout = dict(spec.get("layout") or {})
    text, subtitle = titles(layout)
    if text or subtitle:
        title = dict(layout["title"]) if isinstance(layout.get("title"), dict) else {"text": text}
        title["font"] = {**(title.get("font") or {}), **HIDDEN}
        if subtitle:
            title["subtitle"] = {**title["subtitle"], "font": {**(title["subtitle"].get("font") or {}), **HIDDEN}}
        layout["title"] = title
        layout["margin"] = {**(layout.get("margin") or {}), "t": 24}
    if ((layout.get("legend") or {}).get("y") or 0) >= 1:  # above the plot it would crowd the toolbar on a phone
        layout["legend"] = {**layout["legend"], **LEGEND_BELOW}
        layout["margin"] = {**(layout.get("margin") or {}), "t": 24,
                            "b": max(110, (layout.get("margin") or {}).get("b") or 0)}
    if present:
        layout.update(projector_fonts(layout))
    return SpecFigure(spec["data"], layout), text, subtitle  # handed to the browser as is (no validation)


def projector_fonts(layout: dict) -> dict:
    """Larger type for a projector: the figure's font, and the axes' and legend's, which the
    Streamlit theme would otherwise keep small."""
    fonts = {"font": {**(layout.get("font") or {}), "size": PRESENT_FONT},
             "legend": {**(layout.get("legend") or {}), "font": {"size": PRESENT_FONT - 2}}}
    for name in [k for k in layout if k.startswith(("xaxis", "yaxis"))] or ["xaxis", "yaxis"]:
        axis = dict(layout.get(name) or {})
        title = axis.get("title") or {}
        title = {"text": title} if isinstance(title, str) else dict(title)
        title["font"] = {**(title.get("font") or {}), "size": PRESENT_FONT}
        fonts[name] = {**axis, "title": title, "tickfont": {**(axis.get("tickfont") or {}), "size": PRESENT_FONT - 2}}
    return fonts


def for_export(fig: go.Figure, title: str | None) -> go.Figure:
    """The figure as a file shows it: with ``title`` when the page writes the title above the
    chart, and the key the page writes beside it as a legend."""
    fig = with_legend(fig)
    if not title or (fig.layout.title and fig.layout.title.text):
        return fig
    return go.Figure(fig).update_layout(title={"text": title, "x": 0.0, "xanchor": "left"},
                                        margin={"t": 60})


def show_figure(fig: go.Figure, key: str, file_name: str, export: bool = True, title: str | None = None,
                key_html: str | None = None, live: Callable[[], bytes] | None = None) -> None:
    """The figure's title as text, ``st.plotly_chart`` with the Streamlit theme, and download
    buttons (not in the embed view).

    ``title``: the figure's title for the exported files, when the page writes it above the chart.
    ``key_html``: the figure's key, written between the title and the chart (HTML).
    ``live``: builds the interactive HTML file with its own sliders (``shell.live``), in place of
    the plain one.
    """
    spec, text, subtitle = displayed(fig, bool(st.session_state.get("present")))
    lines = [f"**{as_text(text)}**" if text else "", f":gray[{as_text(subtitle)}]" if subtitle else ""]
    if text or subtitle:
        st.markdown("  \n".join(filter(None, lines)))
    if key_html:
        st.markdown(key_html, unsafe_allow_html=True)
    st.plotly_chart(spec, theme="streamlit", key=key, config=CONFIG)
    if not export or is_embed_view():
        return
    row = st.container(horizontal=True, gap="small")
    for ext, mime, render in EXPORTS:
        data = live if ext == "html" and live is not None else lambda render=render: render(for_export(fig, title))
        row.download_button(t(f"export.{ext}"), data=data,
                            file_name=f"{file_name}.{ext}", mime=mime, key=f"{key}_{ext}",
                            on_click="ignore", icon=":material/download:")
