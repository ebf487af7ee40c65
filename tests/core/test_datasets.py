"""Synthetic tensors and the source registry."""
import numpy as np
import pytest

from quantviz import datasets


@pytest.mark.parametrize("kind", list(datasets.SYNTHETIC))
def test_each_kind_is_float32_seeded_and_finite(kind):
    x = datasets.synthetic(kind, 5000, seed=3)
    assert x.dtype == np.float32 and x.shape == (5000,)
    assert np.isfinite(x).all()
    assert np.array_equal(x, datasets.synthetic(kind, 5000, seed=3))
    assert not np.array_equal(x, datasets.synthetic(kind, 5000, seed=4))


def test_shapes_of_the_distributions():
    n = 200_000
    assert datasets.synthetic("article", n).min() == -1.0 and datasets.synthetic("article", n).max() == 1.0
    uniform = datasets.synthetic("uniform", n)
    assert uniform.min() >= -0.5 and uniform.max() <= 1.5
    normal = datasets.synthetic("normal", n)
    assert abs(normal.std() - 1) < 0.01 and np.abs(normal).max() < 6
    laplace = datasets.synthetic("laplace", n)
    assert abs(laplace.std() - 1) < 0.02 and np.abs(laplace).max() > np.abs(normal).max()
    outliers = datasets.synthetic("outliers", n)
    big = np.abs(outliers) >= 8
    assert 0 < big.sum() <= n * datasets.OUTLIER_FRACTION + 1
    bimodal = datasets.synthetic("bimodal", n)
    assert np.mean(np.abs(bimodal) < 0.5) < 0.01 and abs(np.mean(bimodal > 0) - 0.5) < 0.01


def test_article_case_with_one_or_two_values():
    assert datasets.synthetic("article", 1).tolist() == [-1.0]
    assert datasets.synthetic("article", 2).tolist() == [-1.0, 1.0]


def test_nonfinite_values_are_injected():
    x = datasets.with_nonfinite(datasets.synthetic("normal", 10_000), seed=1)
    assert np.isnan(x).sum() >= 1 and (x == np.inf).sum() >= 1 and (x == -np.inf).sum() >= 1
    assert (~np.isfinite(x)).sum() == 10
    tiny = datasets.with_nonfinite(np.zeros(2, np.float32))
    assert (~np.isfinite(tiny)).all()


@pytest.mark.parametrize("n", [0, -5, 1_000_001, 2.5, True, "many"])
def test_bad_sizes_are_refused(n):
    with pytest.raises((ValueError, TypeError)):
        datasets.synthetic("normal", n)


def test_unknown_source_says_what_exists():
    with pytest.raises(ValueError, match="normal"):
        datasets.load("cauchy")
    with pytest.raises(ValueError, match="unknown distribution"):
        datasets.synthetic("cauchy", 10)


def test_a_family_of_fixed_tensors_is_one_registration():
    tensors = {"mlp/fc1.weight": np.arange(6, dtype=np.float64).reshape(2, 3)}
    datasets.register_family("testlayer", lambda: list(tensors), tensors.__getitem__)
    try:
        assert "testlayer:mlp/fc1.weight" in datasets.sources()
        assert not datasets.is_sized("testlayer:mlp/fc1.weight")
        x = datasets.load("testlayer:mlp/fc1.weight", n=10, seed=5)
        assert x.dtype == np.float32 and x.tolist() == [0, 1, 2, 3, 4, 5]
        with pytest.raises(ValueError):
            datasets.load("testlayer:")
    finally:
        datasets._FAMILIES.pop("testlayer")
    with pytest.raises(ValueError):
        datasets.register_family("a:b", list, str)


def test_sources_lists_synthetic_first():
    assert datasets.sources()[: len(datasets.SYNTHETIC)] == list(datasets.SYNTHETIC)
    assert all(datasets.is_sized(code) for code in datasets.SYNTHETIC)
