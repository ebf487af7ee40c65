"""A model is an ordered list of named layers; its forward pass is a plain loop.

Stored without pickle, as two files side by side:

- ``<name>.json``: the architecture, ``{"name", "format": 1, "input": {...}, "layers": [{"name",
  "kind", ...hyper-parameters}], "meta": {...}}``;
- ``<name>.npz``: every parameter as ``"<layer>.<param>"`` (e.g. ``"dense1.weight"``), float32,
  written with a fixed zip timestamp so that a rebuild gives the same bytes; read with
  ``allow_pickle=False``.
"""
from __future__ import annotations

import io
import json
import pathlib
import zipfile
from dataclasses import dataclass, field, fields

import numpy as np

from .layers import KINDS, WEIGHT_KINDS

FORMAT = 1


@dataclass
class Model:
    """``layers``: ordered; ``input``: what the first layer takes (shape without the batch axis,
    value range); ``meta``: free-form facts (accuracy, training recipe)."""
    name: str
    layers: list
    input: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)

    def __post_init__(self):
        names = [layer.name for layer in self.layers]
        if len(set(names)) != len(names):
            raise ValueError(f"model {self.name}: layer names must be unique, got {names}")

    def layer(self, name: str):
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise KeyError(f"model {self.name} has no layer {name!r}")

    def tensors(self) -> dict[str, np.ndarray]:
        """Every parameter by ``"<layer>.<param>"``, in layer order."""
        return {f"{layer.name}.{key}": value
                for layer in self.layers for key, value in layer.params().items()}

    def weight_tensors(self) -> dict[str, np.ndarray]:
        """Weights and biases of the dense and conv layers (what a quantizer stores)."""
        return {f"{layer.name}.{key}": value for layer in self.layers if layer.kind in WEIGHT_KINDS
                for key, value in layer.params().items()}


def forward(model: Model, x: np.ndarray, activations: bool = False):
    """Run ``x`` through every layer. With ``activations=True`` also return each layer's output,
    ``{layer name: array}`` in layer order (the last one is the output)."""
    outputs = {}
    for layer in model.layers:
        x = layer.forward(x)
        if activations:
            outputs[layer.name] = x
    return (x, outputs) if activations else x


def predict(model: Model, x: np.ndarray, batch: int = 512) -> np.ndarray:
    """Class indices (argmax of the output), in batches."""
    return np.concatenate([forward(model, x[i:i + batch]).argmax(axis=1)
                           for i in range(0, len(x), batch)])


def _hyper(layer) -> dict:
    """A layer's non-array fields (name, kind and hyper-parameters) for the JSON description."""
    out = {"name": layer.name, "kind": layer.kind}
    for f in fields(layer):
        value = getattr(layer, f.name)
        if f.name != "name" and not isinstance(value, np.ndarray):
            out[f.name] = value
    return out


def architecture(model: Model) -> dict:
    return {"name": model.name, "format": FORMAT, "input": model.input,
            "layers": [_hyper(layer) for layer in model.layers], "meta": model.meta}


def write_npz(path: pathlib.Path, arrays: dict[str, np.ndarray]) -> None:
    """A compressed .npz whose bytes depend only on the arrays (fixed member timestamps)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for key, value in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(value), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())


def save_model(model: Model, folder: pathlib.Path) -> tuple[pathlib.Path, pathlib.Path]:
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    json_path, npz_path = folder / f"{model.name}.json", folder / f"{model.name}.npz"
    json_path.write_text(json.dumps(architecture(model), indent=1, sort_keys=False) + "\n")
    write_npz(npz_path, model.tensors())
    return json_path, npz_path


def build_model(description: dict, tensors: dict[str, np.ndarray]) -> Model:
    """The model described by an architecture dict, with its parameters taken from ``tensors``."""
    if description.get("format") != FORMAT:
        raise ValueError(f"unknown model format {description.get('format')!r} (expected {FORMAT})")
    layers = []
    for spec in description["layers"]:
        spec = dict(spec)
        cls = KINDS[spec.pop("kind")]
        name = spec["name"]
        arrays = {f.name: tensors[f"{name}.{f.name}"] for f in fields(cls)
                  if f"{name}.{f.name}" in tensors}
        layers.append(cls(**spec, **arrays))
    return Model(description["name"], layers, description.get("input", {}),
                 description.get("meta", {}))


def load_model_files(json_path: pathlib.Path) -> Model:
    """Load ``<name>.json`` and the ``<name>.npz`` beside it."""
    json_path = pathlib.Path(json_path)
    description = json.loads(json_path.read_text())
    with np.load(json_path.with_suffix(".npz"), allow_pickle=False) as npz:
        tensors = {key: npz[key] for key in npz.files}
    return build_model(description, tensors)
