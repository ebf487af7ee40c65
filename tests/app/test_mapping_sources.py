"""The bundled networks' layers as data sources."""
import numpy as np
import pytest

from quantviz import datasets
from quantviz.app.mapping import sources as mapping_sources
from quantviz.nn import zoo


def test_every_layer_is_a_source_and_loads_as_float32():
    mapping_sources.register()
    codes = [c for c in datasets.sources() if c.startswith("layer:")]
    assert len(codes) == sum(len(zoo.weight_tensors(m)) for m in zoo.MODEL_NAMES)
    x = datasets.load("layer:cnn/" + next(iter(zoo.weight_tensors("cnn"))))
    assert x.dtype == np.float32 and x.ndim == 1 and np.isfinite(x).all()


def test_an_unknown_tensor_says_what_exists():
    with pytest.raises(ValueError, match="dense1.weight"):
        mapping_sources.load_layer("mlp/dense9.weight")
    with pytest.raises(ValueError):
        mapping_sources.load_layer("resnet/fc.weight")
