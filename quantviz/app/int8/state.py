"""How the int8 page quantizes its model: ``Settings``, the page's property table of URL
parameters (``quantviz.app.shell.urlschema``), which its widgets read and its caches key on."""
from __future__ import annotations

from dataclasses import dataclass

from quantviz.app.shell.i18n import t
from quantviz.app.shell.urlschema import url
from quantviz.calibrate import METHODS
from quantviz.nn import ptq
from quantviz.nn.ptq import PTQConfig

GRANULARITIES = ("channel", "tensor")


def _labels(prefix: str):
    return lambda code: t(f"{prefix}.{code}")


@dataclass(frozen=True)
class Settings:
    """The quantization the page's controls ask for (small and hashable: a cache key)."""

    weight_bits: int = url(8, key="wbits", lo=2, hi=8)
    act_bits: int = url(8, key="abits", lo=2, hi=8)
    granularity: str = url("channel", key="gran", options=GRANULARITIES, label=_labels("int8.gran"))
    method: str = url("minmax", key="calib", options=METHODS, label=_labels("int8.calib"))
    n_calib: int = url(100, key="ncal", lo=1, hi=199)      # of the 199 calibration images
    mode: str = url("int", options=ptq.MODES, label=_labels("int8.mode"))
    rounding: str = url("litert", key="round", options=ptq.ROUNDINGS, label=_labels("int8.round"))

    @property
    def per_channel(self) -> bool:
        return self.granularity == "channel"

    def config(self) -> PTQConfig:
        return PTQConfig(weight_bits=self.weight_bits, act_bits=self.act_bits, per_channel=self.per_channel,
                         method=self.method, n_calib=self.n_calib, mode=self.mode, rounding=self.rounding)
