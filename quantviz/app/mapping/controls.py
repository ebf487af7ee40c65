"""The mapping page's widgets (all URL-bound) and, for the embed view, the same settings read
straight from the URL."""
from __future__ import annotations

import math
from dataclasses import fields

import numpy as np
import streamlit as st

from quantviz import article, datasets
from quantviz.app.mapping.data import Data, calibrations, load_data
from quantviz.app.mapping.sources import register as register_layers
from quantviz.app.mapping.state import ARTICLE, CALIBS, MODES, SCHEMES, SIZE_MAX, Settings
from quantviz.app.shell import controls
from quantviz.app.shell.i18n import t
from quantviz.app.strings import TABLE

DEFAULT = Settings()
SCHEME_NAMES = {"pytorch": "PyTorch", "onnxruntime": "ONNX Runtime", "tflite": "TFLite"}
LAST_QP = "_mapping_last_qp"
NO_FINITE = "_mapping_no_finite"


register_layers()


def data_label(code: str) -> str:
    key = f"mapping.data.{code}"
    if key in TABLE:
        return t(key, **article.numbers())   # the article's case names its range
    prefix, _, name = code.partition(":")
    model, _, tensor = name.partition("/")
    return t("mapping.data.layer", model=model, tensor=tensor) if prefix == "layer" else code


def scheme_label(code: str) -> str:
    return SCHEME_NAMES.get(code) or t(f"mapping.scheme.{code}")


def calib_label(code: str) -> str:
    return t(f"mapping.calib.{code}")


def mode_label(code: str) -> str:
    return t(f"mapping.mode.{code}")


def nice_step(x: float) -> float:
    """1, 2 or 5 times a power of ten, at most ``x``."""
    if not x > 0:
        return 0.001
    p = 10.0 ** math.floor(math.log10(x))
    return next(m * p for m in (5, 2, 1) if m * p <= x)


def slider_bound(data: Data) -> float:
    """The range sliders span ``[-bound, bound]``: half again the largest |value|, rounded up."""
    amax = max(abs(data.lo), abs(data.hi), 1e-6) * 1.5
    step = nice_step(amax / 10)
    return float(math.ceil(amax / step) * step)


# ---- callbacks -------------------------------------------------------------------------------

def _mode_changed():
    qp = st.session_state.get(LAST_QP)
    if qp is None:
        return
    if st.session_state.get("mode") == "qparams":
        st.session_state["scale"] = float(qp.scale)
        st.session_state["zp"] = int(qp.zero_point)
    else:
        st.session_state["rmin"], st.session_state["rmax"] = float(qp.rmin), float(qp.rmax)
        st.session_state["calib"] = "manual"


def apply_article():
    """Load the article's worked example into the widgets."""
    for f in fields(ARTICLE):
        if f.name not in ("n", "seed", "rmin", "rmax", "scale", "zp", "logy", "pct"):
            st.session_state[f.name] = getattr(ARTICLE, f.name)
    st.session_state["_mapping_article"] = True
    st.session_state["frameworks"] = True  # open the table that shows how each framework rounds 127.5


# ---- widgets ---------------------------------------------------------------------------------

def render() -> tuple[Settings, Data]:
    """Draw the controls (in the current container) and return the settings and their values."""
    st.button(t("mapping.preset", **article.numbers()), help=t("mapping.preset.help", **article.numbers()),
              on_click=apply_article,
              type="primary", icon=":material/menu_book:", key="article_preset", width="stretch")
    sources = [DEFAULT.data] + [code for code in datasets.sources() if code != DEFAULT.data]  # default first
    data_code = controls.choice(t("mapping.data"), "data", sources, 0,
                                format_func=data_label, help=t("mapping.data.help"))
    sized = datasets.is_sized(data_code)
    with st.expander(t("mapping.data.section")):
        n = controls.number(t("mapping.n"), "n", DEFAULT.n, 1, SIZE_MAX, step=10_000,
                            help=t("mapping.n.help"), disabled=not sized)
        seed = controls.number(t("mapping.seed"), "seed", DEFAULT.seed, 0, 2**31 - 1, step=1, disabled=not sized)
        nonfinite = controls.toggle(t("mapping.nonfinite"), "nonfinite", False, help=t("mapping.nonfinite.help"))
    data = load_data(data_code, int(n) if sized else 0, int(seed) if sized else 0, bool(nonfinite))
    if data.sv.n == 0:
        nonfinite = False
        data = load_data(data_code, int(n) if sized else 0, int(seed) if sized else 0, False)
        st.session_state[NO_FINITE] = True
    bits = controls.slider(t("mapping.bits"), "bits", 1, 16, DEFAULT.bits, step=1, help=t("mapping.bits.help"))
    signed = controls.toggle(t("mapping.signed"), "signed", DEFAULT.signed)
    mode = controls.choice(t("mapping.mode"), "mode", list(MODES), 0, format_func=mode_label,
                           widget=st.segmented_control, on_change=_mode_changed)
    symmetric = controls.toggle(t("mapping.symmetric"), "symmetric", DEFAULT.symmetric,
                                help=t("mapping.symmetric.help"), disabled=mode == "qparams")
    narrow = controls.toggle(t("mapping.narrow"), "narrow", DEFAULT.narrow)
    scheme = controls.choice(t("mapping.scheme"), "scheme", list(SCHEMES), 0, format_func=scheme_label,
                             help=t("mapping.scheme.help"))
    settings = Settings(data=data_code, n=int(n), seed=int(seed), nonfinite=bool(nonfinite), bits=int(bits),
                        signed=bool(signed), symmetric=bool(symmetric) and mode == "range", narrow=bool(narrow),
                        scheme=scheme, mode=mode)
    if mode == "range":
        settings = _range_controls(settings, data)
    else:
        settings = _qparams_controls(settings)
    logy = controls.toggle(t("mapping.logy"), "logy", False)
    return _replace(settings, logy=bool(logy)), data


def _range_controls(s: Settings, data: Data) -> Settings:
    calib = controls.choice(t("mapping.calib"), "calib", list(CALIBS), 0,
                            format_func=calib_label, help=t("mapping.calib.help"))
    pct = DEFAULT.pct
    if calib == "percentile":
        pct = controls.slider(t("mapping.pct"), "pct", 90.0, 100.0, DEFAULT.pct, step=0.01, format="%.2f",
                              help=t("mapping.pct.help"))
    picks = calibrations(s.data_key, s.bits, s.signed, s.symmetric, float(pct), s.scheme)
    bound = slider_bound(data)
    step = nice_step(bound / 1000)
    for key, value in zip(("rmin", "rmax"), picks.get(calib, (None, None))):
        if value is not None:
            st.session_state[key] = float(value)
        elif key in st.session_state:
            st.session_state[key] = float(np.clip(st.session_state[key], -bound, bound))
    lo_default, hi_default = picks["minmax"]
    # A calibration method sets the range (the sliders show it); "your sliders" hands them over.
    manual = calib == "manual"
    help_text = None if manual else t("mapping.range.help")
    rmin = controls.slider(t("mapping.rmin"), "rmin", -bound, bound, float(np.clip(lo_default, -bound, bound)),
                           step=step, format="%.4g", disabled=not manual, help=help_text)
    rmax = controls.slider(t("mapping.rmax"), "rmax", -bound, bound, float(np.clip(hi_default, -bound, bound)),
                           step=step, format="%.4g", disabled=not manual, help=help_text)
    return _replace(s, calib=calib, pct=float(pct), rmin=float(rmin), rmax=float(rmax))


def _qparams_controls(s: Settings) -> Settings:
    scale = controls.number(t("mapping.scale"), "scale", float(DEFAULT.scale), step=1e-4, format="%.6g")
    zp = controls.number(t("mapping.zp"), "zp", int(DEFAULT.zp), step=1)
    return _replace(s, scale=float(scale), zp=int(zp))


def _replace(s: Settings, **changes) -> Settings:
    from dataclasses import replace
    return replace(s, **changes)


# ---- the same settings from the URL alone (embed view: no widgets drawn) ----------------------

def from_query(query) -> Settings:
    """Settings parsed from URL parameters (a mapping of str to str); bad values keep defaults."""
    values = {}
    choices = {"data": (datasets.sources(), data_label), "scheme": (SCHEMES, scheme_label),
               "calib": (CALIBS, calib_label), "mode": (MODES, mode_label)}
    for f in fields(Settings):
        raw = query.get(f.name)
        if raw is None:
            continue
        if f.name in choices:
            value = controls.option_named(raw, *choices[f.name])
        elif isinstance(f.default, bool):
            value = {"true": True, "false": False}.get(raw.lower())
        else:
            value = _number(raw, isinstance(f.default, int))
        if value is not None:
            values[f.name] = value
    s = Settings(**values)
    return _replace(s, bits=min(max(s.bits, 1), 16), n=min(max(s.n, 1), SIZE_MAX), seed=max(s.seed, 0),
                    pct=min(max(s.pct, 90.0), 100.0))


def _number(raw: str, integer: bool):
    try:
        value = float(raw)
    except ValueError:
        return None
    if not math.isfinite(value) or (integer and not value.is_integer()):
        return None
    return int(value) if integer else value


def figure_choice(options: tuple[str, ...]) -> str | None:
    """Which secondary figure to draw (none until one is picked), bound to the URL as ``fig``."""
    raw = None
    if not st.session_state.get("_mapping_fig_checked"):  # the link's value, looked at once per session
        st.session_state["_mapping_fig_checked"] = True
        raw = st.query_params.get("fig")

    def label(code):
        return t(f"mapping.tab.{code}")

    if raw is not None:
        option = controls.option_named(raw, options, label)
        if option is None:
            controls.note("fig", raw, t("url.reason.choice", options=controls.options_text([label(o) for o in options])), "—")
        elif label(option) != raw:
            st.session_state["fig"] = option
    return st.segmented_control(t("mapping.figure"), list(options), format_func=label, key="fig",
                                bind="query-params", help=t("mapping.figure.help"))


def url_values(params: dict) -> dict[str, str]:
    """Settings as URL values the widgets read back: choices by their label in the current
    language (as Streamlit writes them), booleans as true/false."""
    labels = {"data": data_label, "scheme": scheme_label, "calib": calib_label, "mode": mode_label,
              "fig": lambda code: t(f"mapping.tab.{code}")}
    out = {}
    for key, value in params.items():
        if key in labels:
            out[key] = labels[key](value)
        elif isinstance(value, bool):
            out[key] = str(value).lower()
        else:
            out[key] = str(value)
    return out
