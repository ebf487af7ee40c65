"""What every conformance test shares: the inputs of every kind, the comparison, the count.

``agree`` compares quantviz with a library element by element. It counts every comparison (the
totals per framework are printed at the end of the run) and, on the first difference, fails with
that input written as Python that can be pasted into a test.

``QUANTVIZ_CONFORMANCE_SCALE=10`` multiplies the number of random cases (default 1).
"""
from __future__ import annotations

import collections
import os
import zlib

import numpy as np
import pytest

SCALE = max(1, int(os.environ.get("QUANTVIZ_CONFORMANCE_SCALE", "1")))
COUNTS: collections.Counter = collections.Counter()   # comparisons per framework
F32_MAX = float(np.finfo(np.float32).max)
F32_TINY = float(np.finfo(np.float32).tiny)
VERSIONS = {"PyTorch": "2.13", "ONNX Runtime": "1.32", "LiteRT": "2.3"}


def rng_for(*key) -> np.random.Generator:
    """A generator seeded by the test's own key, so that each test draws the same cases every run."""
    return np.random.default_rng(zlib.crc32(repr(key).encode()))


def agree(framework: str, ours, theirs, snippet) -> int:
    """Assert that ``ours`` equals ``theirs`` everywhere (NaN equals NaN); count the comparisons.

    ``snippet(i)``: Python that reproduces the flat index ``i`` (the first difference), ending in
    an ``assert`` of what the library computed. Returns the number of comparisons.
    """
    ours, theirs = np.asarray(ours), np.asarray(theirs)
    assert ours.shape == theirs.shape, f"shapes differ: quantviz {ours.shape}, {framework} {theirs.shape}"
    same = ours == theirs
    if ours.dtype.kind == "f" and theirs.dtype.kind == "f":
        same |= np.isnan(ours) & np.isnan(theirs)
    COUNTS[framework] += ours.size
    if not same.all():
        i = int(np.flatnonzero(~same.ravel())[0])
        pytest.fail(f"{int((~same).sum())} of {ours.size} values differ from {framework} "
                    f"{VERSIONS[framework]}; the first, as a test:\n\n{snippet(i)}\n"
                    f"# quantviz gives {ours.ravel()[i]!r}", pytrace=False)
    return ours.size


def f32(v) -> str:
    """A float32 value as exact Python: the float64 repr of a float32 rounds back to it."""
    v = float(np.float32(v))
    if not np.isfinite(v):
        return f"np.float32({v!r})".replace("nan", "'nan'").replace("inf", "'inf'")
    return f"np.float32({v!r})"


def qparams_code(qp) -> str:
    """``QParams(...)`` that rebuilds ``qp`` (one channel's parameters if per channel)."""
    return (f"QParams(scale={float(qp.scale)!r}, zero_point={int(qp.zero_point)}, qmin={qp.qmin}, "
            f"qmax={qp.qmax}, scheme={qp.scheme!r})")


def quantize_snippet(x, qp, expected, library: str) -> str:
    return ("import numpy as np\nfrom quantviz import QParams, quantize\n"
            f"qp = {qparams_code(qp)}\n"
            f"assert quantize(np.array([{f32(x)}]), qp).tolist() == [{int(expected)}]  # {library}")


# --- ranges of every kind, as float32 (the frameworks keep a tensor's range in its dtype)

def random_ranges(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` ranges ``(rmin, rmax)``, float32, ``rmin <= rmax``: an equal share of each kind."""
    kinds = [_straddling, _positive, _negative, _tiny, _degenerate, _extreme, _simple, _lopsided]
    parts = [kind(rng, -(-n // len(kinds))) for kind in kinds]
    lo = np.concatenate([p[0] for p in parts])[:n].astype(np.float32)
    hi = np.concatenate([p[1] for p in parts])[:n].astype(np.float32)
    return np.minimum(lo, hi), np.maximum(lo, hi)


def _magnitudes(rng, n, lo=-6.0, hi=6.0):
    return 10.0 ** rng.uniform(lo, hi, n)


def _straddling(rng, n):
    return -_magnitudes(rng, n), _magnitudes(rng, n)


def _positive(rng, n):
    a, b = _magnitudes(rng, n), _magnitudes(rng, n)
    return np.minimum(a, b), np.maximum(a, b)


def _negative(rng, n):
    a, b = _positive(rng, n)
    return -b, -a


def _tiny(rng, n):
    """Around float32's smallest normal number, subnormals included: scales that underflow."""
    a, b = -_magnitudes(rng, n, -45, -30), _magnitudes(rng, n, -45, -30)
    return np.where(rng.random(n) < 0.3, 0.0, a), b


def _degenerate(rng, n):
    """rmin == rmax: zero, positive, negative."""
    v = rng.choice([0.0, 1.0, -1.0], n) * _magnitudes(rng, n)
    return v, v.copy()


def _extreme(rng, n):
    """Ends at or near float32's largest number."""
    a = -F32_MAX * rng.choice([1.0, 0.5, 1e-3, 0.0], n)
    b = F32_MAX * rng.choice([1.0, 0.5, 0.99, 1e-3], n)
    return a, b


def _simple(rng, n):
    """Short fractions and powers of two: exact ties in the scale and zero point arithmetic."""
    num = rng.integers(-300, 300, (2, n)).astype(np.float64)
    den = 2.0 ** rng.integers(-4, 10, (2, n))
    return num[0] / den[0], num[1] / den[1]


def _lopsided(rng, n):
    """One end far larger than the other: zero points at the edge of the codes."""
    big, small = _magnitudes(rng, n), _magnitudes(rng, n) * 10.0 ** rng.uniform(-8, -2, n)
    flip = rng.random(n) < 0.5
    return np.where(flip, -big, -small), np.where(flip, small, big)


# --- values to quantize for given parameters

def probe_values(rng: np.random.Generator, scale: float, zero_point: int, qmin: int, qmax: int,
                 n: int) -> np.ndarray:
    """``5 n + 6`` finite float32 values for one scale and zero point: ties between codes (exact
    where the arithmetic allows), their float32 neighbours, levels, values inside, beyond and far
    beyond the range, zeros and float32's extremes."""
    s = float(np.float32(scale))
    k = rng.integers(qmin - zero_point - 3, qmax - zero_point + 3, n).astype(np.float64)
    span = (qmax - qmin) * s
    inside = rng.uniform((qmin - zero_point) * s - 0.2 * span, (qmax - zero_point) * s + 0.2 * span, n)
    far = rng.choice([-1.0, 1.0], n) * span * 10.0 ** rng.uniform(0, 6, n)
    ties = _float32((k + 0.5) * s)
    near = np.nextafter(ties, np.where(rng.random(n) < 0.5, -F32_MAX, F32_MAX).astype(np.float32))
    fixed = [0.0, -0.0, F32_TINY, -F32_TINY, F32_MAX, -F32_MAX]
    return np.concatenate([ties, near, _float32(k * s), _float32(inside), _float32(far), _float32(fixed)])


def _float32(v) -> np.ndarray:
    """float64 values as float32, beyond float32's range clamped to its largest number."""
    return np.clip(np.asarray(v, np.float64), -F32_MAX, F32_MAX).astype(np.float32)


def dyadic_scales(rng: np.random.Generator, n: int) -> np.ndarray:
    """Scales with a short mantissa (3 * 2^-9, 0.25, ...): x / s and x * (1 / s) are exact, so
    ``probe_values`` puts values exactly halfway between two codes."""
    return (rng.integers(1, 16, n) * 2.0 ** rng.integers(-20, 4, n)).astype(np.float32)
