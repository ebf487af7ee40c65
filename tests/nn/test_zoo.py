"""The bundled data and models, loaded from assets/ (not retrained)."""
import pathlib
import re

import numpy as np
import pytest

from quantviz.nn import forward, predict, zoo
from quantviz.nn.layers import Conv2D

ROOT = pathlib.Path(__file__).resolve().parents[2]
MINIMUM = {"mlp": 0.96, "cnn": 0.97}


@pytest.fixture(scope="module")
def split():
    return zoo.load_digits_split()


def test_digits_split_is_fixed_disjoint_and_in_range(split):
    sizes = {name: len(getattr(split, name).labels) for name in ("train", "calib", "test")}
    assert sizes == {"train": 1239, "calib": 199, "test": 359}
    for name in ("train", "calib", "test"):
        subset = getattr(split, name)
        assert subset.images.shape == (sizes[name], 8, 8) and subset.images.dtype == np.uint8
        assert subset.images.max() == 16 and set(np.unique(subset.labels)) == set(range(10))
    rows = {name: {img.tobytes() + bytes([lab]) for img, lab in zip(s.images, s.labels)}
            for name, s in (("train", split.train), ("test", split.test))}
    assert len(rows["train"] & rows["test"]) < 5  # a few digits are drawn identically by chance
    x = zoo.to_input(split.test.images)
    assert x.shape == (359, 1, 8, 8) and x.dtype == np.float32 and x.max() == 1.0


def measured_accuracies(split):
    x = zoo.to_input(split.test.images)
    return {name: float((predict(zoo.load_model(name), x) == split.test.labels).mean())
            for name in zoo.MODEL_NAMES}


def test_bundled_models_reach_their_accuracy_and_the_readme_lists_it(split):
    acc = measured_accuracies(split)
    for name, minimum in MINIMUM.items():
        assert acc[name] >= minimum, (name, acc[name])
    assert acc["mlp_w256"] > acc["mlp_w4"] + 0.1
    readme = (ROOT / "README.md").read_text()
    for name, value in acc.items():
        assert zoo.load_model(name).meta["test_accuracy"] == pytest.approx(value)
        row = re.search(rf"^\| `{name}` \|.*\| ([\d.]+) % \|$", readme, re.MULTILINE)
        assert row, f"README has no row for {name}"
        assert float(row.group(1)) == pytest.approx(100 * value, abs=0.005), name


def test_weight_tensors_and_layouts():
    tensors = zoo.weight_tensors("mlp")
    assert list(tensors) == ["dense1.weight", "dense1.bias", "dense2.weight", "dense2.bias",
                             "dense3.weight", "dense3.bias"]
    assert tensors["dense1.weight"].shape == (128, 64) and tensors["dense1.weight"].dtype == np.float32
    cnn = zoo.load_model("cnn")
    assert "batchnorm" not in [layer.kind for layer in cnn.layers] and cnn.meta["batch_norm_folded"]
    assert zoo.weight_tensors("cnn")["conv2.weight"].shape == (16, 8, 3, 3)
    assert [zoo.weight_tensors(zoo.WIDTH_MODELS[w])["dense1.weight"].shape[0] for w in zoo.WIDTHS] \
        == list(zoo.WIDTHS)
    with pytest.raises(ValueError, match="choose one of"):
        zoo.load_model("resnet")


def test_cnn_channel_ranges_differ_visibly():
    for layer in zoo.load_model("cnn").layers:
        if isinstance(layer, Conv2D):
            widest = np.abs(layer.weight).reshape(len(layer.weight), -1).max(axis=1)
            assert widest.max() > 2 * widest.min(), layer.name


def test_activations_on_the_calibration_images(split):
    model = zoo.load_model("cnn")
    logits, acts = forward(model, zoo.to_input(split.calib.images), activations=True)
    assert list(acts)[0] == "conv1" and acts["conv1"].shape == (199, 8, 8, 8)
    assert acts["pool2"].shape == (199, 16, 2, 2) and (acts["relu1"] >= 0).all()
    assert np.array_equal(acts["dense1"], logits)
