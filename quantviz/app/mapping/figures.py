"""The mapping page's figures, with their labels in the current language."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from quantviz.app.mapping.data import Data, alpha_of, error_bins, pick_errors, sweep
from quantviz.app.mapping.state import Resolved, Settings
from quantviz.app.shell.i18n import t
from quantviz.calibrate import METHODS
from quantviz.figures.mapping.error import error_curve_figure, error_histogram_figure
from quantviz.figures.mapping.levels import code_counts_figure
from quantviz.figures.mapping.main import main_figure as combined_figure
from quantviz.figures.mapping.tradeoff import tradeoff_figure


def _labels(prefix: str, keys) -> dict:
    """Labels of a figure; its title stays empty: ``title()`` gives it, for the page to write above."""
    labels = {k: t(f"{prefix}.{k}") for k in keys}
    if "title" in labels:
        labels["title"] = ""
    return labels


TITLES = {"main": "mapping.fig.hist.title", "error": "mapping.fig.err.title", "error_hist": "mapping.fig.errhist.title",
          "levels": "mapping.fig.codes.title", "tradeoff": "mapping.fig.trade.title"}


def title(name: str) -> str:
    return t(TITLES[name])


def view_range(data: Data, res: Resolved) -> tuple[float, float]:
    """The x range drawn: the data and the grid, with a margin so that the clamp shows."""
    qp = res.qp
    lo, hi = min(data.lo, float(qp.rmin)), max(data.hi, float(qp.rmax))
    pad = 0.08 * (hi - lo) if hi > lo else 1.0
    return lo - pad, hi + pad


def main_figure(data: Data, res: Resolved, s: Settings, picks: dict, height: int = 640) -> go.Figure:
    """The histogram with the grid and the picks, over the staircase (one x axis)."""
    labels = _labels("mapping.fig.hist", ("title", "x", "y", "kept", "clipped", "grid", "grid_all", "range",
                                          "clip_region"))
    labels.update({m: t(f"mapping.fig.pick.{m}") for m in METHODS})
    stair = _labels("mapping.fig.stair", ("y", "ideal", "codes", "hover"))
    if res.chosen is not None:
        stair["outside"] = t("mapping.fig.stair.outside", lo=res.chosen[0], hi=res.chosen[1])
    return combined_figure(data.edges, data.counts, res.qp, view_range(data, res), labels, stair, picks=picks,
                           range_used=res.range_used, log_y=s.logy, height=height, chosen=res.chosen)


def error_curve(data: Data, res: Resolved) -> go.Figure:
    labels = _labels("mapping.fig.err", ("title", "x", "y", "error", "band", "bound", "hover"))
    return error_curve_figure(res.qp, *view_range(data, res), labels)


def error_histogram(data: Data, res: Resolved, stats, rep: dict, s: Settings) -> go.Figure:
    edges, counts = error_bins(data, res.qp, stats, rep["max_abs_error"])
    labels = {"title": "", "x": t("mapping.fig.err.y"),
              "y": t("mapping.fig.errhist.y")}
    return error_histogram_figure(edges, counts, res.qp.scale / 2, labels,
                                  log_y=s.logy or rep["clipped_fraction"] > 0)


def code_counts(stats, s: Settings) -> go.Figure:
    labels = _labels("mapping.fig.codes", ("title", "x", "y", "hover", "grouped"))
    return code_counts_figure(stats.q, stats.distinct, stats.lo, stats.hi, labels, log_y=s.logy)


def code_counts_summary(stats) -> str:
    used = np.flatnonzero(stats.count)
    if used.size == 0:
        return ""
    top = int(np.argmax(stats.distinct))
    total = int(stats.distinct.sum())
    return t("mapping.fig.codes.caption", distinct=total, used=int(used.size), avg=total / used.size,
             most=int(stats.distinct[top]), q=int(stats.q[top]))


def tradeoff(data: Data, res: Resolved, s: Settings, picks: dict, rep: dict) -> go.Figure:
    key = s.data_key
    curves = sweep(key, s.bits, s.signed, s.symmetric, s.scheme)
    errors = pick_errors(key, s.bits, s.signed, s.symmetric, s.narrow, s.pct, s.scheme)
    marks = {m: (alpha_of(*picks[m], data, s.symmetric), errors[m]) for m in METHODS}
    used = res.range_used or (float(res.qp.rmin), float(res.qp.rmax))
    current = (alpha_of(*used, data, s.symmetric), rep["mse"])
    labels = _labels("mapping.fig.trade", ("title", "x", "y", "rounding", "clipping", "total", "current", "hover"))
    labels.update({m: t(f"mapping.fig.pick.{m}") for m in METHODS})
    return tradeoff_figure(curves, marks, current, labels)
