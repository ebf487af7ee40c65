"""The mapping page's settings, and how they become quantization parameters (with notices).

``Settings`` holds every URL-bound value of the page; ``resolve`` turns it into a ``QParams``
and a list of notices (bad input is explained and replaced, never raised). No Streamlit here:
the widgets live in ``controls``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from quantviz import article, datasets
from quantviz.affine import QParams, choose_qparams
from quantviz.app.shell.errors import explain
from quantviz.schemes import SCHEMES, code_range, scheme_qrange

# Each choice lists its default first: a URL-bound choice collapses (drops from the link) the
# value at index 0 once the widget has state, so the default must sit there.
CALIBS = ("minmax", "percentile", "mse", "entropy", "manual")
METHODS = CALIBS[:4]
MODES = ("range", "qparams")
SCALE_FLOOR = 1e-30  # below this, 1 / scale overflows float32 and nothing can be computed
SIZE_MAX = datasets.MAX_SIZE


@dataclass(frozen=True)
class Settings:
    """Every value the page's controls (and its URL) hold; the defaults are the page's defaults."""

    data: str = "normal"
    n: int = 100_000
    seed: int = 0
    nonfinite: bool = False
    bits: int = 8
    signed: bool = False
    symmetric: bool = False
    narrow: bool = False
    scheme: str = "exact"
    mode: str = "range"
    calib: str = "minmax"
    pct: float = 99.99
    rmin: float = -1.0
    rmax: float = 1.0
    scale: float = article.SCALE
    zp: int = 128
    logy: bool = False

    @property
    def data_key(self) -> tuple:
        """The small cache key of the values: (source, size, seed, with NaN/inf)."""
        if datasets.is_sized(self.data):
            return self.data, int(self.n), int(self.seed), bool(self.nonfinite)
        return self.data, 0, 0, bool(self.nonfinite)


ARTICLE = Settings(data="article", bits=article.BITS, signed=False, symmetric=False, narrow=False, scheme="exact",
                   mode="range", calib="minmax")


@dataclass
class Resolved:
    """The parameters in use, the range they came from (None when set by scale/zero point), notices;
    ``chosen``: the codes the scale was chosen for, when the quantize op saturates wider (ONNX
    Runtime's symmetric int8: [-127, 127] inside [-128, 127]), else None."""

    qp: QParams
    range_used: tuple[float, float] | None
    notices: list[tuple[str, str, dict]] = field(default_factory=list)  # (level, string key, values)
    chosen: tuple[int, int] | None = None

    def note(self, level: str, key: str, **values) -> None:
        self.notices.append((level, key, values))


def _choose(s: Settings, rmin: float, rmax: float, out: list) -> tuple[QParams, tuple[int, int] | None]:
    """``choose_qparams`` with fallbacks: narrow off, then the default 8-bit mapping. Also the
    codes the scale was chosen for, when they differ from the codes the op saturates to."""
    attempts = [(s.bits, s.narrow, None), (s.bits, False, "mapping.notice.fallback.narrow"),
                (8, False, "mapping.notice.fallback.default")]
    error = None
    for bits, narrow, fallback in attempts:
        try:
            qp = choose_qparams(rmin, rmax, bits=bits, signed=s.signed, symmetric=s.symmetric,
                                narrow_range=narrow, scheme=s.scheme)
        except ValueError as exc:
            error = error or explain(exc)
            continue
        if fallback:
            out.append(("warning", "mapping.notice.invalid", {"message": error, "fallback": fallback}))
        chosen = scheme_qrange(bits, s.signed, narrow, s.symmetric, False, s.scheme)
        return qp, (chosen if chosen != (qp.qmin, qp.qmax) else None)
    raise ValueError(error)  # pragma: no cover - the default mapping always works


def _qrange(s: Settings, out: list) -> tuple[int, int]:
    """The codes a hand-set scale and zero point map to (where the scheme's quantize saturates)."""
    try:
        return code_range(s.bits, s.signed, s.narrow, s.symmetric, False, s.scheme)
    except ValueError as exc:
        out.append(("warning", "mapping.notice.invalid",
                    {"message": explain(exc), "fallback": "mapping.notice.fallback.narrow"}))
        return code_range(s.bits, s.signed, False, s.symmetric, False, s.scheme)


def resolve(s: Settings, picks: dict[str, tuple[float, float]]) -> Resolved:
    """The quantization parameters the settings ask for. ``picks``: each method's range."""
    notices: list = []
    if s.bits == 1:
        notices.append(("info", "mapping.notice.one_bit", {}))
    if s.mode == "qparams":
        qp = _from_qparams(s, picks["minmax"], notices)
        return Resolved(qp, None, notices)
    rmin, rmax = picks[s.calib] if s.calib in picks else (s.rmin, s.rmax)
    if rmin > rmax:
        notices.append(("warning", "mapping.notice.inverted", {"rmin": rmin, "rmax": rmax}))
        rmin, rmax = rmax, rmin
    elif rmin == rmax and rmin != 0:
        notices.append(("info", "mapping.notice.empty", {"r": rmin}))
    qp, chosen = _choose(s, rmin, rmax, notices)
    if min(rmin, 0.0) == max(rmax, 0.0):
        notices.append(("info", "mapping.notice.zero", {"scale": qp.scale}))
    return Resolved(qp, (rmin, rmax), notices, chosen)


def _from_qparams(s: Settings, minmax: tuple[float, float], notices: list) -> QParams:
    qmin, qmax = _qrange(s, notices)
    scale = s.scale
    if not (isinstance(scale, (int, float)) and math.isfinite(scale) and scale > 0):
        fallback = choose_qparams(*minmax, bits=s.bits, signed=s.signed, scheme=s.scheme).scale
        notices.append(("warning", "mapping.notice.scale", {"scale": scale, "fallback": fallback}))
        scale = fallback
    elif scale < SCALE_FLOOR:
        notices.append(("warning", "mapping.notice.tiny_scale", {"floor": SCALE_FLOOR}))
        scale = SCALE_FLOOR
    zp = int(s.zp)
    if not qmin <= zp <= qmax:
        fixed = min(max(zp, qmin), qmax)
        notices.append(("warning", "mapping.notice.zp", {"zp": zp, "qmin": qmin, "qmax": qmax, "fixed": fixed}))
        zp = fixed
    if s.symmetric:
        notices.append(("info", "mapping.notice.symmetric_qparams", {}))
    return QParams(float(scale), zp, qmin, qmax, None, s.scheme, float(zp))


def qparams_fields(qp: QParams) -> dict:
    """The settings that reproduce ``qp`` when the mapping is set by scale and zero point."""
    return {"scale": float(qp.scale), "zp": int(qp.zero_point)}


__all__ = ["Settings", "Resolved", "resolve", "CALIBS", "METHODS", "MODES", "SCHEMES", "ARTICLE"]
