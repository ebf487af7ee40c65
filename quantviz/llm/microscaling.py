r"""Microscaling: small floats that share a scale per block (OCP MX v1.0, and NVIDIA's NVFP4).

**MX** (OCP Microscaling Formats v1.0): a block of 32 elements in a small float format shares one
power-of-two scale :math:`X`, stored as an E8M0 byte (an exponent, :math:`X = 2^{e - 127}`):

.. math:: X = 2^{\lfloor \log_2 \max_i |x_i| \rfloor - e_{max}}, \qquad
    P_i = \operatorname{cast}\big(\operatorname{clamp}(x_i / X, \pm p_{max})\big), \qquad \hat{x}_i = X \, P_i

with :math:`e_{max}` the exponent of the element format's largest normal number and
:math:`p_{max}` its largest value; the block's largest value lands in the format's top binade, and
values past :math:`p_{max}` (the scale rounds down) saturate to it. One block::

    | E8M0 scale: 8 bits | P_0 | P_1 | ... | P_31 |      (elements: FP4 E2M1, FP6 E2M3 / E3M2, FP8 E4M3 / E5M2)
    bits per weight = element bits + 8 / 32:  MXFP4 4.25, MXFP6 6.25, MXFP8 8.25

**NVFP4**: blocks of 16 FP4 E2M1 elements, each block with an FP8 E4M3 scale :math:`s_b`, and one
float32 scale :math:`t` for the whole tensor so that the block scales use E4M3's range:

.. math:: t = \frac{\max |x|}{6 \cdot 448}, \qquad
    s_b = \operatorname{cast}_{E4M3}\Big(\frac{\max_{i \in b} |x_i|}{6\,t}\Big), \qquad \hat{x}_i = P_i \, s_b \, t

    | E4M3 scale: 8 bits | P_0 | ... | P_15 (E2M1, 4 bits each) |   bits per weight = 4 + 8 / 16 = 4.5
    (+ one float32 t per tensor)

Every cast is ``ml_dtypes``' (round to nearest, ties to even), after clamping: its casts do not
saturate. Element codes are the formats' bit patterns (uint8).
"""
from __future__ import annotations

from dataclasses import dataclass

import ml_dtypes
import numpy as np

from .blocks import Grid, as_blocks

F32 = np.float32
SCALE_BIAS = 127                 # E8M0: X = 2^(byte - 127); byte 255 is NaN


@dataclass(frozen=True)
class Element:
    """A small float element format, as ``ml_dtypes`` implements it."""

    name: str
    dtype: type
    bits: int

    @property
    def max(self) -> float:
        return float(ml_dtypes.finfo(self.dtype).max)

    @property
    def emax(self) -> int:
        """Exponent of the largest normal number: 2 for E2M1 (6 = 1.5 * 2^2), 8 for E4M3 (448)."""
        return int(np.floor(np.log2(self.max)))

    def cast(self, v: np.ndarray) -> np.ndarray:
        """Bit patterns of ``v`` rounded to this format (ties to even), clamped to its range first."""
        return np.clip(v, -self.max, self.max).astype(self.dtype).view(np.uint8)

    def decode(self, codes: np.ndarray) -> np.ndarray:
        return codes.view(self.dtype).astype(F32)


ELEMENTS = {e.name: e for e in (
    Element("E2M1", ml_dtypes.float4_e2m1fn, 4),
    Element("E2M3", ml_dtypes.float6_e2m3fn, 6),
    Element("E3M2", ml_dtypes.float6_e3m2fn, 6),
    Element("E4M3", ml_dtypes.float8_e4m3fn, 8),
    Element("E5M2", ml_dtypes.float8_e5m2, 8),
)}
MX_FORMATS = {"MXFP4": "E2M1", "MXFP6_E2M3": "E2M3", "MXFP6_E3M2": "E3M2",
              "MXFP8_E4M3": "E4M3", "MXFP8_E5M2": "E5M2"}
MX_BLOCK, NV_BLOCK = 32, 16


def shared_exponent(amax: np.ndarray, emax: int) -> np.ndarray:
    """The exponent of the shared scale :math:`X` (module docstring), exactly (from the float's own
    exponent, not a rounded log), clamped to E8M0's range [-127, 127]; an all-zero block gets -127."""
    _, exponent = np.frexp(amax)                  # amax = m * 2^exponent, 0.5 <= m < 1
    shared = np.where(amax > 0, exponent.astype(np.int32) - 1 - emax, -SCALE_BIAS)
    return np.clip(shared, -SCALE_BIAS, SCALE_BIAS)


def element_codes(x: np.ndarray, scale: np.ndarray, element: Element) -> np.ndarray:
    """Codes of ``x / scale`` in ``element`` (0 where the scale is 0)."""
    zero = scale == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        return element.cast(np.where(zero, F32(0), x / np.where(zero, F32(1), scale)))


@dataclass(frozen=True)
class ScaledGrid(Grid):
    """Elements of one format times a per-block scale (``(n_blocks, 1)`` float32)."""

    scale: np.ndarray
    element: Element
    block_size: int

    def codes(self, x, cols=slice(None)):
        return element_codes(x, self.scale, self.element)

    def values(self, codes, cols=slice(None)):
        return self.element.decode(codes) * self.scale


@dataclass(frozen=True)
class MX:
    """An MX-quantized tensor: E8M0 scale bytes (one per block) and element codes."""

    name: str
    shape: tuple
    scale_bytes: np.ndarray     # (n_blocks,) uint8
    codes: np.ndarray           # (n_blocks, 32) uint8 bit patterns


def fit_mx(blocks: np.ndarray, name: str = "MXFP4") -> ScaledGrid:
    """The shared power-of-two scale of each block ``(n, 32)`` (float32)."""
    element = ELEMENTS[_mx_element(name)]
    return ScaledGrid(np.ldexp(F32(1), _exponents(blocks, element)).astype(F32), element, MX_BLOCK)


def _exponents(blocks: np.ndarray, element: Element) -> np.ndarray:
    return shared_exponent(np.abs(blocks).max(axis=1, keepdims=True), element.emax)


def mx_quantize(w, name: str = "MXFP4") -> MX:
    """Rows of ``w`` (a multiple of 32 values each) to an MX format of ``MX_FORMATS``."""
    blocks = as_blocks(w, MX_BLOCK, name)
    grid = fit_mx(blocks, name)
    scale_bytes = (_exponents(blocks, grid.element)[:, 0] + SCALE_BIAS).astype(np.uint8)
    return MX(name, np.shape(w), scale_bytes, grid.codes(blocks))


def mx_dequantize(q: MX) -> np.ndarray:
    """The weights as stored, float32, in the original shape."""
    return mx_values(q.scale_bytes, q.codes, ELEMENTS[_mx_element(q.name)]).reshape(q.shape)


def mx_values(scale_bytes: np.ndarray, codes: np.ndarray, element: Element) -> np.ndarray:
    """Element codes ``(n, k)`` times their E8M0 scales ``(n,)``."""
    return element.decode(codes) * e8m0_scale(scale_bytes)[:, None]


def e8m0_scale(scale_bytes: np.ndarray) -> np.ndarray:
    """E8M0 bytes as float32 scales :math:`2^{e - 127}`; the byte 255 (NaN) is refused."""
    if np.any(scale_bytes == 255):
        block = int(np.flatnonzero(scale_bytes == 255)[0])
        raise ValueError(f"block {block} has the E8M0 scale byte 255, which means NaN: "
                         "the data is damaged or is not an MX format")
    return scale_bytes.view(ml_dtypes.float8_e8m0fnu).astype(F32)


def _mx_element(name: str) -> str:
    if name not in MX_FORMATS:
        raise ValueError(f"unknown MX format {name!r}: choose one of {', '.join(MX_FORMATS)}")
    return MX_FORMATS[name]


E2M1, E4M3 = ELEMENTS["E2M1"], ELEMENTS["E4M3"]


@dataclass(frozen=True)
class NVFP4:
    """An NVFP4 tensor: a float32 tensor scale, E4M3 block scale bytes and E2M1 codes."""

    shape: tuple
    tensor_scale: float
    scale_bytes: np.ndarray     # (n_blocks,) uint8, E4M3 bit patterns
    codes: np.ndarray           # (n_blocks, 16) uint8, E2M1 bit patterns


def nvfp4_tensor_scale(w) -> np.float32:
    """The tensor scale :math:`t` (module docstring) in float32: 1 for an all-zero tensor, never 0."""
    amax = float(np.abs(np.asarray(w, dtype=F32)).max(initial=0.0))
    if amax == 0:
        return F32(1)
    return max(F32(amax / (E2M1.max * E4M3.max)), np.nextafter(F32(0), F32(1)))


@dataclass(frozen=True)
class NVFP4Grid(ScaledGrid):
    """E2M1 elements times the block scale :math:`s_b` (``scale``), times the tensor scale :math:`t`."""

    tensor_scale: float = 1.0

    def codes(self, x, cols=slice(None)):
        return element_codes(x, self.scale * F32(self.tensor_scale), self.element)

    def values(self, codes, cols=slice(None)):
        return ScaledGrid.values(self, codes, cols) * F32(self.tensor_scale)


def fit_nvfp4(blocks: np.ndarray, tensor_scale: float) -> NVFP4Grid:
    """Each block's E4M3-rounded scale :math:`s_b`, given the tensor scale :math:`t`."""
    t = F32(tensor_scale)
    s = _block_scale_bytes(blocks, t).view(ml_dtypes.float8_e4m3fn).astype(F32)
    return NVFP4Grid(s, E2M1, NV_BLOCK, float(t))


def _block_scale_bytes(blocks: np.ndarray, t: np.float32) -> np.ndarray:
    """The E4M3 bytes of the block scales :math:`s_b`, shape ``(n, 1)``."""
    return E4M3.cast(np.abs(blocks).max(axis=1, keepdims=True) / (F32(E2M1.max) * t))


def nvfp4_quantize(w) -> NVFP4:
    """Rows of ``w`` (a multiple of 16 values each) to NVFP4."""
    blocks = as_blocks(w, NV_BLOCK, "NVFP4")
    t = nvfp4_tensor_scale(blocks)
    grid = fit_nvfp4(blocks, t)
    return NVFP4(np.shape(w), float(t), _block_scale_bytes(blocks, t)[:, 0], grid.codes(blocks))


def nvfp4_dequantize(q: NVFP4) -> np.ndarray:
    """The weights as stored, float32, in the original shape: :math:`(P s_b)\\,t`, in that order."""
    return (nvfp4_values(q.scale_bytes, q.codes) * F32(q.tensor_scale)).reshape(q.shape)


def nvfp4_values(scale_bytes: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """E2M1 codes ``(n, k)`` times their E4M3 block scales ``(n,)`` (no tensor scale)."""
    return E2M1.decode(codes) * e4m3_scale(scale_bytes)[:, None]


def e4m3_scale(scale_bytes: np.ndarray) -> np.ndarray:
    """E4M3 bytes as float32 scales; bytes that are NaN (``0x7F``) or negative (``0x80`` and up)
    are refused: NVFP4 block scales are positive numbers."""
    bad = scale_bytes >= 0x7F
    if np.any(bad):
        block = int(np.flatnonzero(bad)[0])
        raise ValueError(f"block {block} has the scale byte {int(scale_bytes.ravel()[block]):#04x}, which is "
                         "NaN or negative in E4M3: the data is damaged or is not NVFP4")
    return scale_bytes.view(ml_dtypes.float8_e4m3fn).astype(F32)
