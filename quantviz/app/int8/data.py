"""Cached data of the int8 page: quantized models, whole-test-set figures, the .tflite file.

Every cache is keyed on small values: the model name and ``Settings`` (the page's controls).
Quantized models are shared read-only objects (``st.cache_resource``).
"""
from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import streamlit as st

from quantviz.app.int8.state import Settings
from quantviz.app.shell.models import digits, model
from quantviz.nn import forward, zoo
from quantviz.nn.intinfer import forward_int, predict_int, run
from quantviz.nn.ptq import PTQConfig, calibration_ranges, model_bytes, quantize_model
from quantviz.nn.quality import accuracy, accuracy_row, layer_errors, softmax
from quantviz.tflite import litert
from quantviz.tflite.convert import export

MODELS = ("mlp", "cnn")


@st.cache_data(show_spinner=False, max_entries=64)
def ranges(name: str, method: str, n_calib: int, act_bits: int) -> dict:
    config = PTQConfig(method=method, n_calib=n_calib, act_bits=act_bits)
    return calibration_ranges(model(name), digits()[0], config)


@st.cache_resource(show_spinner=False, max_entries=64)
def qmodel(name: str, s: Settings):
    return quantize_model(model(name), digits()[0], s.config(), ranges(name, s.method, s.n_calib, s.act_bits))


def infer(name: str, s: Settings, image: np.ndarray) -> dict:
    """Float and quantized results for one (8, 8) image: probabilities, predictions, per-layer
    activations and errors. Shared read-only between sessions, keyed on (model, settings, pixels):
    a class moving through the same test images computes each once."""
    return _infer(name, s, image.dtype.str, image.tobytes(), image)


@st.cache_resource(show_spinner=False, max_entries=256)
def _infer(name: str, s: Settings, dtype: str, pixels: bytes, _image: np.ndarray) -> dict:
    x = zoo.to_input(_image[None])
    qm = qmodel(name, s)
    logits, float_acts = forward(model(name), x, activations=True)
    q_logits, q_acts = run(qm, x)
    if s.mode == "int":
        float_acts = {"input": x, **float_acts}
    p, q = softmax(logits)[0], softmax(q_logits)[0]
    return {"p_float": p, "p_int": q, "pred_float": int(p.argmax()), "pred_int": int(q.argmax()),
            "float_acts": float_acts, "q_acts": q_acts, "errors": layer_errors(float_acts, q_acts)}


@st.cache_data(show_spinner=False, max_entries=128)
def test_accuracy(name: str, s: Settings) -> tuple[float, float]:
    """(float accuracy, quantized accuracy) on the 359 test images."""
    _, test_x, _, labels = digits()
    return (accuracy(np.argmax(forward(model(name), test_x), axis=1), labels),
            accuracy(predict_int(qmodel(name, s), test_x), labels))


def accuracy_table(s: Settings) -> dict[str, dict]:
    """Krishnamoorthi-style rows for both models (activations, calibration, mode as ``s``; the
    weight settings of ``s`` do not matter, so they do not split the cache)."""
    return _accuracy_table(replace(s, weight_bits=8, granularity="channel"))


@st.cache_data(show_spinner=False, max_entries=32)
def _accuracy_table(s: Settings) -> dict[str, dict]:
    calib_x, test_x, _, labels = digits()
    return {name: accuracy_row(model(name), calib_x, test_x, labels, s.config(),
                               ranges(name, s.method, s.n_calib, s.act_bits)) for name in MODELS}


@st.cache_data(show_spinner=False, max_entries=64)
def sizes(name: str, s: Settings) -> dict[str, int]:
    return model_bytes(qmodel(name, s))


@st.cache_data(show_spinner=False, max_entries=64)
def timings(name: str, s: Settings, repeat: int = 5) -> tuple[float, float]:
    """Best-of-``repeat`` wall time (ms) of the float and the quantized forward on the test set."""
    test_x = digits()[1]
    qm, m = qmodel(name, s), model(name)
    quantized = (lambda: predict_int(qm, test_x)) if s.mode == "weight" else (lambda: forward_int(qm, test_x))
    return _best(lambda: forward(m, test_x), repeat), _best(quantized, repeat)


def _best(fn, repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1e3 * min(times)


@st.cache_data(show_spinner=False, max_entries=64)
def litert_timing(name: str, s: Settings, repeat: int = 5) -> float | None:
    """Best-of-``repeat`` wall time (ms) of the .tflite file on the test set in LiteRT's optimized
    kernels, or None without LiteRT or a file."""
    data = tflite_file(name, s)
    if not litert.available() or isinstance(data, str):
        return None
    return _best(litert.invoker(data, digits()[1], "optimized"), repeat)


@st.cache_data(show_spinner=False, max_entries=64)
def tflite_file(name: str, s: Settings) -> bytes | str:
    """The .tflite bytes, or the reason (a ValueError message) why this configuration has none."""
    try:
        return export(qmodel(name, s))
    except ValueError as e:
        return str(e)


@st.cache_data(show_spinner=False, max_entries=64)
def litert_check(name: str, s: Settings) -> dict | None:
    """Agreement of LiteRT's reference and optimized kernels with quantviz on the test set, or
    None without LiteRT or a file."""
    data = tflite_file(name, s)
    if not litert.available() or isinstance(data, str):
        return None
    test_x = digits()[1]
    return {resolver: litert.agreement(qmodel(name, s), test_x, resolver, data) for resolver in litert.RESOLVERS}
