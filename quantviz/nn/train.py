"""A small trainer (cross-entropy, SGD or Adam) and the recipes of the bundled models.

    python -m quantviz.nn.train              # rebuild every model in assets/models/
    python -m quantviz.nn.train mlp cnn      # or only some

Training is deterministic: one seed fixes the initial weights and the order of the batches, and
the command runs its matrix products on one BLAS thread, so a rebuild gives the same files
(on the same numpy build and processor family).
"""
from __future__ import annotations

import argparse
import os
import pathlib
import sys
import time

import numpy as np

from .architectures import cnn, mlp
from .data import ASSETS, load_digits_split, to_input
from .fold import fold_batch_norm
from .grad import backward, forward_train, trainable
from .model import Model, predict, save_model
from .optim import OPTIMIZERS

MODELS_DIR = ASSETS / "models"
WIDTHS = (4, 8, 16, 32, 64, 128, 256)  # hidden widths of the mlp_w<width> family


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    r"""Mean cross-entropy of softmax(logits) and its gradient with respect to the logits:

    .. math:: L = -\frac{1}{N} \sum_n \log \frac{e^{z_{n, y_n}}}{\sum_k e^{z_{n,k}}}, \qquad
              \frac{\partial L}{\partial z_{n,k}} = \frac{1}{N}\left(\mathrm{softmax}(z_n)_k - [k = y_n]\right)
    """
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    n = len(labels)
    loss = -float(log_p[np.arange(n), labels].mean())
    grad = np.exp(log_p)
    grad[np.arange(n), labels] -= 1
    return loss, (grad / n).astype(logits.dtype)


def train_step(model: Model, x: np.ndarray, labels: np.ndarray, optimizer) -> float:
    """One forward and backward pass over a batch and one optimizer step; returns the loss."""
    caches = []
    for layer in model.layers:
        x, cache = forward_train(layer, x)
        caches.append(cache)
    loss, dy = cross_entropy(x, labels)
    params, grads = {}, {}
    for layer, cache in zip(reversed(model.layers), reversed(caches)):
        dy, layer_grads = backward(layer, cache, dy)
        for key, value in trainable(layer).items():
            params[f"{layer.name}.{key}"] = value
            grads[f"{layer.name}.{key}"] = layer_grads[key]
    optimizer.step(params, grads)
    return loss


def train(model: Model, x: np.ndarray, labels: np.ndarray, epochs: int, batch_size: int,
          optimizer, seed: int) -> list[float]:
    """Train in place for ``epochs`` passes over shuffled batches; returns the mean loss of each."""
    rng = np.random.default_rng(seed)
    history = []
    for _ in range(epochs):
        order = rng.permutation(len(x))
        losses = [train_step(model, x[idx], labels[idx], optimizer)
                  for idx in np.array_split(order, max(1, len(x) // batch_size))]
        history.append(float(np.mean(losses)))
    return history


def accuracy(model: Model, x: np.ndarray, labels: np.ndarray) -> float:
    return float((predict(model, x) == labels).mean())


def recipes() -> dict[str, dict]:
    """How each bundled model is built and trained."""
    base = {"optimizer": "adam", "lr": 2e-3, "epochs": 60, "batch_size": 32, "seed": 0}
    out = {"mlp": dict(base, build="mlp", widths=[64, 128, 64, 10]),
           "cnn": dict(base, build="cnn", channels=[8, 16], epochs=40, lr=3e-3)}
    for w in WIDTHS:
        out[f"mlp_w{w}"] = dict(base, build="mlp", widths=[64, w, 10], epochs=150, lr=5e-3)
    return out


def build_and_train(name: str, recipe: dict) -> tuple[Model, dict]:
    """Train the model ``name`` by its recipe on the training split; fold its batch norms."""
    split = load_digits_split()
    seed = recipe["seed"]
    if recipe["build"] == "cnn":
        model = cnn(name, tuple(recipe["channels"]), seed)
    else:
        model = mlp(name, tuple(recipe["widths"]), seed)
    optimizer = OPTIMIZERS[recipe["optimizer"]](lr=recipe["lr"])
    start = time.perf_counter()
    history = train(model, to_input(split.train.images), split.train.labels.astype(np.int64),
                    recipe["epochs"], recipe["batch_size"], optimizer, seed)
    seconds = time.perf_counter() - start
    model = fold_batch_norm(model) if any(layer.kind == "batchnorm" for layer in model.layers) else model
    test_acc = accuracy(model, to_input(split.test.images), split.test.labels)
    model.meta.update(recipe=recipe, final_loss=round(history[-1], 6), test_accuracy=test_acc)
    return model, {"seconds": seconds, "loss": history[-1], "test_accuracy": test_acc}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="models to rebuild (default: all)")
    parser.add_argument("--out", type=pathlib.Path, default=MODELS_DIR)
    args = parser.parse_args(argv)
    table = recipes()
    unknown = set(args.names) - table.keys()
    if unknown:
        sys.exit(f"unknown model(s) {sorted(unknown)}; choose from {list(table)}")
    total = 0.0
    for name in args.names or list(table):
        model, report = build_and_train(name, table[name])
        save_model(model, args.out)
        total += report["seconds"]
        print(f"{name:<10} test accuracy {report['test_accuracy']:.2%}  final loss {report['loss']:.4f}"
              f"  trained in {report['seconds']:.1f} s", flush=True)
    print(f"all trained in {total:.1f} s; files in {args.out}")


def single_threaded_blas() -> None:
    """Re-run this command with one BLAS thread, unless it already has one. Matrix products split
    over several threads may add in another order, so the weights would depend on the machine's
    core count; one thread is also much faster for these small products on a busy machine."""
    names = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    if any(os.environ.get(name) != "1" for name in names):
        env = dict(os.environ, **{name: "1" for name in names})
        os.execve(sys.executable, [sys.executable, "-m", "quantviz.nn.train", *sys.argv[1:]], env)


if __name__ == "__main__":
    single_threaded_blas()
    main()
