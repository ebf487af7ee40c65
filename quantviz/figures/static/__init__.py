"""Static export of a plotly figure: PNG and SVG files redrawn with matplotlib, and a standalone
interactive HTML file.

Why a redraw: plotly writes images through kaleido, which drives a headless Chromium at run
time; the app would then need a browser installed wherever it is served, and a network-free
server could not export at all. Redrawing the figure with matplotlib keeps PNG and SVG export
working offline, with nothing but Python packages. The HTML file needs no redraw: it inlines
plotly.js.

The redraw covers what quantviz's charts use (``render``, ``traces``): line, step, marker and
text scatter traces (filled or outline-only markers; fills to zero, to the previous trace or of
closed outlines), vertical and horizontal bars (``base``, per-bar colours, outlines, text on the
bars), heatmaps, categorical axes and tick labels, rectangles, lines and paths of straight lines drawn as layout shapes,
annotations (subplot titles, labels of lines), log and reversed axes, several subplots, a title
with its subtitle, axis titles and a legend inside, above or below the plot. A figure using
anything else (another trace type, fill or shape) raises ``UnsupportedFigure``: a file never
silently lacks part of its figure. Sizes follow plotly's: pixels at 100 dpi.
"""
from __future__ import annotations

import io

import plotly.graph_objects as go

from .render import plt, to_matplotlib
from .traces import UnsupportedFigure

__all__ = ["to_png", "to_svg", "to_html", "to_matplotlib", "UnsupportedFigure"]


def to_png(fig: go.Figure, dpi: int = 150) -> bytes:
    return _render(fig, "png", dpi)


def to_svg(fig: go.Figure) -> bytes:
    return _render(fig, "svg", 100)


def to_html(fig: go.Figure) -> bytes:
    """A standalone interactive page: plotly.js inlined, so it opens without any server."""
    return fig.to_html(include_plotlyjs=True, full_html=True).encode("utf-8")


def _render(fig: go.Figure, fmt: str, dpi: int) -> bytes:
    # plotly text is text: a "$" (say in an uploaded tensor's name) is not matplotlib's mathtext
    with plt.rc_context({"text.parse_math": False}):
        mpl_fig = to_matplotlib(fig)
        buffer = io.BytesIO()
        mpl_fig.savefig(buffer, format=fmt, dpi=dpi)
        plt.close(mpl_fig)
    return buffer.getvalue()
