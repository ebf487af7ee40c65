"""Group-wise integers: one float16 scale (and zero point) per group, through quantviz.affine."""
import numpy as np
import pytest
from block_data import BOUNDED, adversarial_blocks, rows
from hypothesis import given
from hypothesis import strategies as st

from quantviz.llm import groupwise as gw


@BOUNDED
@given(data=st.data(), bits=st.integers(2, 8), group=st.sampled_from([8, 32, 128]), symmetric=st.booleans())
def test_error_within_half_a_step_of_the_stored_scale(data, bits, group, symmetric):
    w = data.draw(rows(128, largest=1e3))
    q = gw.groupwise_quantize(w, bits, group, symmetric)
    scale = np.asarray(q.qparams.scale)
    assert np.all(scale == scale.astype(np.float16).astype(np.float64))      # stored as float16
    error = np.abs(gw.groupwise_dequantize(q).reshape(-1, group).astype(np.float64) - w.reshape(-1, group))
    # Rounding the scale to float16 (by at most half its spacing, 2^-25 among subnormals) moves the
    # grid's far end by up to (number of codes) times that, and the zero point's real value as much.
    shift = np.maximum(scale * 2**-11, 2.0**-25) * 2 * 2**bits
    assert np.all(error <= (scale / 2 + shift)[:, None] * (1 + 1e-6))
    assert q.codes.min() >= q.qparams.qmin and q.codes.max() <= q.qparams.qmax
    if symmetric:
        assert (q.qparams.qmin, q.qparams.qmax) == (-(2 ** (bits - 1) - 1), 2 ** (bits - 1) - 1)
        assert np.all(np.asarray(q.qparams.zero_point) == 0)


def test_bits_per_weight_counts_scale_and_zero_point():
    assert gw.bits_per_weight(4, 128, True) == 4.125
    assert gw.bits_per_weight(4, 128, False) == 4 + 20 / 128
    assert gw.groupwise_quantize(np.ones((4, 256)), 3, 64, False).bits_per_weight == 3 + 19 / 64
    assert gw.groupwise_quantize(np.ones((4, 256)), 8, "channel").bits_per_weight == 8 + 16 / 256
    assert gw.groupwise_quantize(np.ones((4, 256)), 8, "tensor").bits_per_weight == 8 + 16 / 1024


def test_per_channel_and_per_tensor_scales():
    w = np.array([[1.0, -2.0, 0.5, 0.0], [10.0, 3.0, -1.0, 7.0]], np.float32)
    per_channel = gw.groupwise_quantize(w, 8, "channel")
    assert np.asarray(per_channel.qparams.scale).tolist() == [np.float16(2 / 127), np.float16(10 / 127)]
    per_tensor = gw.groupwise_quantize(w, 8, "tensor")
    assert np.asarray(per_tensor.qparams.scale).tolist() == [np.float16(10 / 127)]
    assert gw.groupwise_dequantize(per_tensor).shape == w.shape


@pytest.mark.parametrize("symmetric", [True, False])
@pytest.mark.parametrize("case", list(adversarial_blocks(32)))
def test_adversarial_groups(case, symmetric):
    w = adversarial_blocks(32, largest=4e5)[case]
    values = gw.groupwise_dequantize(gw.groupwise_quantize(w, 4, 32, symmetric))
    assert np.all(np.isfinite(values))
    if case in ("all zero", "negative zero", "subnormals"):
        assert np.all(np.abs(values) <= 1e-7)


@pytest.mark.parametrize("bits, group, message", [
    (1, 32, "bits must be a whole number from 2 to 8"), (9, 32, "from 2 to 8"), (4.0, 32, "whole number"),
    (4, 7, "group size must be a whole number from 8 to 1024"), (4, 2048, "from 8 to 1024"),
    (4, "row", "'channel' or 'tensor'"), (4, True, "group size")])
def test_settings_are_checked(bits, group, message):
    with pytest.raises(ValueError, match=message):
        gw.groupwise_quantize(np.zeros((2, 64)), bits, group)


def test_values_beyond_a_float16_scale_and_nan_are_refused():
    with pytest.raises(ValueError, match="INT4 stores each block's scale as a float16"):
        gw.groupwise_quantize(np.full(32, 1e6), 4, 32)
    with pytest.raises(ValueError, match="cannot store nan"):
        gw.groupwise_quantize(np.full(32, np.nan), 4, 32)
    with pytest.raises(ValueError, match="groups of 32.*rows have 40"):
        gw.groupwise_quantize(np.zeros((2, 40)), 4, 32)
