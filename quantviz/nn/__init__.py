"""Float32 neural networks in numpy: layers as plain data, a forward loop, a small trainer.

    from quantviz.nn import zoo
    model = zoo.load_model("cnn")                       # a Model: ordered, named layers
    logits, acts = forward(model, to_input(images), activations=True)

See ``layers.py`` for the array layouts. No pickle anywhere: models are JSON + npz.
"""
from .data import DigitsSplit, Subset, load_digits_split, to_input
from .fold import fold_batch_norm
from .layers import KINDS, BatchNorm, Conv2D, Dense, Flatten, MaxPool2D, ReLU
from .model import Model, forward, predict

__all__ = ["Model", "forward", "predict", "fold_batch_norm", "load_digits_split", "to_input",
           "DigitsSplit", "Subset", "KINDS", "Dense", "Conv2D", "BatchNorm", "ReLU", "MaxPool2D",
           "Flatten"]
