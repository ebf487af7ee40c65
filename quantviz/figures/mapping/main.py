"""The mapping page's main figure: the histogram with the grid over the staircase, one x axis."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ...affine import QParams
from ..spec import figure
from ..style import BLUE, GREY, RED, TITLE_STANDOFF, KeyEntry, keyed_layout
from .histogram import histogram_parts
from .staircase import code_axis, outside_parts, staircase_parts

SPLIT = 0.42  # the staircase takes the lower part, the histogram the upper part


def main_figure(edges: np.ndarray, counts: np.ndarray, qp: QParams, view: tuple[float, float], labels: dict,
                stair_labels: dict, picks: dict | None = None, range_used: tuple[float, float] | None = None,
                log_y: bool = False, height: int = 640, chosen: tuple[int, int] | None = None) -> go.Figure:
    """Above: the values' histogram, the grid of levels, the calibration picks and clipped regions.
    Below, on the same x axis: the staircase x -> q over the ideal line, flat where it clamps.

    ``labels`` as for ``histogram_figure``; ``stair_labels`` as for ``staircase_figure`` (y, ideal,
    codes, hover; ``outside`` when ``chosen`` is given). ``chosen``: the codes the scale was chosen
    for, when the op saturates to wider ones; those steps are marked. The key (``figure.key``) is
    for the page to write next to the figure.
    """
    traces, shapes, hist_axis, key = histogram_parts(edges, counts, qp, view, labels, picks, range_used, log_y,
                                                     yaxis="y")
    traces += staircase_parts(qp, view[0], view[1], stair_labels, yaxis="y2")
    key += [KeyEntry("┈", GREY, stair_labels["ideal"]), KeyEntry("━", BLUE, stair_labels["codes"])]
    if chosen is not None:
        marked = outside_parts(qp, view[0], view[1], chosen, stair_labels["outside"], yaxis="y2")
        traces += marked
        key += [KeyEntry("━", RED, stair_labels["outside"])] if marked else []
    for code in (qp.qmin, qp.qmax):
        shapes.append({"type": "line", "xref": "paper", "yref": "y2", "x0": 0, "x1": 1, "y0": code, "y1": code,
                       "line": {"color": GREY, "width": 1}})
    hist_axis.update(domain=[SPLIT + 0.06, 1.0])
    stair_axis = {**code_axis(qp), "domain": [0.0, SPLIT], "title": {"text": stair_labels["y"],
                                                                    "standoff": TITLE_STANDOFF}}
    return figure(traces, keyed_layout(labels["x"], labels["y"], height, shapes=shapes, hovermode="closest",
                                       xaxis={"range": list(view), "anchor": "y2"}, yaxis=hist_axis,
                                       yaxis2=stair_axis), key)
