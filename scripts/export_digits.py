"""Export the 8x8 handwritten digits into assets/digits.npz with a fixed, stratified split.

    python scripts/export_digits.py        # needs scikit-learn (requirements-dev.txt)

The app and the trainer read only the npz; scikit-learn is needed here, once, for its bundled
copy of the UCI data (no download). Images are kept as uint8 pixel counts 0..16, shape (N, 8, 8).
"""
from __future__ import annotations

import pathlib

import numpy as np

OUT = pathlib.Path(__file__).resolve().parents[1] / "assets" / "digits.npz"
SEED = 20240611
SPLIT = {"calib": 200, "test": 360}  # per class, rounded: 199 and 359; the rest (1,239) trains


def stratified_split(labels: np.ndarray, sizes: dict[str, int], seed: int) -> dict[str, np.ndarray]:
    """Indices of each named subset (sizes in images); every class is shared out in proportion."""
    rng = np.random.default_rng(seed)
    n = len(labels)
    parts: dict[str, list[np.ndarray]] = {name: [] for name in (*sizes, "train")}
    for c in np.unique(labels):
        idx = rng.permutation(np.flatnonzero(labels == c))
        start = 0
        for name, size in sizes.items():
            take = int(round(size * len(idx) / n))
            parts[name].append(idx[start:start + take])
            start += take
        parts["train"].append(idx[start:])
    return {name: np.sort(np.concatenate(p)) for name, p in parts.items()}


def main() -> None:
    from sklearn.datasets import load_digits

    digits = load_digits()
    images = digits.images.astype(np.uint8)  # (1797, 8, 8), values 0..16
    labels = digits.target.astype(np.uint8)
    assert np.array_equal(images, digits.images)
    split = stratified_split(labels, SPLIT, SEED)
    arrays = {}
    for name, idx in split.items():
        arrays[f"{name}_images"] = images[idx]
        arrays[f"{name}_labels"] = labels[idx]
        print(f"{name:>6}: {len(idx)} images")
    np.savez_compressed(OUT, **arrays)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
