"""Per-code runs on sorted values agree with the direct computation, ties and clamps included."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quantviz import choose_qparams, error_report, fake_quantize, quantize
from quantviz.affine import QParams
from quantviz.datasets import synthetic
from quantviz.levels import cancellation_estimate, clipped_counts, code_stats, error_histogram, report, sort_values
from quantviz.schemes import SCHEMES

params = st.fixed_dictionaries({
    "bits": st.integers(1, 16), "signed": st.booleans(), "symmetric": st.booleans(),
    "scheme": st.sampled_from(SCHEMES), "lo": st.floats(-5, 0.5), "width": st.floats(0.0, 8.0),
})


def _data(seed, n, ties, qp):
    rng = np.random.default_rng(seed)
    x = (rng.standard_normal(n) * 2).astype(np.float32)
    if ties:  # values exactly on step edges (k + 1/2) * s, and repeated values
        k = rng.integers(qp.qmin - 3, qp.qmax + 3, size=n // 4)
        x[: k.size] = ((k - qp.zero_point + 0.5) * qp.scale).astype(np.float32)
        x[-20:] = x[-1]
    return x


def _qparams(p):
    try:
        return choose_qparams(p["lo"], p["lo"] + p["width"], bits=p["bits"], signed=p["signed"],
                              symmetric=p["symmetric"], scheme=p["scheme"])
    except ValueError:  # e.g. 1 bit where a scheme forces narrow range
        return choose_qparams(p["lo"], p["lo"] + p["width"], bits=max(p["bits"], 2), signed=p["signed"],
                              symmetric=p["symmetric"], scheme=p["scheme"])


@settings(max_examples=80, deadline=None)
@given(p=params, seed=st.integers(0, 2**16), n=st.integers(1, 3000), ties=st.booleans())
def test_runs_match_direct_quantization(p, seed, n, ties):
    qp = _qparams(p)
    x = _data(seed, n, ties, qp)
    sv = sort_values(x)
    stats = code_stats(sv, qp)
    q = quantize(x, qp).astype(np.int64) - qp.qmin
    assert np.array_equal(stats.count, np.bincount(q, minlength=qp.levels))
    distinct = np.zeros(qp.levels, np.int64)
    for code in np.unique(q):
        distinct[code] = np.unique(x[q == code]).size
    assert np.array_equal(stats.distinct, distinct)
    direct = error_report(x, qp)
    fast = report(sv, qp, stats)
    for key in ("levels_used", "n", "nonfinite"):
        assert fast[key] == direct[key]
    assert fast["clipped_fraction"] == pytest.approx(direct["clipped_fraction"], abs=1e-12)
    assert fast["max_abs_error"] == pytest.approx(direct["max_abs_error"], rel=1e-12, abs=1e-30)
    error = fake_quantize(x, qp).astype(np.float64) - x.astype(np.float64)
    assert fast["mse"] == pytest.approx(np.mean(error**2), rel=1e-6, abs=1e-300)
    assert fast["mse"] == pytest.approx(direct["mse"], rel=1e-4, abs=1e-300)


@pytest.mark.parametrize("kind", ["article", "normal", "outliers"])
@pytest.mark.parametrize("bits", [2, 8, 10, 12, 16])
@pytest.mark.parametrize("scheme", ["exact", "pytorch"])
def test_report_is_right_to_six_digits_on_a_large_tensor(kind, bits, scheme):
    x = synthetic(kind, 200_000, seed=1)
    qp = choose_qparams(-2.5, 2.0, bits=bits, scheme=scheme)
    fast, direct = report(sort_values(x), qp), error_report(x, qp)
    error = fake_quantize(x, qp).astype(np.float64) - x.astype(np.float64)   # float64 reference
    x64 = x.astype(np.float64)
    assert fast["mse"] == pytest.approx(np.mean(error**2), rel=1e-6)
    assert fast["sqnr_db"] == pytest.approx(10 * np.log10(np.dot(x64, x64) / np.dot(error, error)), abs=1e-5)
    assert fast["mse"] == pytest.approx(direct["mse"], rel=1e-4)  # error_report may sum in float32
    assert fast["levels_used"] == direct["levels_used"]
    assert fast["max_abs_error"] == pytest.approx(np.abs(error).max(), rel=1e-12)


def test_the_estimate_sends_ill_conditioned_cases_to_the_direct_sum():
    sv = sort_values(synthetic("article", 100_000))
    assert cancellation_estimate(sv, code_stats(sv, choose_qparams(-1, 1, bits=4))) < 1e-6
    assert cancellation_estimate(sv, code_stats(sv, choose_qparams(-1, 1, bits=16))) > 1e-6


def test_exact_reconstruction_has_infinite_sqnr():
    qp = choose_qparams(-1.0, 1.0, bits=8)
    x = (np.arange(qp.qmin, qp.qmax + 1) - qp.zero_point) * qp.scale
    rep = report(sort_values(x.astype(np.float32)), qp)
    assert rep["mse"] == 0 and rep["sqnr_db"] == float("inf")
    assert rep["levels_used"] == 256


def test_clipped_counts_split_below_and_above():
    qp = choose_qparams(-1.0, 1.0, bits=8)
    x = np.array([-5, -1.01, -1.0, 0.0, 1.0, 1.003, 1.01, 7], np.float32)
    below, above = clipped_counts(sort_values(x), qp)
    # zero point 128 (127.5 rounded to even): the grid is [-1.0039, 0.9961], so 1.0 itself is
    # clamped (1.0 / s + 128 = 255.5 rounds to 256), while -1.0 lands exactly on code 0.
    assert (below, above) == (2, 4)
    assert (below + above) / x.size == error_report(x, qp)["clipped_fraction"]


def test_nonfinite_and_empty_inputs():
    x = np.array([np.nan, np.inf, -np.inf, 0.5], np.float32)
    sv = sort_values(x)
    assert sv.n == 1 and sv.nonfinite == 3
    rep = report(sv, choose_qparams(-1, 1))
    assert rep["n"] == 1 and rep["nonfinite"] == 3
    empty = sort_values(np.array([np.nan], np.float32))
    stats = code_stats(empty, choose_qparams(-1, 1, bits=2))
    assert stats.count.sum() == 0 and report(empty, choose_qparams(-1, 1))["mse"] == 0


@pytest.mark.parametrize("bits", [3, 8])
def test_error_histogram_matches_np_histogram(bits):
    x = synthetic("laplace", 50_000, seed=2)
    qp = choose_qparams(-2.0, 2.0, bits=bits, scheme="tflite")
    sv = sort_values(x)
    error = fake_quantize(x, qp).astype(np.float64) - x.astype(np.float64)
    edges = np.linspace(-np.abs(error).max() * 1.001, np.abs(error).max() * 1.001, 41)
    fast = error_histogram(sv, qp, edges)
    direct = np.histogram(error, bins=edges)[0]
    assert fast.sum() == direct.sum() == x.size
    assert np.abs(fast - direct).sum() <= 2  # at most a value on a bin edge rounds the other way


def test_per_channel_parameters_are_refused():
    qp = QParams(np.array([0.1, 0.2]), np.array([0, 0]), -128, 127, axis=0)
    with pytest.raises(ValueError, match="per-tensor"):
        code_stats(sort_values(np.zeros(4, np.float32)), qp)


def test_codes_beyond_float32_do_not_spoil_the_report():
    """A scale so large that most codes stand for ±inf in float32: the values all land on the
    zero point's code, so the error is the values themselves, not NaN."""
    x = synthetic("normal", 5000, seed=1)
    qp = QParams(scale=3.4e38, zero_point=0, qmin=0, qmax=255)
    with np.errstate(all="raise"):
        rep = report(sort_values(x), qp)
    stored = fake_quantize(x, qp)
    expected = float(np.mean((stored.astype(np.float64) - x) ** 2))
    assert np.isfinite(rep["mse"]) and rep["mse"] == pytest.approx(expected, rel=1e-9)
    assert np.isinf(fake_quantize(np.array([1e40]), qp)[0])   # the largest code is inf in float32
