"""Drawing plotly's traces, shapes and annotations on matplotlib axes.

What cannot be drawn raises ``UnsupportedFigure`` (naming it), so that an exported file never
silently lacks part of its figure.
"""
from __future__ import annotations

import re

import matplotlib.patches as mpatches
import matplotlib.transforms as mtransforms
import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from .style import DASHES, MARKERS, NONE, color, is_transparent, marker_area, plain, text_offset

FILLS = (None, "none", "tozeroy", "tonexty", "toself")
SHAPES = ("rect", "line", "path")
STROKES = ("|", "_")  # matplotlib's markers drawn as a line only (plotly's line-ns, line-ew)


class UnsupportedFigure(ValueError):
    """A figure uses a trace type, fill or shape the static export does not draw."""


def values_of(values, cats: dict) -> np.ndarray:
    """Numbers as floats; category names as their positions (0, 1, ... in order of appearance)."""
    values = list(values) if values is not None else []
    if values and all(isinstance(v, str) for v in values):
        for v in values:
            cats.setdefault(v, len(cats))
        return np.array([cats[v] for v in values], dtype=float)
    return np.asarray([np.nan if v is None else v for v in values], dtype=float)


def _per_point(value, n: int, convert=lambda v: v) -> list:
    """A marker or bar property given once or per point, as one value per point."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return [convert(v) for v in value][:n] + [convert(value[-1])] * max(0, n - len(value))
    return [convert(value)] * n


def draw_trace(ax, trace, fallback: str, layout, cats: tuple[dict, dict], slot: tuple[int, int] = (0, 1)):
    """``slot``: (place, count) of a bar trace among those grouped side by side at each position."""
    name = plain(trace.name) if trace.name and trace.showlegend is not False else None
    if trace.type == "bar":
        _draw_bars(ax, trace, name, fallback, layout, cats, slot)
    elif trace.type == "scatter":
        _draw_scatter(ax, trace, name, fallback, cats)
    elif trace.type == "heatmap":
        z = np.asarray(trace.z, dtype=float)
        image = ax.imshow(z, aspect="auto", origin="lower", cmap=_colormap(trace.colorscale),
                          vmin=trace.zmin, vmax=trace.zmax)
        if trace.showscale is not False:      # plotly draws a heatmap's colour bar unless told not to
            ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    else:
        raise UnsupportedFigure(f"the static export draws no {trace.type!r} trace (only bar, scatter and heatmap)")


def _draw_bars(ax, trace, name, fallback, layout, cats, slot: tuple[int, int]):
    horizontal = trace.orientation == "h"
    pos = values_of(trace.y if horizontal else trace.x, cats[1] if horizontal else cats[0])
    size = values_of(trace.x if horizontal else trace.y, {})
    if trace.width is not None:
        width = np.asarray(trace.width, dtype=float)
    else:
        step = np.min(np.diff(np.unique(pos))) if np.unique(pos).size > 1 else 1.0
        width = step * (1 - (0.2 if layout.bargap is None else layout.bargap))
        place, count = slot          # grouped: each trace a slice of the position's width, in order
        width = width / count
        pos = pos + (place - (count - 1) / 2) * width
    base = np.zeros_like(size) if trace.base is None else np.asarray(trace.base, dtype=float)
    alpha = trace.opacity if trace.opacity is not None else 1.0
    faces = _per_point(trace.marker.color, pos.size, lambda c: color(c, fallback, alpha))
    line = trace.marker.line
    edge_width = line.width if line and line.width else 0
    edges = _per_point(line.color if line else None, pos.size, lambda c: color(c, faces[0]))
    draw = ax.barh if horizontal else ax.bar
    bars = draw(pos, size, width, base, color=faces, edgecolor=edges, linewidth=edge_width, label=name)
    if trace.text is not None:
        inks = _per_point(trace.textfont.color if trace.textfont else None, pos.size, lambda c: color(c, "#333333"))
        for bar, text, ink in zip(bars, _per_point(trace.text, pos.size), inks):
            _bar_text(ax, bar, plain(str(text)), ink, horizontal, trace.textposition or "auto")


def _bar_text(ax, bar, text: str, ink, horizontal: bool, position: str) -> None:
    x, y, w, h = bar.get_x(), bar.get_y(), bar.get_width(), bar.get_height()
    if position == "outside":
        if horizontal:
            ax.annotate(text, (x + w, y + h / 2), xytext=(4 if w >= 0 else -4, 0), textcoords="offset points",
                        ha="left" if w >= 0 else "right", va="center", fontsize=8, color=ink)
        else:
            ax.annotate(text, (x + w / 2, y + h), xytext=(0, 3 if h >= 0 else -3), textcoords="offset points",
                        ha="center", va="bottom" if h >= 0 else "top", fontsize=8, color=ink)
    else:
        ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize=9, color=ink)


def _draw_scatter(ax, trace, name, fallback, cats):
    y_values = trace.y if trace.y is not None else []
    x = values_of(trace.x if trace.x is not None else np.arange(len(y_values)), cats[0])
    y = values_of(y_values, cats[1])
    mode = trace.mode or "lines"
    line_color = color(trace.line.color, fallback) if trace.line else fallback
    if trace.fill not in FILLS:
        raise UnsupportedFigure(f"the static export draws no fill {trace.fill!r} (only {', '.join(FILLS[2:])})")
    if trace.fill == "toself":
        _fill_polygons(ax, x, y, color(trace.fillcolor, line_color), trace.opacity, name)
        name = None
    width = 1.5 if trace.line.width is None else trace.line.width
    if "lines" in mode and width > 0:
        style = {"color": line_color, "linestyle": DASHES.get(trace.line.dash, "-"), "linewidth": width,
                 "label": name}
        if trace.line.shape == "hv":
            ax.step(x, y, where="post", **style)
        else:
            ax.plot(x, y, **style)
        name = None
    if trace.fill in ("tozeroy", "tonexty"):
        ax.fill_between(x, y, 0, color=color(trace.fillcolor, line_color), alpha=0.3)
    if "markers" in mode:
        _draw_markers(ax, trace, x, y, name, line_color)
    if "text" in mode and trace.text is not None:
        positions = _per_point(trace.textposition or "middle center", x.size)
        ink = color(trace.textfont.color if trace.textfont else None, "#333333")
        for xi, yi, text, where in zip(x, y, _per_point(trace.text, x.size), positions):
            if text:
                offset, ha, va = text_offset(where)
                ax.annotate(plain(str(text)), (xi, yi), xytext=offset, textcoords="offset points", ha=ha, va=va,
                            fontsize=8, color=ink, annotation_clip=False)


def _fill_polygons(ax, x, y, face, opacity, name) -> None:
    """Plotly's ``fill="toself"``: each run of points between NaN gaps is a closed, filled polygon."""
    gaps = np.isnan(x) | np.isnan(y)
    starts = np.flatnonzero(~gaps & np.concatenate([[True], gaps[:-1]]))
    ends = np.flatnonzero(~gaps & np.concatenate([gaps[1:], [True]])) + 1
    for start, end in zip(starts, ends):
        ax.fill(x[start:end], y[start:end], color=face, alpha=1.0 if opacity is None else opacity, lw=0,
                label=name)
        name = None


def _draw_markers(ax, trace, x, y, name, fallback):
    marker = trace.marker
    symbols = _per_point(marker.symbol if marker.symbol is not None else "circle", x.size)
    alpha = marker.opacity if isinstance(marker.opacity, (int, float)) else 1.0
    faces = [NONE if str(sym).endswith("-open") or is_transparent(c) else color(c, fallback, alpha)
             for sym, c in zip(symbols, _per_point(marker.color, x.size))]
    line = marker.line
    width = line.width if line and isinstance(line.width, (int, float)) else 0
    edges = [color(c, fallback) if c is not None else (face if face != NONE else fallback)
             for c, face in zip(_per_point(line.color if line and width else None, x.size), faces)]
    if all(f == NONE for f in faces) and not width:
        width = 1.5
    size = marker.size if isinstance(marker.size, (int, float)) else 6
    for symbol in dict.fromkeys(map(str, symbols)):  # one scatter per symbol, in order of appearance
        where = [i for i, sym in enumerate(symbols) if str(sym) == symbol]
        mpl_marker = MARKERS.get(symbol.replace("-open", ""), "o")
        if mpl_marker in STROKES:  # a stroke has no face: plotly draws it in the line's colour
            paint = {"color": [edges[i] for i in where], "linewidths": width or 1.5}
        else:
            paint = {"facecolors": [faces[i] for i in where], "edgecolors": [edges[i] for i in where],
                     "linewidths": width}
        ax.scatter(x[where], y[where], s=marker_area(size), marker=mpl_marker, label=name, zorder=3, **paint)
        name = None  # one legend entry per trace


def draw_shape(axes: dict, shape):
    if shape.type not in SHAPES:
        raise UnsupportedFigure(f"the static export draws no {shape.type!r} shape (only rectangles, lines and paths)")
    xref, yref = shape.xref or "x", shape.yref or "y"
    xname, yname = xref.split()[0], yref.split()[0]
    ax = axes.get((xname.replace("paper", "x"), yname.replace("paper", "y"))) or next(iter(axes.values()))
    x_domain, y_domain = "domain" in xref or xref == "paper", "domain" in yref or yref == "paper"
    if shape.type == "rect":
        # as plotly draws it: filled only with a fill colour, outlined unless its line has no width (2 px unset)
        paint = {"facecolor": color(shape.fillcolor, "#888888") if shape.fillcolor else "none",
                 "alpha": shape.opacity if shape.opacity is not None else (0.2 if shape.fillcolor else 1.0)}
        edge = 2 if not shape.line or shape.line.width is None else shape.line.width
        paint |= {"edgecolor": color(shape.line.color if shape.line else None, "#444444"), "lw": edge * 0.8} if edge \
            else {"lw": 0}
        if y_domain and not x_domain:
            ax.axvspan(shape.x0, shape.x1, zorder=0, **paint)
        elif x_domain and not y_domain:
            ax.axhspan(shape.y0, shape.y1, zorder=0, **paint)
        elif not x_domain and not y_domain:
            ax.add_patch(mpatches.Rectangle((shape.x0, shape.y0), shape.x1 - shape.x0, shape.y1 - shape.y0,
                                            zorder=3 if not shape.fillcolor else 0, **paint))
        else:
            raise UnsupportedFigure("the static export draws no rectangle over the whole plot (paper on both axes)")
    elif shape.type == "line":
        line_color = color(shape.line.color if shape.line else None, "#888888")
        dash = DASHES.get(shape.line.dash if shape.line else None, "-")
        width = (shape.line.width if shape.line and shape.line.width else 1) * 0.8
        if x_domain and not y_domain:
            ax.axhline(shape.y0, color=line_color, linestyle=dash, lw=width)
        elif y_domain and not x_domain:
            ax.axvline(shape.x0, color=line_color, linestyle=dash, lw=width)
        elif not x_domain and not y_domain:
            ax.plot([shape.x0, shape.x1], [shape.y0, shape.y1], color=line_color, linestyle=dash, lw=width)
        else:
            raise UnsupportedFigure("the static export draws no line across the whole plot (paper on both axes)")
    elif shape.type == "path":
        if x_domain or y_domain:
            raise UnsupportedFigure("the static export draws a path in data coordinates only")
        xs, ys = path_lines(shape.path)
        width = (shape.line.width if shape.line and shape.line.width is not None else 2) * 0.8
        ax.plot(xs, ys, color=color(shape.line.color if shape.line else None, "#444444"), lw=width,
                zorder={"below": 0, "between": 1.5}.get(shape.layer, 4), solid_capstyle="butt")


def path_lines(path: str) -> tuple[list, list]:
    """An SVG path of straight lines (``M``, ``L``, ``H``, ``V``, absolute) as x and y with NaN
    between its pieces, for one ``plot`` call; any other command is refused."""
    xs, ys, x, y = [], [], np.nan, np.nan
    for command, numbers in re.findall(r"([MLHVZCSQTAmlhvzcsqta])([^MLHVZCSQTAmlhvzcsqta]*)", path):
        values = [float(v) for v in re.split(r"[\s,]+", numbers.strip()) if v]
        if command == "M":
            x, y = values
            xs += [np.nan, x]
            ys += [np.nan, y]
        elif command in "LHV":
            x, y = values if command == "L" else (values[0], y) if command == "H" else (x, values[0])
            xs.append(x)
            ys.append(y)
        else:
            raise UnsupportedFigure(f"the static export draws paths of straight lines (M, L, H, V), not {command!r}")
    return xs, ys


ANCHORS = {"left": "left", "right": "right", "center": "center", "top": "top", "bottom": "bottom",
           "middle": "center"}


def draw_annotation(mpl_fig, axes: dict, note, paper) -> None:
    """Text placed in data, axis-domain or paper coordinates (subplot titles, labels of lines)."""
    if not note.text:
        return
    xref, yref = note.xref or "x", note.yref or "y"
    ha = ANCHORS.get(note.xanchor, "center")
    va = ANCHORS.get(note.yanchor, "center" if "domain" not in yref else "bottom")
    style = {"ha": ha, "va": va, "fontsize": 8, "color": color(note.font.color if note.font else None, "#333333")}
    if xref == "paper" and yref == "paper":
        mpl_fig.text(paper.x(note.x), paper.y(note.y), plain(note.text), **style)
        return
    ax = axes.get((xref.split()[0].replace("paper", "x"), yref.split()[0].replace("paper", "y")))
    ax = ax or next(iter(axes.values()))
    x_transform = ax.transAxes if ("domain" in xref or xref == "paper") else ax.transData
    y_transform = ax.transAxes if ("domain" in yref or yref == "paper") else ax.transData
    ax.text(note.x, note.y, plain(note.text), transform=mtransforms.blended_transform_factory(x_transform, y_transform),
            **style)


def _colormap(colorscale):
    """A heatmap's colour scale given as [[position, colour], ...]; viridis for a named one."""
    if not isinstance(colorscale, (list, tuple)) or not colorscale:
        return "viridis"
    return LinearSegmentedColormap.from_list("plotly", [(float(at), color(c, "#000000")) for at, c in colorscale])
