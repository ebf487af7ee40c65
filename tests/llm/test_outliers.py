"""Outlier activations, W8A8, LLM.int8, SmoothQuant and the Hadamard rotation: the identities
that keep X W^T, and the errors they change."""
import numpy as np
import pytest
from block_data import BOUNDED
from hypothesis import given
from hypothesis import strategies as st

from quantviz.llm import outliers as ol
from quantviz.llm import transforms as tf


@pytest.fixture(scope="module")
def layer():
    x, planted = ol.synthetic_activations(ol.ActivationModel(tokens=256, channels=512, outlier_channels=4,
                                                             outlier_scale=60.0, seed=3))
    return x, ol.synthetic_weights(384, 512, seed=4), planted


def exact(x, w):
    return np.asarray(x, np.float64) @ np.asarray(w, np.float64).T


def test_synthetic_activations_have_the_outliers_asked_for(layer):
    x, _, planted = layer
    assert x.shape == (256, 512) and x.dtype == np.float32 and planted.size == 4
    size = np.abs(x).mean(axis=0)
    ordinary = np.delete(size, planted)
    assert np.all(size[planted] > 20 * np.median(ordinary))
    assert set(np.argsort(size)[-4:]) == set(planted)


def test_ordinary_activations_kept_while_the_outliers_move_give_the_same_activations():
    base = ol.ActivationModel(tokens=64, channels=128, seed=5, mixing=1.5)
    x, state = ol.ordinary_activations(base)
    assert not x.flags.writeable
    for n, size in [(0, 1.0), (3, 40.0), (9, 200.0)]:
        model = ol.ActivationModel(tokens=64, channels=128, seed=5, mixing=1.5, outlier_channels=n, outlier_scale=size)
        got, where = ol.with_outliers(x, state, model)
        want, want_where = ol.synthetic_activations(model)
        assert np.array_equal(got, want) and np.array_equal(where, want_where) and where.size == n


def test_w8a8_with_the_int8_weights_given_is_w8a8(layer):
    x, w, _ = layer
    for granularity in ("per-tensor", "per-token"):
        assert np.array_equal(ol.w8a8_output(x, w, granularity, ol.int8_weights(w)), ol.w8a8_output(x, w, granularity))
    assert np.array_equal(tf.rotated(w), tf.rotate(x, w)[1])


@pytest.mark.parametrize("field, value, message", [
    ("outlier_scale", 0.5, "outlier scale must be from 1 to 1000"), ("outlier_channels", 600, "from 0 to 512"),
    ("tail_df", 0.5, "degrees of freedom"), ("scale", 0.0, "scale of ordinary channels"), ("tokens", 0, "tokens")])
def test_model_parameters_are_checked(field, value, message):
    with pytest.raises(ValueError, match=message):
        ol.ActivationModel(channels=512, **{field: value})


def test_finer_activation_scales_lose_less(layer):
    x, w, _ = layer
    errors = {g: ol.w8a8_error(x, w, g) for g in ol.GRANULARITIES}
    assert errors["per-tensor"] > 5 * errors["per-token"] > 5 * errors["per-channel"]


def test_per_token_scales_by_hand():
    x = np.array([[127.0, -63.5, 1.0], [0.0, 0.5, -0.25]], np.float32)
    # row 1: scale 1, -63.5 rounds to even (-64); row 2: scale 0.5/127, -0.25 is -63.5 steps: -64 steps
    expected = [[127.0, -64.0, 1.0], [0.0, 0.5, float(np.float32(-64 * 0.5 / 127))]]
    assert ol.quantize_activations(x, "per-token").tolist() == expected
    assert ol.quantize_activations(x, "per-tensor")[1].tolist() == [0.0, 0.0, 0.0]   # 0.5 < half a step of 1


def test_llm_int8_splits_the_product_exactly(layer):
    x, w, planted = layer
    d = ol.llm_int8(x, w)
    assert np.array_equal(d.outlier_channels, np.flatnonzero(np.abs(x).max(axis=0) >= 6.0))
    assert set(planted) <= set(d.outlier_channels)
    rest = np.setdiff1d(np.arange(x.shape[1]), d.outlier_channels)
    split = exact(x[:, d.outlier_channels], w[:, d.outlier_channels]) + exact(x[:, rest], w[:, rest])
    assert np.allclose(split, exact(x, w), rtol=0, atol=1e-9 * np.abs(exact(x, w)).max())
    assert np.array_equal(d.y, d.y_int8 + d.y_16bit)
    assert ol.relative_error(exact(x, w), d.y) < 0.1 * ol.w8a8_error(x, w, "per-token")


def test_llm_int8_sums_codes_in_int32():
    x = np.full((2, 300), 1.0, np.float32)          # 300 * 127 * 127 would wrap int16, not int32
    w = np.full((3, 300), 1.0, np.float32)
    d = ol.llm_int8(x, w)
    assert d.outlier_channels.size == 0 and np.allclose(d.y, 300.0)
    all_outliers = ol.llm_int8(x * 10, w)
    assert all_outliers.outlier_channels.size == 300 and np.allclose(all_outliers.y, 3000.0)


@BOUNDED
@given(alpha=st.floats(0, 1), seed=st.integers(0, 1000))
def test_smoothquant_keeps_the_product(alpha, seed):
    x, _ = ol.synthetic_activations(ol.ActivationModel(tokens=32, channels=64, outlier_channels=3, seed=seed))
    w = ol.synthetic_weights(16, 64, seed)
    xs, ws = tf.smooth(x, w, tf.smoothquant_scales(x, w, alpha))
    y = exact(x, w)
    assert np.allclose(xs @ ws.T, y, rtol=0, atol=1e-12 * np.abs(y).max())


def test_smoothquant_migration_strength(layer):
    x, w, _ = layer
    for alpha, flat in ((1.0, "x"), (0.0, "w"), (0.5, "both")):
        xs, ws = tf.smooth(x, w, tf.smoothquant_scales(x, w, alpha))
        x_max, w_max = np.abs(xs).max(axis=0), np.abs(ws).max(axis=0)
        if flat == "x":
            assert np.allclose(x_max, 1.0)
        elif flat == "w":
            assert np.allclose(w_max, 1.0)
        else:
            assert np.allclose(x_max, w_max)
    s = tf.smoothquant_scales(x, w, 0.5)
    j = 7
    assert s[j] == pytest.approx(float(np.abs(x[:, j]).max()) ** 0.5 / float(np.abs(w[:, j]).max()) ** 0.5, rel=1e-12)


def test_smoothquant_lowers_the_per_tensor_w8a8_error(layer):
    x, w, _ = layer
    xs, ws = tf.smooth(x, w, tf.smoothquant_scales(x, w, 0.5))
    assert ol.w8a8_error(xs, ws, "per-tensor") < 0.1 * ol.w8a8_error(x, w, "per-tensor")


def test_smoothquant_with_dead_channels():
    x = np.ones((4, 3), np.float32)
    x[:, 1] = 0
    w = np.ones((2, 3), np.float32)
    w[:, 2] = 0
    assert tf.smoothquant_scales(x, w, 0.5).tolist() == [1.0, 1.0, 1.0]
    with pytest.raises(ValueError, match="alpha .* from 0 to 1"):
        tf.smoothquant_scales(x, w, 1.5)


@pytest.mark.parametrize("n", [1, 2, 8, 12, 96, 1024])
def test_hadamard_transform_is_orthogonal(n):
    h = tf.hadamard_transform(np.eye(n))
    assert np.allclose(h @ h.T, np.eye(n), atol=1e-12)


def test_hadamard_transform_is_sylvesters_matrix():
    h2 = np.array([[1.0, 1.0], [1.0, -1.0]])
    h8 = np.kron(np.kron(h2, h2), h2) / np.sqrt(8)
    assert np.allclose(tf.hadamard_transform(np.eye(8)), h8, atol=1e-15)
    assert np.allclose(tf.hadamard_transform(np.eye(24)), np.kron(np.eye(3), h8), atol=1e-15)


def test_rotation_keeps_the_product_and_spreads_the_outliers(layer):
    x, w, planted = layer
    xr, wr = tf.rotate(x, w, seed=1)
    y = exact(x, w)
    assert np.allclose(xr @ wr.T, y, rtol=0, atol=1e-12 * np.abs(y).max())

    def peak(a):
        return np.abs(a).max() / np.sqrt(np.mean(np.square(a)))

    assert peak(xr) < peak(x) / 3
    assert ol.w8a8_error(xr, wr, "per-tensor") < 0.1 * ol.w8a8_error(x, w, "per-tensor")


def test_mismatched_shapes_and_bad_values_are_refused():
    with pytest.raises(ValueError, match="activations have 4 channels but the weights take 5"):
        tf.rotate(np.ones((2, 4)), np.ones((3, 5)))
    with pytest.raises(ValueError, match="granularity must be one of per-tensor, per-token, per-channel"):
        ol.quantize_activations(np.ones((2, 2)), "per-row")
    with pytest.raises(ValueError, match="the activations cannot store inf"):
        ol.w8a8_error(np.full((2, 2), np.inf), np.ones((2, 2)))
    with pytest.raises(ValueError, match="non-empty matrix"):
        ol.llm_int8(np.ones(3), np.ones((2, 3)))


def test_w8a8_before_and_after(layer):
    x, w, _ = layer
    errors = tf.w8a8_before_and_after(x, w, alpha=0.5)
    assert set(errors) == {"none", "SmoothQuant", "rotation", "LLM.int8"}
    assert errors["none"] == ol.w8a8_error(x, w, "per-tensor")
    assert all(errors[k] < 0.1 * errors["none"] for k in ("SmoothQuant", "rotation", "LLM.int8"))
