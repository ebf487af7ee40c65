r"""The source article's worked example: weights in [-1, 1] stored as the uint8 codes [0, 255].

.. math:: s = \frac{r_{max} - r_{min}}{q_{max} - q_{min}} = \frac{1 - (-1)}{255 - 0} = \frac{2}{255}, \qquad
    z = q_{min} - \frac{r_{min}}{s} = 127.5

The zero point is a tie. The article writes it as :math:`q_{max} - r_{max} / s = 127.5` and keeps
127 (it drops the .5); exact rounding (ties to even) stores 128; PyTorch and TFLite compute
:math:`-r_{min} / s` in float32, where it is 127.49999, and store 127. With that grid the
article multiplies the codes of 0.0 and 1.0 and reads back 253 instead of 0.0.

Every page, string and test that shows the example takes its numbers from here.
"""
from __future__ import annotations

import functools

from .affine import QParams, choose_qparams
from .intarith.arith import quantized_multiply

RMIN, RMAX = -1.0, 1.0                      # the weights' range
BITS = 8
QMIN, QMAX = 0, 2**BITS - 1                 # unsigned codes
SCALE = (RMAX - RMIN) / (QMAX - QMIN)       # 2/255
SCALE_TEXT = f"{RMAX - RMIN:g}/{QMAX - QMIN}"
ZERO_POINT_REAL = QMIN - RMIN / SCALE       # 127.5, a tie
ZERO_POINT = int(QMAX - RMAX / SCALE)       # 127: the article drops the .5
SHOWN = (RMIN - 0.1, RMAX + 0.1)            # the reals its figures draw: the clamp shows at both ends


def qparams() -> QParams:
    """The article's grid as it writes it: scale 2/255, zero point 127, codes [0, 255]."""
    return QParams(SCALE, ZERO_POINT, QMIN, QMAX, zero_point_real=ZERO_POINT_REAL)


def grid(bits: int = BITS, scheme: str = "exact") -> QParams:
    """[-1, 1] onto the unsigned codes of ``bits`` bits, as ``scheme`` chooses the parameters."""
    return choose_qparams(RMIN, RMAX, bits=bits, scheme=scheme)


def naive_product() -> int:
    """What the article reads back when it multiplies the codes of 0.0 and 1.0 themselves: 253."""
    qp = qparams()
    _, trace = quantized_multiply(ZERO_POINT, QMAX, qp, qp, qp)
    return round(float(trace["naive"].real))


@functools.cache
def numbers() -> dict:
    """The example's numbers for sentences (the string tables format them in): ``rmin``, ``rmax``,
    ``bits``, ``qmin``, ``qmax``, ``levels``, ``scale`` ("2/255") and ``scale_value``, the zero
    point as the article writes it (``zp``), before rounding (``zp_real``), rounded to even
    (``zp_even``) and computed in float32 (``zp_float32``), and the naive product (``naive``)."""
    return {"rmin": RMIN, "rmax": RMAX, "bits": BITS, "qmin": QMIN, "qmax": QMAX, "levels": QMAX - QMIN + 1,
            "scale": SCALE_TEXT, "scale_value": SCALE, "zp": ZERO_POINT, "zp_real": ZERO_POINT_REAL,
            "zp_even": grid().zero_point, "zp_float32": float(grid(scheme="pytorch").zero_point_real),
            "naive": naive_product()}
