"""Integer kernels: the plain-loop references against the vectorized versions, bit for bit."""
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quantviz.affine import QParams
from quantviz.intarith.intkernels import activation_range, fc_multipliers
from quantviz.nn import zoo
from quantviz.nn.intinfer import forward_int
from quantviz.nn.intlayers import KERNELS, REFERENCE_KERNELS, im2col, rescale
from quantviz.nn.ptq import PTQConfig, QLayer, quantize_model


def act_qp(rng, bits=8):
    qmin, qmax = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    return QParams(float(rng.uniform(0.005, 0.2)), int(rng.integers(qmin, qmax + 1)), qmin, qmax)


def weight_layer(rng, kind, shape, per_channel, activation, single_rounding, asymmetric=False, bits=8):
    """A random integer dense (out, in) or conv (out, in, kh, kw) layer with consistent parameters."""
    inp, out = act_qp(rng, bits), act_qp(rng, bits)
    o = shape[0]
    s_w = rng.uniform(0.001, 0.05, o if per_channel else 1)
    zp_w = rng.integers(-20, 21, s_w.size) if asymmetric else np.zeros(s_w.size, int)
    wqp = QParams(s_w if per_channel else float(s_w[0]), zp_w if per_channel else int(zp_w[0]),
                  -127, 127, 0 if per_channel else None)
    M, M0, shift = fc_multipliers(inp.scale, np.broadcast_to(s_w, (o,)), out.scale)
    act_min, act_max = activation_range(activation, out.scale, out.zero_point, out.qmin, out.qmax)
    return QLayer("layer", kind, "layer", inp, out, weight=rng.integers(-127, 128, shape).astype(np.int8),
                  weight_qp=wqp, bias=rng.integers(-5000, 5000, o).astype(np.int32), M=M, M0=M0,
                  shift=shift, act_min=act_min, act_max=act_max, activation=activation,
                  single_rounding=single_rounding)


def codes(rng, shape, qp):
    return rng.integers(qp.qmin, qp.qmax + 1, shape).astype(np.int8)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), batch=st.integers(1, 4), n=st.integers(1, 40), out=st.integers(1, 12),
       per_channel=st.booleans(), relu=st.booleans(), single=st.booleans(), asymmetric=st.booleans())
def test_dense_loop_and_vectorized_agree(seed, batch, n, out, per_channel, relu, single, asymmetric):
    rng = np.random.default_rng(seed)
    layer = weight_layer(rng, "dense", (out, n), per_channel, "relu" if relu else "none", single, asymmetric)
    q = codes(rng, (batch, n), layer.inp)
    assert np.array_equal(KERNELS["dense"](layer, q), REFERENCE_KERNELS["dense"](layer, q))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), c=st.integers(1, 3), o=st.integers(1, 4), hw=st.integers(2, 6),
       k=st.sampled_from([1, 2, 3]), stride=st.sampled_from([1, 2]), padding=st.integers(0, 1),
       per_channel=st.booleans(), relu=st.booleans(), single=st.booleans(), bits=st.sampled_from([3, 8]))
def test_conv_loop_and_vectorized_agree(seed, c, o, hw, k, stride, padding, per_channel, relu, single, bits):
    rng = np.random.default_rng(seed)
    layer = weight_layer(rng, "conv2d", (o, c, k, k), per_channel, "relu" if relu else "none", single, bits=bits)
    layer.stride, layer.padding = stride, padding
    if hw + 2 * padding < k:
        return
    q = codes(rng, (2, c, hw, hw), layer.inp)
    got = KERNELS["conv2d"](layer, q)
    assert np.array_equal(got, REFERENCE_KERNELS["conv2d"](layer, q))
    assert got.min() >= layer.act_min and got.max() <= layer.act_max


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), kind=st.sampled_from(["maxpool2d", "avgpool2d"]), k=st.sampled_from([1, 2, 3]),
       lo=st.integers(-128, 0), hi=st.integers(0, 127))
def test_pooling_loop_and_vectorized_agree(seed, kind, k, lo, hi):
    rng = np.random.default_rng(seed)
    qp = act_qp(rng)
    layer = QLayer("pool", kind, "pool", qp, qp, act_min=lo, act_max=hi, size=k)
    q = codes(rng, (2, 3, 2 * k, 3 * k), qp)
    got = KERNELS[kind](layer, q)
    assert got.shape == (2, 3, 2, 3)
    assert np.array_equal(got, REFERENCE_KERNELS[kind](layer, q))


def test_average_pooling_rounds_half_away_from_zero():
    qp = QParams(0.1, 0, -128, 127)
    layer = QLayer("pool", "avgpool2d", "pool", qp, qp, size=2)
    q = np.array([[[[1, 1], [0, 0]], [[-1, -1], [0, 0]], [[1, 0], [0, 0]], [[127, 127], [127, 126]]]], np.int8)
    assert KERNELS["avgpool2d"](layer, q).ravel().tolist() == [1, -1, 0, 127]   # 0.5 -> 1, -0.5 -> -1


def test_im2col_pads_with_the_input_zero_point():
    q = np.arange(4, dtype=np.int8).reshape(1, 1, 2, 2)
    cols = im2col(q, 3, 3, 1, 1, pad_value=-7)
    assert cols.shape == (1, 2, 2, 9)
    assert cols[0, 0, 0].tolist() == [-7, -7, -7, -7, 0, 1, -7, 2, 3]


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_whole_models_loop_and_vectorized_agree(name):
    split = zoo.load_digits_split()
    qmodel = quantize_model(zoo.load_model(name), zoo.to_input(split.calib.images), PTQConfig(n_calib=50))
    x = zoo.to_input(split.test.images[:3])
    fast, slow = forward_int(qmodel, x), forward_int(qmodel, x, reference=True)
    assert list(fast) == list(slow) == ["input"] + [layer.name for layer in qmodel.layers]
    for key in fast:
        assert np.array_equal(fast[key], slow[key]), key


@settings(max_examples=200, deadline=None)
@given(acc=st.lists(st.integers(-(2**31), 2**31 - 1), min_size=1, max_size=20),
       m=st.floats(1e-9, 0.999999), single=st.booleans())
def test_rescale_equals_multiply_by_quantized_multiplier(acc, m, single):
    from quantviz.intarith.fixedpoint import multiply_by_quantized_multiplier, quantize_multiplier
    m0, shift = quantize_multiplier(m)
    acc = np.array(acc, np.int64)
    expected = multiply_by_quantized_multiplier(acc, m0, shift, single)
    got = rescale(acc[:, None], np.array([m0]), np.array([shift]), single)[:, 0]
    assert np.array_equal(got, expected)


def test_the_vectorized_kernels_fall_back_when_an_accumulator_could_overflow():
    rng = np.random.default_rng(3)
    layer = weight_layer(rng, "dense", (3, 2000), True, "none", True)   # 2000 * 255 * 127 > 2^24
    assert layer.prepared() is None
    q = codes(rng, (2, 2000), layer.inp)
    assert np.array_equal(KERNELS["dense"](layer, q), REFERENCE_KERNELS["dense"](layer, q))


@settings(max_examples=100, deadline=None)
@given(acc=st.lists(st.integers(-(2**24), 2**24), min_size=1, max_size=10), offset=st.integers(-(2**29), 2**29),
       m=st.floats(1e-9, 0.999999), single=st.booleans(), zp=st.integers(-128, 127))
@example(acc=[2**24, -(2**24)], offset=0, m=1e-9, single=True, zp=8)   # shift -29: z 2^60 would overflow
@example(acc=[3, -3], offset=-1, m=0.5, single=False, zp=-128)
def test_rescale_with_an_offset_and_a_zero_point(acc, offset, m, single, zp):
    from quantviz.intarith.fixedpoint import multiply_by_quantized_multiplier, quantize_multiplier
    m0, shift = quantize_multiplier(m)
    acc = np.array(acc, np.int32)
    expected = multiply_by_quantized_multiplier(acc.astype(np.int64) + offset, m0, shift, single) + zp
    got = rescale(acc[:, None], np.array([m0]), np.array([shift]), single, np.array([offset]), zp)[:, 0]
    assert np.array_equal(got, expected)
