"""The mapping page's widgets, each bound to the URL parameter of ``state.Settings`` it sets."""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import streamlit as st

from quantviz import article, datasets
from quantviz.app.mapping.data import Data, calibrations, load_data
from quantviz.app.mapping.state import ARTICLE, FIGURES, Settings
from quantviz.app.shell import controls
from quantviz.app.shell.i18n import t
from quantviz.app.shell.urlschema import params

P = params(Settings)     # the page's URL parameters: keys, defaults, bounds, options, labels
LAST_QP = "_mapping_last_qp"
NO_FINITE = "_mapping_no_finite"
ARTICLE_FIELDS = ("data", "bits", "signed", "symmetric", "narrow", "scheme", "mode", "calib")  # what the preset sets


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


def _range_moved():
    """A range slider moved: the range is now the reader's ("your sliders"), not a method's."""
    st.session_state["calib"] = "manual"


def apply_article():
    """Load the article's worked example into the widgets."""
    for name in ARTICLE_FIELDS:
        st.session_state[name] = getattr(ARTICLE, name)
    st.session_state["_mapping_article"] = True
    st.session_state["frameworks"] = True  # open the table that shows how each framework rounds 127.5


# ---- widgets ---------------------------------------------------------------------------------

def render(bits_box) -> tuple[Settings, Data]:
    """Draw the controls (in the current container) and return the settings and their values.

    The bits slider goes in ``bits_box``, just above the figure it moves most (on a phone too);
    here what else moves the figure comes first (the range or the scale and zero point), and the
    codes' kind, the scheme and the data's size are folded under it."""
    st.button(t("mapping.preset", **article.numbers()), help=t("mapping.preset.help", **article.numbers()),
              on_click=apply_article,
              type="primary", icon=":material/menu_book:", key="article_preset", width="stretch")
    data_code = controls.choice(t("mapping.data"), P["data"], help=t("mapping.data.help"))
    sized = datasets.is_sized(data_code)
    with bits_box:
        bits = controls.slider(t("mapping.bits"), P["bits"], step=1, help=t("mapping.bits.help"))
    mode = controls.choice(t("mapping.mode"), P["mode"], widget=st.segmented_control, on_change=_mode_changed)
    moving = st.container()       # the range or the scale and zero point, drawn once the rest is read
    with st.expander(t("mapping.more"), icon=":material/tune:"):
        signed = controls.toggle(t("mapping.signed"), P["signed"])
        symmetric = controls.toggle(t("mapping.symmetric"), P["symmetric"], help=t("mapping.symmetric.help"),
                                    disabled=mode == "qparams")
        narrow = controls.toggle(t("mapping.narrow"), P["narrow"], help=t("mapping.narrow.help"))
        scheme = controls.choice(t("mapping.scheme"), P["scheme"], help=t("mapping.scheme.help"))
        logy = controls.toggle(t("mapping.logy"), P["logy"])
        n = controls.number(t("mapping.n"), P["n"], step=10_000, help=t("mapping.n.help"), disabled=not sized)
        seed = controls.number(t("mapping.seed"), P["seed"], step=1, disabled=not sized)
        nonfinite = controls.toggle(t("mapping.nonfinite"), P["nonfinite"], help=t("mapping.nonfinite.help"))
    data = load_data(data_code, int(n) if sized else 0, int(seed) if sized else 0, bool(nonfinite))
    if data.sv.n == 0:
        nonfinite = False
        data = load_data(data_code, int(n) if sized else 0, int(seed) if sized else 0, False)
        st.session_state[NO_FINITE] = True
    settings = Settings(data=data_code, n=int(n), seed=int(seed), nonfinite=bool(nonfinite), bits=int(bits),
                        signed=bool(signed), symmetric=bool(symmetric) and mode == "range", narrow=bool(narrow),
                        scheme=scheme, mode=mode)
    with moving:
        if mode == "range":
            settings = _range_controls(settings, data)
        else:
            settings = _qparams_controls(settings)
    return replace(settings, logy=bool(logy)), data


def _range_controls(s: Settings, data: Data) -> Settings:
    calib = controls.choice(t("mapping.calib"), P["calib"], help=t("mapping.calib.help"))
    pct = P["pct"].default
    if calib == "percentile":
        pct = controls.slider(t("mapping.pct"), P["pct"], step=0.01, format="%.2f", help=t("mapping.pct.help"))
    picks = calibrations(s.data_key, s.bits, s.signed, s.symmetric, float(pct), s.scheme)
    bound = slider_bound(data)
    step = nice_step(bound / 1000)
    for key, value in zip(("rmin", "rmax"), picks.get(calib, (None, None))):
        if value is not None:
            st.session_state[key] = float(value)
        elif key in st.session_state:
            st.session_state[key] = float(np.clip(st.session_state[key], -bound, bound))
    lo_default, hi_default = picks["minmax"]
    # A calibration method sets the range (the sliders show it); moving a slider takes it over.
    help_text = None if calib == "manual" else t("mapping.range.help")
    rmin = controls.slider(t("mapping.rmin"), P["rmin"], -bound, bound, float(np.clip(lo_default, -bound, bound)),
                           step=step, format="%.4g", help=help_text, on_change=_range_moved)
    rmax = controls.slider(t("mapping.rmax"), P["rmax"], -bound, bound, float(np.clip(hi_default, -bound, bound)),
                           step=step, format="%.4g", help=help_text, on_change=_range_moved)
    return replace(s, calib=calib, pct=float(pct), rmin=float(rmin), rmax=float(rmax))


def _qparams_controls(s: Settings) -> Settings:
    scale = controls.number(t("mapping.scale"), P["scale"], step=1e-4, format="%.6g")
    zp = controls.number(t("mapping.zp"), P["zp"], step=1)
    return replace(s, scale=float(scale), zp=int(zp))


def figure_choice() -> str | None:
    """Which secondary figure to draw (none until one is picked), kept in the URL by its code
    (``?fig=levels``): not a bound widget, which would write its label. The link's value (a code,
    or a label in either language) seeds it once per session; each run writes the code back."""
    fig = P["fig"]
    if not st.session_state.get("_mapping_fig_checked"):  # the link's value, looked at once per session
        st.session_state["_mapping_fig_checked"] = True
        raw = st.query_params.get(fig.name)
        option = None if raw is None else fig.parse(raw)
        if raw is not None and option is None:
            labels = [fig.label(o) for o in FIGURES]
            controls.note(fig.name, raw, t("url.reason.choice", options=controls.options_text(labels)), "—")
        st.session_state[fig.name] = option
    choice = st.segmented_control(t("mapping.figure"), list(FIGURES), format_func=fig.label, key=fig.name,
                                  help=t("mapping.figure.help"))
    controls.link_code(fig.name, choice, None)
    return choice
