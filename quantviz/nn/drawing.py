r"""A digit drawn on a canvas, turned into the data set's 8x8 format (pixel counts 0..16).

The digits were made from 32x32 black-and-white bitmaps: each 8x8 pixel counts the inked bits
in its 4x4 block, so it lies in 0..16. A drawing is treated alike: the ink (darkness or alpha)
is cropped to its bounding box, scaled to fit a 24x24 box with its aspect kept, centred in
32x32, thresholded at one half and counted per 4x4 block:

.. math:: p_{ij} = \sum_{u, v = 0}^{3} [\,\text{ink}(4i + u, 4j + v) \ge \tfrac12\,] \in \{0, \dots, 16\}
"""
from __future__ import annotations

import numpy as np

BITMAP, BOX, BLOCK = 32, 24, 4


def ink(rgba: np.ndarray) -> np.ndarray:
    """(H, W, 4) uint8 canvas pixels -> (H, W) ink in [0, 1]: dark paint on any background,
    or opaque paint on a transparent one."""
    rgba = np.asarray(rgba)
    if rgba.ndim != 3 or rgba.shape[2] not in (3, 4):
        raise ValueError(f"expected an (H, W, 4) RGBA image, got shape {rgba.shape}")
    rgb = rgba[..., :3].astype(np.float64) / 255.0
    darkness = 1.0 - rgb.mean(axis=2)
    if rgba.shape[2] == 3:
        return darkness
    alpha = rgba[..., 3].astype(np.float64) / 255.0
    return alpha * darkness if np.any(alpha < 1) else darkness


def _resample(a: np.ndarray, height: int, width: int) -> np.ndarray:
    """Area-averaged resampling of ``a`` (H, W) to (height, width), by sampling a 4x finer grid."""
    h, w = a.shape
    rows = np.minimum(((np.arange(4 * height) + 0.5) * h / (4 * height)).astype(int), h - 1)
    cols = np.minimum(((np.arange(4 * width) + 0.5) * w / (4 * width)).astype(int), w - 1)
    fine = a[rows][:, cols]
    return fine.reshape(height, 4, width, 4).mean(axis=(1, 3))


def canvas_to_digit(rgba: np.ndarray) -> np.ndarray:
    """(H, W, 4) canvas -> (8, 8) uint8 pixel counts 0..16, like the bundled digits.

    An empty canvas gives all zeros."""
    x = ink(rgba)
    rows, cols = np.flatnonzero(x.max(axis=1) > 0.1), np.flatnonzero(x.max(axis=0) > 0.1)
    if rows.size == 0:
        return np.zeros((8, 8), np.uint8)
    crop = x[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    h, w = crop.shape
    scale = BOX / max(h, w)
    nh, nw = max(1, round(h * scale)), max(1, round(w * scale))
    bitmap = np.zeros((BITMAP, BITMAP))
    top, left = (BITMAP - nh) // 2, (BITMAP - nw) // 2
    bitmap[top:top + nh, left:left + nw] = _resample(crop, nh, nw)
    bits = bitmap >= 0.5
    return bits.reshape(8, BLOCK, 8, BLOCK).sum(axis=(1, 3)).astype(np.uint8)
