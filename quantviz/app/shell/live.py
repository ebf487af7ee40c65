"""The live HTML exports of the staircase and the mapping figure (``figures.live_html``), with the
page's labels in the reader's language: the file a blog can host, sliders and all."""
from __future__ import annotations

import numpy as np

from quantviz.app.shell.i18n import lang, t
from quantviz.figures.live_html import live_html


def _labels() -> dict:
    labels = {k: t(f"fig.staircase.{k}") for k in ("title", "x", "y", "ideal", "codes", "hover")}
    return labels | {k: t(f"live.{k}") for k in ("readout", "bits", "rmin", "rmax", "count", "values")}


def staircase_file(bits: int, rmin: float, rmax: float, view: tuple[float, float]) -> bytes:
    """The staircase of ``[rmin, rmax]`` on unsigned codes, with a bits slider."""
    return live_html(bits, rmin, rmax, view, _labels(), lang=lang())


def mapping_file(bits: int, rmin: float, rmax: float, view: tuple[float, float], edges: np.ndarray,
                 counts: np.ndarray, bound: float) -> bytes:
    """The values' histogram and its grid over the staircase, with bits and range sliders."""
    return live_html(bits, rmin, rmax, view, _labels(), histogram=(edges, counts), bits_range=(1, 16),
                     range_bound=bound, lang=lang())
