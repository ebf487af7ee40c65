"""Whole networks under each low-bit weight format: sizes by hand, accuracy, XNOR's collapse."""
import numpy as np
import pytest

from quantviz.lowbit import approximate
from quantviz.nn import Dense, Model, forward, zoo
from quantviz.nn.lowbitnet import (
    FORMATS,
    VARIANTS,
    XNOR_ACTIVATIONS,
    apply_weights,
    approximate_weights,
    bits_per_weight,
    model_bytes,
    network_rows,
    symmetric_int,
    tensor_bytes,
    xnor_forward,
)


@pytest.fixture(scope="module")
def test_set():
    split = zoo.load_digits_split()
    return zoo.to_input(split.test.images), split.test.labels


@pytest.fixture(scope="module")
def rows(test_set):
    return {name: {r["variant"]: r for r in network_rows(zoo.load_model(name), *test_set)}
            for name in ("mlp", "cnn")}


def test_mlp_sizes_by_hand():
    mlp = zoo.load_model("mlp")  # weights 128x64, 64x128, 10x64 = 17,024; biases 128 + 64 + 10 = 202
    assert model_bytes(mlp, "float32") == 17226 * 4
    assert model_bytes(mlp, "float16") == 17024 * 2 + 202 * 4
    assert model_bytes(mlp, "int8") == 17024 + 3 * 4 + 202 * 4
    assert model_bytes(mlp, "int4") == 17024 // 2 + 3 * 4 + 202 * 4
    assert model_bytes(mlp, "binary") == 17024 // 8 + 202 * 4
    assert model_bytes(mlp, "ternary") == 17024 // 4 + 3 * 4 + 202 * 4
    assert model_bytes(mlp, "xnor") == 17024 // 8 + (128 + 64 + 10) * 4 + 202 * 4
    assert bits_per_weight(mlp, "xnor") == pytest.approx(1 + 32 * 202 / 17024)


def test_cnn_sizes_round_up_to_whole_bytes():
    cnn = zoo.load_model("cnn")  # conv1 8x1x3x3 = 72, conv2 16x8x3x3 = 1,152, dense1 10x64 = 640
    assert tensor_bytes((8, 1, 3, 3), "binary") == 9 and tensor_bytes((3, 3), "binary") == 2
    assert tensor_bytes((3, 3), "ternary") == 3 + 4 and tensor_bytes((3, 3), "int4") == 5 + 4
    assert model_bytes(cnn, "binary") == 9 + 144 + 80 + (8 + 16 + 10) * 4
    assert model_bytes(cnn, "float8_e4m3fn") == 72 + 1152 + 640 + 34 * 4


@pytest.mark.parametrize("method", FORMATS)
def test_storage_agrees_with_the_bits_per_weight_of_each_method(method):
    w = np.random.default_rng(0).standard_normal((16, 8)).astype(np.float32)  # 128 weights: whole bytes
    model = Model("one", [Dense("d", w, np.zeros(16))])
    r = approximate_weights(w, method)
    assert bits_per_weight(model, method) == pytest.approx(r.bits_per_weight)
    assert model_bytes(model, method) == r.bits_per_weight * w.size / 8 + 16 * 4


def test_apply_weights_replaces_only_weights():
    mlp = zoo.load_model("mlp")
    ternary = apply_weights(mlp, "ternary")
    for name in ("dense1", "dense2", "dense3"):
        w = mlp.layer(name).weight
        assert np.array_equal(ternary.layer(name).weight, approximate(w, "ternary").w_hat.astype(np.float32))
        assert np.array_equal(ternary.layer(name).bias, mlp.layer(name).bias)
    assert len(np.unique(ternary.layer("dense1").weight)) == 3


def test_symmetric_int_levels_and_thresholds():
    w = np.linspace(-1, 1, 101)
    r = symmetric_int(w, 4)
    assert len(np.unique(r.w_hat)) == 15 and len(r.thresholds) == 14
    assert np.max(np.abs(r.w_hat - w)) <= 1 / 7 / 2 + 1e-6  # fake_quantize returns float32
    assert symmetric_int(w, 8).thresholds == () and len(np.unique(symmetric_int(w, 8).w_hat)) == 101
    with pytest.raises(ValueError, match="unknown format"):
        approximate_weights(w, "int3")


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_accuracy_under_each_format(rows, name):
    r = {k: 100 * v["accuracy"] for k, v in rows[name].items()}
    assert list(rows[name]) == list(VARIANTS)
    assert abs(r["float16"] - r["float32"]) <= 0.5 and abs(r["bfloat16"] - r["float32"]) <= 0.5
    assert abs(r["int8"] - r["float32"]) <= 0.5 and abs(r["float8_e4m3fn"] - r["float32"]) <= 1.0
    assert r["binary"] < r["float32"] - 20 and r["ternary"] < r["float32"] - 10
    assert r[XNOR_ACTIVATIONS] < 15  # chance is 10 %
    assert rows[name]["float32"]["accuracy"] == pytest.approx(zoo.load_model(name).meta["test_accuracy"])


def test_xnor_activations_keep_only_the_mean_of_a_nonnegative_input():
    # a ReLU network's inputs are >= 0: sign(x) = +1 everywhere, so a shuffled image (same mean
    # |x|, so the same beta) gives exactly the same output
    mlp = zoo.load_model("mlp")
    x = zoo.to_input(zoo.load_digits_split().test.images[:1])
    shuffled = np.random.default_rng(0).permutation(x.ravel()).reshape(x.shape)
    assert not np.array_equal(x, shuffled)
    assert np.array_equal(xnor_forward(mlp, x), xnor_forward(mlp, shuffled))
    assert not np.array_equal(forward(mlp, x), forward(mlp, shuffled))
