"""The bundled models and digits, loaded once per process and shared read-only by every session
and page, and a model's name as the menus show it."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
import streamlit as st

from quantviz.app.shell.i18n import t
from quantviz.nn import zoo
from quantviz.nn.model import Model

WIDTH_OF = {name: width for width, name in zoo.WIDTH_MODELS.items()}


class Digits(NamedTuple):
    """The digits as the models' input (N, 1, 8, 8), and the test images (N, 8, 8) with labels."""

    calib_x: np.ndarray
    test_x: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray


@st.cache_resource(show_spinner=False)
def model(name: str) -> Model:
    """A bundled model (read-only)."""
    return zoo.load_model(name)


@st.cache_resource(show_spinner=False)
def digits() -> Digits:
    """The calibration and test digits (read-only arrays)."""
    split = zoo.load_digits_split()
    arrays = Digits(zoo.to_input(split.calib.images), zoo.to_input(split.test.images), split.test.images,
                    split.test.labels)
    for a in arrays:
        a.flags.writeable = False
    return arrays


def accuracy(name: str) -> float:
    """The float32 test accuracy the model's file records (0..1)."""
    return float(model(name).meta.get("test_accuracy", float("nan")))


def model_label(name: str) -> str:
    """A bundled model's architecture and test accuracy, e.g. "MLP 64-32-10 (97.77 % accurate)"."""
    acc = 100 * accuracy(name)
    if name in WIDTH_OF:
        return t("model.width", width=WIDTH_OF[name], acc=acc)
    return t(f"model.{name}", acc=acc)
