"""llama.cpp's block formats against the numpy reference in the gguf package, byte for byte."""
import warnings

import numpy as np
import pytest
from block_data import BOUNDED, adversarial_blocks, rows
from gguf import GGMLQuantizationType as GGML
from gguf import quants as reference
from gguf.constants import GGML_QUANT_SIZES
from hypothesis import given
from hypothesis import strategies as st

from quantviz.llm import ggml
from quantviz.llm.blocks import F16_MAX

BOTH_WAYS = ["Q8_0", "Q5_0", "Q4_1", "Q4_0", "TQ2_0", "MXFP4"]   # gguf.quants quantizes these too


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype == np.float32 and np.array_equal(a.view(np.uint32), b.view(np.uint32))


@pytest.mark.parametrize("name", list(ggml.TYPES))
def test_block_and_byte_sizes_are_ggmls(name):
    t = ggml.TYPES[name]
    assert (t.block_size, t.type_size) == GGML_QUANT_SIZES[GGML[name]]


@pytest.mark.parametrize("name", BOTH_WAYS)
@BOUNDED
@given(data=st.data())
def test_quantize_and_dequantize_equal_gguf_on_random_rows(name, data):
    w = data.draw(rows(ggml.TYPES[name].block_size))
    ours = ggml.quantize(w, name)
    assert np.array_equal(ours, reference.quantize(w, GGML[name]))
    assert same_bits(ggml.dequantize(ours, name), reference.dequantize(ours, GGML[name]))


@pytest.mark.parametrize("name", BOTH_WAYS)
@pytest.mark.parametrize("case", list(adversarial_blocks(32)))
def test_quantize_equals_gguf_on_adversarial_blocks(name, case):
    block = ggml.TYPES[name].block_size
    largest = F16_MAX if name in ("TQ2_0", "Q4_1") else 1e5
    w = adversarial_blocks(block, largest)[case][None, :]
    with warnings.catch_warnings():
        warnings.simplefilter("error")                  # no overflow or invalid-value warnings
        ours = ggml.quantize(w, name)
        values = ggml.dequantize(ours, name)
    if name == "MXFP4" and case == "subnormals":
        # llama.cpp's exponent byte wraps below 2^-125 (here 249); ours stays at 2^-127. Both read back as 0.
        assert np.array_equal(ours[:, 1::17], reference.quantize(w, GGML[name])[:, 1::17])
        assert np.all(values == 0)
    else:
        assert np.array_equal(ours, reference.quantize(w, GGML[name]))
    assert same_bits(values, reference.dequantize(ours, GGML[name]))


def valid_random_bytes(name: str, n_blocks: int, rng) -> np.ndarray:
    """Random block bytes whose scales are numbers (finite float16, E8M0 below 255, E4M3 below 0x7F)."""
    t = ggml.TYPES[name]
    data = rng.integers(0, 256, (n_blocks, t.type_size), dtype=np.uint8)

    def f16(n):
        return (rng.standard_normal((n_blocks, n)) * 10.0 ** rng.integers(-6, 4, (n_blocks, 1))).astype(np.float16)

    if name in ("Q8_0", "Q4_0", "Q5_0"):
        data[:, :2] = f16(1).view(np.uint8)
    elif name in ("Q4_1", "Q4_K"):
        data[:, :4] = f16(2).view(np.uint8)
    elif name == "TQ2_0":
        data[:, 64:] = f16(1).view(np.uint8)
    elif name == "MXFP4":
        data[:, 0] = rng.integers(0, 255, n_blocks)
    elif name == "NVFP4":
        data[:, :4] = rng.integers(0, 0x7F, (n_blocks, 4))
    return data


@pytest.mark.parametrize("name", list(ggml.TYPES))
@BOUNDED
@given(seed=st.integers(0, 2**32 - 1))
def test_dequantize_equals_gguf_on_random_bytes(name, seed):
    data = valid_random_bytes(name, 12, np.random.default_rng(seed))
    assert same_bits(ggml.dequantize(data, name), reference.dequantize(data, GGML[name]))


def test_every_scale_byte_reads_as_gguf_reads_it():
    e = np.arange(255, dtype=np.uint8)                       # MXFP4: every E8M0 byte but NaN
    data = np.zeros((255, 17), np.uint8)
    data[:, 0], data[:, 1:] = e, np.arange(16, dtype=np.uint8) * 17
    assert same_bits(ggml.dequantize(data, "MXFP4"), reference.dequantize(data, GGML.MXFP4))
    s = np.arange(0x7F, dtype=np.uint8)                      # NVFP4: every positive E4M3 byte
    data = np.zeros((0x7F, 36), np.uint8)
    data[:, :4] = s[:, None]
    data[:, 4:] = np.arange(32, dtype=np.uint8) * 8 + 7
    assert same_bits(ggml.dequantize(data, "NVFP4"), reference.dequantize(data, GGML.NVFP4))


@pytest.mark.parametrize("name", ["Q4_K", "NVFP4"])
@BOUNDED
@given(data=st.data())
def test_quantized_bytes_read_back_as_gguf_reads_them(name, data):
    """Formats gguf.quants only dequantizes: our bytes, read by both."""
    w = data.draw(rows(ggml.TYPES[name].block_size, max_blocks=2))
    ours = ggml.quantize(w, name)
    assert ours.shape == (w.shape[0], w.shape[1] // ggml.TYPES[name].block_size * ggml.TYPES[name].type_size)
    values = ggml.dequantize(ours, name)
    assert same_bits(values, reference.dequantize(ours, GGML[name]))
    scale = np.abs(w).max(axis=1, keepdims=True)
    normal = scale[:, 0] >= 0.1     # smaller rows get float16 scales below its normal range (6e-5)
    assert np.all(np.abs(values - w)[normal] <= 0.25 * scale[normal])  # 4 bits: within a quarter of the range


@pytest.mark.parametrize("name", list(ggml.TYPES))
def test_nan_and_inf_are_refused_with_their_position(name):
    w = np.zeros((2, ggml.TYPES[name].block_size), np.float32)
    for bad in (np.nan, np.inf, -np.inf):
        w[1, 3] = bad
        with pytest.raises(ValueError, match=r"cannot store .*at index \(1, 3\).*replace NaN and inf"):
            ggml.quantize(w, name)


@pytest.mark.parametrize("name", ["Q8_0", "Q4_0", "Q5_0", "Q4_1", "Q4_K", "TQ2_0"])
def test_values_beyond_a_float16_scale_are_refused(name):
    w = np.zeros((1, ggml.TYPES[name].block_size), np.float32)
    w[0, 5] = 3e38
    with pytest.raises(ValueError, match=r"float16 \(at most 65504\).*holds values up to about"):
        ggml.quantize(w, name)


def test_largest_value_each_format_holds():
    """Just inside the limit the message names, the block quantizes to finite numbers."""
    for name, largest in [("Q8_0", 127 * 65504), ("Q4_0", 8 * 65504), ("Q5_0", 16 * 65504), ("TQ2_0", 65504)]:
        w = np.zeros((1, ggml.TYPES[name].block_size), np.float32)
        w[0, 0] = -largest
        assert np.all(np.isfinite(ggml.dequantize(ggml.quantize(w, name), name)))


def test_rows_that_are_not_whole_blocks_are_refused():
    with pytest.raises(ValueError, match="blocks of 256 values, but these rows have 300"):
        ggml.quantize(np.zeros((2, 300), np.float32), "Q4_K")
    with pytest.raises(ValueError, match="unknown llama.cpp block format 'Q3_X'"):
        ggml.quantize(np.zeros(32), "Q3_X")


def test_damaged_bytes_are_refused():
    good = ggml.quantize(np.ones((1, 32), np.float32), "Q8_0")
    with pytest.raises(ValueError, match="bytes .uint8."):
        ggml.dequantize(good.astype(np.int16), "Q8_0")
    with pytest.raises(ValueError, match="34 bytes per block"):
        ggml.dequantize(good[:, :-1], "Q8_0")
    bad = good.copy()
    bad[0, :2] = np.array([np.inf], np.float16).view(np.uint8)
    with pytest.raises(ValueError, match="block 0 stores a scale of inf"):
        ggml.dequantize(bad, "Q8_0")
    nan_scale = np.zeros((1, 17), np.uint8)
    nan_scale[0, 0] = 255
    with pytest.raises(ValueError, match="E8M0 scale byte 255, which means NaN"):
        ggml.dequantize(nan_scale, "MXFP4")
    negative = np.zeros((1, 36), np.uint8)
    negative[0, 2] = 0x81
    with pytest.raises(ValueError, match="scale byte 0x81, which is NaN or negative"):
        ggml.dequantize(negative, "NVFP4")


def test_q8_0_by_hand():
    w = np.zeros((1, 32), np.float32)
    w[0, :4] = [1.27, -0.635, 0.005, 0.0]                  # d = 0.01: codes 127, -63.5 -> -64, 0.5 -> 1
    data = ggml.quantize(w, "Q8_0")
    assert data[0, 2:6].view(np.int8).tolist() == [127, -64, 1, 0]
    assert data[0, :2].view(np.float16)[0] == np.float16(0.01)


def test_q4_0_maps_the_signed_maximum_to_minus_eight():
    w = np.zeros((1, 32), np.float32)
    w[0, 0], w[0, 1], w[0, 16] = -4.0, 4.0, 1.0            # max = -4 (first): d = 0.5, -4 -> code 0
    data = ggml.quantize(w, "Q4_0")
    codes = np.concatenate([data[0, 2:] & 15, data[0, 2:] >> 4])
    assert data[0, :2].view(np.float16)[0] == 0.5
    assert codes[:2].tolist() == [0, 15] and codes[16] == 10 and codes[2] == 8   # +4 clips to 7 * 0.5
