"""Post-training quantization of the bundled models: the TFLite int8 rules and the accuracy kept."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quantviz.affine import dequantize
from quantviz.calibrate import METHODS
from quantviz.nn import predict, zoo
from quantviz.nn.intinfer import forward_int, predict_int, run
from quantviz.nn.ptq import PTQConfig, calibration_ranges, dequantized_weights_model, model_bytes, quantize_model
from quantviz.nn.quality import sqnr_db

SPLIT = zoo.load_digits_split()
CALIB, TEST = zoo.to_input(SPLIT.calib.images), zoo.to_input(SPLIT.test.images)


def accuracy(pred):
    return float((pred == SPLIT.test.labels).mean())


@pytest.mark.parametrize("name", ["mlp", "cnn"])
@pytest.mark.parametrize("mode", ["int", "weight"])
def test_eight_bits_per_channel_keeps_accuracy_within_one_point(name, mode):
    model = zoo.load_model(name)
    qmodel = quantize_model(model, CALIB, PTQConfig(mode=mode))
    assert abs(accuracy(predict_int(qmodel, TEST)) - accuracy(predict(model, TEST))) <= 0.01


def test_two_bit_weights_do_lose_accuracy():
    model = zoo.load_model("cnn")
    qmodel = quantize_model(model, CALIB, PTQConfig(weight_bits=2))
    assert accuracy(predict_int(qmodel, TEST)) < accuracy(predict(model, TEST)) - 0.1


@pytest.mark.parametrize("per_channel", [True, False])
def test_weights_are_symmetric_int8_with_scale_max_over_127(per_channel):
    model = zoo.load_model("cnn")
    qmodel = quantize_model(model, CALIB, PTQConfig(per_channel=per_channel))
    for q in (layer for layer in qmodel.layers if layer.weight is not None):
        w = model.layer(q.name).weight
        assert q.weight.dtype == np.int8 and q.weight.min() >= -127 and q.weight.max() <= 127
        assert np.all(q.weight_zero_point == 0)
        amax = np.abs(w.reshape(len(w), -1)).max(axis=1) if per_channel else np.abs(w).max()
        assert np.allclose(q.weight_qp.scale, amax / 127, rtol=1e-6)
        assert np.abs(q.weight).reshape(len(w), -1).max(axis=1 if per_channel else None).min() == 127 or not per_channel
        assert np.all(np.abs(dequantize(q.weight, q.weight_qp) - w) <= np.max(q.weight_qp.scale) / 2 + 1e-7)


def test_biases_are_int32_with_scale_s_in_times_s_w():
    model = zoo.load_model("mlp")
    qmodel = quantize_model(model, CALIB)
    for q in (layer for layer in qmodel.layers if layer.weight is not None):
        scale = np.float32(q.inp.scale) * np.asarray(q.weight_qp.scale).astype(np.float32).astype(np.float64)
        assert q.bias.dtype == np.int32
        assert np.all(np.abs(q.bias * scale - model.layer(q.name).bias) <= scale / 2 + 1e-9)


def test_relu_is_fused_into_the_clamp_and_activations_are_asymmetric():
    qmodel = quantize_model(zoo.load_model("cnn"), CALIB)
    kinds = [(q.name, q.kind, q.float_name, q.activation) for q in qmodel.layers]
    assert kinds == [("conv1", "conv2d", "relu1", "relu"), ("pool1", "maxpool2d", "pool1", "none"),
                     ("conv2", "conv2d", "relu2", "relu"), ("pool2", "maxpool2d", "pool2", "none"),
                     ("flatten", "flatten", "flatten", "none"), ("dense1", "dense", "dense1", "none")]
    conv1 = qmodel.layers[0]
    assert conv1.out.zero_point == -128 and conv1.act_min == -128   # ReLU outputs start at 0
    assert qmodel.layers[1].out == conv1.out                       # pooling keeps the parameters
    dense = qmodel.layers[-1]
    assert dense.out.qmin == -128 and -128 < dense.out.zero_point < 127


@settings(max_examples=10, deadline=None)
@given(bits=st.integers(2, 8), weight_bits=st.integers(2, 8), n=st.integers(1, 20),
       method=st.sampled_from(["minmax", "percentile"]))
def test_codes_stay_in_the_chosen_bit_width(bits, weight_bits, n, method):
    qmodel = quantize_model(zoo.load_model("mlp"), CALIB, PTQConfig(weight_bits=weight_bits, act_bits=bits,
                                                                    n_calib=n, method=method))
    lo, hi = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    for key, q in forward_int(qmodel, TEST[:40]).items():
        assert q.min() >= lo and q.max() <= hi, key
    w = qmodel.layers[1].weight
    assert np.abs(w).max() <= 2 ** (weight_bits - 1) - 1


def test_calibration_uses_the_first_n_images_and_the_method():
    model = zoo.load_model("mlp")
    few = calibration_ranges(model, CALIB, PTQConfig(n_calib=1))
    all_ = calibration_ranges(model, CALIB, PTQConfig(n_calib=199))
    clipped = calibration_ranges(model, CALIB, PTQConfig(n_calib=199, method="percentile", percentile=99.0))
    assert few["relu1"][1] < all_["relu1"][1]
    assert clipped["relu1"][1] < all_["relu1"][1]
    assert all_["input"] == (0.0, 1.0)


def test_weight_only_computes_in_float_with_dequantized_weights():
    model = zoo.load_model("mlp")
    qmodel = quantize_model(model, CALIB, PTQConfig(mode="weight", weight_bits=4))
    wmodel = dequantized_weights_model(qmodel)
    assert np.array_equal(wmodel.layer("dense1").bias, model.layer("dense1").bias)
    assert len(np.unique(wmodel.layer("dense1").weight[0])) <= 15
    out, acts = run(qmodel, TEST[:5])
    assert list(acts) == [layer.name for layer in model.layers] and out.dtype == np.float32


def test_full_integer_activations_track_the_float_ones():
    model = zoo.load_model("cnn")
    qmodel = quantize_model(model, CALIB)
    _, acts = run(qmodel, TEST[:50])
    from quantviz.nn import forward
    _, float_acts = forward(model, TEST[:50], activations=True)
    assert list(acts) == ["input", "relu1", "pool1", "relu2", "pool2", "flatten", "dense1"]
    float_acts["input"] = TEST[:50]
    for name, a in acts.items():
        assert sqnr_db(float_acts[name], a) > 20, name
    worse = quantize_model(model, CALIB, PTQConfig(act_bits=4))
    assert sqnr_db(float_acts["dense1"], run(worse, TEST[:50])[0]) < sqnr_db(float_acts["dense1"], acts["dense1"])


def test_model_bytes():
    qmodel = quantize_model(zoo.load_model("mlp"), CALIB, PTQConfig(weight_bits=4))
    sizes = model_bytes(qmodel)
    assert sizes["float32"] == 4 * 17_226
    weights = 128 * 64 + 64 * 128 + 10 * 64
    assert sizes["int8"] == weights + 4 * (128 + 64 + 10) + 8 * (128 + 64 + 10)
    assert sizes["packed"] == sizes["int8"] - weights // 2


@pytest.mark.parametrize("kwargs, message", [({"weight_bits": 1}, "weight_bits"), ({"act_bits": 9}, "act_bits"),
                                             ({"method": "magic"}, "calibration method"),
                                             ({"mode": "fp16"}, "mode"), ({"n_calib": 0}, "n_calib"),
                                             ({"rounding": "up"}, "rounding")])
def test_bad_configurations_say_what_to_change(kwargs, message):
    with pytest.raises(ValueError, match=message):
        PTQConfig(**kwargs)


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("method", METHODS)
def test_one_calibration_image_and_two_bits_work_quietly_with_every_method(method):
    qmodel = quantize_model(zoo.load_model("cnn"), CALIB, PTQConfig(method=method, n_calib=1, act_bits=2,
                                                                    weight_bits=2))
    codes = forward_int(qmodel, TEST[:10])
    assert codes["dense1"].min() >= -2 and codes["dense1"].max() <= 1
