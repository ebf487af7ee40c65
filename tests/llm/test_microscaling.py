"""OCP MX and NVFP4 against ml_dtypes casts computed independently, and against llama.cpp's variants."""
import math

import ml_dtypes
import numpy as np
import pytest
from block_data import BOUNDED, adversarial_blocks, rows
from gguf import GGMLQuantizationType as GGML
from gguf import quants as reference
from hypothesis import given
from hypothesis import strategies as st

from quantviz.llm import ggml
from quantviz.llm import microscaling as mx

DTYPES = {"MXFP4": ml_dtypes.float4_e2m1fn, "MXFP6_E2M3": ml_dtypes.float6_e2m3fn,
          "MXFP6_E3M2": ml_dtypes.float6_e3m2fn, "MXFP8_E4M3": ml_dtypes.float8_e4m3fn,
          "MXFP8_E5M2": ml_dtypes.float8_e5m2}
EMAX = {"MXFP4": 2, "MXFP6_E2M3": 2, "MXFP6_E3M2": 4, "MXFP8_E4M3": 8, "MXFP8_E5M2": 15}   # OCP MX v1.0, table 1


def spec_mx(block: np.ndarray, name: str) -> np.ndarray:
    """One block the OCP way, in Python floats: X = 2^(floor(log2 amax) - emax), P = cast(clamp(x / X))."""
    amax = float(np.abs(block).max())
    shared = max(math.frexp(amax)[1] - 1 - EMAX[name], -127) if amax > 0 else -127
    x_scale = 2.0 ** shared
    top = float(ml_dtypes.finfo(DTYPES[name]).max)
    p = np.clip(block.astype(np.float64) / x_scale, -top, top).astype(DTYPES[name]).astype(np.float64)
    return (p * x_scale).astype(np.float32)


@pytest.mark.parametrize("name", list(mx.MX_FORMATS))
@BOUNDED
@given(data=st.data())
def test_mx_equals_the_specification(name, data):
    w = data.draw(rows(32, largest=1e30))
    expected = np.stack([spec_mx(b, name) for b in w.reshape(-1, 32)]).reshape(w.shape)
    q = mx.mx_quantize(w, name)
    assert np.array_equal(mx.mx_dequantize(q), expected)
    assert q.scale_bytes.dtype == np.uint8 and q.codes.shape == (w.size // 32, 32)


@pytest.mark.parametrize("name", list(mx.MX_FORMATS))
@pytest.mark.parametrize("case", list(adversarial_blocks(32)))
def test_mx_on_adversarial_blocks(name, case):
    w = adversarial_blocks(32, largest=3e38)[case]
    values = mx.mx_dequantize(mx.mx_quantize(w, name))
    assert np.all(np.isfinite(values))
    assert np.array_equal(values, np.concatenate([spec_mx(b, name) for b in w.reshape(-1, 32)]))


def test_mx_largest_value_lands_in_the_top_binade():
    w = np.array([5.9, 0.1] + [0.0] * 30, np.float32)      # floor(log2 5.9) = 2: X = 1, 5.9 -> 6
    q = mx.mx_quantize(w, "MXFP4")
    assert q.scale_bytes[0] == 127 and mx.mx_dequantize(q)[0] == 6.0
    w[0] = 7.9                                               # X = 1 still: 7.9 saturates at 6
    assert mx.mx_dequantize(mx.mx_quantize(w, "MXFP4"))[0] == 6.0


@BOUNDED
@given(data=st.data())
def test_ocp_mxfp4_and_llama_cpps_differ_only_where_documented(data):
    """Same bytes read the same way; quantized, they differ only at exact ties (ties to even
    against ties toward zero), in the sign of zero, and where a float32 log2 rounds up."""
    w = data.draw(rows(32, largest=1e4))
    ocp = mx.mx_quantize(w, "MXFP4")
    layout = np.concatenate([ocp.scale_bytes[:, None], ocp.codes[:, :16] | (ocp.codes[:, 16:] << 4)], axis=1)
    ours = mx.mx_dequantize(ocp).reshape(-1, 32)
    assert np.array_equal(reference.dequantize(layout, GGML.MXFP4), ours)
    blocks = w.reshape(-1, 32)
    theirs = reference.dequantize(reference.quantize(blocks, GGML.MXFP4), GGML.MXFP4)
    amax = np.abs(blocks).max(axis=1)
    log2_rounds_up = np.floor(np.log2(amax)) != np.frexp(amax)[1] - 1
    differ = (ours != theirs) & ~log2_rounds_up[:, None]
    scaled = np.abs(blocks) / np.ldexp(1.0, ocp.scale_bytes.astype(int) - 127)[:, None]
    midpoints = np.array([0.25, 0.75, 1.25, 1.75, 2.5, 3.5, 5.0])
    assert np.all(np.isin(scaled[differ], midpoints))


def test_nvfp4_by_its_formula():
    rng = np.random.default_rng(5)
    w = (rng.standard_normal((4, 64)) * np.array([[1e-3], [1.0], [30.0], [0.0]])).astype(np.float32)
    q = mx.nvfp4_quantize(w)
    t = np.float32(np.abs(w).max() / (6 * 448))
    assert q.tensor_scale == t
    blocks = w.reshape(-1, 16)
    s = (np.abs(blocks).max(axis=1) / (np.float32(6) * t)).astype(ml_dtypes.float8_e4m3fn)
    assert np.array_equal(q.scale_bytes, s.view(np.uint8))
    s32 = s.astype(np.float32)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(s32 > 0, np.clip(blocks / (s32 * t), -6, 6), 0).astype(ml_dtypes.float4_e2m1fn)
    expected = (p.astype(np.float32) * s32) * t
    assert np.array_equal(mx.nvfp4_dequantize(q), expected.reshape(w.shape))
    assert np.all(mx.nvfp4_dequantize(q)[3] == 0)


def test_nvfp4_block_scales_use_e4m3s_range():
    w = np.linspace(-3, 3, 16 * 8, dtype=np.float32)
    q = mx.nvfp4_quantize(w)
    assert q.scale_bytes.view(ml_dtypes.float8_e4m3fn).astype(np.float32).max() == 448


@pytest.mark.parametrize("case", list(adversarial_blocks(16)))
def test_nvfp4_on_adversarial_blocks(case):
    w = adversarial_blocks(16, largest=3e38)[case]
    values = mx.nvfp4_dequantize(mx.nvfp4_quantize(w))
    assert np.all(np.isfinite(values))
    assert np.abs(values - w).max() <= 0.25 * np.abs(w).max() * (1 + 2**-3) + 1e-44


def test_ue4m3_scale_bytes_agree_with_llama_cpps_except_where_documented():
    """ml_dtypes' E4M3 cast against gguf's copy of ggml_fp32_to_ue4m3."""
    rng = np.random.default_rng(0)
    x = np.exp(rng.uniform(np.log(1e-4), np.log(448), 200_000)).astype(np.float32)
    ours = mx.E4M3.cast(x)
    theirs = reference.NVFP4.fp32_to_ue4m3(x)
    below, above = mx.e4m3_scale(np.maximum(ours, 1) - 1), mx.e4m3_scale(np.minimum(ours + 1, 0x7E))
    tie = (x == (mx.e4m3_scale(ours) + below) / 2) | (x == (mx.e4m3_scale(ours) + above) / 2)
    documented = tie | ((x >= 0.0146484375) & (x < 2**-6)) | (x >= 248)
    assert np.array_equal(ours[~documented], theirs[~documented])
    assert np.all(theirs[x >= 248] == 0x7E)                 # llama.cpp stores 448 for all of them


def test_nan_and_damaged_scales_are_refused():
    with pytest.raises(ValueError, match="MXFP4 cannot store nan"):
        mx.mx_quantize(np.full(32, np.nan, np.float32), "MXFP4")
    with pytest.raises(ValueError, match="NVFP4 cannot store inf"):
        mx.nvfp4_quantize(np.full(16, np.inf, np.float32))
    with pytest.raises(ValueError, match="unknown MX format 'MXFP5'"):
        mx.mx_quantize(np.zeros(32), "MXFP5")
    with pytest.raises(ValueError, match="byte 255, which means NaN"):
        mx.mx_values(np.array([255], np.uint8), np.zeros((1, 32), np.uint8), mx.E2M1)
    with pytest.raises(ValueError, match="0x7f, which is NaN or negative"):
        mx.nvfp4_values(np.array([0x7F], np.uint8), np.zeros((1, 16), np.uint8))


def test_gguf_nvfp4_quantizer_follows_llama_cpp():
    """Scale max|x| / 6 rounded to E4M3, nearest E2M1 value with ties toward zero, +0 for zero."""
    w = np.zeros((1, 64), np.float32)
    w[0, :6] = [6.0, 0.75, -0.75, 1.75, -0.1, 2.5]    # scale 1: ties at 0.75, 1.75, 2.5 go toward zero
    data = ggml.quantize(w, "NVFP4")
    assert data[0, 0] == np.float32(1).astype(ml_dtypes.float8_e4m3fn).view(np.uint8)
    assert ggml.dequantize(data, "NVFP4")[0, :6].tolist() == [6.0, 0.5, -0.5, 1.5, 0.0, 2.0]
    codes = np.concatenate([data[0, 4:12] & 15, data[0, 4:12] >> 4])
    assert codes[4] == 0                               # -0.1 rounds to +0, code 0 (not -0, code 8)


def test_mxfp4_ties_by_hand():
    """X = 1 (largest value 6): 0.75, 1.75, 3.5 lie halfway. OCP casts round to even, llama.cpp toward zero."""
    w = np.zeros((1, 32), np.float32)
    w[0, :5] = [6.0, 0.75, 1.75, -3.5, -0.2]
    assert mx.mx_dequantize(mx.mx_quantize(w, "MXFP4"))[0, :5].tolist() == [6.0, 1.0, 2.0, -4.0, -0.0]
    gguf_values = ggml.dequantize(ggml.quantize(w, "MXFP4"), "MXFP4")[0, :5]
    assert gguf_values.tolist() == [6.0, 0.5, 1.5, -3.0, 0.0] and not np.signbit(gguf_values[4])
