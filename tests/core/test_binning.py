import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quantviz.binning import bin_range, histogram
from quantviz.calibrate import calibrate, range_sweep


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, width=64), min_size=1, max_size=20),
       st.integers(1, 300))
def test_histogram_counts_every_value(values, bins):
    x = np.array(values)
    counts, edges = histogram(x, bins)
    assert counts.sum() == x.size and np.all(np.diff(edges) > 0)


@pytest.mark.parametrize("lo, hi", [(0.0, 5e-324), (3.0, 3.0), (-1e-310, 1e-310), (1.0, 1.0 + 2e-16)])
def test_narrow_ranges_are_widened(lo, hi):
    a, b = bin_range(lo, hi, 4096)
    assert a <= lo and b >= hi and np.all(np.diff(np.linspace(a, b, 4097)) > 0)


def test_calibration_on_subnormal_values():
    x = np.array([5e-324, 0.0, 1e-320])
    for method in ("mse", "entropy"):
        lo, hi = calibrate(x, method)
        assert lo <= hi
    assert np.all(np.isfinite(range_sweep(x)["total"]))
