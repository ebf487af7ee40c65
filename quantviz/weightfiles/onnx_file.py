"""``.onnx`` files: a protobuf ``ModelProto`` (parsed by the ``onnx`` package's message class,
nothing else of it is run). Weights are read where exporters put them:

- the graph's initializers, under their own names;
- ``Constant`` nodes (``value``, ``value_floats``, ``value_ints``), under the name of their output;
- the subgraphs in node attributes (``If``'s branches, ``Loop``'s and ``Scan``'s bodies), the
  same way, each name prefixed by its node and attribute: ``If_0/then_branch/w``.

Subgraphs are walked with an explicit queue, at most ``MAX_DEPTH`` levels deep, and every node
and attribute is counted against the file's budget before it is looked at.
"""
from __future__ import annotations

from collections import deque

import numpy as np

from .budget import clip
from .errors import truncated
from .onnx_tensor import offer_tensor
from .sniff import not_format
from .weightfile import WeightFile


def parse(wf: WeightFile, data: bytes):
    import onnx
    from google.protobuf.message import DecodeError

    if data[:6] == b"\x93NUMPY" or data[:2] == b"PK" or data[4:8] == b"TFL3":
        raise not_format(wf.filename, ".onnx", data)
    try:
        model = onnx.ModelProto.FromString(data)
    except (DecodeError, RuntimeError, ValueError, RecursionError):
        if data[:1] != b"\x08":    # a model starts with its ir_version field
            raise not_format(wf.filename, ".onnx", data) from None
        raise truncated(wf.filename, "protobuf") from None
    if not model.HasField("graph") or not (len(model.graph.node) or len(model.graph.initializer)):
        raise not_format(wf.filename, ".onnx", data)
    return model


def read_onnx(wf: WeightFile, data: bytes) -> None:
    import onnx
    graphs = deque([(parse(wf, data).graph, "", 0)])
    while graphs:
        graph, prefix, depth = graphs.popleft()
        wf.budget.check_depth(depth)
        wf.budget.take_entries(1 + len(graph.node))
        for tensor in graph.initializer:
            offer_tensor(wf, prefix + tensor.name, tensor)
        for sparse in graph.sparse_initializer:
            wf.skip(prefix + sparse.values.name, "sparse")
        for i, node in enumerate(graph.node):
            wf.budget.take_entries(len(node.attribute))
            node_name = clip(node.name or f"{node.op_type}_{i}")
            if node.op_type == "Constant" and node.domain in ("", "ai.onnx"):
                read_constant(wf, prefix + (node.output[0] if node.output else node_name), node)
            for attr in node.attribute:
                if attr.type == onnx.AttributeProto.GRAPH:
                    graphs.append((attr.g, f"{prefix}{node_name}/{attr.name}/", depth + 1))
                elif attr.type == onnx.AttributeProto.GRAPHS:
                    wf.budget.take_entries(len(attr.graphs))
                    graphs.extend((g, f"{prefix}{node_name}/{attr.name}[{k}]/", depth + 1)
                                  for k, g in enumerate(attr.graphs))


def read_constant(wf: WeightFile, name: str, node) -> None:
    """A ``Constant`` node's value: a tensor, a list of floats or of ints (a single number or
    text is skipped with its reason, like any other tensor)."""
    for attr in node.attribute:
        if attr.name == "value":
            offer_tensor(wf, name, attr.t)
        elif attr.name == "sparse_value":
            wf.skip(name, "sparse")
        elif attr.name in ("value_float", "value_int"):
            wf.offer(name, np.dtype(np.float32 if attr.name == "value_float" else np.int64), (), None)
        elif attr.name in ("value_floats", "value_ints"):
            values, dtype = (attr.floats, np.float32) if attr.name == "value_floats" else (attr.ints, np.int64)
            wf.offer(name, np.dtype(dtype), [len(values)], lambda shape, v=values, d=dtype: np.array(v, d))
        elif attr.name in ("value_string", "value_strings"):
            wf.offer(name, "STRING", [len(attr.strings)] if attr.name == "value_strings" else [], None)
