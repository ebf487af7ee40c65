"""Weight files of every supported format, written in memory for the tests (good and bad)."""
from __future__ import annotations

import io
import zipfile

import numpy as np


def npy_bytes(array, allow_pickle=False) -> bytes:
    buf = io.BytesIO()
    np.save(buf, array, allow_pickle=allow_pickle)
    return buf.getvalue()


def npz_bytes(**arrays) -> bytes:
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def npz_of_members(members: dict[str, bytes]) -> bytes:
    """A zip holding the given raw members (to build archives np.savez would not write)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def safetensors_bytes(**arrays) -> bytes:
    from safetensors.numpy import save
    return save(arrays)


def onnx_bytes(**arrays) -> bytes:
    """A one-node ONNX model (MatMul of the input with the first array) whose initializers are
    ``arrays``."""
    from onnx import TensorProto, helper, numpy_helper

    inits = [numpy_helper.from_array(np.asarray(a), name) for name, a in arrays.items()]
    first = next(iter(arrays))
    node = helper.make_node("MatMul", ["x", first], ["y"])
    graph = helper.make_graph([node], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, None)],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    model = helper.make_model(graph, producer_name="quantviz-tests")
    return model.SerializeToString()


TFLITE_TYPES = {np.dtype(np.float32): 0, np.dtype(np.float16): 1, np.dtype(np.int32): 2, np.dtype(np.uint8): 3,
                np.dtype(np.int64): 4, np.dtype(np.int16): 7, np.dtype(np.complex64): 8, np.dtype(np.int8): 9}


class TFLiteBuilder:
    """A ``.tflite`` flatbuffer built table by table with the ``tflite`` package's schema code.

    Every method returns the offset of what it built, so that tests can share one table or
    vector between many parents (as a hostile file would). Build children before parents.
    """

    def __init__(self):
        import flatbuffers
        import tflite
        self.b, self.fb = flatbuffers.Builder(1024), tflite

    def vector(self, start, offsets) -> int:
        start(self.b, len(offsets))
        for off in reversed(offsets):
            self.b.PrependUOffsetTRelative(off)
        return self.b.EndVector()

    def numbers(self, values, dtype) -> int:
        return self.b.CreateNumpyVector(np.asarray(values, dtype))

    def string(self, text) -> int:
        return self.b.CreateString(text)

    def buffer(self, payload: bytes | None = None, offset: int | None = None, size: int | None = None) -> int:
        fb = self.fb
        vec = self.b.CreateByteVector(payload) if payload else None
        fb.BufferStart(self.b)
        if vec is not None:
            fb.BufferAddData(self.b, vec)
        if offset is not None:
            fb.BufferAddOffset(self.b, offset)
            fb.BufferAddSize(self.b, size)
        return fb.BufferEnd(self.b)

    def quantization(self, scale, zero_point, axis: int = 0) -> int:
        fb = self.fb
        scale, zero_point = self.numbers(scale, np.float32), self.numbers(zero_point, np.int64)
        fb.QuantizationParametersStart(self.b)
        fb.QuantizationParametersAddScale(self.b, scale)
        fb.QuantizationParametersAddZeroPoint(self.b, zero_point)
        fb.QuantizationParametersAddQuantizedDimension(self.b, axis)
        return fb.QuantizationParametersEnd(self.b)

    def sparsity(self, traversal_order, block_map, levels) -> int:
        """``levels``: per traversal level ``("dense", size)`` or ``("csr", segments, indices)``."""
        fb, b = self.fb, self.b
        metas = []
        for level in levels:
            vectors = []
            if level[0] == "csr":
                for values in level[1:]:
                    data = self.numbers(values, np.int32)
                    fb.Int32VectorStart(b)
                    fb.Int32VectorAddValues(b, data)
                    vectors.append(fb.Int32VectorEnd(b))
            fb.DimensionMetadataStart(b)
            if level[0] == "dense":
                fb.DimensionMetadataAddFormat(b, 0)
                fb.DimensionMetadataAddDenseSize(b, level[1])
            else:
                fb.DimensionMetadataAddFormat(b, 1)
                fb.DimensionMetadataAddArraySegmentsType(b, 1)
                fb.DimensionMetadataAddArraySegments(b, vectors[0])
                fb.DimensionMetadataAddArrayIndicesType(b, 1)
                fb.DimensionMetadataAddArrayIndices(b, vectors[1])
            metas.append(fb.DimensionMetadataEnd(b))
        order, blocks = self.numbers(traversal_order, np.int32), self.numbers(block_map, np.int32)
        dims = self.vector(fb.SparsityParametersStartDimMetadataVector, metas)
        fb.SparsityParametersStart(b)
        fb.SparsityParametersAddTraversalOrder(b, order)
        fb.SparsityParametersAddBlockMap(b, blocks)
        fb.SparsityParametersAddDimMetadata(b, dims)
        return fb.SparsityParametersEnd(b)

    def tensor(self, name, shape, type_code: int, buffer: int, quantization: int | None = None,
               sparsity: int | None = None) -> int:
        """``name``: text, or the offset of a string already built (shared between tensors)."""
        fb = self.fb
        name = self.string(name) if isinstance(name, str) else name
        shape = self.numbers(shape, np.int32)
        fb.TensorStart(self.b)
        fb.TensorAddShape(self.b, shape)
        fb.TensorAddType(self.b, type_code)
        fb.TensorAddBuffer(self.b, buffer)
        fb.TensorAddName(self.b, name)
        if quantization is not None:
            fb.TensorAddQuantization(self.b, quantization)
        if sparsity is not None:
            fb.TensorAddSparsity(self.b, sparsity)
        return fb.TensorEnd(self.b)

    def operator(self, opcode_index: int, inputs, outputs) -> int:
        fb = self.fb
        inputs, outputs = self.numbers(inputs, np.int32), self.numbers(outputs, np.int32)
        fb.OperatorStart(self.b)
        fb.OperatorAddOpcodeIndex(self.b, opcode_index)
        fb.OperatorAddInputs(self.b, inputs)
        fb.OperatorAddOutputs(self.b, outputs)
        return fb.OperatorEnd(self.b)

    def operator_code(self, builtin: int) -> int:
        fb = self.fb
        fb.OperatorCodeStart(self.b)
        fb.OperatorCodeAddDeprecatedBuiltinCode(self.b, min(builtin, 127))
        fb.OperatorCodeAddBuiltinCode(self.b, builtin)
        fb.OperatorCodeAddVersion(self.b, 1)
        return fb.OperatorCodeEnd(self.b)

    def subgraph(self, tensors: int, operators: int | None = None, inputs=(), outputs=()) -> int:
        """``tensors``/``operators``: offsets of vectors (from ``tensors_vector``...)."""
        fb = self.fb
        inputs, outputs = self.numbers(list(inputs), np.int32), self.numbers(list(outputs), np.int32)
        fb.SubGraphStart(self.b)
        fb.SubGraphAddTensors(self.b, tensors)
        if operators is not None:
            fb.SubGraphAddOperators(self.b, operators)
        fb.SubGraphAddInputs(self.b, inputs)
        fb.SubGraphAddOutputs(self.b, outputs)
        return fb.SubGraphEnd(self.b)

    def tensors_vector(self, offsets) -> int:
        return self.vector(self.fb.SubGraphStartTensorsVector, offsets)

    def operators_vector(self, offsets) -> int:
        return self.vector(self.fb.SubGraphStartOperatorsVector, offsets)

    def finish(self, subgraphs: list[int], buffers: list[int], operator_codes: list[int] = ()) -> bytes:
        fb, b = self.fb, self.b
        codes = self.vector(fb.ModelStartOperatorCodesVector, list(operator_codes))
        graphs = self.vector(fb.ModelStartSubgraphsVector, subgraphs)
        bufs = self.vector(fb.ModelStartBuffersVector, buffers)
        description = b.CreateString("quantviz tests")
        fb.ModelStart(b)
        fb.ModelAddVersion(b, 3)
        fb.ModelAddOperatorCodes(b, codes)
        fb.ModelAddSubgraphs(b, graphs)
        fb.ModelAddBuffers(b, bufs)
        fb.ModelAddDescription(b, description)
        b.Finish(fb.ModelEnd(b), file_identifier=b"TFL3")
        return bytes(b.Output())


def tflite_bytes(tensors: list[dict]) -> bytes:
    """A TFLite flatbuffer with one subgraph holding constant tensors.

    Each dict: ``name``, ``array`` and optionally ``scale``, ``zero_point`` (lists) and ``axis``
    (the quantized dimension). An extra activation tensor without data is added, as in a real model.
    """
    fb = TFLiteBuilder()
    buffers = [fb.buffer()] + [fb.buffer(np.ascontiguousarray(t["array"]).tobytes()) for t in tensors]
    offsets = []
    for i, spec in enumerate(tensors + [{"name": "input", "array": np.zeros((1, 4), np.float32)}]):
        quant = fb.quantization(spec["scale"], spec["zero_point"], spec.get("axis", 0)) if "scale" in spec else None
        offsets.append(fb.tensor(spec["name"], spec["array"].shape, TFLITE_TYPES[np.dtype(spec["array"].dtype)],
                                 i + 1 if i < len(tensors) else 0, quant))
    return fb.finish([fb.subgraph(fb.tensors_vector(offsets))], buffers)


def csr_levels(dense: np.ndarray, block: int = 1) -> tuple[list, list, list, np.ndarray]:
    """A 2-d array as TFLite stores it sparse: rows dense, columns CSR (in blocks of ``block``
    columns, each block stored whole). Returns (traversal_order, block_map, levels, values)."""
    rows, cols = dense.shape
    blocks = dense.reshape(rows, cols // block, block)
    kept = [[j for j in range(cols // block) if blocks[i, j].any()] for i in range(rows)]
    segments = np.cumsum([0] + [len(k) for k in kept])
    indices = [j for k in kept for j in k]
    values = np.concatenate([blocks[i, j] for i in range(rows) for j in kept[i]] or [np.zeros(0, dense.dtype)])
    levels = [("dense", rows), ("csr", segments, indices)]
    if block == 1:
        return [0, 1], [], levels, values.astype(dense.dtype)
    return [0, 1, 2], [1], levels + [("dense", block)], values.astype(dense.dtype)


def sparse_tflite_bytes(dense: np.ndarray, block: int = 1, densify_op: bool = True) -> bytes:
    """A model whose one constant is ``dense`` (2-d, float32 or int8) stored sparse, read by a
    DENSIFY operator into the graph's output (as converters write pruned models)."""
    order, block_map, levels, values = csr_levels(dense, block)
    fb = TFLiteBuilder()
    buffers = [fb.buffer(), fb.buffer(values.tobytes())]
    code = TFLITE_TYPES[np.dtype(dense.dtype)]
    sparse = fb.tensor("w/sparse", dense.shape, code, 1, sparsity=fb.sparsity(order, block_map, levels))
    out = fb.tensor("w", dense.shape, code, 0)
    ops = fb.operators_vector([fb.operator(0, [0], [1])]) if densify_op else None
    graph = fb.subgraph(fb.tensors_vector([sparse, out]), ops, inputs=[], outputs=[1])
    return fb.finish([graph], buffers, [fb.operator_code(124)])   # 124: DENSIFY


def sample_weights(seed=0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {"dense1.weight": (rng.standard_normal((16, 8)) * 0.1).astype(np.float32),
            "dense1.bias": (rng.standard_normal(16) * 0.01).astype(np.float32)}
