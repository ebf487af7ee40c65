"""The mapping page's settings: its URL, one field per parameter, and how they become
quantization parameters (with notices).

``Settings`` is the page's property table (``quantviz.app.shell.urlschema``): each field is a
URL parameter with its default, bounds or options, label and when the link carries it; the
widgets (``controls``), the Share link and the embed view all read it. ``resolve`` turns the
settings into a ``QParams`` and a list of notices (bad input is explained and replaced, never
raised).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from quantviz import article, datasets
from quantviz.affine import QParams, choose_qparams
from quantviz.app.shell.errors import explain
from quantviz.app.shell.i18n import t
from quantviz.app.shell.urlschema import url
from quantviz.app.strings import TABLE
from quantviz.calibrate import METHODS
from quantviz.schemes import FRAMEWORKS, SCHEMES, code_range, scheme_qrange

CALIBS = (*METHODS, "manual")          # a calibration method, or the range sliders
MODES = ("range", "qparams")
FIGURES = ("error", "levels", "tradeoff")  # the secondary figures, one at a time
SCALE_FLOOR = 1e-30  # below this, 1 / scale overflows float32 and nothing can be computed
SIZE_MAX = datasets.MAX_SIZE


def data_label(code: str) -> str:
    key = f"mapping.data.{code}"
    if key in TABLE:
        return t(key, **article.numbers())   # the article's case names its range
    prefix, _, name = code.partition(":")
    model, _, tensor = name.partition("/")
    return t("mapping.data.layer", model=model, tensor=tensor) if prefix == "layer" else code


def scheme_label(code: str) -> str:
    return FRAMEWORKS.get(code) or t(f"mapping.scheme.{code}")


def calib_label(code: str) -> str:
    return t(f"mapping.calib.{code}")


def mode_label(code: str) -> str:
    return t(f"mapping.mode.{code}")


def figure_label(code: str) -> str:
    return t(f"mapping.tab.{code}")


def _range_mode(s: Settings) -> bool:
    return s.mode == "range"


@dataclass(frozen=True)
class Settings:
    """Every value the page's controls (and its URL) hold; the defaults are the page's defaults."""

    data: str = url("normal", options=datasets.sources, label=data_label)
    n: int = url(100_000, lo=1, hi=SIZE_MAX)
    seed: int = url(0, lo=0, hi=2**31 - 1)
    nonfinite: bool = url(False)
    bits: int = url(4, lo=1, hi=16)   # 16 codes: the staircase's steps show (at 8 bits it looks a line)
    signed: bool = url(False)
    symmetric: bool = url(False)
    narrow: bool = url(False)
    scheme: str = url("exact", options=SCHEMES, label=scheme_label)
    mode: str = url("range", options=MODES, label=mode_label)
    calib: str = url("minmax", options=CALIBS, label=calib_label, when=_range_mode)
    pct: float = url(99.99, lo=90.0, hi=100.0, when=lambda s: _range_mode(s) and s.calib == "percentile")
    rmin: float = url(-1.0, when=lambda s: _range_mode(s) and s.calib == "manual")
    rmax: float = url(1.0, when=lambda s: _range_mode(s) and s.calib == "manual")
    scale: float = url(2 / 15, when=lambda s: s.mode == "qparams")   # [-1, 1] on the default 4-bit codes
    zp: int = url(8, when=lambda s: s.mode == "qparams")               # 7.5 -> 8 (ties to even)
    logy: bool = url(False)
    fig: str | None = url(None, options=FIGURES, label=figure_label)   # the secondary figure drawn

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
    rmin, rmax = picks.get(s.calib, (s.rmin, s.rmax))
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
