"""Show a main figure with its exports: PNG and SVG (redrawn with matplotlib) and a standalone
interactive HTML file (plotly.js inlined, for static blogs). Files are built only when clicked."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from ..figures import static
from .i18n import t
from .layout import is_embed_view

EXPORTS = (("png", "image/png", static.to_png), ("svg", "image/svg+xml", static.to_svg),
           ("html", "text/html", static.to_html))
PRESENT_FONT, PRESENT_TITLE = 19, 23  # chart type on a projector


def for_export(fig: go.Figure, title: str | None) -> go.Figure:
    """The figure as a file shows it: with ``title`` when the page writes the title above the chart."""
    if not title or (fig.layout.title and fig.layout.title.text):
        return fig
    return go.Figure(fig).update_layout(title={"text": title, "x": 0.0, "xanchor": "left"},
                                        margin={"t": 60})


def show_figure(fig: go.Figure, key: str, file_name: str, export: bool = True, title: str | None = None) -> None:
    """``st.plotly_chart`` with the Streamlit theme, plus download buttons (not in the embed view).

    ``title``: the figure's title for the exported files, when the page writes it above the chart.
    """
    shown = fig
    if st.session_state.get("present"):
        shown = go.Figure(fig).update_layout(font_size=PRESENT_FONT, title_font_size=PRESENT_TITLE)
    st.plotly_chart(shown, theme="streamlit", key=key, config={"displaylogo": False})
    if not export or is_embed_view():
        return
    row = st.container(horizontal=True, gap="small")
    for ext, mime, render in EXPORTS:
        row.download_button(t(f"export.{ext}"), data=lambda render=render: render(for_export(fig, title)),
                            file_name=f"{file_name}.{ext}", mime=mime, key=f"{key}_{ext}",
                            on_click="ignore", icon=":material/download:")
