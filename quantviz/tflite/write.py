"""Write ``.tflite`` files (TFLite flatbuffers) for small int8 networks.

A model is a graph: a list of tensors (constants carry their data; quantized tensors carry
``scale`` and ``zero_point``, per tensor or per channel along ``quantized_dimension``) and a
list of operators reading and writing tensors by index. ``serialize`` builds the flatbuffer with
the TFLite schema (the ``tflite`` package's generated code over ``flatbuffers``).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field

import flatbuffers
import numpy as np
import tflite as schema

from .schema import type_code

ACTIVATIONS = {None: schema.ActivationFunctionType.NONE, "relu": schema.ActivationFunctionType.RELU}
PADDINGS = {"same": schema.Padding.SAME, "valid": schema.Padding.VALID}


def _fb(name: str):
    """A generated schema module (``tflite.Tensor`` etc.; the package re-exports the classes)."""
    return importlib.import_module(f"tflite.{name}")


@dataclass
class Tensor:
    name: str
    shape: tuple[int, ...]
    dtype: str                               # "float32", "int8", "int32"
    data: np.ndarray | None = None           # constants only (weights, biases)
    scale: np.ndarray | None = None          # quantized tensors: one or one per channel
    zero_point: np.ndarray | None = None
    quantized_dimension: int = 0


@dataclass
class Op:
    kind: str                                # a BuiltinOperator name, e.g. "FULLY_CONNECTED"
    inputs: list[int]
    outputs: list[int]
    options: dict = field(default_factory=dict)


@dataclass
class Graph:
    tensors: list[Tensor]
    ops: list[Op]
    inputs: list[int]
    outputs: list[int]
    description: str = "quantviz"


def serialize(graph: Graph) -> bytes:
    """The graph as the bytes of a ``.tflite`` file (schema version 3, identifier ``TFL3``)."""
    b = flatbuffers.Builder(1024)
    kinds = list(dict.fromkeys(op.kind for op in graph.ops))
    buffers = [_buffer(b, None)]                       # buffer 0 is the empty sentinel
    tensor_offsets = []
    for tensor in graph.tensors:
        buffer_index = 0
        if tensor.data is not None:
            buffers.append(_buffer(b, np.ascontiguousarray(tensor.data, dtype=tensor.dtype)))
            buffer_index = len(buffers) - 1
        tensor_offsets.append(_tensor(b, tensor, buffer_index))
    op_offsets = [_operator(b, op, kinds.index(op.kind)) for op in graph.ops]
    subgraph = _subgraph(b, tensor_offsets, op_offsets, graph)
    codes = [_operator_code(b, kind) for kind in kinds]
    description = b.CreateString(graph.description)
    model = _fb("Model")
    codes_vec = _offsets(b, model.ModelStartOperatorCodesVector, codes)
    subgraphs_vec = _offsets(b, model.ModelStartSubgraphsVector, [subgraph])
    buffers_vec = _offsets(b, model.ModelStartBuffersVector, buffers)
    model.ModelStart(b)
    model.ModelAddVersion(b, 3)
    model.ModelAddOperatorCodes(b, codes_vec)
    model.ModelAddSubgraphs(b, subgraphs_vec)
    model.ModelAddDescription(b, description)
    model.ModelAddBuffers(b, buffers_vec)
    b.Finish(model.ModelEnd(b), file_identifier=b"TFL3")
    return bytes(b.Output())


def _offsets(b, start_vector, offsets):
    start_vector(b, len(offsets))
    for offset in reversed(offsets):
        b.PrependUOffsetTRelative(offset)
    return b.EndVector()


def _ints(b, values, dtype=np.int32):
    return b.CreateNumpyVector(np.asarray(values, dtype=dtype))


def _buffer(b, data):
    module = _fb("Buffer")
    vec = None
    if data is not None:
        raw = data.astype(data.dtype.newbyteorder("<"), copy=False).tobytes()
        b.StartVector(1, len(raw), 16)                 # 16-byte aligned, as the converter does
        b.head -= len(raw)
        b.Bytes[b.head:b.head + len(raw)] = raw
        vec = b.EndVector()
    module.BufferStart(b)
    if vec is not None:
        module.BufferAddData(b, vec)
    return module.BufferEnd(b)


def _quantization(b, tensor: Tensor):
    module = _fb("QuantizationParameters")
    scale = _ints(b, np.atleast_1d(tensor.scale), np.float32)
    zero_point = _ints(b, np.atleast_1d(tensor.zero_point), np.int64)
    module.QuantizationParametersStart(b)
    module.QuantizationParametersAddScale(b, scale)
    module.QuantizationParametersAddZeroPoint(b, zero_point)
    module.QuantizationParametersAddQuantizedDimension(b, tensor.quantized_dimension)
    return module.QuantizationParametersEnd(b)


def _tensor(b, tensor: Tensor, buffer_index: int):
    module = _fb("Tensor")
    name = b.CreateString(tensor.name)
    shape = _ints(b, tensor.shape)
    quant = _quantization(b, tensor) if tensor.scale is not None else None
    module.TensorStart(b)
    module.TensorAddShape(b, shape)
    module.TensorAddType(b, type_code(tensor.dtype))
    module.TensorAddBuffer(b, buffer_index)
    module.TensorAddName(b, name)
    if quant is not None:
        module.TensorAddQuantization(b, quant)
    return module.TensorEnd(b)


def _options(b, op: Op):
    """(BuiltinOptions type, offset) of an operator's options table, or (0, None)."""
    o = op.options
    activation = ACTIVATIONS[o.get("activation")]
    if op.kind == "FULLY_CONNECTED":
        m = _fb("FullyConnectedOptions")
        m.FullyConnectedOptionsStart(b)
        m.FullyConnectedOptionsAddFusedActivationFunction(b, activation)
        return schema.BuiltinOptions.FullyConnectedOptions, m.FullyConnectedOptionsEnd(b)
    if op.kind == "CONV_2D":
        m = _fb("Conv2DOptions")
        m.Conv2DOptionsStart(b)
        m.Conv2DOptionsAddPadding(b, PADDINGS[o.get("padding", "valid")])
        m.Conv2DOptionsAddStrideW(b, o.get("stride", 1))
        m.Conv2DOptionsAddStrideH(b, o.get("stride", 1))
        m.Conv2DOptionsAddDilationWFactor(b, 1)
        m.Conv2DOptionsAddDilationHFactor(b, 1)
        m.Conv2DOptionsAddFusedActivationFunction(b, activation)
        return schema.BuiltinOptions.Conv2DOptions, m.Conv2DOptionsEnd(b)
    if op.kind in ("MAX_POOL_2D", "AVERAGE_POOL_2D"):
        m = _fb("Pool2DOptions")
        m.Pool2DOptionsStart(b)
        m.Pool2DOptionsAddPadding(b, PADDINGS[o.get("padding", "valid")])
        m.Pool2DOptionsAddStrideW(b, o["stride"])
        m.Pool2DOptionsAddStrideH(b, o["stride"])
        m.Pool2DOptionsAddFilterWidth(b, o["size"])
        m.Pool2DOptionsAddFilterHeight(b, o["size"])
        m.Pool2DOptionsAddFusedActivationFunction(b, activation)
        return schema.BuiltinOptions.Pool2DOptions, m.Pool2DOptionsEnd(b)
    if op.kind == "RESHAPE":
        m = _fb("ReshapeOptions")
        new_shape = _ints(b, o["new_shape"])
        m.ReshapeOptionsStart(b)
        m.ReshapeOptionsAddNewShape(b, new_shape)
        return schema.BuiltinOptions.ReshapeOptions, m.ReshapeOptionsEnd(b)
    return 0, None


def _operator(b, op: Op, code_index: int):
    module = _fb("Operator")
    inputs, outputs = _ints(b, op.inputs), _ints(b, op.outputs)
    options_type, options = _options(b, op)
    module.OperatorStart(b)
    module.OperatorAddOpcodeIndex(b, code_index)
    module.OperatorAddInputs(b, inputs)
    module.OperatorAddOutputs(b, outputs)
    if options is not None:
        module.OperatorAddBuiltinOptionsType(b, options_type)
        module.OperatorAddBuiltinOptions(b, options)
    return module.OperatorEnd(b)


def _subgraph(b, tensor_offsets, op_offsets, graph: Graph):
    module = _fb("SubGraph")
    tensors = _offsets(b, module.SubGraphStartTensorsVector, tensor_offsets)
    ops = _offsets(b, module.SubGraphStartOperatorsVector, op_offsets)
    inputs, outputs = _ints(b, graph.inputs), _ints(b, graph.outputs)
    name = b.CreateString("main")
    module.SubGraphStart(b)
    module.SubGraphAddTensors(b, tensors)
    module.SubGraphAddInputs(b, inputs)
    module.SubGraphAddOutputs(b, outputs)
    module.SubGraphAddOperators(b, ops)
    module.SubGraphAddName(b, name)
    return module.SubGraphEnd(b)


def _operator_code(b, kind: str):
    module = _fb("OperatorCode")
    code = getattr(schema.BuiltinOperator, kind)
    module.OperatorCodeStart(b)
    module.OperatorCodeAddDeprecatedBuiltinCode(b, min(code, 127))
    module.OperatorCodeAddBuiltinCode(b, code)
    module.OperatorCodeAddVersion(b, 1)
    return module.OperatorCodeEnd(b)
