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


def show_figure(fig: go.Figure, key: str, file_name: str, export: bool = True) -> None:
    """``st.plotly_chart`` with the Streamlit theme, plus download buttons (not in the embed view)."""
    if st.session_state.get("present"):
        fig = go.Figure(fig).update_layout(font_size=19, title_font_size=23)
    st.plotly_chart(fig, theme="streamlit", key=key, config={"displaylogo": False})
    if not export or is_embed_view():
        return
    row = st.container(horizontal=True, gap="small")
    for ext, mime, render in EXPORTS:
        row.download_button(t(f"export.{ext}"), data=lambda render=render: render(fig),
                               file_name=f"{file_name}.{ext}", mime=mime, key=f"{key}_{ext}",
                               on_click="ignore", icon=":material/download:")
