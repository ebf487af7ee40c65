"""Exported .tflite files: LiteRT's reference kernels compute exactly quantviz's integer pipeline.

Measured on ai-edge-litert 2.3.0: its reference FULLY_CONNECTED requantizes with one rounding,
its reference CONV_2D with two; the default (optimized, XNNPACK) kernels round once in both.
"""
import numpy as np
import pytest

from quantviz.nn import zoo
from quantviz.nn.intinfer import forward_int
from quantviz.nn.ptq import PTQConfig, quantize_model
from quantviz.tflite import litert
from quantviz.tflite.convert import export
from quantviz.tflite.inspect import inspect, operators

SPLIT = zoo.load_digits_split()
CALIB, TEST = zoo.to_input(SPLIT.calib.images), zoo.to_input(SPLIT.test.images)
CONFIGS = {"per-channel": PTQConfig(), "per-tensor": PTQConfig(per_channel=False),
           "4-bit weights": PTQConfig(weight_bits=4, method="percentile", n_calib=50)}


def qmodel(name, config=None):
    return quantize_model(zoo.load_model(name), CALIB, config or PTQConfig())


@pytest.mark.parametrize("config", list(CONFIGS))
@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_litert_reference_kernels_agree_on_every_test_image_and_every_layer(name, config):
    qm = qmodel(name, CONFIGS[config])
    theirs = litert.run(export(qm), TEST, "reference", tensors=True)
    ours = forward_int(qm, TEST)
    assert np.array_equal(theirs["input/quantized"], ours["input"])
    for layer in qm.layers:
        got = theirs[layer.name]
        if layer.kind == "flatten" and name == "cnn":   # TFLite flattens NHWC: H, W, C order
            c, h, w = 16, 2, 2
            got = got.reshape(-1, h, w, c).transpose(0, 3, 1, 2).reshape(len(got), -1)
        assert got.dtype == np.int8 and np.array_equal(got, ours[layer.name]), layer.name
    assert litert.agreement(qm, TEST) == {"same": 359, "same_prediction": 359, "n": 359}


@pytest.mark.parametrize("name, rounding", [("mlp", "double"), ("cnn", "single")])
def test_the_other_rounding_disagrees_with_the_reference_kernels(name, rounding):
    result = litert.agreement(qmodel(name, PTQConfig(rounding=rounding)), TEST)
    assert result["same"] < 359


def test_optimized_kernels_round_once_everywhere():
    for name in ("mlp", "cnn"):
        assert litert.agreement(qmodel(name, PTQConfig(rounding="single")), TEST, "optimized")["same"] == 359


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_inspect_reads_back_what_export_wrote(name):
    qm = qmodel(name)
    data = export(qm)
    rows = {row["name"]: row for row in inspect(data)}
    assert rows["input"]["dtype"] == "float32" and rows["input"]["shape"] == (1, 8, 8, 1)
    assert rows["input/quantized"]["scale"].tolist() == [np.float32(qm.input.scale)]
    assert rows["input/quantized"]["zero_point"].tolist() == [qm.input.zero_point] == [-128]
    for layer in qm.layers:
        assert rows[layer.name]["dtype"] == "int8"
        assert rows[layer.name]["zero_point"].tolist() == [layer.out.zero_point]
        if layer.weight is None:
            continue
        w = rows[f"{layer.name}/weight"]
        stored = w["data"].transpose(0, 3, 1, 2) if layer.kind == "conv2d" else w["data"]
        if layer.kind == "dense" and name == "cnn":     # columns permuted to H, W, C order
            stored = stored.reshape(10, 2, 2, 16).transpose(0, 3, 1, 2).reshape(10, -1)
        assert np.array_equal(stored, layer.weight)
        assert np.array_equal(w["scale"], np.asarray(layer.weight_qp.scale).astype(np.float32))
        assert w["quantized_dimension"] == 0 and not w["zero_point"].any()
        assert np.array_equal(rows[f"{layer.name}/bias"]["data"], layer.bias)
        assert rows[f"{layer.name}/bias"]["dtype"] == "int32"
    expected = {"mlp": ["QUANTIZE", "RESHAPE", "FULLY_CONNECTED", "FULLY_CONNECTED", "FULLY_CONNECTED", "DEQUANTIZE"],
                "cnn": ["QUANTIZE", "CONV_2D", "MAX_POOL_2D", "CONV_2D", "MAX_POOL_2D", "RESHAPE",
                        "FULLY_CONNECTED", "DEQUANTIZE"]}
    assert operators(data) == expected[name]


@pytest.mark.parametrize("config, message", [(PTQConfig(mode="weight"), "full-integer"),
                                             (PTQConfig(act_bits=6), "8-bit activations"),
                                             (PTQConfig(weight_symmetric=False), "symmetric weights")])
def test_export_refuses_what_int8_kernels_cannot_run(config, message):
    with pytest.raises(ValueError, match=message):
        export(qmodel("mlp", config))


def test_float_output_is_the_dequantized_int8_output():
    qm = qmodel("cnn")
    tensors = litert.run(export(qm), TEST[:20], "reference", tensors=True)
    last = qm.layers[-1]
    expected = (tensors[last.name].astype(np.float32) - last.out.zero_point) * np.float32(last.out.scale)
    assert np.allclose(tensors["output"], expected, rtol=1e-6)
