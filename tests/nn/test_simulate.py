"""Post-training quantization simulated in float: grids by hand, invariants, and accuracy."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from quantviz.nn import Dense, Flatten, Model, ReLU, forward, zoo
from quantviz.nn.simulate import (
    INPUT,
    accuracy,
    activation_qparams,
    calibrate_model,
    correct,
    quantization_points,
    quantize_weights,
    run,
    weight_qparams,
)


@pytest.fixture(scope="module")
def data():
    split = zoo.load_digits_split()
    return zoo.to_input(split.calib.images), zoo.to_input(split.test.images), split.test.labels


def tiny_model():
    w1 = np.array([[1.0, -0.5], [0.25, 2.0]], np.float32)
    w2 = np.array([[1.0, 1.0]], np.float32)
    return Model("tiny", [Flatten("flatten"), Dense("dense1", w1, np.zeros(2)), ReLU("relu1"),
                          Dense("dense2", w2, np.array([0.5]))])


def test_quantization_points_fuse_relu_and_skip_pooling():
    assert quantization_points(zoo.load_model("mlp")) == [INPUT, "relu1", "relu2", "dense3"]
    assert quantization_points(zoo.load_model("cnn")) == [INPUT, "relu1", "relu2", "dense1"]
    assert quantization_points(tiny_model()) == [INPUT, "relu1", "dense2"]


def test_weights_per_channel_by_hand():
    # 2 bits, narrow range: codes -1, 0, 1; row 0 has scale 1, row 1 scale 2; -0.5 and 0.125 round to 0
    w = quantize_weights(tiny_model(), 2).layer("dense1").weight
    assert w.tolist() == [[1.0, 0.0], [0.0, 2.0]]
    qp = weight_qparams(tiny_model().layer("dense1").weight, 8)
    assert np.allclose(qp.scale, [1 / 127, 2 / 127]) and qp.qmin == -127 and qp.qmax == 127 and qp.axis == 0


def test_activation_grid_by_hand():
    qp = activation_qparams(np.array([-1.0, 0.0, 2.0]), 2)  # 4 codes over [-1, 2]: scale 1, zero point 1
    assert (qp.scale, qp.zero_point, qp.qmin, qp.qmax) == (1.0, 1, 0, 3)


def test_calibration_is_one_pass_on_already_quantized_values():
    x = np.array([[[[0.2, 0.9]]], [[[0.6, 0.1]]]], np.float32)  # (2, 1, 1, 2)
    sim = calibrate_model(tiny_model(), x, bits=2)
    assert list(sim.activations) == [INPUT, "relu1", "dense2"]
    # the input grid covers [0, 0.9] with 3 steps; relu1 sees the fake-quantized input times the 2-bit weights
    step = 0.9 / 3
    x_q = np.round(x.reshape(2, 2) / step) * step
    h = np.maximum(x_q @ np.array([[1.0, 0.0], [0.0, 2.0]]).T, 0)
    assert sim.activations["relu1"].rmax == pytest.approx(h.max(), rel=1e-6)
    assert float(sim.activations["relu1"].rmin) == 0.0


def test_original_model_is_left_alone(data):
    model = zoo.load_model("mlp")
    before = model.layer("dense1").weight.copy()
    calibrate_model(model, data[0], bits=2)
    assert np.array_equal(model.layer("dense1").weight, before)


def test_no_grids_is_the_float_model(data):
    model = zoo.load_model("cnn")
    sim = calibrate_model(model, data[0], bits=8, weight_bits=0, activation_bits=0)
    assert sim.activations == {} and np.array_equal(run(sim, data[1]), forward(model, data[1]))


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_eight_bits_cost_under_one_point(data, name):
    x_calib, x_test, labels = data
    model = zoo.load_model(name)
    float_acc = accuracy(model, x_test, labels)
    quant_acc = accuracy(calibrate_model(model, x_calib, bits=8), x_test, labels)
    assert abs(quant_acc - float_acc) <= 0.01
    assert quant_acc != accuracy(calibrate_model(model, x_calib, bits=2), x_test, labels)


def test_two_bits_break_the_bundled_mlp(data):
    x_calib, x_test, labels = data
    model = zoo.load_model("mlp")
    assert correct(calibrate_model(model, x_calib, bits=2), x_test, labels) < 0.6 * correct(model, x_test, labels)


def test_activations_stay_on_their_grid(data):
    x_calib, x_test, _ = data
    sim = calibrate_model(zoo.load_model("mlp"), x_calib, bits=4)
    logits = run(sim, x_test)
    qp = sim.activations["dense3"]
    codes = logits / qp.scale + qp.zero_point
    assert np.allclose(codes, np.round(codes), atol=1e-3) and codes.min() >= -1e-3 and codes.max() <= 15 + 1e-3


@settings(max_examples=60, deadline=None)
@given(arrays(np.float32, (3, 5), elements=st.floats(-10, 10, width=32)), st.integers(2, 8))
def test_weight_error_within_half_a_step_per_channel(w, bits):
    model = Model("m", [Dense("d", w, np.zeros(3))])
    w_hat = quantize_weights(model, bits).layer("d").weight
    scale = np.abs(w).max(axis=1) / (2 ** (bits - 1) - 1)
    scale = np.where(scale > 0, scale, 1.0)
    assert np.all(np.abs(w_hat - w) <= scale[:, None] / 2 * (1 + 1e-5) + 1e-30)
