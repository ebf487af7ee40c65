"""The LLM page's settings: ``Settings`` is its property table of URL parameters
(``quantviz.app.shell.urlschema``), which the widgets, the caches, the Share link and the embed
view all read. Every field is small and hashable: the settings are the caches' keys."""
from __future__ import annotations

from dataclasses import dataclass

from quantviz.app.shell.i18n import t
from quantviz.app.shell.models import model, model_label
from quantviz.app.shell.urlschema import url
from quantviz.llm.registry import FORMATS
from quantviz.nn.zoo import MODEL_NAMES

SOURCES = ("synthetic", "layer", "upload")
DEFAULT_FORMAT = "Q4_K"
DEFAULT_LAYER = "mlp/dense1.weight"


def layer_codes() -> list[str]:
    """``<model>/<tensor>`` for every weight matrix of the bundled networks (biases left out)."""
    from quantviz.nn import zoo
    return [f"{m}/{name}" for m in MODEL_NAMES for name, w in zoo.weight_tensors(m).items() if w.ndim >= 2]


def layer_label(code: str) -> str:
    """A bundled layer as the menu (and so the URL) names it: model, tensor and shape."""
    name, _, tensor = code.partition("/")
    return t("llm.layer.option", model=name, tensor=tensor, shape=tuple(model(name).weight_tensors()[tensor].shape))


def source_label(code: str) -> str:
    return t(f"llm.src.{code}")


def _synthetic(s: Settings) -> bool:
    return s.source == "synthetic"


def _layer(s: Settings) -> bool:
    return s.source == "layer"


@dataclass(frozen=True)
class Settings:
    """Where the weights come from, the chosen format and the activations' generator."""

    source: str = url("synthetic", key="src", options=SOURCES, label=source_label)
    layer: str = url(DEFAULT_LAYER, options=layer_codes, label=layer_label, when=_layer)
    rows: int = url(256, lo=16, hi=1024, when=_synthetic)        # output channels of the synthetic layer
    cols: int = url(512, lo=256, hi=2048, when=_synthetic)       # input channels (a multiple of 256)
    tail: float = url(5.0, lo=2.0, hi=100.0, when=_synthetic)    # Student-t degrees of freedom
    seed: int = url(0, lo=0, hi=9999, when=_synthetic)
    fmt: str = url(DEFAULT_FORMAT, options=lambda: list(FORMATS))
    block: int = url(0, lo=0, hi=1 << 24)
    outch: int = url(4, lo=0, hi=32)                              # outlier channels of the activations
    oscale: float = url(50.0, lo=1.0, hi=200.0)                   # how much larger they are
    mix: float = url(2.0, lo=0.0, hi=4.0)                         # how much the channels are mixed
    alpha: float = url(0.5, lo=0.0, hi=1.0)                       # SmoothQuant's migration strength
    calib: int = url(256, lo=16, hi=2048)                         # GPTQ's calibration rows
    gstep: int = url(0, lo=0, hi=7)                               # the GPTQ step drawn
    model: str = url("mlp", options=MODEL_NAMES, label=model_label)

    @property
    def weight_key(self) -> tuple:
        """What identifies the weights: a bundled layer, or the synthetic layer (also shown while
        no file is uploaded; an upload's key is its file id and tensor, ``sections.weights_of``)."""
        if self.source == "layer":
            return ("layer", self.layer)
        return ("synthetic", self.rows, self.cols, self.tail, self.seed)
