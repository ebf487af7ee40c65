"""Run an exported ``.tflite`` file in LiteRT (the ``ai-edge-litert`` package) and compare.

LiteRT is optional: ``available()`` says whether it can be imported. ``reference`` runs TFLite's
reference kernels (``BUILTIN_REF``), ``optimized`` the default ones (``BUILTIN``: optimized
kernels and the XNNPACK delegate).
"""
from __future__ import annotations

import importlib.util

import numpy as np

from ..nn.intinfer import forward_int
from ..nn.ptq import QModel
from .convert import FLOAT_INPUT, export, nhwc_to_nchw

RESOLVERS = {"reference": "BUILTIN_REF", "optimized": "BUILTIN"}


def available() -> bool:
    return importlib.util.find_spec("ai_edge_litert") is not None


def run(data: bytes, x: np.ndarray, resolver: str = "reference", tensors: bool = False):
    """Run the model on float input ``x`` (N, C, H, W) as one batch. Returns the int8 codes of
    the output before DEQUANTIZE, (N, classes); with ``tensors=True`` a dict of every tensor by
    name instead (4-d ones back in NCHW)."""
    import warnings

    from ai_edge_litert import interpreter as litert
    if resolver not in RESOLVERS:
        raise ValueError(f"unknown resolver {resolver!r}: choose one of {', '.join(RESOLVERS)}")
    with warnings.catch_warnings():     # preserving tensors with optimized kernels warns
        warnings.simplefilter("ignore")
        interpreter = litert.Interpreter(
            model_content=data, experimental_preserve_all_tensors=True,
            experimental_op_resolver_type=getattr(litert.OpResolverType, RESOLVERS[resolver]))
    x = np.ascontiguousarray(np.asarray(x, np.float32).transpose(0, 2, 3, 1))
    interpreter.resize_tensor_input(interpreter.get_input_details()[0]["index"], list(x.shape))
    interpreter.allocate_tensors()
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x)
    interpreter.invoke()
    details = {d["name"]: d["index"] for d in interpreter.get_tensor_details()}
    if tensors:
        return {name: nhwc_to_nchw(interpreter.get_tensor(index)) for name, index in details.items()
                if interpreter.get_tensor(index).size}
    last = interpreter._get_ops_details()[-1]        # DEQUANTIZE: its input holds the int8 codes
    return interpreter.get_tensor(int(last["inputs"][0]))


def invoker(data: bytes, x: np.ndarray, resolver: str = "optimized"):
    """A prepared interpreter's ``invoke`` on batch ``x`` (N, C, H, W) float32, for timing: the
    interpreter is built and its tensors allocated once, each call sets the input and runs."""
    from ai_edge_litert import interpreter as litert
    interpreter = litert.Interpreter(model_content=data, experimental_op_resolver_type=getattr(
        litert.OpResolverType, RESOLVERS[resolver]))
    x = np.ascontiguousarray(np.asarray(x, np.float32).transpose(0, 2, 3, 1))
    index = interpreter.get_input_details()[0]["index"]
    interpreter.resize_tensor_input(index, list(x.shape))
    interpreter.allocate_tensors()

    def invoke():
        interpreter.set_tensor(index, x)
        interpreter.invoke()
    return invoke


def agreement(qmodel: QModel, x: np.ndarray, resolver: str = "reference", data: bytes | None = None) -> dict:
    """How many inputs give exactly quantviz's int8 output codes in LiteRT: ``same`` (all
    classes' codes equal), ``same_prediction`` (the same argmax), ``n``."""
    data = export(qmodel) if data is None else data
    theirs = run(data, x, resolver)
    ours = forward_int(qmodel, x)[qmodel.layers[-1].name]
    same = np.all(theirs == ours, axis=1)
    return {"same": int(same.sum()), "same_prediction": int((theirs.argmax(1) == ours.argmax(1)).sum()),
            "n": len(x)}


__all__ = ["available", "run", "invoker", "agreement", "RESOLVERS", "FLOAT_INPUT"]
