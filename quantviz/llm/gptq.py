r"""GPTQ (Frantar et al. 2022): quantize a layer's weights column by column, and after each column
move the columns not yet quantized so that the layer's *outputs* on calibration inputs change
as little as possible.

For a layer :math:`Y = X W^\top` (weights ``(out, in)``, inputs ``X`` of shape ``(n, in)``) the
output error of each row is a quadratic form in its weight error, with the Hessian

.. math:: H = \frac{2}{n} X^\top X + \lambda I, \qquad
    \lambda = \text{damp} \cdot \operatorname{mean}(\operatorname{diag} H)

Quantizing column :math:`j` to :math:`q_j` costs :math:`(w_j - q_j)^2 / [H^{-1}]_{jj}` and is best
compensated by moving the later columns (Algorithm 1, with :math:`U` the upper Cholesky factor
of :math:`H^{-1}`, so the inverse Hessian of the remaining columns is never recomputed):

.. math:: e_j = \frac{w_j - q_j}{U_{jj}}, \qquad w_{k} \leftarrow w_{k} - e_j \, U_{jk} \quad (k > j)

Lazy batches: inside a batch of columns the update runs column by column; the columns after the
batch get the batch's updates at once, :math:`W_{:, >} \leftarrow W_{:, >} - E\,U_{\text{batch}, >}`
(same result, one matrix product). Groups: a format whose scales cover ``group_size`` columns
(a block of Q4_K, a group of INT4 g128) fits them when GPTQ reaches the group's first column,
from the weights as they are then; each column is then rounded onto that grid. (Second-level
scales that span several blocks, as NF4's double quantization, are then shared by the rows of
one group of columns rather than by consecutive blocks of the tensor.)
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .blocks import Grid, check_finite
from .outliers import relative_error

LAZY_BATCH = 128


@dataclass(frozen=True)
class Step:
    """One column of GPTQ, for drawing: the weights shown before and after, the column rounded,
    and its scaled error :math:`e_j` (the shown rows only)."""

    column: int
    before: np.ndarray      # (rows shown, columns shown)
    after: np.ndarray
    quantized: np.ndarray   # (rows shown,) q_j
    error: np.ndarray       # (rows shown,) e_j


@dataclass(frozen=True)
class GPTQResult:
    w_hat: np.ndarray                       # (out, in) float32, the quantized weights read back
    steps: list[Step] = field(repr=False)   # the first columns, step by step
    damping: float = 0.0                    # lambda added to the diagonal


def hessian(x: np.ndarray) -> np.ndarray:
    """The Hessian :math:`H` before damping (module docstring), float64; ``x`` of shape ``(n, in)``."""
    x = np.asarray(x, dtype=np.float64)
    return 2.0 / x.shape[0] * (x.T @ x)


def inverse_cholesky(h: np.ndarray, damp: float) -> tuple[np.ndarray, float]:
    """:math:`U`, the upper Cholesky factor of the damped Hessian's inverse, and :math:`\\lambda`."""
    h = h.copy()
    dead = np.diag(h) == 0                 # inputs that are always 0: any weight is as good
    h[dead, dead] = 1.0
    lam = damp * float(np.mean(np.diag(h)))
    h[np.diag_indices_from(h)] += lam
    try:
        inverse = np.linalg.inv(h)
        return np.linalg.cholesky(inverse).T, lam
    except np.linalg.LinAlgError:
        raise ValueError("the calibration inputs give a Hessian that is not positive definite: "
                         "raise the damping or use more calibration rows") from None


def gptq(w, x, fit: Callable[[np.ndarray], Grid], group_size: int, damp: float = 0.01,
         trace_steps: int = 8, trace_shape: tuple[int, int] = (8, 16),
         progress: Callable[[int, int], None] | None = None) -> GPTQResult:
    """Quantize ``w`` ``(out, in)`` with GPTQ on calibration inputs ``x`` ``(n, in)``.

    ``fit`` takes a group of columns ``(out, group_size)`` and returns its grid (each row one
    block); ``group_size`` is the format's block size, or ``in`` for one group per row.
    The first ``trace_steps`` columns are recorded on the top-left ``trace_shape`` weights.
    ``progress(done, cols)`` is called after each lazy batch with the columns done so far.
    """
    w, x = _check_layer(w, x, group_size, damp)
    rows, cols = w.shape
    h = hessian(x)
    u, lam = inverse_cholesky(h, damp)
    weights = w.astype(np.float64)
    weights[:, np.diag(h) == 0] = 0.0
    batch = cols if group_size >= cols else group_size * -(-LAZY_BATCH // group_size)
    w_hat = np.empty((rows, cols), np.float32)
    steps: list[Step] = []
    grid = None
    for start in range(0, cols, batch):
        stop = min(start + batch, cols)
        block = weights[:, start:stop]                    # a view: updated in place
        errors = np.zeros((rows, stop - start))
        for i in range(stop - start):
            j = start + i
            if j % group_size == 0:
                grid = fit(block[:, i:i + group_size].astype(np.float32))
            at = j % group_size
            column = block[:, i].copy()
            q = grid.round(column[:, None], slice(at, at + 1))[:, 0]
            w_hat[:, j] = q
            errors[:, i] = (column - q) / u[j, j]
            shown = block[:trace_shape[0], :trace_shape[1]].copy() if j < trace_steps else None
            block[:, i:] -= np.outer(errors[:, i], u[j, j:stop])
            if shown is not None:
                steps.append(Step(j, shown, block[:trace_shape[0], :trace_shape[1]].copy(),
                                  q[:trace_shape[0]].copy(), errors[:trace_shape[0], i].copy()))
        weights[:, stop:] -= errors @ u[start:stop, stop:]
        if progress is not None:
            progress(stop, cols)
    return GPTQResult(w_hat, steps, lam)


def _check_layer(w, x, group_size: int, damp: float):
    w, x = np.asarray(w), np.asarray(x)
    if w.ndim != 2 or x.ndim != 2 or x.shape[1] != w.shape[1]:
        raise ValueError(f"GPTQ needs weights (out, in) and inputs (n, in) with the same in, "
                         f"got {w.shape} and {x.shape}")
    check_finite(w, "GPTQ weights")
    check_finite(x, "GPTQ calibration inputs")
    if group_size <= 0 or (group_size < w.shape[1] and w.shape[1] % group_size):
        raise ValueError(f"groups of {group_size} columns do not tile rows of {w.shape[1]}")
    if not 0 <= damp <= 1:
        raise ValueError(f"damping must be from 0 to 1 (a fraction of the mean diagonal), got {damp}")
    return w, x


def output_error(x, w, w_hat) -> float:
    """The layer's relative output error (``outliers.relative_error``) with the weights ``w_hat``."""
    x = np.asarray(x, dtype=np.float64)
    return relative_error(x @ np.asarray(w, dtype=np.float64).T, x @ np.asarray(w_hat, dtype=np.float64).T)
