"""The trainer on a tiny configuration: the loss falls, and a seed fixes the result."""
import numpy as np
import pytest

from quantviz.nn import forward
from quantviz.nn.architectures import cnn, mlp
from quantviz.nn.optim import SGD, Adam
from quantviz.nn.train import accuracy, cross_entropy, recipes, train


def test_cross_entropy_value_and_gradient():
    logits = np.array([[2.0, 0.0, -1.0], [0.0, 0.0, 0.0]])
    labels = np.array([0, 2])
    loss, grad = cross_entropy(logits, labels)
    p0 = np.exp(logits[0]) / np.exp(logits[0]).sum()
    assert loss == pytest.approx((-np.log(p0[0]) + np.log(3)) / 2)
    np.testing.assert_allclose(grad[1], np.array([1 / 3, 1 / 3, -2 / 3]) / 2)
    eps = 1e-6
    bumped = logits.copy()
    bumped[0, 1] += eps
    assert (cross_entropy(bumped, labels)[0] - loss) / eps == pytest.approx(grad[0, 1], rel=1e-4)


def _tiny_data(seed=0):
    rng = np.random.default_rng(seed)
    x = rng.random((96, 1, 8, 8)).astype(np.float32)
    labels = (x[:, 0, :4].mean(axis=(1, 2)) > x[:, 0, 4:].mean(axis=(1, 2))).astype(np.int64)
    return x, labels


@pytest.mark.parametrize("optimizer", [lambda: Adam(lr=1e-2), lambda: SGD(lr=0.1, momentum=0.9)],
                         ids=["adam", "sgd"])
def test_loss_decreases_on_a_tiny_mlp(optimizer):
    x, labels = _tiny_data()
    model = mlp("tiny", (64, 16, 2), seed=1)
    history = train(model, x, labels, epochs=30, batch_size=16, optimizer=optimizer(), seed=2)
    assert history[-1] < 0.5 * history[0]
    assert accuracy(model, x, labels) > 0.9


def test_training_is_deterministic_with_a_seed_and_changes_with_another():
    x, labels = _tiny_data()

    def run(seed):
        model = cnn("tiny", (2, 4), seed=seed)
        train(model, x, labels, epochs=2, batch_size=32, optimizer=Adam(lr=1e-2), seed=seed)
        return model

    a, b, c = run(5), run(5), run(6)
    for key, value in a.tensors().items():
        np.testing.assert_array_equal(value, b.tensors()[key])
    assert not np.array_equal(a.tensors()["conv1.weight"], c.tensors()["conv1.weight"])
    assert a.layer("bn1").var.std() > 0  # running statistics were updated
    np.testing.assert_array_equal(forward(a, x), forward(b, x))


def test_every_bundled_recipe_is_complete():
    table = recipes()
    assert {"mlp", "cnn", "mlp_w4", "mlp_w256"} <= table.keys()
    for recipe in table.values():
        assert {"optimizer", "lr", "epochs", "batch_size", "seed", "build"} <= recipe.keys()
