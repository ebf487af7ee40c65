"""The ``pytorch`` scheme against PyTorch 2.13 itself: observers' scale and zero point,
``quantize_per_tensor``, ``quantize_per_channel`` and dequantization, on random inputs.

Bit widths as PyTorch has them: 8 bits as quint8 / qint8 (reduce_range too), 1 to 8 bits as a
customised range of those types, 16 bits as torch.uint16 / torch.int16 observers (quantized
with qint32, the 32-bit type, and clamped).
"""
import numpy as np
import pytest
import torch
from conformance_check import (
    SCALE,
    agree,
    dyadic_scales,
    f32,
    probe_values,
    qparams_code,
    quantize_snippet,
    random_ranges,
    rng_for,
)
from torch.ao.quantization.observer import MinMaxObserver

from quantviz import QParams, choose_qparams, dequantize, quantize
from quantviz.numbers import int_range

pytestmark = [pytest.mark.filterwarnings("ignore:.*quantized tensor creation functions:UserWarning"),
              pytest.mark.filterwarnings("ignore:.*reduce_range will be deprecated:UserWarning")]
LIBRARY = "PyTorch"
N_RANGES = 1200 * SCALE


def configs():
    """(bits, signed, symmetric, narrow_range, reduce_range) as PyTorch's observers offer them
    (not symmetric unsigned with reduce_range: test_symmetric_quint8_cannot_reduce_range)."""
    out = []
    for signed in (False, True):
        for symmetric in (False, True):
            reduces = (False, True) if signed or not symmetric else (False,)
            out += [(8, signed, symmetric, False, reduce) for reduce in reduces]
            out += [(16, signed, symmetric, False, False)]
            out += [(bits, signed, symmetric, False, False) for bits in range(1, 8)]
            out += [(bits, signed, symmetric, False, True) for bits in (2, 4, 7) if True in reduces]
            if signed:
                out += [(bits, True, symmetric, True, reduce) for bits in (2, 4, 8) for reduce in (False, True)]
    return out


def observer(bits, signed, symmetric, narrow, reduce):
    """PyTorch's MinMaxObserver for these options: the default 8- and 16-bit types, or a customised range."""
    qscheme = torch.per_tensor_symmetric if symmetric else torch.per_tensor_affine
    if bits == 16:
        return MinMaxObserver(dtype=torch.int16 if signed else torch.uint16, qscheme=qscheme)
    dtype = torch.qint8 if signed else torch.quint8
    if bits == 8 and not narrow:
        return MinMaxObserver(dtype=dtype, qscheme=qscheme, reduce_range=reduce)
    qmin, qmax = int_range(bits, signed, narrow)
    return MinMaxObserver(dtype=dtype, qscheme=qscheme, reduce_range=reduce, quant_min=qmin, quant_max=qmax)


def torch_qparams(obs, rmin, rmax):
    """The observer's ``calculate_qparams`` on many ranges at once (it works elementwise)."""
    obs.min_val, obs.max_val = torch.from_numpy(rmin), torch.from_numpy(rmax)
    scale, zp = obs.calculate_qparams()
    return scale.numpy().astype(np.float32), zp.numpy().astype(np.int64)


def qparams_snippet(rmin, rmax, options, scale, zp):
    bits, signed, symmetric, narrow, reduce = options
    return ("from quantviz import choose_qparams\n"
            f"qp = choose_qparams({float(rmin)!r}, {float(rmax)!r}, bits={bits}, signed={signed}, "
            f"symmetric={symmetric}, narrow_range={narrow}, reduce_range={reduce}, scheme='pytorch')\n"
            f"assert (qp.scale, qp.zero_point) == ({float(scale)!r}, {int(zp)})  # {LIBRARY}")


@pytest.mark.parametrize("options", configs(), ids=str)
def test_observer_scale_and_zero_point(options):
    bits, signed, symmetric, narrow, reduce = options
    rmin, rmax = random_ranges(rng_for("torch qparams", options), N_RANGES)
    scale, zp = torch_qparams(observer(*options), rmin, rmax)
    finite = np.isfinite(scale)      # an infinite scale: test_infinite_scale_is_refused
    rmin, rmax, scale, zp = rmin[finite], rmax[finite], scale[finite], zp[finite]
    qp = choose_qparams(rmin, rmax, bits=bits, signed=signed, symmetric=symmetric, narrow_range=narrow,
                        reduce_range=reduce, scheme="pytorch", axis=0)

    def snippet(i):
        return qparams_snippet(rmin[i], rmax[i], options, scale[i], zp[i])
    agree(LIBRARY, np.asarray(qp.scale).astype(np.float32), scale, snippet)
    agree(LIBRARY, np.asarray(qp.zero_point), zp, snippet)


def test_infinite_scale_is_refused():
    """Documented exception: a range wider than float32's largest number overflows PyTorch's
    float32 subtraction to an infinite scale; quantviz refuses it with a message instead."""
    rmin = np.array([-3e38, -2e38], np.float32)
    rmax = np.array([3e38, 2e38], np.float32)
    scale, _ = torch_qparams(observer(8, False, False, False, False), rmin, rmax)
    assert np.all(np.isinf(scale))
    for lo, hi in zip(rmin, rmax):
        with pytest.raises(ValueError, match="scale must be a positive finite number"):
            choose_qparams(float(lo), float(hi), scheme="pytorch")


def test_symmetric_quint8_cannot_reduce_range():
    """Documented exception: PyTorch refuses reduce_range for symmetric quint8; quantviz maps it
    to [0, 127] with the middle code, 63, as zero point (PyTorch's rule for a customised range)."""
    with pytest.raises(NotImplementedError):
        MinMaxObserver(dtype=torch.quint8, qscheme=torch.per_tensor_symmetric, reduce_range=True)
    qp = choose_qparams(-1.0, 1.0, symmetric=True, reduce_range=True, scheme="pytorch")
    assert (qp.qmin, qp.qmax, qp.zero_point) == (0, 127, 63)


def per_tensor_cases(key, n_params):
    """Parameters from random ranges (as the observers choose them) and hand-made ones with
    dyadic scales (exact ties), for every bit width."""
    rng = rng_for("torch quantize", key)
    for options in configs():
        bits, signed, symmetric, narrow, reduce = options
        rmin, rmax = random_ranges(rng, n_params)
        for lo, hi in zip(rmin, rmax):
            try:
                yield choose_qparams(float(lo), float(hi), bits=bits, signed=signed, symmetric=symmetric,
                                     narrow_range=narrow, reduce_range=reduce, scheme="pytorch")
            except ValueError:     # an infinite scale (test_infinite_scale_is_refused)
                continue
        qp = choose_qparams(-1.0, 1.0, bits=bits, signed=signed, narrow_range=narrow, reduce_range=reduce,
                            scheme="pytorch")
        qmin, qmax = qp.qmin, qp.qmax
        for s in dyadic_scales(rng, n_params):
            yield QParams(float(s), int(rng.integers(qmin, qmax + 1)), qmin, qmax, scheme="pytorch")


def torch_quantize_per_tensor(x, qp):
    """``torch.quantize_per_tensor`` to the 8-bit type holding the codes (qint32 above 8 bits),
    clamped to the codes' range (PyTorch clamps to the whole type)."""
    if qp.dtype.itemsize == 1:
        dtype = torch.qint8 if qp.qmin < 0 else torch.quint8
    else:
        dtype = torch.qint32
    q = torch.quantize_per_tensor(torch.from_numpy(x), float(qp.scale), int(qp.zero_point), dtype)
    return np.clip(q.int_repr().numpy().astype(np.int64), qp.qmin, qp.qmax)


def test_quantize_per_tensor():
    rng = rng_for("torch quantize values")
    for qp in per_tensor_cases("per tensor", 6 * SCALE):
        x = probe_values(rng, qp.scale, qp.zero_point, qp.qmin, qp.qmax, 400)
        theirs = torch_quantize_per_tensor(x, qp)
        agree(LIBRARY, quantize(x, qp).astype(np.int64), theirs,
              lambda i: quantize_snippet(x[i], qp, theirs[i], f"{LIBRARY}: quantize_per_tensor"))


def test_quantize_per_tensor_fast_path():
    """Large float32 tensors take quantviz's fast path: the same codes."""
    rng = rng_for("torch fast path")
    for qp in per_tensor_cases("fast path", SCALE):
        x = probe_values(rng, qp.scale, qp.zero_point, qp.qmin, qp.qmax, 2000)
        theirs = torch_quantize_per_tensor(x, qp)
        agree(LIBRARY, quantize(x, qp).astype(np.int64), theirs,
              lambda i: quantize_snippet(x[i], qp, theirs[i], f"{LIBRARY}: quantize_per_tensor"))


@pytest.mark.parametrize("signed", [False, True])
@pytest.mark.parametrize("symmetric", [False, True])
def test_quantize_per_channel(signed, symmetric):
    rng = rng_for("torch per channel", signed, symmetric)
    for trial in range(8 * SCALE):
        channels = int(rng.integers(1, 40))
        rmin, rmax = random_ranges(rng, channels)
        keep = (rmax.astype(np.float64) - rmin) < 1e38        # finite float32 scales
        rmin, rmax = rmin[keep], rmax[keep]
        if trial % 2:                                           # dyadic: exact ties
            rmax = np.abs(rmax) + dyadic_scales(rng, rmax.size) * 255
            rmin = -np.abs(rmin) - dyadic_scales(rng, rmin.size) * 37
        qp = choose_qparams(rmin, rmax, signed=signed, symmetric=symmetric, scheme="pytorch", axis=1)
        x = np.stack([probe_values(rng, s, z, qp.qmin, qp.qmax, 60)
                      for s, z in zip(np.asarray(qp.scale), np.asarray(qp.zero_point))], axis=1)
        theirs = torch.quantize_per_channel(
            torch.from_numpy(x), torch.from_numpy(np.asarray(qp.scale, np.float64)),
            torch.from_numpy(np.asarray(qp.zero_point, np.int64)), 1,
            torch.qint8 if signed else torch.quint8).int_repr().numpy().astype(np.int64)

        def snippet(i):
            row, c = divmod(i, x.shape[1])
            one = QParams(float(qp.scale[c]), int(qp.zero_point[c]), qp.qmin, qp.qmax, scheme="pytorch")
            return ("import numpy as np\nfrom quantviz import QParams, quantize\n"
                    f"one = {qparams_code(one)}  # channel {c} of per-channel parameters\n"
                    f"qp = QParams(np.array([one.scale]), np.array([one.zero_point]), one.qmin, one.qmax, "
                    f"axis=1, scheme='pytorch')\n"
                    f"assert quantize(np.array([[{f32(x[row, c])}]]), qp).tolist() == [[{theirs[row, c]}]]"
                    f"  # {LIBRARY}: quantize_per_channel")
        agree(LIBRARY, quantize(x, qp).astype(np.int64), theirs, snippet)


def test_dequantize():
    rng = rng_for("torch dequantize")
    for qp in per_tensor_cases("dequantize", 2 * SCALE):
        if qp.dtype.itemsize != 1:
            continue
        q = np.arange(qp.qmin, qp.qmax + 1).astype(qp.dtype)
        q = np.concatenate([q, rng.integers(qp.qmin, qp.qmax + 1, 200).astype(qp.dtype)])
        storage = torch.from_numpy(q.astype(np.int8 if qp.qmin < 0 else np.uint8))
        theirs = torch._make_per_tensor_quantized_tensor(storage, float(qp.scale), int(qp.zero_point))
        theirs = theirs.dequantize().numpy()
        agree(LIBRARY, dequantize(q, qp), theirs,
              lambda i: ("import numpy as np\nfrom quantviz import QParams, dequantize\n"
                         f"qp = {qparams_code(qp)}\n"
                         f"assert dequantize(np.array([{int(q[i])}]), qp).tolist() == "
                         f"[{float(theirs[i])!r}]  # {LIBRARY}: dequantize"))


def test_dequantize_per_channel():
    rng = rng_for("torch dequantize per channel")
    for _ in range(20 * SCALE):
        channels = int(rng.integers(1, 30))
        rmin, rmax = -10.0 ** rng.uniform(-5, 5, channels), 10.0 ** rng.uniform(-5, 5, channels)
        qp = choose_qparams(rmin, rmax, signed=True, scheme="pytorch", axis=0)
        q = rng.integers(-128, 128, (channels, 50)).astype(np.int8)
        theirs = torch._make_per_channel_quantized_tensor(
            torch.from_numpy(q), torch.from_numpy(np.asarray(qp.scale, np.float64)),
            torch.from_numpy(np.asarray(qp.zero_point, np.int64)), 0).dequantize().numpy()
        agree(LIBRARY, dequantize(q, qp), theirs,
              lambda i: f"# channel {i // 50}: code {int(q.ravel()[i])} -> {float(theirs.ravel()[i])!r}")


def test_fake_quantize_rounds_before_adding_the_zero_point():
    """Documented exception: ``torch.fake_quantize_per_tensor_affine`` (quantization-aware
    training) computes ``round(x * (1/s)) + z``, while ``quantize_per_tensor`` rounds once
    after adding z. They, and quantviz, agree everywhere except where ``x * (1/s)`` lies within
    float32's resolution (at the size of the code) of a tie."""
    rng = rng_for("torch fake quantize")
    differ = compared = 0
    for s in dyadic_scales(rng, 40):
        zp = int(rng.integers(0, 256))
        qp = QParams(float(s), zp, 0, 255, scheme="pytorch")
        x = probe_values(rng, qp.scale, zp, 0, 255, 500)
        fake = torch.fake_quantize_per_tensor_affine(torch.from_numpy(x), float(s), zp, 0, 255).numpy()
        theirs = np.rint(fake.astype(np.float64) / float(s)).astype(np.int64) + zp
        ours = quantize(x, qp).astype(np.int64)
        with np.errstate(over="ignore", invalid="ignore"):
            steps = np.multiply(x, np.float32(1) / np.float32(s), dtype=np.float32).astype(np.float64)
            resolution = 2.0**-23 * (np.abs(steps) + zp)
            tie = np.abs(steps - np.floor(steps) - 0.5) <= resolution
        assert np.array_equal(ours[~tie], theirs[~tie])
        differ += int((ours != theirs).sum())
        compared += x.size
    assert 0 < differ < compared / 4


def test_infinities_saturate_and_nan_has_no_code():
    """±inf saturate in both. Documented exception: NaN has no code; quantviz stores it as the
    zero point, PyTorch's float-to-int conversion of NaN is undefined in C++ (here
    ``quantize_per_tensor`` gives the highest code of an 8-bit type, ``quantize_per_channel`` 0)."""
    x = np.array([np.inf, -np.inf] * 50, np.float32)
    for signed in (False, True):
        qp = choose_qparams(-1.0, 3.0, signed=signed, scheme="pytorch")
        theirs = torch_quantize_per_tensor(x, qp)
        agree(LIBRARY, quantize(x, qp).astype(np.int64), theirs,
              lambda i: quantize_snippet(x[i], qp, theirs[i], f"{LIBRARY}: quantize_per_tensor"))
        nan = np.full(40, np.nan, np.float32)
        assert set(quantize(nan, qp).tolist()) == {qp.zero_point}
        assert set(torch_quantize_per_tensor(nan, qp).tolist()) == {qp.qmax}
        per_channel = torch.quantize_per_channel(
            torch.from_numpy(nan.reshape(-1, 1)), torch.tensor([qp.scale], dtype=torch.float64),
            torch.tensor([qp.zero_point]), 1, torch.qint8 if signed else torch.quint8)
        assert set(per_channel.int_repr().numpy().ravel().tolist()) == {0}
