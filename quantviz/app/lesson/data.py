"""Cached numbers behind the lesson's widgets, keyed on small parameters (model, tensor, bits).

Weights are rounded the way TFLite stores them (``quantviz.nn.simulate.weight_qparams``): per
output channel, symmetric, signed, narrow range, zero point 0; biases stay 32-bit.
"""
from __future__ import annotations

import numpy as np
import streamlit as st

from quantviz import QParams, choose_qparams, dequantize, error_report, fake_quantize, lowbit, quantize
from quantviz.app.shell.models import digits, model
from quantviz.nn import zoo
from quantviz.nn.model import predict
from quantviz.nn.simulate import quantize_weights, weight_qparams
from quantviz.weightstats import histogram, tensor_stats

LESSON_MODEL = "mlp"                  # step 2: the 64-128-64-10 digit classifier
BITS = (2, 3, 4, 5, 6, 7, 8)           # the weight widths of steps 2 and 5
FORMS = ("float16", "int8", "int4", "ternary", "binary")  # step 1
LAYERS = [("mlp", "dense1.weight"), ("mlp", "dense2.weight"), ("mlp", "dense3.weight"),
          ("cnn", "conv1.weight"), ("cnn", "conv2.weight"), ("cnn", "dense1.weight")]
FIRST_WEIGHTS = 24                     # step 1 draws this many weights


@st.cache_data(show_spinner=False, max_entries=64)
def accuracy(name: str, bits: int | None) -> float:
    """Test accuracy in % of model ``name``, its weights rounded to ``bits`` (None: float32)."""
    x, labels = digits().test_x, digits().test_labels
    m = model(name) if bits is None else quantize_weights(model(name), bits)
    return float(100 * np.mean(predict(m, x) == labels))


@st.cache_data(show_spinner=False, max_entries=64)
def model_size(name: str, bits: int | None) -> dict:
    """Bytes of the model: weights at ``bits`` (None: all float32), biases and scales at 32 bits."""
    weights = sum(layer.weight.size for layer in model(name).layers if hasattr(layer, "weight"))
    biases = sum(layer.bias.size for layer in model(name).layers if hasattr(layer, "bias"))
    scales = 0 if bits is None else sum(len(layer.weight) for layer in model(name).layers if hasattr(layer, "weight"))
    weight_bits = 32 if bits is None else bits
    return {"bytes": (weights * weight_bits + 32 * (biases + scales)) / 8, "weights": weights, "biases": biases,
            "scales": scales}


def size_accuracy_table(name: str) -> list[dict]:
    """float32 and every width of ``BITS``: bits (None for float32), size in KB, accuracy in %."""
    return [{"bits": b, "kb": model_size(name, b)["bytes"] / 1000, "acc": accuracy(name, b)} for b in (None, *BITS)]


def width_gaps(bits: int) -> tuple[list[int], list[float]]:
    """Step 5: accuracy lost (percentage points) by each width model when rounded to ``bits``."""
    widths = list(zoo.WIDTH_MODELS)
    return widths, [accuracy(zoo.WIDTH_MODELS[w], None) - accuracy(zoo.WIDTH_MODELS[w], bits) for w in widths]


@st.cache_data(show_spinner=False, max_entries=64)
def approximation(name: str, tensor: str, form: str) -> dict:
    """Step 1: a tensor stored in ``form``: its first weights before and after, and the error."""
    w = model(name).weight_tensors()[tensor]
    if form in ("int8", "int4"):
        w_hat = fake_quantize(w, weight_qparams(w, int(form[3:])))
        bits = float(form[3:])
    else:
        approx = lowbit.approximate(w, form)
        w_hat, bits = approx.w_hat, approx.bits_per_weight
    flat, flat_hat = w.ravel(), np.asarray(w_hat, dtype=np.float32).ravel()
    return {"before": flat[:FIRST_WEIGHTS], "after": flat_hat[:FIRST_WEIGHTS], "n": int(w.size), "bits": bits,
            "mse": float(np.mean((flat.astype(np.float64) - flat_hat) ** 2))}


@st.cache_data(show_spinner=False, max_entries=64)
def layer_summary(name: str, tensor: str, bins: int = 80) -> dict:
    """Step 4: the histogram of a tensor, its statistics and how many codes int8 would use."""
    w = model(name).weight_tensors()[tensor]
    counts, edges = histogram(w, bins)
    qp = choose_qparams(float(w.min()), float(w.max()), bits=8)
    return {"counts": counts, "edges": edges, "stats": tensor_stats(w), "scale": float(qp.scale),
            "levels_used": int(error_report(w, qp)["levels_used"])}


@st.cache_data(show_spinner=False, max_entries=64)
def tflite_scales(name: str, tensor: str) -> dict:
    """Step 8: the per-channel int8 scales TFLite gives a weight tensor, and the per-tensor one."""
    w = model(name).weight_tensors()[tensor]
    qp = weight_qparams(w, 8)
    scales = np.asarray(qp.scale, dtype=np.float64)
    per_tensor = float(scales.max())  # one scale for all: the widest channel's
    amax = scales * 127
    levels = 2 * np.round(amax / per_tensor) + 1  # codes a channel would use under the per-tensor scale
    return {"scales": scales, "tensor": per_tensor, "zero_points": np.asarray(qp.zero_point),
            "min_levels": int(levels.min())}


def codes(x: float, qp: QParams) -> tuple[int, float]:
    """The code of one real value and the real value it stands for."""
    q = quantize(np.array([x]), qp)
    return int(q[0]), float(dequantize(q, qp)[0])


STEP9_FORMATS = ("INT4 g128", "Q4_0", "Q4_K", "NF4", "MXFP4", "NVFP4")
STEP9_LAYER = (64, 512, 5.0, 0)      # rows, columns, tail (Student-t degrees of freedom), seed


@st.cache_data(show_spinner=False)
def llm_formats() -> dict:
    """Every LLM weight format on the synthetic layer of step 9: points and the Pareto front."""
    from quantviz.llm import compare
    from quantviz.llm.outliers import synthetic_weights
    rows, cols, tail, seed = STEP9_LAYER
    points = compare.compare(synthetic_weights(rows, cols, seed, tail_df=tail))
    return {"points": [p.__dict__ for p in points], "front": compare.pareto_front(points)}
