"""GPTQ: equal to round-to-nearest when inputs are uncorrelated, equal to the textbook update
without the Cholesky and lazy-batch shortcuts, better than round-to-nearest on held-out inputs."""
import numpy as np
import pytest

from quantviz.llm import gptq as gptq_module
from quantviz.llm.gptq import gptq, hessian, inverse_cholesky, output_error
from quantviz.llm.registry import FORMATS, integer_format


def correlated_inputs(n: int, features: int, seed: int) -> np.ndarray:
    """Inputs whose features are mixed (as hidden states are): GPTQ has something to use."""
    rng = np.random.default_rng(seed)
    mix = np.eye(features) + 2 * rng.standard_normal((features, features)) / np.sqrt(features)
    return (rng.standard_normal((n, features)) @ mix).astype(np.float32)


@pytest.fixture(scope="module")
def layer():
    return (np.random.default_rng(1).standard_normal((48, 256)) * 0.05).astype(np.float32)


@pytest.mark.parametrize("name", [n for n in FORMATS if n != "NF4 + DQ"])
def test_uncorrelated_inputs_give_round_to_nearest(name, layer):
    """H = I: nothing to compensate, so every column keeps its round-to-nearest value, bit for bit."""
    x = np.sqrt(layer.shape[1] / 2) * np.eye(layer.shape[1])
    fmt = FORMATS[name]
    result = gptq(layer, x, fmt.fitter(layer), fmt.group_size, damp=0.0)
    assert np.array_equal(result.w_hat, fmt.fake_quantize(layer))


def test_double_quantized_nf4_under_gptq_shares_second_level_scales_per_group_of_columns(layer):
    """GPTQ fits one group of columns at a time, so NF4's absmax values are double-quantized across
    the rows of that group rather than across the whole tensor: close to round-to-nearest, not equal."""
    x = np.sqrt(layer.shape[1] / 2) * np.eye(layer.shape[1])
    fmt = FORMATS["NF4 + DQ"]
    w_hat = gptq(layer, x, fmt.fitter(layer), fmt.group_size, damp=0.0).w_hat
    assert np.abs(w_hat - fmt.fake_quantize(layer)).max() < 0.02 * np.abs(layer).max()


def textbook_gptq(w, x, fit, group: int, damp: float = 0.01) -> np.ndarray:
    """Optimal Brain Quantization, left to right: after each column, update the remaining weights
    with the inverse Hessian and remove the column from it (no Cholesky, no lazy batches); a
    group's grid is fitted when its first column is reached."""
    h = hessian(x)
    h[np.diag_indices_from(h)] += damp * np.mean(np.diag(h))
    h_inv = np.linalg.inv(h)
    w = w.astype(np.float64).copy()
    q = np.zeros_like(w)
    for j in range(w.shape[1]):
        if j % group == 0:
            grid = fit(w[:, j:j + group].astype(np.float32))
        q[:, j] = grid.round(w[:, j:j + 1].astype(np.float32), slice(j % group, j % group + 1))[:, 0]
        error = (w[:, j] - q[:, j]) / h_inv[j, j]
        w[:, j:] -= np.outer(error, h_inv[j, j:])
        h_inv -= np.outer(h_inv[:, j], h_inv[j, :]) / h_inv[j, j]
    return q.astype(np.float32)


@pytest.mark.parametrize("name, group", [("INT4 g32", 32), ("Q4_K", 256), ("NVFP4", 16), ("per channel", 256)])
def test_equals_the_textbook_algorithm(name, group, layer):
    x = correlated_inputs(600, layer.shape[1], 4)
    fmt = integer_format(4, 8) if name == "per channel" else FORMATS[name]   # per channel: one group per row
    fit = fmt.fitter(layer)
    result = gptq(layer, x, fit, group)
    assert np.mean(result.w_hat == textbook_gptq(layer, x, fit, group)) > 0.999


def test_lazy_batches_do_not_change_the_result(layer, monkeypatch):
    x = correlated_inputs(600, layer.shape[1], 5)
    fmt = FORMATS["INT4 g32"]
    lazy = gptq(layer, x, fmt.fitter(layer), 32).w_hat
    monkeypatch.setattr(gptq_module, "LAZY_BATCH", 1)              # a batch per group: every update at once
    eager = gptq(layer, x, fmt.fitter(layer), 32).w_hat
    assert np.mean(lazy == eager) > 0.999


@pytest.mark.parametrize("name", list(FORMATS))
def test_gptq_lowers_the_output_error_on_held_out_inputs(name, layer):
    x = correlated_inputs(4096, layer.shape[1], 6)
    calibration, held_out = x[:2048], x[2048:]
    fmt = FORMATS[name]
    w_hat = gptq(layer, calibration, fmt.fitter(layer), fmt.group_size).w_hat
    assert output_error(held_out, layer, w_hat) < 0.85 * output_error(held_out, layer, fmt.fake_quantize(layer))


def test_the_first_columns_step_by_step(layer):
    x = correlated_inputs(600, layer.shape[1], 7)
    fmt = FORMATS["Q4_0"]
    result = gptq(layer, x, fmt.fitter(layer), fmt.group_size, trace_steps=5, trace_shape=(6, 10))
    u, _ = inverse_cholesky(hessian(x), 0.01)
    assert [s.column for s in result.steps] == [0, 1, 2, 3, 4]
    first = result.steps[0]
    assert np.allclose(first.before, layer[:6, :10])
    for step in result.steps:
        j = step.column
        assert np.array_equal(step.after[:, j], step.quantized)                      # the column is now q_j
        assert np.array_equal(step.after[:, :j], step.before[:, :j])                 # earlier ones stay
        assert np.allclose(step.error, (step.before[:, j] - step.quantized) / u[j, j])
        expected = step.before[:, j + 1:] - np.outer(step.error, u[j, j + 1:10])
        assert np.allclose(step.after[:, j + 1:], expected)                          # the compensation
        assert np.array_equal(result.w_hat[:6, j], step.quantized)
    for before, after in zip(result.steps, result.steps[1:]):
        assert np.array_equal(before.after, after.before)


def test_refusals(layer):
    fmt = FORMATS["INT4 g32"]
    fit = fmt.fitter(layer)
    with pytest.raises(ValueError, match="weights .out, in. and inputs .n, in. with the same in"):
        gptq(layer, np.ones((10, 3)), fit, 32)
    bad = np.ones((100, layer.shape[1]))
    bad[5, 5] = np.nan
    with pytest.raises(ValueError, match="GPTQ calibration inputs cannot store nan"):
        gptq(layer, bad, fit, 32)
    with pytest.raises(ValueError, match="groups of 48 columns do not tile rows of 256"):
        gptq(layer, np.ones((10, 256)), fit, 48)
    with pytest.raises(ValueError, match="damping must be from 0 to 1"):
        gptq(layer, np.ones((10, 256)), fit, 32, damp=2.0)
    with pytest.raises(ValueError, match="not positive definite: raise the damping"):
        gptq(layer, np.ones((10, 256)), fit, 32, damp=0.0)


def test_inputs_that_are_always_zero_leave_their_weights_at_zero(layer):
    x = correlated_inputs(600, layer.shape[1], 8)
    x[:, :5] = 0
    fmt = FORMATS["INT4 g32"]
    w_hat = gptq(layer, x, fmt.fitter(layer), 32).w_hat
    assert np.all(w_hat[:, :5] == 0)


def test_progress_is_reported_after_each_batch_of_columns(layer):
    seen = []
    x = correlated_inputs(300, layer.shape[1], 9)
    fmt = FORMATS["INT4 g32"]
    gptq(layer, x, fmt.fitter(layer), fmt.group_size, progress=lambda done, cols: seen.append((done, cols)))
    assert seen == [(128, 256), (256, 256)]
