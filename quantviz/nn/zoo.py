"""The bundled models (``assets/models/``) by name, and the digits they were trained on.

    MODEL_NAMES                 # ("mlp", "cnn", "mlp_w4", ..., "mlp_w256")
    load_model("cnn")           # a fresh Model each call (the app caches it)
    weight_tensors("mlp")       # {"dense1.weight": (128, 64) float32, "dense1.bias": ..., ...}
    load_digits_split()         # .train / .calib / .test, each .images (N, 8, 8) 0..16 and .labels

- ``mlp``: 64-128-64-10 with ReLU;
- ``cnn``: two 3x3 conv layers (8 and 16 channels) with batch norm folded in, max pooling,
  and a dense layer to 10;
- ``mlp_w<width>``: 64-width-10, for ``WIDTHS`` = 4 ... 256 (``WIDTH_MODELS[width]`` is the name).

Every model takes ``to_input(images)``, (N, 1, 8, 8) float32 in [0, 1], and returns 10 logits.
Each model's JSON records its recipe and test accuracy (``model.meta``).
"""
from __future__ import annotations

import numpy as np

from .data import DigitsSplit, Subset, load_digits_split, to_input
from .model import Model, load_model_files
from .train import MODELS_DIR, WIDTHS

WIDTH_MODELS = {w: f"mlp_w{w}" for w in WIDTHS}
MODEL_NAMES = ("mlp", "cnn", *WIDTH_MODELS.values())

__all__ = ["MODEL_NAMES", "WIDTHS", "WIDTH_MODELS", "load_model", "weight_tensors",
           "load_digits_split", "to_input", "DigitsSplit", "Subset"]


def load_model(name: str) -> Model:
    """The bundled model ``name`` (one of ``MODEL_NAMES``), read from ``assets/models/``."""
    if name not in MODEL_NAMES:
        raise ValueError(f"unknown model {name!r}: choose one of {', '.join(MODEL_NAMES)}")
    return load_model_files(MODELS_DIR / f"{name}.json")


def weight_tensors(name: str) -> dict[str, np.ndarray]:
    """The weight and bias of every dense and conv layer of model ``name``, by
    ``"<layer>.weight"`` / ``"<layer>.bias"``, in layer order."""
    return load_model(name).weight_tensors()
