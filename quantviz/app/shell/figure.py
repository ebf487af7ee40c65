"""Show a main figure with its exports: PNG and SVG (redrawn with matplotlib) and a standalone
interactive HTML file (plotly.js inlined, for static blogs). Files are built only when clicked.

The figure's title (and subtitle) is written above the chart as text, where it wraps on a
phone; the chart keeps it in its layout (for the files, and for anyone reading the figure) but
does not draw it.
"""
from __future__ import annotations

import html
from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from quantviz.app.shell.figure_text import layout_of, summary, table
from quantviz.app.shell.i18n import t
from quantviz.app.shell.layout import is_embed_view
from quantviz.app.shell.text import markdown_text
from quantviz.figures import static
from quantviz.figures.spec import SpecFigure, with_legend
from quantviz.figures.static.style import plain
from quantviz.figures.style import FONT_SIZES, PRESENT_FACTOR, readable_fonts

EXPORTS = (("png", "image/png", static.to_png), ("svg", "image/svg+xml", static.to_svg),
           ("html", "text/html", static.to_html))
PRESENT_FONT = round(FONT_SIZES["font"] * PRESENT_FACTOR)   # chart type on a projector
HIDDEN = {"color": "rgba(0,0,0,0)", "size": 1}
# no plotly toolbar: the page offers its own files, a drag still zooms and a double click resets;
# a toolbar cost each chart about 16 ms to draw, on every change that redraws it
CONFIG = {"displaylogo": False, "displayModeBar": False}
TITLE_ROOM = 60   # px above the plot for a file's title and subtitle
LEGEND_BELOW = {"orientation": "h", "yanchor": "top", "y": -0.22, "xanchor": "left", "x": 0.0}
RING_WIDTH = 10   # px of stroke around a ringed marker, half of it outside (``paint-order: stroke``)
KEY_STYLE = "display:flex;flex-wrap:wrap;column-gap:1.1rem;row-gap:0.1rem;font-size:0.85rem;line-height:1.5"


def key_html(entries) -> str:
    """A figure's key as one wrapping line of coloured glyphs and labels (HTML for ``st.markdown``)."""
    items = "".join(f'<span><span style="color:{html.escape(e.colour)};font-weight:700">{html.escape(e.glyph)}</span>'
                    f"&nbsp;{html.escape(e.label)}</span>" for e in entries)
    return f'<div style="{KEY_STYLE}">{items}</div>'


def write_key(fig: go.Figure) -> None:
    """The key of a figure that carries one (``spec.SpecFigure.key``), written above it: a plotly
    legend would make the browser draw the figure twice, and the written key wraps on a phone."""
    if getattr(fig, "key", None):
        st.markdown(key_html(fig.key), unsafe_allow_html=True)


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
    (the page writes them above), less room on top, the legend under the plot, readable type
    (larger in presentation mode)."""
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
    layout.update(readable_fonts(layout, PRESENT_FACTOR if present else 1.0))
    if present and ((layout.get("legend") or {}).get("y") or 0) < 0:
        # a legend under the plot sits at a share of the plot's height below it, where the larger
        # axis title of presentation mode would run into it: at the figure's foot instead
        layout["legend"] = {**layout["legend"], "yref": "container", "yanchor": "bottom", "y": 0.0}
    return SpecFigure(spec["data"], layout), text, subtitle  # handed to the browser as is (no validation)


def for_export(fig: go.Figure, title: str | None) -> go.Figure:
    """The figure as a file shows it: with ``title`` when the page writes the title above the
    chart, and the key the page writes beside it as a legend."""
    fig = with_legend(fig)
    if fig.layout.title and fig.layout.title.text:    # its own title: room for it above the plot
        top = fig.layout.margin.t if fig.layout.margin else None
        return go.Figure(fig).update_layout(margin={"t": TITLE_ROOM}) if top is not None and top < TITLE_ROOM else fig
    if not title:
        return fig
    return go.Figure(fig).update_layout(title={"text": title, "x": 0.0, "xanchor": "left"},
                                        margin={"t": TITLE_ROOM})


def show_figure(fig: go.Figure, key: str, file_name: str, export: bool = True, title: str | None = None,
                chart_args: dict | None = None, live: Callable[[], bytes] | None = None,
                exported: Callable[[], go.Figure] | None = None) -> None:
    """The figure's title as text, ``st.plotly_chart`` with the Streamlit theme, and download
    buttons (not in the embed view).

    ``title``: the figure's title for the exported files, when the page writes it above the chart.
    A figure that carries its key (``spec.SpecFigure.key``) has it written between the title and the chart.
    ``chart_args``: more arguments of ``st.plotly_chart`` (e.g. ``on_select`` for a clickable chart).
    A summary of the chart in words goes before it for screen readers, and its points under it
    in an expander (``numbers_behind``).
    ``live``: builds the interactive HTML file with its own sliders (``shell.live``), in place of
    the plain one. ``exported``: builds the figure the files draw, when it is not the one shown
    (a chart whose chosen point the page rings in the browser, ``ring_point``, rings it in its files).
    """
    spec, text, subtitle = displayed(fig, bool(st.session_state.get("present")))
    words = summary(fig, text or title or "")
    lines = [f"**{as_text(text)}**" if text else "", f":gray[{as_text(subtitle)}]" if subtitle else "",
             spoken(words)]
    st.markdown("  \n".join(filter(None, lines)), unsafe_allow_html=True)
    write_key(fig)
    st.plotly_chart(spec, theme="streamlit", key=key, config=CONFIG, **(chart_args or {}))
    if is_embed_view():
        return
    numbers_behind(fig, key, words)
    if not export:
        return
    row = st.container(horizontal=True, gap="small")
    for ext, mime, render in EXPORTS:
        data = live if ext == "html" and live is not None else \
            lambda render=render: render(for_export(exported() if exported else fig, title))
        row.download_button(t(f"export.{ext}"), data=data,
                            file_name=f"{file_name}.{ext}", mime=mime, key=f"{key}_{ext}",
                            on_click="ignore", icon=":material/download:")


def ring_point(key: str, trace: int, point: int, colour: str) -> None:
    """Ring one point of the chart ``key`` (the ``point``-th marker of its ``trace``-th trace, as the
    figure lists them) with a style rule the browser applies to the drawn chart: another point
    ringed is a new rule, not a new figure, so the chart is not drawn again."""
    marker = f".st-key-{key} .scatterlayer .trace:nth-child({trace + 1}) .points path:nth-child({point + 1})"
    st.html(f"<style>{marker} {{stroke: {colour} !important; stroke-width: {RING_WIDTH}px !important; "
            "paint-order: stroke; stroke-opacity: 1 !important}</style>")


def spoken(words: str) -> str:
    """What a screen reader says for a chart: its summary, in HTML no one sees."""
    return f'<span class="qv-sr-only">{as_text(words)}</span>'


def secondary_chart(fig: go.Figure, key: str) -> None:
    """A chart without files (its page writes no title above it): what a screen reader says for
    it, the chart, and the numbers behind it (not in the embed view)."""
    words = summary(fig, titles(layout_of(fig))[0])
    st.markdown(spoken(words), unsafe_allow_html=True)
    st.plotly_chart(fig, theme="streamlit", key=key, config=CONFIG)
    if not is_embed_view():
        numbers_behind(fig, key, words)


def numbers_behind(fig: go.Figure, key: str, words: str) -> None:
    """An expander "The numbers behind this chart": the summary and the points as a table (an
    HTML table that screen readers walk), built only while it is open."""
    opened = f"{key}_numbers"
    with st.expander(t("figure.numbers"), key=opened, on_change="rerun", icon=":material/table:"):
        if not st.session_state.get(opened):
            return
        st.markdown(as_text(words))
        frame, total = table(fig)
        # st.table renders Markdown in its cells: names and labels (a tensor's name from an
        # uploaded file) are shown as text
        shown = frame.map(markdown_text).rename(columns=markdown_text)
        st.table(shown, hide_index=True)
        if total > len(frame):
            st.caption(t("figure.table.rows", shown=len(frame), total=total))
