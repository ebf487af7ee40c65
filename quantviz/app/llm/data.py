"""Cached data of the LLM page, keyed on small values: the settings' fields, a format's name, an
upload's file id and tensor name. The weights themselves are read-only resources passed to the
caches as ``_``-prefixed arguments, never hashed.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
import streamlit as st

from quantviz.app.shell.models import digits, model
from quantviz.llm import anatomy, compare, gptq, nf4, outliers, transforms
from quantviz.llm.ggml_fp4 import MAGNITUDES
from quantviz.llm.registry import FORMATS
from quantviz.nn import llmformats

GRANULARITIES = ("per-tensor", "per-token")
TOKENS = 256                 # activation rows of the outlier section (and GPTQ's held-out rows)
GPTQ_ROWS, GPTQ_COLS = 256, 1024   # GPTQ runs on at most this top-left corner of a layer


def _read_only(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


@st.cache_resource(show_spinner=False, max_entries=8)
def synthetic_weights(rows: int, cols: int, tail: float, seed: int) -> np.ndarray:
    """The synthetic layer ``(rows, cols)``: Student-t weights with ``tail`` degrees of freedom."""
    return _read_only(outliers.synthetic_weights(rows, cols, seed, tail_df=tail))


@st.cache_resource(show_spinner=False)
def layer_weights(code: str) -> np.ndarray:
    """A weight tensor of a bundled network, ``<model>/<tensor>``."""
    name, _, tensor = code.partition("/")
    return model(name).weight_tensors()[tensor]


@st.cache_data(show_spinner=False, max_entries=1024)
def format_point(key: tuple, name: str, _w: np.ndarray) -> dict:
    """One format on the weights (``compare.Point`` as a dict)."""
    return compare.evaluate(FORMATS[name], _w).__dict__


def comparison(key: tuple, w: np.ndarray, progress=None) -> dict:
    """Every format on the weights: points (as dicts) and the Pareto front's names;
    ``progress(done, total, name)`` after each format (a large upload takes seconds each)."""
    points = []
    for i, name in enumerate(FORMATS):
        points.append(format_point(key, name, w))
        if progress is not None:
            progress(i + 1, len(FORMATS), name)
    return {"points": points, "front": compare.pareto_front([compare.Point(**p) for p in points])}


@st.cache_data(show_spinner=False, max_entries=256)
def block(key: tuple, fmt: str, index: int, _w: np.ndarray) -> dict:
    """Block ``index`` of the weights in ``fmt`` (``anatomy.Block`` as a dict), or why the format
    cannot store them (``refused``)."""
    try:
        return {**anatomy.block_anatomy(FORMATS[fmt], _w, index).__dict__, "refused": None}
    except ValueError as err:
        return {"refused": str(err)}


def block_count(fmt: str, w: np.ndarray) -> int:
    return anatomy.block_count(FORMATS[fmt], w)


def codebooks() -> dict[str, np.ndarray]:
    """The 16 (or 15) values of a 4-bit code as multiples of the block's scale, on [-1, 1]:
    symmetric int4 (absmax / 7), NF4's normal-float levels and FP4 E2M1 (absmax / 6)."""
    fp4 = np.unique(np.concatenate([-MAGNITUDES, MAGNITUDES])) / MAGNITUDES.max()
    return {"int4": np.arange(-7, 8) / 7.0, "nf4": nf4.LEVELS.astype(np.float64), "fp4": fp4}


@st.cache_resource(show_spinner=False, max_entries=8)
def ordinary_activations(channels: int, mix: float, tokens: int, seed: int):
    """The activations before their outlier channels are chosen (``outliers.ordinary_activations``):
    kept while the outliers' number and size move."""
    return outliers.ordinary_activations(outliers.ActivationModel(tokens=tokens, channels=channels, seed=seed,
                                                                  mixing=mix))


@st.cache_resource(show_spinner=False, max_entries=16)
def activations(channels: int, outch: int, oscale: float, mix: float, tokens: int = TOKENS, seed: int = 1):
    """Synthetic LLM-like activations ``(tokens, channels)`` and their outlier channels."""
    model = outliers.ActivationModel(tokens=tokens, channels=channels, outlier_channels=min(outch, channels),
                                     outlier_scale=oscale, seed=seed, mixing=mix)
    x, where = outliers.with_outliers(*ordinary_activations(channels, mix, tokens, seed), model)
    return _read_only(x), where


@st.cache_resource(show_spinner=False, max_entries=8)
def weight_side(key: tuple, _w: np.ndarray) -> dict:
    """What the outlier section needs of the weights alone, once per layer: ``W`` as a float32
    matrix, rotated, and each through int8 per output channel (read-only)."""
    w = compare.as_matrix(_w).astype(np.float32)
    wr = transforms.rotated(w)
    return {name: _read_only(a) for name, a in {"w": w, "w64": w.astype(np.float64), "rotated": wr,
                                                 "w_hat": outliers.int8_weights(w),
                                                 "rotated_hat": outliers.int8_weights(wr)}.items()}


@st.cache_resource(show_spinner=False, max_entries=16)
def layer_output(key: tuple, outch: int, oscale: float, mix: float, _w: np.ndarray) -> np.ndarray:
    """:math:`Y = X W^T` in float64 on the section's activations (read-only)."""
    x, _ = activations(_w.shape[1], outch, oscale, mix)
    return _read_only(x.astype(np.float64) @ _w.T)


@st.cache_data(show_spinner=False, max_entries=64)
def outlier_base(key: tuple, outch: int, oscale: float, mix: float, _w: np.ndarray) -> dict:
    """What does not depend on SmoothQuant's alpha: each channel's largest activation as it is and
    after the rotation, and W8A8's output error as it is, rotated and with LLM.int8, per tensor
    and per token."""
    ws = weight_side(key, _w)
    x, where = activations(ws["w"].shape[1], outch, oscale, mix)
    y = layer_output(key, outch, oscale, mix, ws["w64"])
    xr = transforms.rotated(x)
    int8 = outliers.relative_error(y, outliers.llm_int8(x, ws["w"]).y)      # per-token int8 by its design
    errors = {g: {"none": outliers.relative_error(y, outliers.w8a8_output(x, ws["w"], g, ws["w_hat"])),
                  "rotation": outliers.relative_error(y, outliers.w8a8_output(xr, ws["rotated"], g,
                                                                              ws["rotated_hat"])),
                  "LLM.int8": int8}
              for g in GRANULARITIES}
    return {"maxima": {"none": np.abs(x).max(axis=0).astype(np.float64), "rotation": np.abs(xr).max(axis=0)},
            "errors": errors, "outliers": where}


@st.cache_data(show_spinner=False, max_entries=256)
def smoothed(key: tuple, outch: int, oscale: float, mix: float, alpha: float, _w: np.ndarray) -> dict:
    """Each channel's largest activation after SmoothQuant with ``alpha``, and W8A8's error."""
    ws = weight_side(key, _w)
    x, _ = activations(ws["w"].shape[1], outch, oscale, mix)
    y = layer_output(key, outch, oscale, mix, ws["w64"])
    xs, w_s = transforms.smooth(x, ws["w"], transforms.smoothquant_scales(x, ws["w"], alpha))
    w_hat = outliers.int8_weights(w_s)
    return {"maxima": np.abs(xs).max(axis=0),
            "errors": {g: outliers.relative_error(y, outliers.w8a8_output(xs, w_s, g, w_hat)) for g in GRANULARITIES}}


def outlier_view(key: tuple, outch: int, oscale: float, mix: float, alpha: float, w: np.ndarray) -> dict:
    """Per-channel maxima of the activations as they are, after SmoothQuant and after the
    rotation, and the W8A8 output error of each (per tensor and per token); the numbers of
    ``transforms.w8a8_before_and_after``, cached apart so that alpha recomputes SmoothQuant only."""
    base = outlier_base(key, outch, oscale, mix, w)
    smooth = smoothed(key, outch, oscale, mix, alpha, w)
    maxima = {"none": base["maxima"]["none"], "SmoothQuant": smooth["maxima"], "rotation": base["maxima"]["rotation"]}
    errors = {g: {"none": e["none"], "SmoothQuant": smooth["errors"][g], "rotation": e["rotation"],
                  "LLM.int8": e["LLM.int8"]} for g, e in base["errors"].items()}
    return {"maxima": maxima, "errors": errors, "outliers": base["outliers"]}


@st.cache_data(show_spinner=False, max_entries=512)
def figure_spec(name: str, params: tuple, language: str, _build) -> dict:
    """A figure built once for its parameters and language, as the plain dicts plotly reads."""
    fig = _build()
    if hasattr(fig, "_spec"):            # assembled as plain dicts already (spec.SpecFigure), with its key
        return {**fig._spec, "key": fig.key}
    return {"data": [trace.to_plotly_json() for trace in fig.data], "layout": fig.layout.to_plotly_json(), "key": []}


@st.cache_data(show_spinner=False, max_entries=8)
def network_rows(name: str) -> list[dict]:
    """A bundled network's test accuracy under every format (and float32)."""
    d = digits()
    return llmformats.network_rows(model(name), d.test_x, d.test_labels)


def as_matrix_shape(w: np.ndarray) -> tuple[int, int]:
    """The shape of the weights as a layer's matrix ``(out, in)``."""
    return compare.as_matrix(w).shape


def gptq_layer_shape(w: np.ndarray) -> tuple[int, int]:
    rows, cols = as_matrix_shape(w)
    return min(rows, GPTQ_ROWS), min(cols, GPTQ_COLS)


def gptq_module():
    return gptq


def gptq_layer(w: np.ndarray) -> np.ndarray:
    """The part of the layer GPTQ runs on: its matrix, cut to ``GPTQ_ROWS`` x ``GPTQ_COLS``."""
    m = compare.as_matrix(w)
    return np.ascontiguousarray(m[:GPTQ_ROWS, :GPTQ_COLS], dtype=np.float32)


_GPTQ: OrderedDict = OrderedDict()   # results by small keys; not st.cache_data: its progress bar is drawn live
_GPTQ_KEPT = 16
_GPTQ_LOCK = threading.Lock()


def gptq_result(key: tuple, fmt: str, calib: int, outch: int, oscale: float, mix: float, w: np.ndarray,
                progress=None) -> dict:
    """GPTQ and round-to-nearest of ``fmt`` on (a corner of) the layer, calibrated on ``calib``
    synthetic activation rows, both measured on ``TOKENS`` held-out rows; ``progress(done, cols)``
    after each batch of columns (not called when the result is already known)."""
    k = (key, fmt, calib, outch, oscale, mix)
    with _GPTQ_LOCK:
        if k in _GPTQ:
            _GPTQ.move_to_end(k)
            return _GPTQ[k]
    result = _gptq(key, w, fmt, calib, outch, oscale, mix, progress)
    with _GPTQ_LOCK:
        _GPTQ[k] = result
        while len(_GPTQ) > _GPTQ_KEPT:
            _GPTQ.popitem(last=False)
    return result


@st.cache_resource(show_spinner=False, max_entries=16)
def rounded_to_nearest(key: tuple, fmt: str, _w: np.ndarray) -> np.ndarray:
    """GPTQ's part of the layer in ``fmt`` by round-to-nearest (read-only): the same for every
    calibration, and seconds of a K-quant's search on a large layer."""
    return _read_only(compare.fake_quantize(FORMATS[fmt], gptq_layer(_w)))


def _gptq(key: tuple, w: np.ndarray, fmt: str, calib: int, outch: int, oscale: float, mix: float, progress) -> dict:
    rtn = rounded_to_nearest(key, fmt, w)
    w = gptq_layer(w)
    f = FORMATS[fmt]
    x_all, _ = activations(w.shape[1], outch, oscale, mix, tokens=calib + TOKENS, seed=2)
    x_cal, x_test = x_all[:calib], x_all[calib:]
    result = gptq.gptq(w, x_cal, f.fitter(w), f.group_size, progress=progress)
    steps = [s.__dict__ for s in result.steps]
    return {"shape": w.shape, "steps": steps, "damping": result.damping,
            "gptq": gptq.output_error(x_test, w, result.w_hat), "rtn": gptq.output_error(x_test, w, rtn),
            "gptq_calib": gptq.output_error(x_cal, w, result.w_hat), "rtn_calib": gptq.output_error(x_cal, w, rtn)}
