"""The float32 fast path gives bit-identical codes and the same report as the reference path."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quantviz import choose_qparams, error_report, quantize
from quantviz.affine import codes as reference_codes
from quantviz.metrics import _Totals

SCHEMES = ["exact", "pytorch", "onnxruntime", "tflite"]


def near_ties(qp, rng, n=6000):
    """float32 values at and within a few ulps of every rounding tie, plus random values."""
    k = rng.integers(qp.qmin - qp.zero_point - 3, qp.qmax - qp.zero_point + 3, n)
    ties = ((k + 0.5) * qp.scale).astype(np.float32)
    ulps = rng.integers(-3, 4, n).astype(np.int32)
    nudged = (ties.view(np.int32) + ulps).view(np.float32)
    spread = rng.standard_normal(n).astype(np.float32) * np.float32(qp.scale * 40)
    return np.concatenate([nudged, ties, spread, [np.nan, np.inf, -np.inf, 0.0, -0.0]]).astype(np.float32)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SCHEMES), st.integers(2, 16), st.booleans(), st.booleans(),
       st.floats(1e-4, 1e3), st.floats(-1.0, 1.0), st.integers(0, 2**32 - 1))
def test_fast_codes_equal_reference(scheme, bits, signed, symmetric, width, centre, seed):
    rng = np.random.default_rng(seed)
    qp = choose_qparams(centre * width - width, centre * width + width, bits=bits, signed=signed,
                        symmetric=symmetric, scheme=scheme)
    x = near_ties(qp, rng)
    assert np.array_equal(quantize(x, qp), reference_codes(x, qp).astype(qp.dtype))


@pytest.mark.parametrize("scheme", SCHEMES)
def test_fast_report_equals_reference_report(scheme):
    rng = np.random.default_rng(7)
    x = np.concatenate([rng.laplace(size=50_000), [40.0, -35.0, np.nan]]).astype(np.float32)
    qp = choose_qparams(-3.0, 2.0, bits=5, signed=True, scheme=scheme)
    fast = error_report(x, qp)
    totals = _Totals(qp)
    totals.add(x[np.isfinite(x)], None)
    slow = totals.report(1)
    for key in ("n", "nonfinite", "levels_used", "clipped_fraction"):
        assert fast[key] == slow[key], key
    for key in ("mse", "sqnr_db", "max_abs_error"):
        assert fast[key] == pytest.approx(slow[key], rel=1e-5), key


def test_levels_counted_with_gaps_in_the_tails():
    x = np.concatenate([np.zeros(10_000), [0.5, 0.9, -0.7]]).astype(np.float32)
    qp = choose_qparams(-1.0, 1.0, bits=8)
    assert error_report(x, qp)["levels_used"] == len(np.unique(quantize(x, qp)))
