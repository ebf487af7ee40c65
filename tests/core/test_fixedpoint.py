import numpy as np
import pytest

from quantviz.fixedpoint import (INT32_MAX, INT32_MIN, multiply_by_quantized_multiplier,
                                 quantize_multiplier, rounding_divide_by_pot,
                                 saturating_rounding_doubling_high_mul)


@pytest.mark.parametrize("m, expected", [(0.3, (1288490189, -1)), (0.125, (2**30, -2)),
                                         (1.0, (2**30, 1)), (2.5, (1342177280, 2)), (0.0, (0, 0)),
                                         (2.0**-40, (0, 0))])
def test_quantize_multiplier(m, expected):
    assert quantize_multiplier(m) == expected


@pytest.mark.parametrize("x, double, single", [(1, 1, 0), (8, 3, 2)])
def test_two_roundings_vs_single(x, double, single):
    m0, shift = quantize_multiplier(0.3)
    assert multiply_by_quantized_multiplier(x, m0, shift) == double
    assert multiply_by_quantized_multiplier(x, m0, shift, single_rounding=True) == single


@pytest.mark.parametrize("x, e, expected", [(-3, 1, -2), (-5, 2, -1), (-6, 2, -2), (3, 1, 2),
                                            (5, 2, 1), (6, 2, 2), (7, 0, 7)])
def test_rounding_divide_by_pot(x, e, expected):
    assert rounding_divide_by_pot(x, e) == expected


def test_srdhm_saturates_the_one_overflow():
    assert saturating_rounding_doubling_high_mul(INT32_MIN, INT32_MIN) == INT32_MAX
    assert saturating_rounding_doubling_high_mul(INT32_MIN, INT32_MAX) == -INT32_MAX


def srdhm_by_definition(a, b):
    """The gemmlowp definition written with Python's unbounded ints."""
    if a == b == INT32_MIN:
        return INT32_MAX
    ab = a * b
    nudge = 2**30 if ab >= 0 else 1 - 2**30
    n = ab + nudge
    return n // 2**31 if n >= 0 else -((-n) // 2**31)


def test_srdhm_matches_definition_on_random_and_edge_values():
    rng = np.random.default_rng(1)
    values = np.concatenate([rng.integers(INT32_MIN, INT32_MAX, 2000, endpoint=True),
                             [INT32_MIN, INT32_MAX, 0, 1, -1, 2**30, -(2**30)]])
    for a, b in zip(values, np.roll(values, 7)):
        assert saturating_rounding_doubling_high_mul(int(a), int(b)) == srdhm_by_definition(int(a), int(b))


def test_vectorized_equals_scalar():
    rng = np.random.default_rng(2)
    x = rng.integers(-(2**20), 2**20, 500)
    m0, shift = quantize_multiplier(0.0123)
    vec = multiply_by_quantized_multiplier(x, m0, shift)
    assert vec.tolist() == [multiply_by_quantized_multiplier(int(v), m0, shift) for v in x]


def test_mbqm_is_close_to_the_real_product():
    rng = np.random.default_rng(3)
    x = rng.integers(-(2**24), 2**24, 1000)
    for m in (0.3, 0.0007, 0.9999, 1.7, 12.5):
        m0, shift = quantize_multiplier(m)
        for single in (False, True):
            got = multiply_by_quantized_multiplier(x, m0, shift, single_rounding=single)
            assert np.all(np.abs(got - x * m) <= 1 + np.abs(x) * m * 2**-30)
