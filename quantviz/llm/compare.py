r"""Every weight format on one tensor: its error against its bits per weight, and which formats
no other one beats (the Pareto front an error-against-bits chart draws).

A format cuts a tensor into blocks of consecutive values, row after row. A layer whose rows are
not a whole number of the format's blocks (the small layers of the bundled networks hold 4 to 128
values per row) is read as one sequence of its values, its last block padded with zeros, as
bitsandbytes quantizes a tensor of any shape; for a layer whose rows are whole blocks (every large
language model's) that is the same blocks, bit for bit. The error (MSE and SQNR of
``quantviz.lowbit.approximation_error``) counts the tensor's own values; the bits per weight
*stored* for this tensor count the padding too:

.. math:: b_{\text{stored}} = b \, \frac{n_{\text{padded}}}{n}
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..lowbit import approximation_error
from .registry import FORMATS, Format


def as_matrix(w) -> np.ndarray:
    """A weight tensor as a layer's matrix ``(out, in)``: a vector is one row; a convolution's
    ``(out, in, kh, kw)`` is ``(out, in * kh * kw)``, each output channel a row."""
    w = np.asarray(w)
    if w.ndim == 0:
        return w.reshape(1, 1)
    return w.reshape(w.shape[0] if w.ndim > 1 else 1, -1)


def padded_length(n: int, block: int) -> int:
    """``n`` values rounded up to a whole number of blocks."""
    return -(-n // block) * block


def as_blocks_of(w, block: int) -> np.ndarray:
    """``w`` as rows the format can cut into blocks: its matrix when every row is whole blocks,
    else its values in one row padded with zeros to whole blocks (float32)."""
    m = as_matrix(w)
    if m.shape[1] % block == 0:
        return np.ascontiguousarray(m, dtype=np.float32)
    flat = np.zeros((1, padded_length(m.size, block)), np.float32)
    flat[0, :m.size] = m.ravel()
    return flat


def stored_bits(fmt: Format, w) -> float:
    """Bits per weight ``fmt`` takes to store ``w`` (module docstring), padding included."""
    rows = as_matrix(w)
    if rows.shape[1] % fmt.group_size == 0:
        return fmt.bits_per_weight
    return fmt.bits_per_weight * padded_length(rows.size, fmt.group_size) / rows.size


def fake_quantize(fmt: Format, w) -> np.ndarray:
    """``w`` through ``fmt`` and back, in ``w``'s shape (float32); raises ``ValueError`` where the
    format cannot store it (a NaN, or a value beyond its float16 scales)."""
    w = np.asarray(w)
    rows = as_blocks_of(w, fmt.group_size)
    return fmt.fake_quantize(rows).ravel()[:w.size].reshape(w.shape)


@dataclass(frozen=True)
class Point:
    """One format on one tensor. ``refused``: why it cannot store the tensor (then no error)."""

    name: str
    family: str
    bits_per_weight: float        # the format's figure, scales included
    stored_bits: float            # on this tensor, padding included
    mse: float | None = None
    sqnr_db: float | None = None
    refused: str | None = None


def evaluate(fmt: Format, w) -> Point:
    """``fmt`` on ``w``: bits per weight (the format's and on this tensor), MSE and SQNR."""
    w = np.asarray(w)
    stored = stored_bits(fmt, w)
    try:
        error = approximation_error(w, fake_quantize(fmt, w))
    except ValueError as err:
        return Point(fmt.name, fmt.family, fmt.bits_per_weight, stored, refused=str(err))
    return Point(fmt.name, fmt.family, fmt.bits_per_weight, stored, error["mse"], error["sqnr_db"])


def compare(w, names=None) -> list[Point]:
    """Every format of ``FORMATS`` (or those ``names``) on ``w``, in the registry's order."""
    return [evaluate(FORMATS[name], w) for name in (names or FORMATS)]


def pareto_front(points: list[Point]) -> list[str]:
    """The formats that no other beats: none stores fewer or as many bits per weight (on this
    tensor) with a higher SQNR, or fewer with as high a one. By bits per weight, ascending."""
    scored = sorted((p for p in points if p.sqnr_db is not None), key=lambda p: (p.stored_bits, -p.sqnr_db))
    front, best = [], -np.inf
    for p in scored:
        if p.sqnr_db > best:
            front.append(p.name)
            best = p.sqnr_db
    return front
