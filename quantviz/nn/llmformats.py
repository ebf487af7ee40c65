"""A whole bundled network under each LLM weight format (``quantviz.llm.registry.FORMATS``):
every dense and conv weight stored in the format and read back, biases and activations float32,
then tested. Each tensor is cut into blocks as ``quantviz.llm.compare`` cuts it (the small layers
here are padded to a whole block).

    rows = network_rows(model, x_test, labels)   # one dict per format: bits, accuracy, correct
"""
from __future__ import annotations

import dataclasses

import numpy as np

from ..llm.compare import fake_quantize, stored_bits
from ..llm.registry import FORMATS, Format
from .layers import WEIGHT_KINDS
from .model import Model, forward


def _weight_layers(model: Model) -> list:
    return [layer for layer in model.layers if layer.kind in WEIGHT_KINDS]


def apply_format(model: Model, fmt: Format) -> Model:
    """A copy of ``model`` with every dense and conv weight through ``fmt`` and back."""
    layers = [dataclasses.replace(layer, weight=fake_quantize(fmt, layer.weight)) if layer.kind in WEIGHT_KINDS
              else layer for layer in model.layers]
    return Model(model.name, layers, model.input, model.meta)


def model_bits(model: Model, fmt: Format) -> float:
    """Bits per weight the whole model's weights take in ``fmt``, each tensor's padding included."""
    weights = [layer.weight for layer in _weight_layers(model)]
    return sum(stored_bits(fmt, w) * w.size for w in weights) / sum(w.size for w in weights)


def network_rows(model: Model, x: np.ndarray, labels: np.ndarray, names=None) -> list[dict]:
    """float32 and every format (or those ``names``): ``name``, ``family``, ``bits_per_weight``
    (the format's), ``stored_bits`` (this model's, padding included), ``correct`` (images) and
    ``accuracy`` (fraction) on ``(x, labels)``."""
    labels = np.asarray(labels)

    def row(name, family, bits, stored, m):
        correct = int(np.count_nonzero(forward(m, x).argmax(axis=1) == labels))
        return {"name": name, "family": family, "bits_per_weight": bits, "stored_bits": stored,
                "correct": correct, "accuracy": correct / len(labels)}

    rows = [row("float32", "float", 32.0, 32.0, model)]
    for name in names or FORMATS:
        fmt = FORMATS[name]
        rows.append(row(name, fmt.family, fmt.bits_per_weight, model_bits(model, fmt), apply_format(model, fmt)))
    return rows
