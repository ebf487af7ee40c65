import numpy as np
import pytest

from quantviz import calibrate, choose_qparams, error_report, fake_quantize, quantize, range_sweep
from quantviz.calibrate import entropy_threshold


@pytest.fixture(scope="module")
def laplace():
    return np.random.default_rng(0).laplace(size=200_000).astype(np.float32)


def test_minmax_is_the_extremes(laplace):
    assert calibrate(laplace, "minmax") == (float(laplace.min()), float(laplace.max()))


def test_percentile_clips_the_tails(laplace):
    lo, hi = calibrate(laplace, "percentile", p=99.0)
    assert lo == pytest.approx(np.percentile(laplace, 1.0))
    assert hi == pytest.approx(np.percentile(laplace, 99.0))
    lo, hi = calibrate(laplace, "percentile", p=99.0, symmetric=True)
    assert hi == -lo == pytest.approx(np.percentile(np.abs(laplace), 99.0))


def test_mse_beats_minmax_on_heavy_tails(laplace):
    mse_range = calibrate(laplace, "mse", bits=4, signed=True)
    minmax_range = calibrate(laplace, "minmax")
    err = {name: error_report(laplace, choose_qparams(*r, bits=4, signed=True))["mse"]
           for name, r in [("mse", mse_range), ("minmax", minmax_range)]}
    assert err["mse"] < 0.5 * err["minmax"]


def test_sweep_matches_measured_error(laplace):
    sweep = range_sweep(laplace, bits=4, signed=True, num=20)
    for i in (3, 10, 19):
        qp = choose_qparams(sweep["rmin"][i], sweep["rmax"][i], bits=4, signed=True)
        measured = error_report(laplace, qp)["mse"]
        assert sweep["total"][i] == pytest.approx(measured, rel=0.03)
    assert np.all(np.diff(sweep["clipping"]) <= 1e-12)  # clipping error falls as the range grows
    assert sweep["rounding"][-1] > sweep["rounding"][0]  # and rounding error rises


def test_entropy_clips_outliers():
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.standard_normal(100_000), [60.0, -55.0]]).astype(np.float32)
    amax = entropy_threshold(x)
    assert 2.0 < amax < 20.0
    lo, hi = calibrate(x, "entropy", signed=True, symmetric=True)
    assert hi == -lo == pytest.approx(amax)


def test_calibrate_excludes_nonfinite():
    x = np.array([np.nan, -2.0, 3.0, np.inf, -np.inf], dtype=np.float32)
    assert calibrate(x) == (-2.0, 3.0)
    with pytest.raises(ValueError, match="no finite values"):
        calibrate([np.nan, np.inf])


def test_calibrate_constant_tensor():
    assert calibrate(np.full(100, 0.7), "mse") == (0.7, 0.7)


def test_error_report_fields():
    x = np.array([-1.0, -0.5, 0.0, 0.5, 1.0, 3.0, np.nan], dtype=np.float32)
    qp = choose_qparams(-1.0, 1.0)
    report = error_report(x, qp)
    finite = x[np.isfinite(x)]
    err = fake_quantize(finite, qp).astype(np.float64) - finite
    assert report["n"] == 6 and report["nonfinite"] == 1
    assert report["mse"] == pytest.approx(np.mean(err**2))
    assert report["max_abs_error"] == pytest.approx(np.max(np.abs(err)))
    # zero point 128 puts the top level at 127 * 2/255 < 1.0: 1.0 and 3.0 both hit the clamp
    assert report["clipped_fraction"] == pytest.approx(2 / 6)
    assert report["levels_used"] == len(np.unique(quantize(finite, qp)))
    assert report["sqnr_db"] == pytest.approx(10 * np.log10(np.sum(finite.astype(float)**2) / np.sum(err**2)))


def test_error_report_exact_is_infinite_sqnr():
    report = error_report(np.zeros(5, np.float32), choose_qparams(0, 0))
    assert report["sqnr_db"] == float("inf") and report["mse"] == 0 and report["levels_used"] == 1


def test_error_report_large_matches_direct_computation():
    x = np.random.default_rng(5).standard_normal(250_000).astype(np.float32)
    qp = choose_qparams(-2.0, 2.5, bits=6)
    report = error_report(x, qp)
    err = fake_quantize(x, qp).astype(np.float64) - x
    assert report["mse"] == pytest.approx(np.mean(err**2), rel=1e-5)  # float32 sums
    assert report["levels_used"] == 64
    half = qp.scale / 2
    assert report["clipped_fraction"] == pytest.approx(np.mean((x < qp.rmin - half) | (x > qp.rmax + half)), abs=1e-5)


def test_error_report_per_channel():
    w = np.random.default_rng(6).standard_normal((4, 50)).astype(np.float32)
    w[1, 3] = np.nan
    qp = choose_qparams(np.nanmin(w, axis=1), np.nanmax(w, axis=1), signed=True, axis=0)
    report = error_report(w, qp)
    assert report["n"] == 199 and report["nonfinite"] == 1 and report["clipped_fraction"] == 0
