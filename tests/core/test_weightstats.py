"""quantviz.weightstats: statistics, histograms and channel ranges, NaN/inf left out."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from quantviz.weightstats import channel_ranges, finite, histogram, range_usage, tensor_stats


def test_stats_of_a_known_tensor():
    x = np.array([1.0, 2.0, 3.0, 4.0], np.float32)
    s = tensor_stats(x)
    assert (s["min"], s["max"], s["mean"]) == (1.0, 4.0, 2.5)
    assert s["std"] == pytest.approx(np.sqrt(1.25))
    assert s["kurtosis"] == pytest.approx(np.mean((x - 2.5) ** 4) / 1.25 ** 2 - 3)
    assert s["percentiles"][50.0] == 2.5 and s["within_3std"] == 1.0 and s["abs_max"] == 4.0


def test_gaussian_stats():
    x = np.random.default_rng(0).standard_normal(1_000_000)
    s = tensor_stats(x)
    assert abs(s["kurtosis"]) < 0.05 and s["within_3std"] == pytest.approx(0.9973, abs=5e-4)
    assert s["percentiles"][99.0] == pytest.approx(2.326, abs=0.02)
    t = tensor_stats(np.random.default_rng(0).standard_t(3, 100_000))
    assert t["kurtosis"] > 3  # heavy tails


def test_nan_and_inf_are_counted_and_left_out():
    x = np.array([[1.0, np.nan], [np.inf, -np.inf], [3.0, np.nan]])
    values, nan, inf = finite(x)
    assert sorted(values) == [1.0, 3.0] and (nan, inf) == (2, 2)
    s = tensor_stats(x)
    assert (s["count"], s["finite"], s["nan"], s["inf"], s["max"]) == (6, 2, 2, 2, 3.0)
    counts, edges = histogram(x, bins=4)
    assert counts.sum() == 2 and edges[0] == 1.0 and edges[-1] == 3.0
    lo, hi = channel_ranges(x, axis=0)
    np.testing.assert_array_equal(lo, [1.0, np.nan, 3.0])
    assert np.isnan(hi[1])
    assert tensor_stats(np.array([np.nan]))["finite"] == 0


def test_constant_tensor_has_a_histogram_and_zero_kurtosis():
    counts, edges = histogram(np.full(10, 0.5), bins=5)
    assert counts.sum() == 10 and edges[0] < 0.5 < edges[-1]
    assert tensor_stats(np.full(10, 0.5))["kurtosis"] == 0.0


def test_channel_ranges_and_usage():
    w = np.array([[-1.0, 1.0], [-0.1, 0.1], [0.0, 0.5]])
    lo, hi = channel_ranges(w, axis=0)
    np.testing.assert_array_equal(lo, [-1.0, -0.1, 0.0])
    np.testing.assert_allclose(range_usage(lo, hi), [1.0, 0.1, 0.25])
    lo1, hi1 = channel_ranges(w, axis=1)
    np.testing.assert_array_equal(hi1, [0.0, 1.0])


@settings(max_examples=50, deadline=None)
@given(x=hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=4, max_side=6),
                    elements=st.floats(-1e6, 1e6)), bins=st.integers(1, 50))
def test_histogram_counts_every_value_and_channels_bound_the_tensor(x, bins):
    counts, edges = histogram(x, bins)
    assert counts.sum() == x.size and len(edges) == bins + 1
    lo, hi = channel_ranges(x, axis=x.ndim - 1)
    assert lo.min() == x.min() and hi.max() == x.max() and (lo <= hi).all()
    s = tensor_stats(x)
    assert s["min"] <= s["percentiles"][0.1] <= s["percentiles"][99.9] <= s["max"]


@settings(max_examples=50, deadline=None)
@given(x=hnp.arrays(st.sampled_from([np.float32, np.float64]), st.integers(1, 300),
                    elements=st.floats(-1e6, 1e6, width=32)))
def test_percentiles_agree_with_numpy(x):
    got = tensor_stats(x)["percentiles"]
    want = np.percentile(x.astype(np.float64), list(got))
    np.testing.assert_allclose(list(got.values()), want, rtol=1e-12, atol=1e-9)


def test_tiny_values_do_not_underflow_the_kurtosis():
    import warnings
    x = np.array([1e-160, -1e-160, 3e-160, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        k = tensor_stats(x)["kurtosis"]
    assert k == pytest.approx(tensor_stats(x * 1e150)["kurtosis"])
