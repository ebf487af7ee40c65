r"""Transforms that make activations easier to quantize and leave the layer's output unchanged.

Both rewrite :math:`Y = X W^\top` as :math:`(X T)(W T^{-\top})^\top` for an invertible
:math:`T`, which in exact arithmetic is :math:`X W^\top` again:

- **SmoothQuant** (Xiao et al. 2023): :math:`T = \operatorname{diag}(s)^{-1}` moves part of
  each input channel's range from the activations into the weights,

  .. math:: s_j = \frac{\max_t |X_{tj}|^{\alpha}}{\max_o |W_{oj}|^{1 - \alpha}}, \qquad
      X' = X \operatorname{diag}(s)^{-1}, \qquad W' = W \operatorname{diag}(s)

  (:math:`\alpha = 1` moves it all: every activation channel's maximum becomes 1;
  :math:`\alpha = 0` the other way: every weight column's maximum becomes 1; at
  :math:`\alpha = 0.5` the two maxima are equal);
- **rotation** (QuaRot, Ashkboos et al. 2024; SpinQuant): an orthogonal :math:`Q` (here a
  Hadamard matrix with random signs, :math:`Q^{-\top} = Q`) mixes every channel into every
  other, so an outlier channel is spread over all of them,

  .. math:: Q = \operatorname{diag}(\sigma) H / \sqrt{n}, \qquad
      H_{2n} = \begin{pmatrix} H_n & H_n \\ H_n & -H_n \end{pmatrix}, \qquad X' = X Q, \qquad W' = W Q
"""
from __future__ import annotations

import numpy as np

from .outliers import _matrix, llm_int8, relative_error, w8a8_error, w8a8_output


def smoothquant_scales(x, w, alpha: float = 0.5) -> np.ndarray:
    """The per-input-channel factors :math:`s_j` (float64); 1 where a channel is all zero."""
    if not 0 <= alpha <= 1:
        raise ValueError(f"alpha (the migration strength) must be from 0 to 1, got {alpha}")
    x, w = _matrix(x, "activations"), _matrix(w, "weights")
    if x.shape[1] != w.shape[1]:
        raise ValueError(f"activations have {x.shape[1]} channels but the weights take {w.shape[1]}")
    x_max = np.abs(x).max(axis=0).astype(np.float64)
    w_max = np.abs(w).max(axis=0).astype(np.float64)
    live = (x_max > 0) & (w_max > 0)
    s = np.ones(x.shape[1])
    s[live] = x_max[live] ** alpha / w_max[live] ** (1 - alpha)
    return s


def smooth(x, w, s) -> tuple[np.ndarray, np.ndarray]:
    """SmoothQuant's :math:`X'` and :math:`W'` (module docstring) in float64."""
    s = np.asarray(s, np.float64)
    return np.asarray(x, np.float64) / s, np.asarray(w, np.float64) * s


def hadamard_transform(a: np.ndarray) -> np.ndarray:
    r"""Rows of ``a`` times the normalized Hadamard matrix :math:`H / \sqrt{m}` (float64).

    :math:`m` is the largest power of two dividing the row length :math:`n = m k`: the rows are
    transformed in :math:`k` pieces of :math:`m` (a block-diagonal Hadamard matrix, orthogonal
    for every :math:`n`). Fast Walsh-Hadamard transform: :math:`\log_2 m` passes of sums and
    differences, no matrix is built.
    """
    a = np.array(a, dtype=np.float64)
    n = a.shape[-1]
    m = n & -n
    out = a.reshape(-1, n // m, m)
    h = 1
    while h < m:
        pairs = out.reshape(out.shape[0], out.shape[1], -1, 2, h)
        top, bottom = pairs[..., 0, :].copy(), pairs[..., 1, :]
        pairs[..., 0, :] += bottom
        pairs[..., 1, :] = top - bottom
        h *= 2
    return (out / np.sqrt(m)).reshape(a.shape)


def random_signs(n: int, seed: int = 0) -> np.ndarray:
    """:math:`\\sigma \\in \\{-1, +1\\}^n`, the random sign flips of the rotation."""
    return np.where(np.random.default_rng(seed).random(n) < 0.5, -1.0, 1.0)


def rotate(x, w, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The rotated :math:`X'` and :math:`W'` (module docstring) in float64."""
    x, w = _matrix(x, "activations"), _matrix(w, "weights")
    if x.shape[1] != w.shape[1]:
        raise ValueError(f"activations have {x.shape[1]} channels but the weights take {w.shape[1]}")
    return rotated(x, seed), rotated(w, seed)


def rotated(a, seed: int = 0) -> np.ndarray:
    """One matrix times :math:`Q` (``X Q`` or ``W Q``, module docstring) in float64."""
    a = np.asarray(a)
    return hadamard_transform(a * random_signs(a.shape[-1], seed))


def w8a8_before_and_after(x, w, alpha: float = 0.5, granularity: str = "per-tensor", seed: int = 0) -> dict:
    """Relative W8A8 output error of the layer as it is, after SmoothQuant, after the rotation,
    and with LLM.int8's decomposition (which keeps the outlier channels in 16 bits)."""
    y = np.asarray(x, np.float64) @ np.asarray(w, np.float64).T
    return {
        "none": w8a8_error(x, w, granularity),
        "SmoothQuant": relative_error(y, w8a8_output(*smooth(x, w, smoothquant_scales(x, w, alpha)), granularity)),
        "rotation": relative_error(y, w8a8_output(*rotate(x, w, seed), granularity)),
        "LLM.int8": relative_error(y, llm_int8(x, w).y),
    }
