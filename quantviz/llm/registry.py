"""Every weight format of this package by name: its family, bits per weight (scales included),
how to quantize and dequantize a tensor with it, and how to fit one group of columns (for GPTQ).

    fmt = FORMATS["Q4_K"]
    w_hat = fmt.fake_quantize(w)                # quantize, then read back (float32)
    report = fmt.error(w)                       # mse, sqnr_db, bits_per_weight
    [(f.name, f.bits_per_weight) for f in FORMATS.values()]
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np

from ..lowbit import approximation_error
from . import ggml, groupwise, microscaling, nf4
from .blocks import Grid


@dataclass(frozen=True)
class Format:
    """One weight format. ``group_size`` is how many consecutive weights of a row share scales
    (GPTQ fits them together); ``fitter(w)`` gives the function that fits such a group of ``w``
    (a tensor-wide scale, as NVFP4's, is taken from the whole ``w``). ``across_blocks``: a block's
    stored scale depends on other blocks' (NF4's double quantization), so a block is fitted
    among all of them."""

    name: str
    family: str
    bits_per_weight: float
    group_size: int
    quantize: Callable[[np.ndarray], object]
    dequantize: Callable[[object], np.ndarray]
    fitter: Callable[[np.ndarray], Callable[[np.ndarray], Grid]]
    across_blocks: bool = False

    def fake_quantize(self, w) -> np.ndarray:
        """The weights as the format stores them, read back as float32."""
        return self.dequantize(self.quantize(w))

    def error(self, w) -> dict:
        """``mse`` and ``sqnr_db`` of the format on ``w``, with its ``bits_per_weight``."""
        return {**approximation_error(w, self.fake_quantize(w)), "bits_per_weight": self.bits_per_weight}


def integer_format(bits: int, group_size, symmetric: bool = True, row_length: int | None = None) -> Format:
    """Group-wise integers of ``quantviz.llm.groupwise``: groups of 8 to 1024 weights, or
    ``"channel"`` (one group per row of ``row_length`` weights, which the bits per weight need)."""
    groupwise.check_settings(bits, group_size)
    if group_size == "tensor":
        raise ValueError("one scale for the whole tensor is not a group of a row: use "
                         "groupwise.groupwise_quantize(w, bits, 'tensor') for it")
    if group_size == "channel":
        if not row_length or row_length < 1:
            raise ValueError("per-channel integers need the row length (weights per output channel)")
        label, values = "per channel", int(row_length)
    else:
        label, values = f"g{group_size}", group_size
    name = f"INT{bits} {label}" + ("" if symmetric else " asym")
    fit = partial(groupwise.fit_groupwise, bits=bits, symmetric=symmetric)
    return Format(name, "integer", groupwise.bits_per_weight(bits, values, symmetric), values,
                  partial(groupwise.groupwise_quantize, bits=bits, group_size=group_size, symmetric=symmetric),
                  groupwise.groupwise_dequantize, lambda w: fit)


def _llama_cpp(name: str) -> Format:
    t = ggml.TYPES[name]
    return Format(name, "llama.cpp", t.bits_per_weight, t.block_size, partial(ggml.quantize, name=name),
                  partial(ggml.dequantize, name=name), lambda w: t.fit)


def _nf4(double_quant: bool) -> Format:
    fit = partial(nf4.fit_nf4, double_quant=double_quant)
    return Format("NF4" + (" + DQ" if double_quant else ""), "NormalFloat", nf4.bits_per_weight(double_quant),
                  nf4.BLOCK, partial(nf4.nf4_quantize, double_quant=double_quant), nf4.nf4_dequantize,
                  lambda w: fit, across_blocks=double_quant)


def _mx(name: str) -> Format:
    bits = microscaling.ELEMENTS[microscaling.MX_FORMATS[name]].bits + 8 / microscaling.MX_BLOCK
    fit = partial(microscaling.fit_mx, name=name)
    return Format(name, "microscaling", bits, microscaling.MX_BLOCK, partial(microscaling.mx_quantize, name=name),
                  microscaling.mx_dequantize, lambda w: fit)


def _nvfp4_fitter(w):
    return partial(microscaling.fit_nvfp4, tensor_scale=microscaling.nvfp4_tensor_scale(w))


NVFP4 = Format("NVFP4", "microscaling", 4 + 8 / microscaling.NV_BLOCK, microscaling.NV_BLOCK,
               microscaling.nvfp4_quantize, microscaling.nvfp4_dequantize, _nvfp4_fitter)

FORMATS: dict[str, Format] = {f.name: f for f in (
    integer_format(8, 128), integer_format(4, 32), integer_format(4, 128), integer_format(4, 128, False),
    integer_format(3, 128, False), integer_format(2, 64, False),
    *(_llama_cpp(name) for name in ("Q8_0", "Q5_0", "Q4_1", "Q4_0", "Q4_K", "TQ2_0")),
    _nf4(False), _nf4(True),
    *(_mx(name) for name in microscaling.MX_FORMATS), NVFP4,
)}
