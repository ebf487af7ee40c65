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
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    inits = [numpy_helper.from_array(np.asarray(a), name) for name, a in arrays.items()]
    first = next(iter(arrays))
    node = helper.make_node("MatMul", ["x", first], ["y"])
    graph = helper.make_graph([node], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, None)],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    model = helper.make_model(graph, producer_name="quantviz-tests")
    return model.SerializeToString()


TFLITE_TYPES = {np.dtype(np.float32): 0, np.dtype(np.int32): 2, np.dtype(np.uint8): 3,
                np.dtype(np.int8): 9, np.dtype(np.complex64): 8, np.dtype(np.float16): 1}


def tflite_bytes(tensors: list[dict]) -> bytes:
    """A TFLite flatbuffer with one subgraph holding constant tensors.

    Each dict: ``name``, ``array`` and optionally ``scale``, ``zero_point`` (lists) and ``axis``
    (the quantized dimension). An extra activation tensor without data is added, as in a real model.
    """
    import flatbuffers
    import tflite

    b = flatbuffers.Builder(1024)
    payloads = [b""] + [np.ascontiguousarray(t["array"]).tobytes() for t in tensors]
    buffers = []
    for payload in payloads:
        vec = b.CreateByteVector(payload) if payload else None
        tflite.BufferStart(b)
        if vec is not None:
            tflite.BufferAddData(b, vec)
        buffers.append(tflite.BufferEnd(b))

    def table(spec, index):
        name = b.CreateString(spec["name"])
        shape = b.CreateNumpyVector(np.asarray(spec["array"].shape, np.int32))
        quant = None
        if "scale" in spec:
            scale = b.CreateNumpyVector(np.asarray(spec["scale"], np.float32))
            zp = b.CreateNumpyVector(np.asarray(spec["zero_point"], np.int64))
            tflite.QuantizationParametersStart(b)
            tflite.QuantizationParametersAddScale(b, scale)
            tflite.QuantizationParametersAddZeroPoint(b, zp)
            tflite.QuantizationParametersAddQuantizedDimension(b, spec.get("axis", 0))
            quant = tflite.QuantizationParametersEnd(b)
        tflite.TensorStart(b)
        tflite.TensorAddShape(b, shape)
        tflite.TensorAddType(b, TFLITE_TYPES[np.dtype(spec["array"].dtype)])
        tflite.TensorAddBuffer(b, index)
        tflite.TensorAddName(b, name)
        if quant is not None:
            tflite.TensorAddQuantization(b, quant)
        return tflite.TensorEnd(b)

    specs = tensors + [{"name": "input", "array": np.zeros((1, 4), np.float32)}]
    offsets = [table(spec, i + 1 if i < len(tensors) else 0) for i, spec in enumerate(specs)]
    tflite.SubGraphStartTensorsVector(b, len(offsets))
    for off in reversed(offsets):
        b.PrependUOffsetTRelative(off)
    tensor_vec = b.EndVector()
    tflite.SubGraphStart(b)
    tflite.SubGraphAddTensors(b, tensor_vec)
    subgraph = tflite.SubGraphEnd(b)
    tflite.ModelStartSubgraphsVector(b, 1)
    b.PrependUOffsetTRelative(subgraph)
    subgraphs = b.EndVector()
    tflite.ModelStartBuffersVector(b, len(buffers))
    for off in reversed(buffers):
        b.PrependUOffsetTRelative(off)
    buffer_vec = b.EndVector()
    description = b.CreateString("quantviz tests")
    tflite.ModelStart(b)
    tflite.ModelAddVersion(b, 3)
    tflite.ModelAddSubgraphs(b, subgraphs)
    tflite.ModelAddBuffers(b, buffer_vec)
    tflite.ModelAddDescription(b, description)
    b.Finish(tflite.ModelEnd(b), file_identifier=b"TFL3")
    return bytes(b.Output())


def sample_weights(seed=0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {"dense1.weight": (rng.standard_normal((16, 8)) * 0.1).astype(np.float32),
            "dense1.bias": (rng.standard_normal(16) * 0.01).astype(np.float32)}
