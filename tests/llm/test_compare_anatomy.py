"""Every format on one tensor (``llm.compare``), one block taken apart (``llm.anatomy``) and a
bundled network under each format (``nn.llmformats``)."""
import numpy as np
import pytest

from quantviz.llm import anatomy, compare
from quantviz.llm.compare import Point
from quantviz.llm.outliers import ActivationModel, synthetic_activations, synthetic_weights
from quantviz.llm.registry import FORMATS
from quantviz.lowbit import approximation_error
from quantviz.nn import llmformats, zoo


@pytest.fixture(scope="module")
def layer():
    return synthetic_weights(16, 512, 3, tail_df=4.0)


@pytest.mark.parametrize("name", list(FORMATS))
def test_whole_blocks_are_the_formats_own_result(name, layer):
    fmt = FORMATS[name]
    assert np.array_equal(compare.fake_quantize(fmt, layer), fmt.fake_quantize(layer))
    p = compare.evaluate(fmt, layer)
    assert p.stored_bits == fmt.bits_per_weight and p.refused is None
    assert p.sqnr_db == approximation_error(layer, fmt.fake_quantize(layer))["sqnr_db"]


@pytest.mark.parametrize("name", ["Q4_K", "NF4 + DQ", "INT4 g128", "NVFP4"])
def test_short_rows_are_one_sequence_padded_with_zeros(name):
    w = zoo.weight_tensors("mlp")["dense2.weight"]           # (64, 128): not whole blocks of 256
    fmt = FORMATS[name]
    flat = np.zeros((1, compare.padded_length(w.size, fmt.group_size)), np.float32)
    flat[0, :w.size] = w.ravel()
    expect = fmt.fake_quantize(flat).ravel()[:w.size].reshape(w.shape)
    assert np.array_equal(compare.fake_quantize(fmt, w), expect)
    stored = compare.stored_bits(fmt, w)
    if w.shape[1] % fmt.group_size:
        assert stored == fmt.bits_per_weight * flat.size / w.size
    assert compare.as_matrix(np.zeros((8, 3, 3, 3))).shape == (8, 27)


def test_a_format_that_cannot_store_the_tensor_is_refused_not_raised(layer):
    bad = layer.copy()
    bad[0, 0] = np.nan
    points = compare.compare(bad, ["Q4_0", "INT4 g32"])
    assert all(p.refused and p.sqnr_db is None for p in points)
    assert compare.pareto_front(points) == []


def test_the_pareto_front():
    pts = [Point("a", "f", 4, 4, sqnr_db=10.0), Point("b", "f", 4, 4, sqnr_db=12.0),
           Point("c", "f", 3, 3, sqnr_db=11.0), Point("d", "f", 8, 8, sqnr_db=11.5),
           Point("e", "f", 8, 8, sqnr_db=40.0), Point("r", "f", 2, 2, refused="x")]
    assert compare.pareto_front(pts) == ["c", "b", "e"]


@pytest.mark.parametrize("name", list(FORMATS))
def test_a_block_taken_apart_is_the_tensors_block(name, layer):
    fmt = FORMATS[name]
    count = anatomy.block_count(fmt, layer)
    assert count == layer.size // fmt.group_size
    index = count // 2 + 1
    b = anatomy.block_anatomy(fmt, layer, index)
    start = index * fmt.group_size
    assert b.start == start and b.padding == 0 and b.count == count
    assert np.array_equal(b.x, layer.ravel()[start:start + fmt.group_size])
    assert np.array_equal(b.stored, fmt.fake_quantize(layer).ravel()[start:start + fmt.group_size])
    for j, value in enumerate(b.stored):         # every value read back is on that position's grid
        assert np.isclose(b.levels[:, j], value, rtol=1e-6, atol=0).any(), (j, value)
    assert b.scales
    with pytest.raises(ValueError, match="does not exist"):
        anatomy.block_anatomy(fmt, layer, count)


def test_the_last_padded_block_says_how_much_is_padding():
    w = zoo.weight_tensors("cnn")["conv1.weight"]               # 72 values, one block of 256
    b = anatomy.block_anatomy(FORMATS["Q4_K"], w, 0)
    assert b.count == 1 and b.padding == 256 - 72 and np.all(b.x[72:] == 0)


def test_a_network_under_each_format():
    model = zoo.load_model("mlp")
    split = zoo.load_digits_split()
    rows = llmformats.network_rows(model, zoo.to_input(split.test.images), split.test.labels, ["Q8_0", "TQ2_0"])
    assert [r["name"] for r in rows] == ["float32", "Q8_0", "TQ2_0"]
    assert rows[0]["accuracy"] == pytest.approx(model.meta["test_accuracy"])
    assert rows[1]["correct"] >= rows[0]["correct"] - 2 > rows[2]["correct"]
    quantized = llmformats.apply_format(model, FORMATS["Q4_0"])
    for before, after in zip(model.layers, quantized.layers):
        if hasattr(before, "bias"):
            assert np.array_equal(before.bias, after.bias)


def test_mixed_activations_keep_the_unmixed_draw_and_correlate_channels():
    plain, where = synthetic_activations(ActivationModel(channels=64, seed=3))
    again, where_again = synthetic_activations(ActivationModel(channels=64, seed=3, mixing=0.0))
    assert np.array_equal(plain, again) and np.array_equal(where, where_again)
    mixed, _ = synthetic_activations(ActivationModel(tokens=4096, channels=64, seed=3, mixing=2.0, outlier_channels=0))
    corr = np.corrcoef(mixed.T.astype(np.float64))
    off = np.abs(corr[~np.eye(64, dtype=bool)])
    assert off.mean() > 0.1
    with pytest.raises(ValueError, match="mixing"):
        ActivationModel(mixing=-1.0)
