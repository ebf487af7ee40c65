"""The bundled 8x8 digits (``assets/digits.npz``, see ``assets/digits.md``) and the models' input."""
from __future__ import annotations

import pathlib
from dataclasses import dataclass

import numpy as np

ASSETS = pathlib.Path(__file__).resolve().parents[2] / "assets"
DIGITS = ASSETS / "digits.npz"
PIXEL_MAX = 16  # pixels are counts 0..16


@dataclass(frozen=True)
class Subset:
    images: np.ndarray  # (N, 8, 8) uint8, values 0..16
    labels: np.ndarray  # (N,) uint8, values 0..9


@dataclass(frozen=True)
class DigitsSplit:
    train: Subset   # 1,239 images: what the models learn from
    calib: Subset   # 199 images: activation ranges (post-training quantization)
    test: Subset    # 359 images: the accuracy we report


def load_digits_split(path: pathlib.Path = DIGITS) -> DigitsSplit:
    """The fixed train / calibration / test split of the 1,797 digits."""
    with np.load(path, allow_pickle=False) as npz:
        subsets = {name: Subset(npz[f"{name}_images"], npz[f"{name}_labels"])
                   for name in ("train", "calib", "test")}
    return DigitsSplit(**subsets)


def to_input(images: np.ndarray) -> np.ndarray:
    """Images (N, 8, 8) of pixel counts -> the models' input (N, 1, 8, 8) float32 in [0, 1]."""
    images = np.asarray(images)
    return (images.astype(np.float32) / np.float32(PIXEL_MAX)).reshape(len(images), 1, 8, 8)
