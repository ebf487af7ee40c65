"""NF4: the normal-float levels, nearest-level rounding, double quantization, bits per weight."""
import numpy as np
import pytest
from block_data import BOUNDED, adversarial_blocks, rows
from hypothesis import given
from hypothesis import strategies as st

from quantviz.llm import nf4


def test_levels_are_normal_quantiles():
    derived = nf4.normal_float_levels()
    assert np.abs(derived - nf4.LEVELS).max() <= 2e-7        # bitsandbytes' float32 table, within an ulp
    assert nf4.LEVELS[7] == 0 and nf4.LEVELS[0] == -1 and nf4.LEVELS[-1] == 1
    assert np.all(np.diff(nf4.LEVELS) > 0)
    assert (nf4.LEVELS > 0).sum() == 8 and (nf4.LEVELS < 0).sum() == 7


@BOUNDED
@given(data=st.data())
def test_every_value_takes_the_nearest_level(data):
    w = data.draw(rows(64))
    q = nf4.nf4_quantize(w, double_quant=False)
    blocks = w.reshape(-1, 64).astype(np.float64)
    absmax = np.abs(blocks).max(axis=1, keepdims=True)
    normalized = np.divide(blocks, absmax, out=np.zeros_like(blocks), where=absmax > 0)
    distance = np.abs(normalized[..., None] - nf4.LEVELS.astype(np.float64))
    chosen = np.take_along_axis(distance, q.codes[..., None].astype(np.int64), axis=-1)[..., 0]
    assert np.all(chosen <= distance.min(axis=-1) + 1e-6)
    assert np.array_equal(q.absmax, absmax[:, 0].astype(np.float32))
    assert np.array_equal(nf4.nf4_dequantize(q), (nf4.LEVELS[q.codes] * q.absmax[:, None]).reshape(w.shape))


def test_double_quantization_keeps_each_absmax_within_an_e4m3_step():
    rng = np.random.default_rng(1)
    absmax = np.abs(rng.standard_normal(1000)).astype(np.float32) + 0.01
    dq = nf4.double_quantize(absmax)
    assert dq.codes.shape == (1000,) and dq.scales.shape == (4,)
    centred = absmax - np.float32(dq.mean)
    group_max = np.repeat(np.abs(np.pad(centred, (0, 24))).reshape(4, 256).max(axis=1), 256)[:1000]
    bound = np.maximum(np.abs(centred) * 2**-4, group_max / 448 * 2**-10) * (1 + 1e-5) + 1e-7
    assert np.all(np.abs(dq.values() - absmax) <= bound)


def test_bits_per_weight():
    assert nf4.bits_per_weight(False) == 4.5
    assert nf4.bits_per_weight(True) == 4 + 8 / 64 + 32 / (64 * 256) == 4.126953125   # QLoRA: about 4.127
    assert nf4.nf4_quantize(np.ones(64 * 300)).bits_per_weight == 4.126953125


@pytest.mark.parametrize("double_quant", [False, True])
@pytest.mark.parametrize("case", list(adversarial_blocks(64)))
def test_adversarial_blocks(case, double_quant):
    w = adversarial_blocks(64, largest=3e38)[case]
    values = nf4.nf4_dequantize(nf4.nf4_quantize(w, double_quant))
    assert np.all(np.isfinite(values))
    if case in ("all zero", "negative zero"):
        assert np.all(values == 0)
    if not double_quant:
        assert np.all(np.abs(values - w) <= 0.16 * np.abs(w).reshape(-1, 64).max(axis=1).repeat(64) + 1e-45)


def test_refusals():
    with pytest.raises(ValueError, match="NF4 cannot store nan"):
        nf4.nf4_quantize(np.full(64, np.nan))
    with pytest.raises(ValueError, match="blocks of 64 values, but these rows have 100"):
        nf4.nf4_quantize(np.zeros((3, 100)))
