"""A plotly figure redrawn on a matplotlib figure: axes, traces, shapes, annotations, title and
legend where plotly puts them (see the package's docstring for what is covered)."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker as mticker  # noqa: E402
import numpy as np  # noqa: E402
import plotly.graph_objects as go  # noqa: E402

from .style import DEFAULT_COLORS, plain  # noqa: E402
from .traces import draw_annotation, draw_shape, draw_trace  # noqa: E402

# Chinese labels need a CJK font; matplotlib falls back along this list per glyph.
plt.rcParams["font.sans-serif"] = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "DejaVu Sans",
                                   "Source Han Sans SC", "SimHei", "Arial Unicode MS"]
plt.rcParams["axes.unicode_minus"] = False
LEGEND_GAP = 52                # pixels under the plot for tick labels and the x axis title


def _or(value, default):
    """A layout value, or plotly's default where it is unset."""
    return default if value is None else value


class _Paper:
    """Plotly's paper coordinates (0..1 over the plot area inside the margins) as figure fractions.

    Like plotly, a legend below the plot gets room: the figure grows at the bottom."""

    def __init__(self, fig: go.Figure):
        layout = fig.layout
        self.width, self.height = layout.width or 900, layout.height or 420
        m = layout.margin
        self.l, self.r = _or(m.l, 80), _or(m.r, 80)
        self.t, self.b = _or(m.t, 100), _or(m.b, 80)
        names = [str(v) for t in fig.data if t.type == "bar" and t.orientation == "h" and t.y is not None
                 for v in t.y if isinstance(v, str)]
        if names:  # plotly widens the margin for category names (automargin): so do we
            self.l = max(self.l, 7 * max(len(n) for n in names) + 20)
        labels = _legend_labels(fig)
        y = layout.legend.y if layout.legend else None
        if labels and y is not None and y < 0 and layout.showlegend is not False:
            rows = -(-len(labels) // self.legend_columns(labels, layout.legend.orientation))
            needed = self.legend_gap(y) + 18 * rows + 14
            extra = max(0.0, needed - self.b)
            self.height += extra
            self.b += extra

    def legend_gap(self, y: float) -> float:
        """Pixels between the plot's bottom and a legend at ``y`` < 0: plotly's distance, at most
        enough for the tick labels and the axis title."""
        return min(-y * (self.height - self.t - self.b), LEGEND_GAP)

    def legend_columns(self, labels: list[str], orientation) -> int:
        if orientation != "h":
            return 1
        fit = int((self.width - self.l - self.r) / (7 * max(len(lbl) for lbl in labels) + 45))
        return max(1, min(len(labels), fit))

    def x(self, px: float) -> float:
        return (self.l + px * (self.width - self.l - self.r)) / self.width

    def y(self, py: float) -> float:
        return (self.b + py * (self.height - self.t - self.b)) / self.height


def _trace_axes(trace) -> tuple[str, str]:
    return getattr(trace, "xaxis", None) or "x", getattr(trace, "yaxis", None) or "y"


def _bar_slots(fig: go.Figure) -> dict[int, tuple[int, int]]:
    """``barmode="group"``: trace index -> (its place, how many) among the bars of its axes that
    share each position side by side (bars with their own width stay where they are)."""
    if fig.layout.barmode != "group":
        return {}
    groups: dict = {}
    for i, trace in enumerate(fig.data):
        if trace.type == "bar" and trace.width is None and trace.visible not in (False, "legendonly"):
            groups.setdefault(_trace_axes(trace), []).append(i)
    return {i: (k, len(members)) for members in groups.values() for k, i in enumerate(members)}


def to_matplotlib(fig: go.Figure):
    layout = fig.layout
    paper = _Paper(fig)
    mpl_fig = plt.figure(figsize=(paper.width / 100, paper.height / 100))
    axes = _axes(mpl_fig, fig, paper)
    categories: dict = {}
    slots = _bar_slots(fig)
    for i, trace in enumerate(fig.data):
        names = _trace_axes(trace)
        draw_trace(axes[names], trace, DEFAULT_COLORS[i % len(DEFAULT_COLORS)], layout,
                   categories.setdefault(names, ({}, {})), slots.get(i, (0, 1)))
    for names, (x_cats, y_cats) in categories.items():
        for cats, set_ticks in ((x_cats, axes[names].set_xticks), (y_cats, axes[names].set_yticks)):
            if cats:
                set_ticks(list(cats.values()), [plain(c) for c in cats])
    for (xname, yname), ax in axes.items():
        _finish_axis(ax, _layout_axis(layout, xname), "x")
        _finish_axis(ax, _layout_axis(layout, yname), "y")
    for shape in layout.shapes:
        draw_shape(axes, shape)
    for note in layout.annotations:
        draw_annotation(mpl_fig, axes, note, paper)
    _title(mpl_fig, layout, paper)
    _legend(mpl_fig, axes, fig, paper)
    return mpl_fig


def _legend_labels(fig: go.Figure) -> list[str]:
    return [plain(t.name) for t in fig.data if t.name and t.showlegend is not False]


def _axis_names(fig: go.Figure) -> list[tuple[str, str]]:
    pairs = {_trace_axes(t) for t in fig.data}
    return sorted(pairs or {("x", "y")})


def _layout_axis(layout, name: str):
    return layout[name.replace("x", "xaxis").replace("y", "yaxis")] if len(name) > 1 else (
        layout.xaxis if name == "x" else layout.yaxis)


def _axes(mpl_fig, fig: go.Figure, paper: _Paper) -> dict:
    """One matplotlib axes per (x axis, y axis) pair; an x axis shared by several y axes is drawn
    once, where it is anchored (plotly's ``anchor``, else the lowest)."""
    axes, first_of = {}, {}
    names = _axis_names(fig)
    for xname, yname in names:
        xaxis, yaxis = _layout_axis(fig.layout, xname), _layout_axis(fig.layout, yname)
        x0, x1 = xaxis.domain or (0, 1)
        y0, y1 = yaxis.domain or (0, 1)
        left, bottom = paper.x(x0), paper.y(y0)
        ax = mpl_fig.add_axes([left, bottom, paper.x(x1) - left, paper.y(y1) - bottom], sharex=first_of.get(xname))
        first_of.setdefault(xname, ax)
        sharing = [y for x, y in names if x == xname]
        home = xaxis.anchor if xaxis.anchor in sharing else min(sharing, key=lambda y: (_layout_axis(
            fig.layout, y).domain or (0, 1))[0])
        if yname == home:
            ax.set_xlabel(plain(xaxis.title.text or ""), fontsize=9)
        else:
            ax.tick_params(labelbottom=False)
        ax.set_ylabel(plain(yaxis.title.text or ""), fontsize=9)
        ax.tick_params(which="both", labelsize=8)
        ax.grid(alpha=0.25)
        ax.set_axisbelow(True)
        for axis, set_scale, set_range in ((xaxis, ax.set_xscale, ax.set_xlim), (yaxis, ax.set_yscale, ax.set_ylim)):
            if axis.type == "log":
                set_scale("log")
                if axis.range:
                    set_range(10 ** axis.range[0], 10 ** axis.range[1])
            elif axis.range and axis.type != "category":
                set_range(*axis.range)
        axes[(xname, yname)] = ax
    return axes


def _finish_axis(ax, axis, which: str) -> None:
    """Tick labels, reversed direction, hidden axes and tick suffixes as the layout asks."""
    mpl_axis = ax.xaxis if which == "x" else ax.yaxis
    if axis.tickvals is not None and axis.ticktext is not None:
        values = list(axis.tickvals)
        (ax.set_xticks if which == "x" else ax.set_yticks)(values, [plain(str(s)) for s in axis.ticktext])
    elif axis.tickvals is not None:
        (ax.set_xticks if which == "x" else ax.set_yticks)(list(axis.tickvals))
    if axis.autorange == "reversed" and not axis.range:  # an explicit range sets the direction itself
        (ax.invert_xaxis if which == "x" else ax.invert_yaxis)()
    if axis.visible is False:
        mpl_axis.set_visible(False)
        ax.spines["left" if which == "y" else "bottom"].set_visible(False)
        ax.grid(False, axis=which)
    if axis.ticksuffix:
        mpl_axis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:g}{axis.ticksuffix}"))
    elif axis.type == "log" and axis.tickvals is None:
        mpl_axis.set_major_formatter(mticker.FuncFormatter(_log_label(mpl_axis, minor=False)))
        mpl_axis.set_minor_formatter(mticker.FuncFormatter(_log_label(mpl_axis, minor=True)))


def _log_label(mpl_axis, minor: bool):
    """A log axis's tick labels as plain numbers (0.001, 1, 1e+06; matplotlib's own are mathtext,
    which the export does not parse): the powers of ten, and on an axis of less than two decades
    the 2s and 5s between them too."""
    def label(v, _):
        if not (np.isfinite(v) and v > 0):
            return ""
        exponent = np.log10(v)
        if abs(exponent - round(exponent)) < 1e-9:
            return "" if minor else f"{v:g}"
        lo, hi = sorted(mpl_axis.get_view_interval())
        mantissa = round(v / 10 ** np.floor(exponent), 6)
        return f"{v:g}" if minor and lo > 0 and hi / lo < 100 and mantissa in (2, 5) else ""
    return label


def _title(mpl_fig, layout, paper: _Paper) -> None:
    title = layout.title
    text = plain(title.text) if title and title.text else ""
    subtitle = plain(title.subtitle.text) if title and title.subtitle and title.subtitle.text else ""
    top = 1 - 10 / paper.height
    if text:
        mpl_fig.text(paper.l / paper.width * 0.25, top, text, ha="left", va="top", fontsize=12)
    if subtitle:
        mpl_fig.text(paper.l / paper.width * 0.25, top - 22 / paper.height, subtitle, ha="left", va="top",
                     fontsize=9, color="#555555")


def _legend(mpl_fig, axes: dict, fig: go.Figure, paper: _Paper) -> None:
    """Inside the first axes, or above or below the plot where the layout puts it; entries in the
    order of the traces."""
    layout = fig.layout
    pairs = [(h, lbl) for ax in axes.values() for h, lbl in zip(*ax.get_legend_handles_labels())]
    if not pairs or layout.showlegend is False:
        return
    order = _legend_labels(fig)
    pairs.sort(key=lambda p: order.index(p[1]) if p[1] in order else len(order))
    handles, labels = [h for h, _ in pairs], [lbl for _, lbl in pairs]
    legend = layout.legend
    y = legend.y if legend and legend.y is not None else None
    if y is not None and (y < 0 or y >= 1):
        x = legend.x if legend.x is not None else 0.0
        columns = paper.legend_columns(labels, legend.orientation)
        loc = ("upper " if y < 0 else "lower ") + ("right" if legend.xanchor == "right" else "left")
        top = paper.y(y) if y >= 1 else (paper.b - paper.legend_gap(y)) / paper.height
        mpl_fig.legend(handles, labels, fontsize=8, loc=loc, ncol=columns, frameon=False,
                       bbox_to_anchor=(paper.x(x), top))
    else:
        next(iter(axes.values())).legend(handles, labels, fontsize=8, loc="best")
