r"""Calibration observers: the range of a tensor seen batch by batch, as the frameworks keep it.

- ``minmax``: the smallest and largest value over every batch (PyTorch's ``MinMaxObserver``,
  ONNX Runtime's ``MinMaxCalibrater``, TFLite's converter);
- ``moving_average_minmax``: after the first batch each end moves a fraction ``c`` of the way
  towards the new batch's (PyTorch's ``MovingAverageMinMaxObserver``, ONNX Runtime's
  ``MinMaxCalibrater(moving_average=True)``, one batch per ``collect_data``), in float32:

.. math:: r_{min} \leftarrow r_{min} + c\,(\min x - r_{min}), \qquad r_{max} \leftarrow r_{max} + c\,(\max x - r_{max})

``axis`` gives one range per slice along that axis (per channel). Non-finite values (NaN, ±inf)
are left out, as ``calibrate`` does.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def batch_range(x, axis: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The finite minimum and maximum of one batch, float32 (per slice along ``axis`` if given)."""
    x = np.asarray(x, dtype=np.float32)
    finite = np.isfinite(x)
    reduce = None if axis is None else tuple(i for i in range(x.ndim) if i != axis % x.ndim)
    lo = np.min(x, axis=reduce, where=finite, initial=np.inf)
    hi = np.max(x, axis=reduce, where=finite, initial=-np.inf)
    if np.any(lo > hi):
        raise ValueError("a batch (or one of its channels) has no finite values to calibrate on")
    return lo.astype(np.float32), hi.astype(np.float32)


def minmax(batches: Iterable, axis: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The smallest and largest finite value over all ``batches``."""
    ranges = [batch_range(x, axis) for x in batches]
    if not ranges:
        raise ValueError("there are no batches to calibrate on")
    return np.min([lo for lo, _ in ranges], axis=0), np.max([hi for _, hi in ranges], axis=0)


def moving_average_minmax(batches: Iterable, c: float = 0.01,
                          axis: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The exponential moving average of each batch's minimum and maximum (float32)."""
    if not 0 <= c <= 1:
        raise ValueError(f"the averaging constant c must be between 0 and 1, got {c}")
    c32 = np.float32(c)
    rmin = rmax = None
    for x in batches:
        lo, hi = batch_range(x, axis)
        if rmin is None:
            rmin, rmax = lo, hi
            continue
        rmin = rmin + c32 * (lo - rmin)
        rmax = rmax + c32 * (hi - rmax)
    if rmin is None:
        raise ValueError("there are no batches to calibrate on")
    return rmin, rmax
