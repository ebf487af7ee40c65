"""The registry: published bits per weight, bytes that match them, and every format on one layer."""
import pathlib
import subprocess
import sys
import warnings

import ml_dtypes
import numpy as np
import pytest
from block_data import adversarial_blocks

from quantviz.llm import ggml
from quantviz.llm.registry import FORMATS, integer_format

PUBLISHED = {"Q4_0": 4.5, "Q4_1": 5.0, "Q5_0": 5.5, "Q8_0": 8.5, "Q4_K": 4.5, "TQ2_0": 2.0625,
             "MXFP4": 4.25, "NVFP4": 4.5, "NF4": 4.5, "MXFP6_E2M3": 6.25, "MXFP6_E3M2": 6.25,
             "MXFP8_E4M3": 8.25, "MXFP8_E5M2": 8.25, "INT4 g128": 4.125}


@pytest.mark.parametrize("name", list(PUBLISHED))
def test_bits_per_weight_are_the_published_figures(name):
    assert FORMATS[name].bits_per_weight == PUBLISHED[name]


def test_nf4_with_double_quantization_costs_about_4_127_bits():
    assert round(FORMATS["NF4 + DQ"].bits_per_weight, 3) == 4.127


@pytest.mark.parametrize("name", ["Q8_0", "Q5_0", "Q4_1", "Q4_0", "Q4_K", "TQ2_0"])
def test_llama_cpp_bytes_match_the_bits_per_weight(name):
    w = np.random.default_rng(0).standard_normal((3, 512)).astype(np.float32)
    data = FORMATS[name].quantize(w)
    assert data.nbytes * 8 / w.size == FORMATS[name].bits_per_weight
    assert ggml.TYPES[name].bits_per_weight == FORMATS[name].bits_per_weight


@pytest.fixture(scope="module")
def layer():
    rng = np.random.default_rng(7)
    return (rng.standard_t(5, (64, 512)) * 0.02).astype(np.float32)


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_on_one_layer(name, layer):
    fmt = FORMATS[name]
    w_hat = fmt.fake_quantize(layer)
    assert w_hat.shape == layer.shape and w_hat.dtype == np.float32 and np.all(np.isfinite(w_hat))
    report = fmt.error(layer)
    assert report["bits_per_weight"] == fmt.bits_per_weight and report["mse"] > 0
    grid = fmt.fitter(layer)(layer.reshape(-1, fmt.group_size))           # fit + round: the same weights
    assert np.array_equal(grid.round(layer.reshape(-1, fmt.group_size)).reshape(layer.shape), w_hat) \
        or name == "NF4 + DQ" and np.allclose(grid.round(layer.reshape(-1, fmt.group_size)).reshape(layer.shape), w_hat)


def test_more_bits_less_error_within_each_family(layer):
    sqnr = {name: fmt.error(layer)["sqnr_db"] for name, fmt in FORMATS.items()}
    for chain in (["INT8 g128", "INT4 g128 asym", "INT3 g128 asym", "INT2 g64 asym"],
                  ["Q8_0", "Q5_0", "Q4_0", "TQ2_0"],
                  ["MXFP8_E4M3", "MXFP4"], ["MXFP6_E2M3", "MXFP4"], ["INT4 g32", "INT4 g128"]):
        assert all(sqnr[a] > sqnr[b] for a, b in zip(chain, chain[1:])), chain
    assert sqnr["Q4_K"] > sqnr["Q4_0"] and sqnr["NVFP4"] > sqnr["MXFP4"] and sqnr["NF4"] > sqnr["INT4 g128"]


def test_integer_formats_on_request():
    fmt = integer_format(3, 64, symmetric=False)
    assert fmt.name == "INT3 g64 asym" and fmt.bits_per_weight == 3 + 19 / 64
    with pytest.raises(ValueError, match="group size"):
        integer_format(4, 3)


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_on_adversarial_blocks_without_warnings(name):
    """All zero, one huge value, ties, subnormals: finite weights back and no numpy warning."""
    for case, block in adversarial_blocks(1024, largest=1e3).items():
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            w_hat = FORMATS[name].fake_quantize(block[None, :])
        assert np.all(np.isfinite(w_hat)), case
        assert np.abs(w_hat - block).max() <= np.abs(block).max() + 1e-30, case


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_refuses_nan_and_inf(name):
    for bad in (np.nan, np.inf):
        w = np.zeros((2, 1024), np.float32)
        w[1, 7] = bad
        with pytest.raises(ValueError, match="cannot store .*replace NaN and inf"):
            FORMATS[name].quantize(w)


def test_the_core_imports_neither_streamlit_nor_plotly():
    code = ("import sys, quantviz.llm.registry, quantviz.llm.gptq, quantviz.llm.transforms; "
            "print(sorted(m for m in ('streamlit', 'plotly') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=pathlib.Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "[]"


def test_per_channel_integers_need_the_row_length():
    fmt = integer_format(8, "channel", row_length=4096)
    assert fmt.name == "INT8 per channel" and fmt.bits_per_weight == 8 + 16 / 4096 and fmt.group_size == 4096
    w = np.random.default_rng(0).standard_normal((4, 4096)).astype(np.float32)
    q = fmt.quantize(w)
    assert np.asarray(q.qparams.scale).shape == (4,) and q.bits_per_weight == fmt.bits_per_weight
    grid = fmt.fitter(w)(w)
    assert np.array_equal(grid.round(w), fmt.fake_quantize(w))
    with pytest.raises(ValueError, match="need the row length"):
        integer_format(8, "channel")
    with pytest.raises(ValueError, match="use groupwise.groupwise_quantize"):
        integer_format(8, "tensor")


def test_bfloat16_weights_are_checked_and_quantized():
    w = np.linspace(-1, 1, 256).astype(ml_dtypes.bfloat16)[None, :]
    assert np.allclose(FORMATS["Q8_0"].fake_quantize(w), w.astype(np.float32), atol=0.01)
    w[0, 3] = np.nan
    with pytest.raises(ValueError, match="cannot store nan"):
        FORMATS["Q4_K"].quantize(w)
