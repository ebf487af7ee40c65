"""Random networks of the layers the int8 network has, for the LiteRT conformance tests."""
import numpy as np

from quantviz.nn.layers import Conv2D, Dense, Flatten, MaxPool2D, ReLU
from quantviz.nn.model import Model


def random_network(rng: np.random.Generator, index: int) -> Model:
    """A random CNN or MLP of the layers the int8 network has: conv (1x1 to 5x5, SAME or VALID,
    stride 1 or 2), ReLU (fused or alone), max pooling, flatten, dense."""
    c, h, w = int(rng.integers(1, 4)), 2 * int(rng.integers(2, 6)), 2 * int(rng.integers(2, 6)) - (index % 4 == 3)
    layers, shape = [], (c, h, w)

    def weights(*shape_):
        return rng.standard_normal(shape_).astype(np.float32) * np.float32(10.0 ** rng.uniform(-2, 0.5))
    if index % 3:                                          # a CNN
        for i in range(int(rng.integers(1, 3))):
            k = int(rng.choice([1, 3, 5]))
            same = rng.random() < 0.6 and k <= min(shape[1:])
            stride = 1 if same or rng.random() < 0.6 else 2
            if not same and k > min(shape[1:]):
                k = 1
            out = int(rng.integers(1, 9))
            layers.append(Conv2D(f"conv{i}", weights(out, shape[0], k, k), weights(out), stride=stride,
                                 padding=k // 2 if same else 0))
            oh = (shape[1] + 2 * (k // 2 if same else 0) - k) // stride + 1
            ow = (shape[2] + 2 * (k // 2 if same else 0) - k) // stride + 1
            shape = (out, oh, ow)
            if rng.random() < 0.7:
                layers.append(ReLU(f"relu{i}"))
            if shape[1] % 2 == 0 and shape[2] % 2 == 0 and shape[1] >= 2 and rng.random() < 0.7:
                layers.append(MaxPool2D(f"pool{i}", 2))
                shape = (shape[0], shape[1] // 2, shape[2] // 2)
                if rng.random() < 0.5:                       # a ReLU that cannot be fused
                    layers.append(ReLU(f"relu_after_pool{i}"))
    layers.append(Flatten("flatten"))
    n = int(np.prod(shape))
    for i in range(int(rng.integers(1, 3))):
        out = int(rng.integers(2, 40))
        layers.append(Dense(f"dense{i}", weights(out, n), weights(out)))
        n = out
        if rng.random() < 0.5:
            layers.append(ReLU(f"dense_relu{i}"))
    return Model(f"random{index}", layers, {"shape": [c, h, w]})


def network_inputs(rng, shape, n):
    """Inputs in about [-1, 2], with many exact ties of the input grid once quantized."""
    x = rng.uniform(-1.0, 2.0, (n, *shape)).astype(np.float32)
    x[: n // 3] = np.round(x[: n // 3] * 64) / 64          # short fractions: ties of dyadic scales
    return x
