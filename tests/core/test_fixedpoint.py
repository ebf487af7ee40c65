import numpy as np
import pytest

from quantviz.intarith.fixedpoint import (
    INT32_MAX,
    INT32_MIN,
    multiply_by_quantized_multiplier,
    multiply_by_quantized_multiplier_steps,
    q31_bits,
    quantize_multiplier,
    quantize_multipliers,
    rounding_comparison,
    rounding_divide_by_pot,
    saturating_rounding_doubling_high_mul,
)


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


def test_quantize_multipliers_equals_the_scalar_function():
    rng = np.random.default_rng(4)
    m = np.concatenate([10.0 ** rng.uniform(-12, 8, 3000), [0.0, 0.3, 0.125, 1.0, 2.5, 2.0**-40,
                                                             1 - 2.0**-40, 0.5 - 2.0**-60]])
    m0, shift = quantize_multipliers(m)
    assert [(int(a), int(b)) for a, b in zip(m0, shift)] == [quantize_multiplier(v) for v in m]


def test_quantize_multipliers_refuses_what_does_not_fit():
    with pytest.raises(ValueError, match="too large"):
        quantize_multipliers([0.5, 2.0**40])
    with pytest.raises(ValueError, match="finite"):
        quantize_multipliers([np.inf])


def test_q31_bits():
    assert q31_bits(2**30) == "01" + "0" * 30
    assert q31_bits(1288490189) == format(1288490189, "032b")
    assert q31_bits(-1) == "1" * 32
    with pytest.raises(ValueError):
        q31_bits(2**31)


@pytest.mark.parametrize("single", [False, True])
def test_steps_end_in_the_same_result(single):
    rng = np.random.default_rng(5)
    for m in (0.3, 0.0007, 0.9999, 1.7, 12.5, 2.0**-30):
        m0, shift = quantize_multiplier(m)
        for x in [0, 1, -1, 8, -8, 2**20, -(2**20), *rng.integers(-(2**24), 2**24, 50)]:
            steps = multiply_by_quantized_multiplier_steps(int(x), m0, shift, single)
            assert steps["result"] == multiply_by_quantized_multiplier(int(x), m0, shift, single)


def test_steps_of_the_disagreement_example():
    m0, shift = quantize_multiplier(0.3)
    double = multiply_by_quantized_multiplier_steps(1, m0, shift)
    assert (double["shifted"], double["high"], double["right_shift"]) == (1, 1, 1)
    assert (double["mask"], double["remainder"], double["threshold"], double["round_up"]) == (1, 1, 0, 1)
    assert double["product"] == 1288490189 and double["result"] == 1
    single = multiply_by_quantized_multiplier_steps(1, m0, shift, single_rounding=True)
    assert single == {"total_shift": 32, "product": 1288490189, "nudge": 2**31, "result": 0}


def test_rounding_comparison_finds_the_reference_disagreements():
    cmp = rounding_comparison(0.3, np.arange(-20, 21))
    x = np.arange(-20, 21)
    assert cmp["double"][x == 1][0] == 1 and cmp["single"][x == 1][0] == 0
    assert cmp["double"][x == 8][0] == 3 and cmp["single"][x == 8][0] == 2
    assert np.all(np.abs(cmp["double"] - cmp["exact"]) < 1)
    assert np.all(np.abs(cmp["single"] - cmp["exact"]) <= 0.5 + 1e-9)


def test_srdhm_ties_and_near_ties_match_the_definition():
    values = [(a, b) for a in (1, -1, 3, -3, 2**15, -(2**15)) for k in range(-6, 7)
              for b in (k * 2**30 + d for d in (-1, 0, 1)) if INT32_MIN <= b <= INT32_MAX]
    values += [(2**16 + 1, 2**14 + d) for d in range(-3, 4)] + [(-(2**31), v) for v in (1, -1, 2**30)]
    for a, b in values:
        assert saturating_rounding_doubling_high_mul(a, b) == srdhm_by_definition(a, b), (a, b)
