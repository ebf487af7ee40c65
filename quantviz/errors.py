"""Invalid arguments a reader can correct: a ``QuantError`` names the problem by a ``code`` and the
values of its sentence (``params``), so that the app says it in the reader's language (its string
table holds ``error.<code>`` in English and Chinese); the English sentence here is the
exception's message, for library users. It is a ``ValueError``.
"""
from __future__ import annotations

MESSAGES = {
    # quantization parameters
    "qrange": "qmin ({qmin}) must be smaller than qmax ({qmax})",
    "scale": "the scale must be a positive finite number, got {value!r}: derive it from a range with rmin < rmax",
    "zp_integer": "zero_point must be an integer, got {value!r}",
    "zp_range": "zero_point {value!r} lies outside [{qmin}, {qmax}]: then 0.0 cannot be represented; pick a zero "
                "point inside the range",
    "nan_range": "the range contains NaN: calibrate on finite values (NaN are excluded)",
    "inf_range": "the range is infinite: exclude inf values or choose a finite range",
    "swap": "rmin ({rmin}) is larger than rmax ({rmax}): swap them",
    "bits": "bits must be from {lo} to {hi}, a whole number, got {value!r}",
    "narrow1": "narrow range with 1 bit leaves a single code: use 2 bits or more, or turn narrow range off",
    "reduce1": "reduce_range needs at least 2 bits: it removes one bit of range",
    # fixed-point multipliers and integer arithmetic
    "m_finite": "the multiplier must be finite, got {value}: check that no scale is 0 or inf",
    "m_large": "multiplier {value} is too large for a Q0.31 multiplier with shift <= 30: the output scale is far "
               "too small",
    "acc_int32": "the product of the centred codes does not fit in int32: use codes of at most 15 bits",
    "shift_int32": "a centred code shifted left by {bits} bits does not fit in int32",
    "code_range": "a code of {name} lies outside [{qmin}, {qmax}]: quantize (and clamp) the real value first",
    "code_whole": "the codes of {name} must be whole numbers",
    "per_channel": "{name} has per-channel parameters: this operation needs one scale and one zero point per "
                   "tensor",
    # the integer matmul's inputs
    "empty": "{name} must be a non-empty matrix",
    "too_many": "{name} is {rows}x{cols}: keep each side at most {most}",
    "nonfinite": "{name} contains NaN or inf: enter finite numbers",
    "too_big": "{name} has a value beyond ±{limit:g}: use smaller numbers",
    "shapes": "A has {a} columns but B has {b} rows: they must match",
    "bias": "the bias needs {n} values, one per column of B",
    "int64": "the integer matmul would exceed int64: the codes are far too large",
}


class QuantError(ValueError):
    """An invalid argument: ``code`` (a key of ``MESSAGES``) and the ``params`` of its sentence."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(MESSAGES[code].format(**params))
