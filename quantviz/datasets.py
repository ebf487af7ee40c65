"""Tensors to quantize: synthetic distributions, the article's case, and a registry of sources.

A source is named by a short code (``"normal"``, ``"article"``, ...) and loaded with
``load(code, n, seed)``, so callers (and caches) key on small values, never on big arrays.
A *family* of sources shares a prefix: ``"layer:mlp/fc1.weight"`` would be the family
``"layer"`` with the name ``"mlp/fc1.weight"``; a family is one ``register_family`` call.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import article

MAX_SIZE = 1_000_000
OUTLIER_FRACTION = 5e-4  # "a few large outliers": 1 value in 2000, at 8 to 12 sigma


def _article(rng: np.random.Generator, n: int) -> np.ndarray:
    """Uniform in the article's [-1, 1], with both ends present so that min-max gives exactly that."""
    x = rng.uniform(article.RMIN, article.RMAX, n)
    x[: min(n, 2)] = (article.RMIN, article.RMAX)[: min(n, 2)]
    return x


def _outliers(rng: np.random.Generator, n: int) -> np.ndarray:
    x = rng.standard_normal(n)
    k = max(1, int(round(n * OUTLIER_FRACTION)))
    where = rng.choice(n, size=k, replace=False)
    x[where] = rng.choice([-1.0, 1.0], size=k) * rng.uniform(8.0, 12.0, size=k)
    return x


def _bimodal(rng: np.random.Generator, n: int) -> np.ndarray:
    centre = np.where(rng.random(n) < 0.5, -2.0, 2.0)
    return centre + 0.5 * rng.standard_normal(n)


SYNTHETIC: dict[str, Callable[[np.random.Generator, int], np.ndarray]] = {
    "article": _article,
    "normal": lambda rng, n: rng.standard_normal(n),
    "uniform": lambda rng, n: rng.uniform(-0.5, 1.5, n),
    "laplace": lambda rng, n: rng.laplace(0.0, 1.0 / np.sqrt(2.0), n),  # unit variance
    "outliers": _outliers,
    "bimodal": _bimodal,
}


def check_size(n) -> int:
    if isinstance(n, (bool, np.bool_)) or not float(n).is_integer() or not 1 <= n <= MAX_SIZE:
        raise ValueError(f"the size must be a whole number from 1 to {MAX_SIZE:,}, got {n!r}")
    return int(n)


def synthetic(kind: str, n: int, seed: int = 0) -> np.ndarray:
    """``n`` float32 values drawn from the distribution ``kind`` with the generator seeded by ``seed``."""
    if kind not in SYNTHETIC:
        raise ValueError(f"unknown distribution {kind!r}: choose one of {', '.join(SYNTHETIC)}")
    rng = np.random.default_rng(int(seed))
    return SYNTHETIC[kind](rng, check_size(n)).astype(np.float32)


def with_nonfinite(x: np.ndarray, seed: int = 0, fraction: float = 1e-3) -> np.ndarray:
    """A copy of ``x`` with a few entries replaced by NaN, +inf and -inf (at least one of each)."""
    x = np.array(x, dtype=np.float32)
    k = min(x.size, max(3, int(round(x.size * fraction))))
    where = np.random.default_rng(int(seed) + 1).choice(x.size, size=k, replace=False)
    x[where] = np.resize(np.array([np.nan, np.inf, -np.inf], dtype=np.float32), k)
    return x


# ---- the registry -------------------------------------------------------------------------

Loader = Callable[[int, int], np.ndarray]                   # (n, seed) -> values
_SOURCES: dict[str, Loader] = {kind: (lambda n, seed, kind=kind: synthetic(kind, n, seed))
                               for kind in SYNTHETIC}
_FAMILIES: dict[str, tuple[Callable[[], list[str]], Callable[[str], np.ndarray]]] = {}


def register_source(code: str, loader: Loader) -> None:
    """Add a source that draws ``n`` values with a seed (a synthetic distribution)."""
    _SOURCES[code] = loader


def register_family(prefix: str, names: Callable[[], list[str]], loader: Callable[[str], np.ndarray]) -> None:
    """Add a family of fixed tensors, coded ``"prefix:name"``; ``names()`` lists them.

    ``n`` and ``seed`` do not apply to a fixed tensor: it is loaded whole.
    """
    if ":" in prefix:
        raise ValueError("a family prefix cannot contain ':'")
    _FAMILIES[prefix] = (names, loader)


def sources() -> list[str]:
    """Every source code, synthetic first."""
    codes = list(_SOURCES)
    for prefix, (names, _) in _FAMILIES.items():
        codes += [f"{prefix}:{name}" for name in names()]
    return codes


def is_sized(code: str) -> bool:
    """Whether the source takes a size and a seed (fixed tensors do not)."""
    return code in _SOURCES


def load(code: str, n: int = 100_000, seed: int = 0) -> np.ndarray:
    """The values of source ``code`` as a flat float32 array."""
    if code in _SOURCES:
        return np.asarray(_SOURCES[code](check_size(n), int(seed)), dtype=np.float32).ravel()
    prefix, _, name = code.partition(":")
    if prefix in _FAMILIES and name:
        return np.asarray(_FAMILIES[prefix][1](name), dtype=np.float32).ravel()
    raise ValueError(f"unknown data source {code!r}: choose one of {', '.join(sources())}")
