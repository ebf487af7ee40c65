"""Static export: redraw a plotly figure with matplotlib, for PNG and SVG files.

Covers what quantviz's charts use: line, step and marker scatter traces (with fills), bars,
heatmaps, rectangles and lines drawn as layout shapes, log axes, several subplots, titles,
axis titles and a legend. Anything else is skipped rather than guessed.
"""
from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import plotly.graph_objects as go  # noqa: E402

# Chinese labels need a CJK font; matplotlib falls back along this list per glyph.
plt.rcParams["font.sans-serif"] = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "DejaVu Sans",
                                   "Source Han Sans SC", "SimHei", "Arial Unicode MS"]
DEFAULT_COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#888888"]
DASHES = {"dot": ":", "dash": "--", "dashdot": "-.", "longdash": "--", "solid": "-", None: "-"}


def to_png(fig: go.Figure, dpi: int = 150) -> bytes:
    return _render(fig, "png", dpi)


def to_svg(fig: go.Figure) -> bytes:
    return _render(fig, "svg", 100)


def to_html(fig: go.Figure) -> bytes:
    """A standalone interactive page: plotly.js inlined, so it opens without any server."""
    return fig.to_html(include_plotlyjs=True, full_html=True).encode("utf-8")


def _render(fig: go.Figure, fmt: str, dpi: int) -> bytes:
    mpl_fig = to_matplotlib(fig)
    buffer = io.BytesIO()
    mpl_fig.savefig(buffer, format=fmt, dpi=dpi)
    plt.close(mpl_fig)
    return buffer.getvalue()


def to_matplotlib(fig: go.Figure):
    layout = fig.layout
    width = (layout.width or 900) / 100
    height = (layout.height or 420) / 100
    mpl_fig = plt.figure(figsize=(width, height))
    axes = _axes(mpl_fig, fig)
    for i, trace in enumerate(fig.data):
        ax = axes[(trace.xaxis or "x", trace.yaxis or "y")] if hasattr(trace, "xaxis") else axes[("x", "y")]
        _draw_trace(ax, trace, DEFAULT_COLORS[i % len(DEFAULT_COLORS)])
    for shape in layout.shapes:
        _draw_shape(axes, shape)
    title = layout.title.text if layout.title and layout.title.text else ""
    if title:
        mpl_fig.suptitle(_plain(title), x=0.02, ha="left", fontsize=12)
    handles = [h for ax in axes.values() for h in ax.get_legend_handles_labels()[0]]
    if handles:
        first = next(iter(axes.values()))
        labels = [lbl for ax in axes.values() for lbl in ax.get_legend_handles_labels()[1]]
        first.legend(handles, labels, fontsize=8, loc="best")
    return mpl_fig


def _axis_names(fig: go.Figure) -> list[tuple[str, str]]:
    pairs = {(getattr(t, "xaxis", None) or "x", getattr(t, "yaxis", None) or "y") for t in fig.data}
    return sorted(pairs or {("x", "y")})


def _layout_axis(layout, name: str):
    return layout[name.replace("x", "xaxis").replace("y", "yaxis")] if len(name) > 1 else (
        layout.xaxis if name == "x" else layout.yaxis)


def _axes(mpl_fig, fig: go.Figure) -> dict:
    axes = {}
    left, bottom, right, top = 0.08, 0.13, 0.98, 0.86
    for xname, yname in _axis_names(fig):
        xaxis, yaxis = _layout_axis(fig.layout, xname), _layout_axis(fig.layout, yname)
        x0, x1 = xaxis.domain or (0, 1)
        y0, y1 = yaxis.domain or (0, 1)
        rect = [left + x0 * (right - left), bottom + y0 * (top - bottom),
                (x1 - x0) * (right - left) - 0.04 * (x0 > 0 or x1 < 1), (y1 - y0) * (top - bottom)]
        ax = mpl_fig.add_axes(rect)
        ax.set_xlabel(_plain(xaxis.title.text or ""), fontsize=9)
        ax.set_ylabel(_plain(yaxis.title.text or ""), fontsize=9)
        ax.tick_params(labelsize=8)
        ax.grid(alpha=0.25)
        for axis, set_scale, set_range in ((xaxis, ax.set_xscale, ax.set_xlim), (yaxis, ax.set_yscale, ax.set_ylim)):
            if axis.type == "log":
                set_scale("log")
                if axis.range:
                    set_range(10 ** axis.range[0], 10 ** axis.range[1])
            elif axis.range:
                set_range(*axis.range)
        axes[(xname, yname)] = ax
    return axes


def _draw_trace(ax, trace, fallback: str):
    name = _plain(trace.name) if trace.name and trace.showlegend is not False else None
    if trace.type == "bar":
        color = _color(trace.marker.color, fallback)
        x, y = np.asarray(trace.x, dtype=float), np.asarray(trace.y, dtype=float)
        width = trace.width if trace.width is not None else (np.min(np.diff(x)) if x.size > 1 else 0.8)
        ax.bar(x, y, width=width, color=color, alpha=trace.opacity or 1.0, label=name)
    elif trace.type == "scatter":
        _draw_scatter(ax, trace, name, fallback)
    elif trace.type == "heatmap":
        z = np.asarray(trace.z, dtype=float)
        ax.imshow(z, aspect="auto", origin="lower", cmap="viridis")


def _draw_scatter(ax, trace, name, fallback):
    x = np.asarray(trace.x if trace.x is not None else np.arange(len(trace.y)), dtype=float)
    y = np.asarray(trace.y, dtype=float)
    mode = trace.mode or "lines"
    color = _color(trace.line.color if "lines" in mode else trace.marker.color, fallback)
    if "lines" in mode:
        style = {"color": color, "linestyle": DASHES.get(trace.line.dash, "-"),
                 "linewidth": trace.line.width or 1.5, "label": name}
        if trace.line.shape == "hv":
            ax.step(x, y, where="post", **style)
        else:
            ax.plot(x, y, **style)
        name = None
    if trace.fill in ("tozeroy", "tonexty"):
        ax.fill_between(x, y, 0, color=_color(trace.fillcolor, color), alpha=0.3, step=None)
    if "markers" in mode:
        size = trace.marker.size if isinstance(trace.marker.size, (int, float)) else 6
        ax.scatter(x, y, s=size**2 / 2, color=_color(trace.marker.color, color), label=name, zorder=3)


def _draw_shape(axes: dict, shape):
    xref, yref = shape.xref or "x", shape.yref or "y"
    xname, yname = xref.split()[0], yref.split()[0]
    ax = axes.get((xname.replace("paper", "x"), yname.replace("paper", "y"))) or next(iter(axes.values()))
    x_domain, y_domain = "domain" in xref or xref == "paper", "domain" in yref or yref == "paper"
    color = _color(shape.fillcolor or (shape.line.color if shape.line else None), "#888888")
    if shape.type == "rect":
        if y_domain and not x_domain:
            ax.axvspan(shape.x0, shape.x1, color=color, alpha=shape.opacity or 0.2, lw=0)
        elif x_domain and not y_domain:
            ax.axhspan(shape.y0, shape.y1, color=color, alpha=shape.opacity or 0.2, lw=0)
    elif shape.type == "line":
        line_color = _color(shape.line.color if shape.line else None, "#888888")
        dash = DASHES.get(shape.line.dash if shape.line else None, "-")
        if x_domain and not y_domain:
            ax.axhline(shape.y0, color=line_color, linestyle=dash, lw=1)
        elif y_domain and not x_domain:
            ax.axvline(shape.x0, color=line_color, linestyle=dash, lw=1)
        elif not x_domain and not y_domain:
            ax.plot([shape.x0, shape.x1], [shape.y0, shape.y1], color=line_color, linestyle=dash, lw=1)


def _color(value, fallback: str):
    """A matplotlib colour from a plotly one ('#rrggbb', 'rgb(...)', 'rgba(...)', names)."""
    if not isinstance(value, str):
        return fallback
    match = re.match(r"rgba?\(([^)]*)\)", value.replace(" ", ""))
    if match:
        parts = [float(p) for p in match.group(1).split(",")]
        rgb = [p / 255 for p in parts[:3]]
        return (*rgb, parts[3]) if len(parts) == 4 else tuple(rgb)
    return value


def _plain(text: str) -> str:
    """Plotly titles may hold HTML (<br>, <b>, <sub>): keep the words."""
    text = re.sub(r"<br\s*/?>", " ", text or "")
    return re.sub(r"<[^>]+>", "", text)
