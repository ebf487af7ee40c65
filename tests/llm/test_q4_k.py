"""Q4_K: the super-block layout read by gguf, the 6-bit scale packing, and the scale search."""
import numpy as np
from block_data import BOUNDED, rows
from gguf import GGMLQuantizationType as GGML
from gguf import quants as reference
from hypothesis import given
from hypothesis import strategies as st

from quantviz.llm import ggml
from quantviz.llm.kquants import Q4KGrid, fit_q4_k, make_qkx2_quants, q4_k_bytes, q4_k_read, sum_in_order


@BOUNDED
@given(seed=st.integers(0, 2**32 - 1))
def test_six_bit_scales_pack_as_gguf_unpacks_them(seed):
    rng = np.random.default_rng(seed)
    n = 5
    s6, m6 = (rng.integers(0, 64, (n, 8), dtype=np.uint8) for _ in range(2))
    d = np.full((n, 1), 0.5, np.float32)
    grid = Q4KGrid(d * s6, d * m6, d, d, s6, m6)
    data = q4_k_bytes(grid, rng.integers(0, 16, (n, 256), dtype=np.uint8))
    sc, mn = reference.Q4_K.get_scale_min(data[:, 4:16])
    assert np.array_equal(sc, s6) and np.array_equal(mn, m6)


@BOUNDED
@given(data=st.data())
def test_bytes_round_trip(data):
    w = data.draw(rows(256, max_blocks=2))
    blocks = w.reshape(-1, 256)
    grid = fit_q4_k(blocks)
    codes = grid.codes(blocks)
    read, read_codes = q4_k_read(q4_k_bytes(grid, codes))
    assert np.array_equal(read_codes, codes)
    assert np.array_equal(read.s6, grid.s6) and np.array_equal(read.m6, grid.m6)
    assert np.array_equal(read.values(read_codes), grid.values(codes))


def test_a_super_block_on_its_own_grid_is_stored_exactly():
    """Values s (k - 5), k = 0..15, with s = 63/1024: scale s and minimum -5 s are 63 times
    float16 numbers, so the search must find them and every value comes back exactly."""
    s = np.float32(63 / 1024)
    k = np.tile(np.arange(16, dtype=np.float32), 16)
    w = (s * (k - 5)).reshape(1, 256)
    values = ggml.dequantize(ggml.quantize(w, "Q4_K"), "Q4_K")
    assert np.array_equal(values, w)
    assert np.array_equal(reference.dequantize(ggml.quantize(w, "Q4_K"), GGML.Q4_K), w)


def test_the_search_beats_the_min_max_grid():
    """make_qkx2_quants keeps the min-max grid only when no candidate has a smaller weighted error."""
    rng = np.random.default_rng(3)
    x = rng.standard_normal((32, 2000)).astype(np.float32)
    w = np.sqrt(sum_in_order(x * x) / np.float32(32)) + np.abs(x)
    scale, minus_min, codes = make_qkx2_quants(x, w)
    minmax_scale = (x.max(0) - np.minimum(x.min(0), 0)) / 15
    minmax_codes = np.clip(np.rint((x - np.minimum(x.min(0), 0)) / minmax_scale), 0, 15)
    fitted = scale * codes - minus_min
    minmax = minmax_scale * minmax_codes + np.minimum(x.min(0), 0)
    err_fit = (w * (fitted - x) ** 2).sum(0)
    err_minmax = (w * (minmax - x) ** 2).sum(0)
    assert np.all(err_fit <= err_minmax * (1 + 1e-5))
    assert np.mean(err_fit < err_minmax * 0.99) > 0.9
    assert np.all(minus_min >= 0) and codes.max() <= 15


def test_flat_and_zero_sub_blocks():
    x = np.zeros((32, 3), np.float32)
    x[:, 1] = -0.75                       # all equal and negative: stored as the minimum alone
    x[:, 2] = 2.0                         # all equal and positive: the range widens to [0, 2]
    scale, minus_min, codes = make_qkx2_quants(x, np.ones_like(x))
    assert scale[0] == 0 and minus_min[0] == 0 and not codes[:, 0].any()
    assert scale[1] == 0 and minus_min[1] == 0.75 and not codes[:, 1].any()
    assert np.allclose(scale[2] * codes[:, 2] - minus_min[2], 2.0)


def test_sum_in_order_adds_left_to_right():
    a = np.array([[1e8], [1.0], [-1e8], [1.0]], np.float32)   # ((1e8 + 1) - 1e8) + 1 = 1 in float32
    assert sum_in_order(a)[0] == 1.0
