"""A chart in words and numbers, for readers who cannot see it: a short summary of each series
(how many points, over what range of each axis) and the points themselves as a table.

Both are read from the figure's own traces, so they always say what the chart draws.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from quantviz.app.shell.i18n import t
from quantviz.app.shell.latex import num
from quantviz.figures.static.style import plain

MAX_SERIES = 6      # series named in a summary; the rest are counted
MAX_ROWS = 500      # rows in the table; the downloaded files hold every point
MAX_CATEGORIES = 8  # category names in a summary


def traces(fig: go.Figure) -> list[dict]:
    """The figure's traces as dicts with their arrays (numpy or lists) as built."""
    raw = getattr(fig, "traces", None)
    return raw() if callable(raw) else [trace.to_plotly_json() for trace in fig.data]


def layout_of(fig: go.Figure) -> dict:
    """The figure's layout as a dict, without copying its data."""
    return fig.to_dict().get("layout") or {} if callable(getattr(fig, "traces", None)) else (
        fig.layout.to_plotly_json())


def axis_title(layout: dict, axis: str) -> str:
    title = (layout.get(axis) or {}).get("title") or {}
    return plain(title if isinstance(title, str) else title.get("text") or "").strip() or axis[0]


def _values(trace: dict, name: str) -> np.ndarray | None:
    value = trace.get(name)
    if value is None or isinstance(value, dict | str):
        return None
    return np.asarray(value, dtype=object if not isinstance(value, np.ndarray) else None).ravel()


def _numeric(a: np.ndarray) -> np.ndarray | None:
    """``a`` as float64 without its missing points, or None when it holds text (categories)."""
    try:
        x = np.asarray([np.nan if v is None else v for v in a], dtype=np.float64) if a.dtype == object else (
            a.astype(np.float64))
    except (TypeError, ValueError):
        return None
    return x


def series(fig: go.Figure) -> list[tuple[str, np.ndarray, np.ndarray, str, str]]:
    """(name, x, y, x axis title, y axis title) of every trace that draws points (legend-only
    entries left out); each trace's own axes (a figure may stack several plots)."""
    layout = layout_of(fig)
    out = []
    for i, trace in enumerate(traces(fig), start=1):
        x, y = _values(trace, "x"), _values(trace, "y")
        if x is None or y is None or len(x) != len(y):
            continue
        if not any(v is not None for v in y):
            continue
        name = plain(str(trace.get("name") or "")).strip() or t("figure.series.unnamed", i=i)
        x_axis = "xaxis" + str(trace.get("xaxis") or "x")[1:]
        y_axis = "yaxis" + str(trace.get("yaxis") or "y")[1:]
        out.append((name, x, y, axis_title(layout, x_axis), axis_title(layout, y_axis)))
    return out


def grids(fig: go.Figure) -> list[tuple[str, np.ndarray]]:
    """(name, z) of every heatmap: a grid of values (an image) rather than points."""
    out = []
    for i, trace in enumerate(traces(fig), start=1):
        if trace.get("type") != "heatmap" or trace.get("z") is None:
            continue
        try:
            z = np.asarray(trace["z"], dtype=np.float64)    # None (a gap) reads as NaN
        except (TypeError, ValueError):                     # text in the grid: not a grid of values
            continue
        if z.ndim != 2:
            continue
        name = plain(str(trace.get("name") or "")).strip() or t("figure.series.unnamed", i=i)
        out.append((name, z))
    return out


def grid_sentence(name: str, z: np.ndarray) -> str:
    z0, z1 = _span(z.ravel()) or ("", "")
    return t("figure.series.grid", name=name, rows=z.shape[0], cols=z.shape[1], z0=z0, z1=z1)


def _span(a: np.ndarray) -> tuple[str, str] | None:
    x = _numeric(a)
    if x is None:
        return None
    x = x[np.isfinite(x)]
    return (num(x.min()), num(x.max())) if x.size else None


def series_sentence(name: str, x: np.ndarray, y: np.ndarray, x_title: str, y_title: str) -> str:
    y_span = _span(y) or ("", "")
    x_span = _span(x)
    if x_span is None:  # categories along x
        names = [str(v) for v in x[:MAX_CATEGORIES]] + (["…"] if len(x) > MAX_CATEGORIES else [])
        return t("figure.series.categories", name=name, n=len(x), x=x_title, cats=", ".join(names),
                 y=y_title, y0=y_span[0], y1=y_span[1])
    return t("figure.series.points", name=name, n=len(x), x=x_title, x0=x_span[0], x1=x_span[1],
             y=y_title, y0=y_span[0], y1=y_span[1])


def summary(fig: go.Figure, title: str = "") -> str:
    """The chart in one paragraph, in the reader's language: its title, then per series its
    number of points and the range of each axis."""
    found = series(fig)
    sentences = [series_sentence(*found_series) for found_series in found[:MAX_SERIES]]
    if len(found) > MAX_SERIES:
        sentences.append(t("figure.series.more", n=len(found) - MAX_SERIES))
    images = grids(fig)
    sentences += [grid_sentence(name, z) for name, z in images]
    found = found + images
    head = t("figure.summary", title=plain(title).strip(), n=len(found)) if title else t(
        "figure.summary.untitled", n=len(found))
    return " ".join([head, *sentences])


def table(fig: go.Figure) -> tuple[pd.DataFrame, int]:
    """The points of every series, one row each (series, x, y), at most ``MAX_ROWS`` of them,
    and the number of points in all."""
    found = series(fig)
    axes = {(x_title, y_title) for *_, x_title, y_title in found}
    one_pair = len(axes) == 1          # every series on the same axes: their titles head the columns
    rows, total = [], 0
    for name, x, y, x_title, y_title in found:
        total += len(x)
        room = max(MAX_ROWS - len(rows), 0)
        label = name if one_pair else f"{name} ({x_title}; {y_title})"
        rows += [(label, _cell(a), _cell(b)) for a, b in zip(x[:room], y[:room], strict=True)]
    x_head, y_head = next(iter(axes)) if one_pair else ("x", "y")
    for name, z in grids(fig):  # a grid's cells, row by row
        total += z.size
        room = max(MAX_ROWS - len(rows), 0)
        rows += [(name, t("figure.table.cell", row=r, col=c), _cell(z[r, c])) for r, c in np.ndindex(z.shape)][:room]
        if not found:
            x_head, y_head = t("figure.table.where"), t("figure.table.value")
    columns = [t("figure.table.series"), x_head, y_head]
    if len(set(columns)) < 3:  # the same words twice would make pandas refuse the table
        columns = [t("figure.table.series"), f"x: {x_head}", f"y: {y_head}"]
    return pd.DataFrame(rows, columns=columns), total


def _cell(v) -> str:
    """One value as the table shows it: numbers with six significant digits, text as it is."""
    if v is None:
        return ""
    if isinstance(v, bool | np.bool_):
        return str(v)
    if isinstance(v, int | float | np.integer | np.floating):
        return num(v) if np.isfinite(v) else str(float(v))
    return plain(str(v))
