"""``.onnx`` files: a protobuf ``ModelProto``, read here field by field (``onnx_wire``) rather
than parsed whole: a full parse allocates per message and per packed number, 8 to 50 times the
file for some files. Weights are read where exporters put them:

- the graph's initializers, under their own names;
- ``Constant`` nodes (``value``, ``value_floats``, ``value_ints``), under the name of their output;
- the subgraphs in node attributes (``If``'s branches, ``Loop``'s and ``Scan``'s bodies), the
  same way, each name prefixed by its node and attribute: ``If_0/then_branch/w``.

Subgraphs are walked with an explicit queue, at most ``MAX_DEPTH`` levels deep; every field read
is counted against the file's budget.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import numpy as np

from .budget import MAX_NAME, clip
from .errors import damaged
from .onnx_tensor import FLOAT_DATA, INT64_DATA, offer_tensor, read_tensor, typed_count, typed_values
from .onnx_wire import BYTES, WireError, fields, text
from .sniff import not_format
from .weightfile import WeightFile

MODEL_IR_VERSION, MODEL_GRAPH = 1, 7
GRAPH_NODE, GRAPH_INITIALIZER, GRAPH_SPARSE_INITIALIZER = 1, 5, 15
NODE_OUTPUT, NODE_NAME, NODE_OP_TYPE, NODE_ATTRIBUTE, NODE_DOMAIN = 2, 3, 4, 5, 7
ATTR_NAME, ATTR_T, ATTR_G, ATTR_FLOATS, ATTR_INTS, ATTR_STRINGS, ATTR_GRAPHS = 1, 5, 6, 7, 8, 9, 11
SPARSE_VALUES = 1


@dataclass
class Attribute:
    name: str = ""
    fields: dict[int, list] = field(default_factory=dict)    # field number -> [(wire type, value)]


def read_onnx(wf: WeightFile, data: bytes) -> None:
    try:
        graphs = deque([(model_graph(wf, data), "", 0)])
        while graphs:
            span, prefix, depth = graphs.popleft()
            wf.budget.check_depth(depth)
            wf.budget.take_graphs()
            graphs.extend(read_graph(wf, data, span, prefix, depth))
    except WireError:
        raise damaged(wf.filename, ".onnx", "protobuf") from None


def model_graph(wf: WeightFile, data: bytes) -> tuple[int, int]:
    """The byte range of the model's graph (a file without one is not an ONNX model)."""
    if data[:6] == b"\x93NUMPY" or data[:2] == b"PK" or data[4:8] == b"TFL3":
        raise not_format(wf.filename, ".onnx", data)
    graph = None
    try:
        for number, wire, value in fields(data, 0, len(data), wf.budget):
            if number == MODEL_GRAPH and wire == BYTES:
                graph = value
    except WireError:
        if data[:1] != b"\x08":    # a model starts with its ir_version field
            raise not_format(wf.filename, ".onnx", data) from None
        raise
    if graph is None or data[:1] != b"\x08":
        raise not_format(wf.filename, ".onnx", data)
    return graph


def read_graph(wf: WeightFile, data: bytes, span, prefix: str, depth: int) -> list:
    """Offer a graph's initializers and constants; return its subgraphs to read next."""
    nodes = []
    for number, wire, value in fields(data, *span, wf.budget):
        if wire != BYTES:
            continue
        if number == GRAPH_INITIALIZER:
            tensor = read_tensor(data, value, wf.budget)
            offer_tensor(wf, prefix + tensor.name, tensor, data)
        elif number == GRAPH_SPARSE_INITIALIZER:
            values = next((v for n, w, v in fields(data, *value, wf.budget) if n == SPARSE_VALUES and w == BYTES), None)
            wf.skip(prefix + (read_tensor(data, values, wf.budget).name if values else ""), "sparse")
        elif number == GRAPH_NODE:
            nodes.append(value)
    if not nodes and not wf.budget.tensors and depth == 0:
        raise not_format(wf.filename, ".onnx", data)
    wf.budget.take_nodes(len(nodes))
    subgraphs = []
    for i, node in enumerate(nodes):
        subgraphs += read_node(wf, data, node, prefix, depth, i)
    return subgraphs


def read_node(wf: WeightFile, data: bytes, span, prefix: str, depth: int, index: int) -> list:
    """A node: its value if it is a ``Constant``, and the subgraphs in its attributes (its
    texts are decoded only then: most nodes are neither)."""
    spans = {}
    attributes = []
    for number, wire, value in fields(data, *span, wf.budget):
        if wire != BYTES:
            continue
        if number == NODE_ATTRIBUTE:
            attributes.append(value)
        elif number in (NODE_OP_TYPE, NODE_DOMAIN, NODE_NAME) or (number == NODE_OUTPUT and number not in spans):
            spans[number] = value
    attributes = [read_attribute(wf, data, a) for a in attributes]
    op_type, domain = (bytes(data[s:e]) for s, e in (spans.get(k, (0, 0)) for k in (NODE_OP_TYPE, NODE_DOMAIN)))
    constant = op_type == b"Constant" and domain in (b"", b"ai.onnx")
    if not constant and not any(ATTR_G in a.fields or ATTR_GRAPHS in a.fields for a in attributes):
        return []                                   # no value, no subgraph: nothing more to read
    name = text(data, clipped(spans.get(NODE_NAME, (0, 0))))
    node_name = clip(name or f"{op_type[:64].decode('utf-8', 'replace')}_{index}")
    if constant:
        output = text(data, clipped(spans.get(NODE_OUTPUT, (0, 0))))
        read_constant(wf, data, prefix + (output or node_name), attributes)
    subgraphs = []
    for attr in attributes:
        graphs = [v for w, v in attr.fields.get(ATTR_G, []) if w == BYTES]
        subgraphs += [(g, f"{prefix}{node_name}/{attr.name}/", depth + 1) for g in graphs[-1:]]
        subgraphs += [(g, f"{prefix}{node_name}/{attr.name}[{k}]/", depth + 1)
                      for k, (w, g) in enumerate(attr.fields.get(ATTR_GRAPHS, [])) if w == BYTES]
    return subgraphs


def clipped(span: tuple[int, int]) -> tuple[int, int]:
    """The first bytes of a text field, enough for a name of ``MAX_NAME`` characters."""
    return span[0], min(span[1], span[0] + 4 * MAX_NAME)


def read_attribute(wf: WeightFile, data: bytes, span) -> Attribute:
    attr = Attribute()
    for number, wire, value in fields(data, *span, wf.budget):
        if number == ATTR_NAME and wire == BYTES:
            attr.name = text(data, (value[0], min(value[1], value[0] + 64)))
        else:
            attr.fields.setdefault(number, []).append((wire, value))
    return attr


def read_constant(wf: WeightFile, data: bytes, name: str, attributes: list[Attribute]) -> None:
    """A ``Constant`` node's value: a tensor, a list of floats or of ints (a single number or
    text is skipped with its reason, like any other tensor)."""
    for attr in attributes:
        if attr.name == "value":
            for _wire, value in attr.fields.get(ATTR_T, [])[-1:]:
                offer_tensor(wf, name, read_tensor(data, value, wf.budget), data)
        elif attr.name == "sparse_value":
            wf.skip(name, "sparse")
        elif attr.name in ("value_float", "value_int"):
            wf.offer(name, np.dtype(np.float32 if attr.name == "value_float" else np.int64), (), None)
        elif attr.name == "value_floats":
            pieces = attr.fields.get(ATTR_FLOATS, [])
            wf.offer(name, np.dtype(np.float32), [typed_count(data, pieces, FLOAT_DATA)],
                     lambda shape, p=pieces: typed_values(data, p, FLOAT_DATA))
        elif attr.name == "value_ints":
            pieces = attr.fields.get(ATTR_INTS, [])
            wf.offer(name, np.dtype(np.int64), [typed_count(data, pieces, INT64_DATA)],
                     lambda shape, p=pieces: typed_values(data, p, INT64_DATA))
        elif attr.name in ("value_string", "value_strings"):
            count = len(attr.fields.get(ATTR_STRINGS, []))
            wf.offer(name, "STRING", [count] if attr.name == "value_strings" else [], None)
