"""The layers of the bundled networks as data sources of the mapping page: ``layer:<model>/<tensor>``."""
from __future__ import annotations

import numpy as np
import streamlit as st

from quantviz import datasets

PREFIX = "layer"


@st.cache_resource(show_spinner=False)
def layer_names() -> list[str]:
    """``<model>/<tensor>`` for every weight and bias of every bundled model (read once)."""
    from quantviz.nn import zoo
    return [f"{model}/{tensor}" for model in zoo.MODEL_NAMES for tensor in zoo.weight_tensors(model)]


def load_layer(name: str) -> np.ndarray:
    """One tensor of a bundled model, ``name`` = ``<model>/<tensor>``."""
    from quantviz.nn import zoo
    model, _, tensor = name.partition("/")
    tensors = zoo.weight_tensors(model)
    if tensor not in tensors:
        raise ValueError(f"model {model!r} has no tensor {tensor!r}: choose one of {', '.join(tensors)}")
    return tensors[tensor]


def register() -> None:
    """Offer the bundled layers in the data selector (idempotent)."""
    datasets.register_family(PREFIX, layer_names, load_layer)
