"""Layers: forward against plain loops, backward against finite differences, folding, storage."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quantviz.nn import BatchNorm, Conv2D, Dense, Flatten, MaxPool2D, Model, ReLU, forward
from quantviz.nn.fold import fold_batch_norm
from quantviz.nn.grad import backward, forward_train
from quantviz.nn.model import architecture, build_model, load_model_files, save_model


def conv_loop(x, w, b, stride, padding):
    """The convolution formula, one output value at a time."""
    n, c, h, wd = x.shape
    o, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    oh, ow = (h + 2 * padding - kh) // stride + 1, (wd + 2 * padding - kw) // stride + 1
    y = np.zeros((n, o, oh, ow))
    for i in range(oh):
        for j in range(ow):
            patch = xp[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
            y[:, :, i, j] = np.einsum("ncuv,ocuv->no", patch, w) + b
    return y


@pytest.mark.parametrize("stride,padding,size", [(1, 0, 5), (1, 1, 8), (2, 1, 7), (2, 0, 6)])
def test_conv_matches_the_formula(stride, padding, size):
    rng = np.random.default_rng(stride * 10 + padding)
    x = rng.standard_normal((2, 3, size, size)).astype(np.float32)
    layer = Conv2D("c", rng.standard_normal((4, 3, 3, 3)), rng.standard_normal(4), stride, padding)
    y = layer.forward(x)
    assert y.dtype == np.float32
    np.testing.assert_allclose(y, conv_loop(x, layer.weight, layer.bias, stride, padding), atol=1e-5)


def test_dense_relu_pool_flatten():
    x = np.array([[1.0, -2.0, 3.0]], np.float32)
    layer = Dense("d", [[1, 0, 0], [0, 1, 1]], [0.5, -1])
    np.testing.assert_array_equal(layer.forward(x), [[1.5, 0.0]])
    np.testing.assert_array_equal(ReLU("r").forward(x), [[1, 0, 3]])
    img = np.arange(16, dtype=np.float32).reshape(1, 1, 4, 4)
    np.testing.assert_array_equal(MaxPool2D("p", 2).forward(img), [[[[5, 7], [13, 15]]]])
    assert Flatten("f").forward(np.zeros((3, 2, 4, 4))).shape == (3, 32)
    with pytest.raises(ValueError, match="divide"):
        MaxPool2D("p", 3).forward(img)


def test_bad_shapes_say_what_is_wrong():
    with pytest.raises(ValueError, match=r"\(out, in\)"):
        Dense("d", np.zeros((2, 3, 1)), np.zeros(2))
    with pytest.raises(ValueError, match=r"\(out, in, kh, kw\)"):
        Conv2D("c", np.zeros((2, 3)), np.zeros(2))
    with pytest.raises(ValueError, match="unique"):
        Model("m", [ReLU("a"), ReLU("a")])


def _gradient_check(layer, x, rng, eps=1e-6):
    """Analytic gradients (float64) against central differences of sum(y * r)."""
    r = rng.standard_normal(forward_train(layer, x)[0].shape)
    y, cache = forward_train(layer, x)
    dx, grads = backward(layer, cache, r)

    def f():
        return float((forward_train(layer, x)[0] * r).sum())

    for array, analytic in [(x, dx)] + [(getattr(layer, k), g) for k, g in grads.items()]:
        for _ in range(6):
            i = tuple(int(rng.integers(0, s)) for s in array.shape)
            old = array[i]
            array[i] = old + eps
            fp = f()
            array[i] = old - eps
            fm = f()
            array[i] = old
            assert (fp - fm) / (2 * eps) == pytest.approx(analytic[i], rel=1e-5, abs=1e-6)


def _float64(layer):
    for key, value in layer.params().items():
        setattr(layer, key, value.astype(np.float64))
    return layer


@pytest.mark.parametrize("make,shape", [
    (lambda r: Dense("d", r.standard_normal((4, 5)), r.standard_normal(4)), (3, 5)),
    (lambda r: Conv2D("c", r.standard_normal((3, 2, 3, 3)), r.standard_normal(3), 2, 1), (2, 2, 7, 7)),
    (lambda r: Conv2D("c", r.standard_normal((2, 2, 3, 3)), r.standard_normal(2), 1, 1), (2, 2, 4, 4)),
    (lambda r: BatchNorm("b", r.standard_normal(3), r.standard_normal(3), np.zeros(3), np.ones(3)),
     (4, 3, 2, 2)),
    (lambda r: BatchNorm("b", r.standard_normal(3), r.standard_normal(3), np.zeros(3), np.ones(3)), (5, 3)),
    (lambda r: MaxPool2D("p", 2), (2, 3, 4, 4)),
    (lambda r: ReLU("r"), (3, 4)),
    (lambda r: Flatten("f"), (2, 3, 2, 2)),
], ids=["dense", "conv-stride2", "conv", "bn-conv", "bn-dense", "maxpool", "relu", "flatten"])
def test_backward_matches_finite_differences(make, shape):
    rng = np.random.default_rng(7)
    layer = _float64(make(rng))
    _gradient_check(layer, rng.standard_normal(shape), rng)


def _bn(rng, c):
    return BatchNorm("bn", rng.uniform(0.2, 3, c), rng.standard_normal(c), rng.standard_normal(c),
                     rng.uniform(0.05, 4, c))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), stride=st.sampled_from([1, 2]), padding=st.sampled_from([0, 1]))
def test_folded_conv_batch_norm_agrees_with_unfolded(seed, stride, padding):
    rng = np.random.default_rng(seed)
    model = Model("m", [Conv2D("conv", rng.standard_normal((4, 3, 3, 3)) * 0.3, rng.standard_normal(4),
                               stride, padding), _bn(rng, 4), ReLU("relu")])
    x = rng.standard_normal((3, 3, 6, 6)).astype(np.float32)
    folded = fold_batch_norm(model)
    assert [layer.kind for layer in folded.layers] == ["conv2d", "relu"]
    np.testing.assert_allclose(forward(folded, x), forward(model, x), atol=1e-5, rtol=1e-5)


def test_folded_dense_batch_norm_agrees_and_misplaced_batch_norm_is_refused():
    rng = np.random.default_rng(3)
    model = Model("m", [Dense("dense", rng.standard_normal((5, 4)), rng.standard_normal(5)), _bn(rng, 5)])
    x = rng.standard_normal((7, 4)).astype(np.float32)
    np.testing.assert_allclose(forward(fold_batch_norm(model), x), forward(model, x), atol=1e-5, rtol=1e-5)
    with pytest.raises(ValueError, match="must follow a dense or conv"):
        fold_batch_norm(Model("m", [ReLU("r"), _bn(rng, 5)]))


def test_folding_makes_channel_ranges_differ_by_their_batch_norm_scale():
    w = np.ones((3, 1, 2, 2), np.float32)
    bn = BatchNorm("bn", [1.0, 2.0, 4.0], [0, 0, 0], [0, 0, 0], [1.0, 1.0, 1.0], eps=0.0)
    folded = fold_batch_norm(Model("m", [Conv2D("c", w, np.zeros(3)), bn]))
    np.testing.assert_allclose(folded.layers[0].weight.reshape(3, -1).max(axis=1), [1, 2, 4])


def test_forward_returns_every_activation():
    rng = np.random.default_rng(0)
    model = Model("m", [Flatten("flatten"), Dense("dense1", rng.standard_normal((3, 4)), np.zeros(3)),
                        ReLU("relu1")])
    y, acts = forward(model, rng.standard_normal((2, 1, 2, 2)).astype(np.float32), activations=True)
    assert list(acts) == ["flatten", "dense1", "relu1"]
    assert acts["dense1"].shape == (2, 3) and np.array_equal(acts["relu1"], y)
    assert (y >= 0).all()


def test_save_and_load_round_trip_without_pickle(tmp_path):
    rng = np.random.default_rng(1)
    model = Model("tiny", [Conv2D("conv1", rng.standard_normal((2, 1, 3, 3)), np.ones(2), 1, 1),
                           ReLU("relu1"), MaxPool2D("pool1", 2), Flatten("flatten"),
                           Dense("dense1", rng.standard_normal((3, 8)), np.zeros(3))],
                  input={"shape": [1, 4, 4]}, meta={"note": "x"})
    json_path, npz_path = save_model(model, tmp_path)
    first = npz_path.read_bytes()
    save_model(model, tmp_path)
    assert npz_path.read_bytes() == first  # same arrays, same bytes
    with np.load(npz_path, allow_pickle=False) as npz:
        assert sorted(npz.files) == ["conv1.bias", "conv1.weight", "dense1.bias", "dense1.weight"]
    loaded = load_model_files(json_path)
    assert architecture(loaded) == architecture(model)
    x = rng.standard_normal((2, 1, 4, 4)).astype(np.float32)
    np.testing.assert_array_equal(forward(loaded, x), forward(model, x))
    with pytest.raises(ValueError, match="format"):
        build_model(dict(architecture(model), format=99), model.tensors())
