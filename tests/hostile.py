"""Hostile weight files, each built with the format's own packages, and what must become of it.

``CASES[name] = (filename, build, expected)``: ``build()`` returns the file's bytes; ``expected``
is the ``WeightFileError`` code it must be refused with, or ``"loaded"`` for a legal file that is
extreme but must load within the limits. ``INSPECT`` holds cases for the int8 page's .tflite
inspector. Used by ``tests/core/test_hostile_files.py`` (bounded, in a capped child process)
and ``bench/hostile.py`` (the table of times and memory).
"""
from __future__ import annotations

import io
import json
import struct
import zipfile

import numpy as np

from tests.weightfiles import TFLiteBuilder, npz_of_members

# ---- .npy and .npz ----------------------------------------------------------------------------


def npy_with_header(header: str, body: bytes = b"", version: int = 1) -> bytes:
    """A .npy file with the header text as given (padded as numpy pads it)."""
    text = header.encode("latin1")
    width = 2 if version == 1 else 4
    pad = -(6 + 2 + width + len(text) + 1) % 64
    text += b" " * pad + b"\n"
    return b"\x93NUMPY" + bytes([version, 0]) + len(text).to_bytes(width, "little") + text + body


def npy_header(descr: str, shape: str, fortran: bool = False) -> str:
    return f"{{'descr': '{descr}', 'fortran_order': {fortran}, 'shape': {shape}, }}"


def npz_deflated(member: str, header: str, zeros: int) -> bytes:
    """An .npz whose one member is a header and ``zeros`` zero bytes, deflated (tiny on disk)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf, \
            zf.open(member, "w", force_zip64=True) as f:
            f.write(npy_with_header(header))
            chunk = bytes(1 << 22)
            for start in range(0, zeros, len(chunk)):
                f.write(chunk[:min(len(chunk), zeros - start)])
    return buf.getvalue()


def npz_encrypted() -> bytes:
    """An .npz whose member's flags say "encrypted" (bit 0), in its local and central headers."""
    data = bytearray(npz_of_members({"w.npy": npy_with_header(npy_header("<f4", "(2,)"), bytes(8))}))
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        data[at + flags_at] |= 1
    return bytes(data)


def npz_many_members(n: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for i in range(n):
            zf.writestr(f"{i}.npy", b"")
    return buf.getvalue()


# ---- .safetensors -------------------------------------------------------------------------------


def safetensors_with(header: dict | str, body: bytes = b"") -> bytes:
    text = (header if isinstance(header, str) else json.dumps(header)).encode()
    return len(text).to_bytes(8, "little") + text + body


def entry(dtype="F32", shape=(2,), offsets=(0, 8)) -> dict:
    return {"dtype": dtype, "shape": shape, "data_offsets": offsets}


# ---- .onnx --------------------------------------------------------------------------------------


def onnx_model(initializers=(), nodes=(), graph_inputs=()) -> bytes:
    from onnx import TensorProto, helper
    graph = helper.make_graph(list(nodes), "g", list(graph_inputs) or [helper.make_tensor_value_info(
        "x", TensorProto.FLOAT, None)], [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        list(initializers))
    return helper.make_model(graph, producer_name="quantviz-tests").SerializeToString()


def onnx_tensor(name="w", data_type=1, dims=(2,), **fields):
    from onnx import TensorProto
    t = TensorProto(name=name, data_type=data_type, dims=list(dims))
    for field, value in fields.items():
        if field == "raw_data":
            t.raw_data = value
        elif field == "segment":
            t.segment.begin, t.segment.end = value
        else:
            getattr(t, field).extend(value)
    return t


def field(number: int, payload: bytes) -> bytes:
    """One length-delimited protobuf field."""
    def varint(n: int) -> bytes:
        out = b""
        while True:
            out += bytes([(n & 0x7F) | (0x80 if n > 0x7F else 0)])
            n >>= 7
            if not n:
                return out
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def onnx_nested_ifs(depth: int) -> bytes:
    """If nodes nested ``depth`` deep, an initializer at the bottom, written field by field (the
    onnx package itself stops at about 30 levels)."""
    from onnx import TensorProto
    graph = field(5, onnx_tensor("w", raw_data=bytes(8)).SerializeToString())      # GraphProto.initializer
    for level in range(depth):
        attribute = field(1, b"then_branch") + b"\xa0\x01\x05" + field(6, graph)    # name, type=GRAPH, g
        node = field(1, b"c") + field(2, b"y") + field(3, f"if{level}".encode()) + field(4, b"If") + field(5, attribute)
        graph = field(1, node) + field(2, f"g{level}".encode())                     # GraphProto.node, name
    assert TensorProto.FLOAT == 1
    return b"\x08\x08" + field(7, graph) + field(8, b"\x10\x11")        # ir_version 8, graph, opset 17


def onnx_packed(data_type: int, dims, number: int, payload: bytes) -> bytes:
    """A model whose one initializer's typed data field ``number`` is ``payload`` (packed)."""
    from onnx import TensorProto
    tensor = TensorProto(name="w", data_type=data_type, dims=list(dims)).SerializeToString() + field(number, payload)
    return b"\x08\x08" + field(7, field(5, tensor) + field(2, b"g")) + field(8, b"\x10\x11")


def onnx_constant_ints(n: int) -> bytes:
    """A Constant node whose ``value_ints`` is ``n`` zeros, packed (one byte each)."""
    attribute = field(1, b"value_ints") + b"\xa0\x01\x07" + field(8, bytes(n))      # name, type=INTS, ints
    node = field(2, b"c") + field(4, b"Constant") + field(5, attribute)
    return b"\x08\x08" + field(7, field(1, node) + field(2, b"g")) + field(8, b"\x10\x11")


def onnx_many_nodes(n: int) -> bytes:
    from onnx import helper
    node = helper.make_node("Relu", ["x"], ["y"])
    model = onnx_model(nodes=[node])
    from onnx import ModelProto
    m = ModelProto.FromString(model)
    for _ in range(n - 1):
        m.graph.node.add().CopyFrom(node)
    return m.SerializeToString()


# ---- .tflite ------------------------------------------------------------------------------------


def tflite_per_channel_bomb() -> bytes:
    """A (1, 100000) int8 tensor with 5,000 scales along axis 0 (where there is 1 channel)."""
    fb = TFLiteBuilder()
    buffers = [fb.buffer(), fb.buffer(bytes(100_000))]
    quant = fb.quantization(np.full(5000, 0.1), np.zeros(5000), axis=0)
    tensor = fb.tensor("w", (1, 100_000), 9, 1, quant)
    return fb.finish([fb.subgraph(fb.tensors_vector([tensor]))], buffers)


def tflite_same_name(n: int, type_code: int = 8) -> bytes:
    """``n`` constant tensors all named "w" (complex64 by default: each one skipped)."""
    fb = TFLiteBuilder()
    buffers = [fb.buffer(), fb.buffer(bytes(8))]
    name = fb.string("w")
    tensors = [fb.tensor(name, (1,), type_code, 1) for _ in range(n)]
    return fb.finish([fb.subgraph(fb.tensors_vector(tensors))], buffers)


def tflite_shared_tables(graphs: int, tensors: int) -> bytes:
    """``graphs`` subgraphs that all point to one subgraph table whose tensor vector holds the
    same tensor table ``tensors`` times: millions of entries from a few kilobytes."""
    fb = TFLiteBuilder()
    buffers = [fb.buffer(), fb.buffer(bytes(4))]
    tensor = fb.tensor("w", (1,), 0, 1)
    graph = fb.subgraph(fb.tensors_vector([tensor] * tensors))
    return fb.finish([graph] * graphs, buffers)


def tflite_long_shared_name(n: int, length: int) -> bytes:
    """``n`` int8 constants sharing one name of ``length`` characters."""
    fb = TFLiteBuilder()
    buffers = [fb.buffer(), fb.buffer(bytes(1))]
    name = fb.string("n" * length)
    tensors = [fb.tensor(name, (1,), 9, 1) for _ in range(n)]
    return fb.finish([fb.subgraph(fb.tensors_vector(tensors))], buffers)


def tflite_one(shape, type_code=0, payload=b"\0" * 8, buffer_at=None, sparsity=None) -> bytes:
    """One constant tensor; ``buffer_at``: (offset, size) of its data in the file instead."""
    fb = TFLiteBuilder()
    data = fb.buffer(offset=buffer_at[0], size=buffer_at[1]) if buffer_at else fb.buffer(payload)
    sparse = fb.sparsity(*sparsity) if sparsity else None
    tensor = fb.tensor("w", shape, type_code, 1, sparsity=sparse)
    return fb.finish([fb.subgraph(fb.tensors_vector([tensor]))], [fb.buffer(), data])


def tflite_shared_buffer(n: int, size: int) -> bytes:
    """``n`` int8 tensors that all point to one buffer of ``size`` bytes."""
    fb = TFLiteBuilder()
    buffers = [fb.buffer(), fb.buffer(bytes(size))]
    tensors = [fb.tensor(f"w{i}", (size,), 9, 1) for i in range(n)]
    return fb.finish([fb.subgraph(fb.tensors_vector(tensors))], buffers)


def tflite_missing_opcode() -> bytes:
    fb = TFLiteBuilder()
    tensors = [fb.tensor("x", (1,), 0, 0), fb.tensor("y", (1,), 0, 0)]
    ops = fb.operators_vector([fb.operator(7, [0], [1])])
    return fb.finish([fb.subgraph(fb.tensors_vector(tensors), ops)], [fb.buffer()], [fb.operator_code(0)])


def tflite_many_subgraphs(graphs: int, tensors: int) -> bytes:
    fb = TFLiteBuilder()
    tensor = fb.tensor("w", (1,), 0, 0)
    graph = fb.subgraph(fb.tensors_vector([tensor] * tensors))
    return fb.finish([graph] * graphs, [fb.buffer()])


# ---- .gguf ------------------------------------------------------------------------------------
# Written byte by byte (gguf's own writer refuses to write a lie): header, metadata, tensor infos.

def gguf_text(text: str | bytes, length: int | None = None) -> bytes:
    raw = text.encode() if isinstance(text, str) else text
    return struct.pack("<Q", len(raw) if length is None else length) + raw


def gguf_kv(key: str, kind: int, payload: bytes) -> bytes:
    """One metadata entry: key, value type (4 uint32, 8 string, 9 array ...), the value's bytes."""
    return gguf_text(key) + struct.pack("<I", kind) + payload


def gguf_info(name: str, ne, ggml_type: int = 0, offset: int = 0, n_dims: int | None = None) -> bytes:
    """One tensor info: ``ne`` in ggml's order (``ne[0]`` is the row length)."""
    return (gguf_text(name) + struct.pack("<I", len(ne) if n_dims is None else n_dims)
            + b"".join(struct.pack("<Q", d) for d in ne) + struct.pack("<IQ", ggml_type, offset))


def gguf_file(infos=(), kvs=(), data: bytes = b"", version: int = 3, tensor_count: int | None = None,
              kv_count: int | None = None, alignment: int = 32) -> bytes:
    head = (b"GGUF" + struct.pack("<IQQ", version, len(infos) if tensor_count is None else tensor_count,
                                  len(kvs) if kv_count is None else kv_count) + b"".join(kvs) + b"".join(infos))
    return head + bytes(-len(head) % alignment) + data


def gguf_nested_arrays(depth: int) -> bytes:
    """One metadata array of one array of ... ``depth`` deep, of one uint8 at the bottom."""
    value = struct.pack("<IQ", 0, 1) + b"\0"
    for _ in range(depth - 1):
        value = struct.pack("<IQ", 9, 1) + value
    return gguf_file(kvs=[gguf_kv("deep", 9, value)])


def gguf_f32(name: str = "w", values: int = 4) -> bytes:
    return gguf_info(name, (values,), 0, 0)


def gguf_q8_0_nan_scale() -> bytes:
    """One Q8_0 block (34 bytes) whose float16 scale is NaN."""
    return gguf_file([gguf_info("w", (32,), 8, 0)], data=b"\x00\x7e" + bytes(32))


def corrupt_root(data: bytes) -> bytes:
    return struct.pack("<I", len(data) + 1000) + data[4:]


# ---- the cases ----------------------------------------------------------------------------------

CASES = {
    # 1. negative and other impossible dimensions
    "npy (-1, 1) with a 30 MB body": ("w.npy", lambda: npy_with_header(npy_header("|i1", "(-1, 1)"), bytes(30_000_000)),
                                       "damaged"),
    "npz member (-1, 1) deflating to 150 MiB": ("w.npz", lambda: npz_deflated("w.npy", npy_header("|i1", "(-1, 1)"),
                                                                               157_000_000), "damaged"),
    "npy shape (True, 3)": ("w.npy", lambda: npy_with_header(npy_header("<f4", "(True, 3)"), bytes(12)), "damaged"),
    "npy shape (2**62, 2**62)": ("w.npy", lambda: npy_with_header(npy_header("<f4", f"({2**62}, {2**62})")),
                                 "too_many_values"),
    "npy shape of a 4,000-digit number": ("w.npy", lambda: npy_with_header(npy_header("<f4", f"({10**4000}, 0)")),
                                          "damaged"),
    "npy with 3,000 dimensions": ("w.npy", lambda: npy_with_header(npy_header("<f4", "(" + "1, " * 3000 + ")")),
                                  "ndim"),
    "npy header of nested tuples": ("w.npy", lambda: npy_with_header(npy_header("<f4", "(" * 3000 + ")" * 3000)),
                                    "damaged"),
    "npy header length 4 GiB": ("w.npy", lambda: b"\x93NUMPY\x02\x00" + b"\xff\xff\xff\xff" + b"{" * 64, "truncated"),
    "npy void items of 1 GB": ("w.npy", lambda: npy_with_header(npy_header("|V1000000000", "(1,)")), "nonnumeric"),
    "npy 20,000,001 values": ("w.npy", lambda: npy_with_header(npy_header("|i1", "(20000001,)"), bytes(20_000_001)),
                              "too_many_values"),
    "npy announces 30 MB, holds 10 bytes": ("w.npy", lambda: npy_with_header(npy_header("<f4", "(7500000,)"),
                                                                             bytes(10)),
                                            "truncated"),
    "onnx dims [-1, 1] with 30 M int32_data": ("w.onnx", lambda: onnx_model([onnx_tensor(
        "w", 6, (-1, 1), int32_data=np.zeros(30_000_000, np.int32))]), "damaged"),
    "onnx 50 MB of packed int64 zeros, dims [-1]": ("w.onnx", lambda: onnx_packed(7, (-1,), 7, bytes(50_000_000)),
                                                    "damaged"),
    "onnx 50 MB of packed int64 zeros, dims [50000000]": ("w.onnx", lambda: onnx_packed(
        7, (50_000_000,), 7, bytes(50_000_000)), "too_many_values"),
    "onnx 25 M empty nodes": ("w.onnx", lambda: b"\x08\x08" + field(7, b"\x0a\x00" * 25_000_000), "too_complex"),
    "onnx Constant with 50 MB of packed ints": ("w.onnx", lambda: onnx_constant_ints(50_000_000), "too_many_values"),
    "onnx dims [2**40, 2**40]": ("w.onnx", lambda: onnx_model([onnx_tensor("w", 1, (2**40, 2**40),
                                                                           raw_data=bytes(8))]), "too_many_values"),
    "safetensors shape [-1, 2]": ("w.safetensors", lambda: safetensors_with({"w": entry(shape=[-1, 2])}, bytes(8)),
                                  "damaged"),
    "safetensors shape [2**40, 2**40]": ("w.safetensors", lambda: safetensors_with(
        {"w": entry(shape=[2**40, 2**40])}, bytes(8)), "too_many_values"),
    "tflite shape [-1]": ("w.tflite", lambda: tflite_one((-1,)), "damaged"),
    # 2. per-channel parameters that do not match their axis
    "tflite (1, 100000) int8 with 5,000 scales": ("w.tflite", tflite_per_channel_bomb, "quant_axis"),
    # 3. quadratic and product-shaped work
    "onnx 16,000 initializers named w": ("w.onnx", lambda: onnx_model([onnx_tensor("w", raw_data=bytes(8))
                                                                        for _ in range(16_000)]), "too_many_tensors"),
    "onnx 10,000 initializers named w": ("w.onnx", lambda: onnx_model([onnx_tensor("w", raw_data=bytes(8))
                                                                        for _ in range(10_000)]), "loaded"),
    "tflite 16,000 skipped tensors named w": ("w.tflite", lambda: tflite_same_name(16_000), "too_many_tensors"),
    "tflite 10,000 tensors named w": ("w.tflite", lambda: tflite_same_name(10_000, type_code=10), "loaded"),
    "tflite 900 subgraphs x 2,000 shared tensors": ("w.tflite", lambda: tflite_shared_tables(900, 2000),
                                                    "too_many_tensors"),
    "tflite 2,000 subgraphs x 2,000 shared tensors": ("w.tflite", lambda: tflite_shared_tables(2000, 2000),
                                                      "too_complex"),
    "tflite 200,000 subgraphs x 10 tensors": ("w.tflite", lambda: tflite_many_subgraphs(200_000, 10), "too_complex"),
    "tflite 1 MB buffer shared by 400 tensors": ("w.tflite", lambda: tflite_shared_buffer(400, 1_000_000),
                                                 "too_many_values"),
    "tflite 10,000 tensors sharing a 4 MB name": ("w.tflite", lambda: tflite_long_shared_name(10_000, 4_000_000),
                                                  "loaded"),
    "npz with 20,000 members": ("w.npz", lambda: npz_many_members(20_000), "too_many_tensors"),
    "safetensors with 20,000 entries": ("w.safetensors", lambda: safetensors_with(
        {f"t{i}": entry(offsets=(0, 0), shape=[0]) for i in range(20_000)}), "too_many_tensors"),
    "onnx 200,000 nodes": ("w.onnx", lambda: onnx_many_nodes(200_000), "too_complex"),
    "onnx If nested 20 deep": ("w.onnx", lambda: onnx_nested_ifs(20), "too_deep"),
    "onnx If nested 10,000 deep": ("w.onnx", lambda: onnx_nested_ifs(10_000), "too_deep"),
    # 4. malformed files that used to escape as TypeError, KeyError, RecursionError...
    "safetensors shape 5": ("w.safetensors", lambda: safetensors_with({"w": entry(shape=5)}, bytes(8)), "damaged"),
    "safetensors data_offsets []": ("w.safetensors", lambda: safetensors_with({"w": entry(offsets=[])}, bytes(8)),
                                    "damaged"),
    "safetensors dtype [\"F32\"]": ("w.safetensors", lambda: safetensors_with({"w": entry(dtype=["F32"])}, bytes(8)),
                                    "damaged"),
    "safetensors 100,000 nested arrays": ("w.safetensors", lambda: safetensors_with(
        '{"w": {"dtype": "F32", "shape": ' + "[" * 100_000 + "]" * 100_000 + ', "data_offsets": [0, 8]}}',
        bytes(8)), "damaged"),
    "safetensors header length 2**63": ("w.safetensors", lambda: (2**63).to_bytes(8, "little") + b"{}", "big_header"),
    "safetensors overlapping data": ("w.safetensors", lambda: safetensors_with(
        {"a": entry(), "b": entry()}, bytes(8)), "damaged"),
    "safetensors number of 5,000 digits": ("w.safetensors", lambda: safetensors_with(
        '{"w": {"dtype": "F32", "shape": [' + "9" * 5000 + '], "data_offsets": [0, 8]}}', bytes(8)), "damaged"),
    "onnx BF16 raw_data shorter than dims": ("w.onnx", lambda: onnx_model([onnx_tensor(
        "w", 16, (4,), raw_data=bytes(6))]), "damaged"),
    "onnx FP8 raw_data shorter than dims": ("w.onnx", lambda: onnx_model([onnx_tensor(
        "w", 17, (4,), raw_data=bytes(3))]), "damaged"),
    "onnx float_data shorter than dims": ("w.onnx", lambda: onnx_model([onnx_tensor(
        "w", 1, (4,), float_data=[1.0, 2.0, 3.0])]), "damaged"),
    "onnx tensor with a segment": ("w.onnx", lambda: onnx_model([onnx_tensor(
        "w", 1, (2,), raw_data=bytes(8), segment=(0, 2))]), "segmented"),
    "onnx external data at /etc/passwd": ("w.onnx", lambda: onnx_model([_external("w", "/etc/passwd")]), "external"),
    "npz member flagged encrypted": ("w.npz", npz_encrypted, "encrypted"),
    "npy shape (True, 3) in an npz": ("w.npz", lambda: npz_of_members(
        {"w.npy": npy_with_header(npy_header("<f4", "(True, 3)"), bytes(12))}), "damaged"),
    "tflite data outside the file": ("w.tflite", lambda: tflite_one((2,), buffer_at=(10**9, 8)), "damaged"),
    "tflite root table outside the file": ("w.tflite", lambda: corrupt_root(tflite_one((2,))), "damaged"),
    "tflite sparse segments past the indices": ("w.tflite", lambda: tflite_one(
        (2, 4), payload=bytes(8), sparsity=([0, 1], [], [("dense", 2), ("csr", [0, 1, 9], [0])])), "damaged"),
    "tflite sparse index past the dimension": ("w.tflite", lambda: tflite_one(
        (2, 4), payload=bytes(8), sparsity=([0, 1], [], [("dense", 2), ("csr", [0, 1, 2], [0, 7])])), "damaged"),
    # 6. .gguf headers that lie
    "gguf tensor count 2**63": ("w.gguf", lambda: gguf_file(tensor_count=2**63), "too_many_tensors"),
    "gguf metadata count 2**40": ("w.gguf", lambda: gguf_file(kv_count=2**40), "too_much_metadata"),
    "gguf key of length 2**63": ("w.gguf", lambda: gguf_file(kvs=[gguf_text("k", 2**63)], kv_count=1), "truncated"),
    "gguf array of 2**60 uint8": ("w.gguf", lambda: gguf_file(kvs=[gguf_kv("a", 9, struct.pack("<IQ", 0, 2**60))]),
                                  "too_much_metadata"),
    "gguf array of 2**60 strings": ("w.gguf", lambda: gguf_file(kvs=[gguf_kv("a", 9, struct.pack("<IQ", 8, 2**60))]),
                                    "truncated"),
    "gguf 200,000 uint8 metadata values": ("w.gguf", lambda: gguf_file(
        kvs=[gguf_kv("a", 9, struct.pack("<IQ", 0, 200_000) + bytes(200_000))]), "too_much_metadata"),
    "gguf arrays nested 10,000 deep": ("w.gguf", lambda: gguf_nested_arrays(10_000), "too_deep"),
    "gguf value type 99": ("w.gguf", lambda: gguf_file(kvs=[gguf_kv("a", 99, b"")]), "damaged"),
    "gguf version 7": ("w.gguf", lambda: gguf_file(version=7), "damaged"),
    "gguf written big-endian": ("w.gguf", lambda: b"GGUF" + struct.pack(">IQQ", 3, 0, 0), "damaged"),
    "gguf alignment 3": ("w.gguf", lambda: gguf_file(kvs=[gguf_kv("general.alignment", 4, struct.pack("<I", 3))]),
                         "damaged"),
    "gguf alignment as a string": ("w.gguf", lambda: gguf_file(kvs=[gguf_kv("general.alignment", 8, gguf_text("32"))]),
                                   "damaged"),
    "gguf a key defined twice": ("w.gguf", lambda: gguf_file(kvs=[gguf_kv("a", 4, bytes(4))] * 2), "damaged"),
    "gguf a key that is not UTF-8": ("w.gguf", lambda: gguf_file(kvs=[gguf_text(b"\xff\xfe") + struct.pack(
        "<I", 4) + bytes(4)], kv_count=1), "damaged"),
    "gguf tensor dims [2**40, 2**40]": ("w.gguf", lambda: gguf_file([gguf_info("w", (2**40, 2**40))]),
                                        "too_many_values"),
    "gguf tensor dims [2**63, 2**63, 4]": ("w.gguf", lambda: gguf_file([gguf_info("w", (2**63, 2**63, 4))]),
                                           "too_many_values"),
    "gguf n_dims 2**32 - 1": ("w.gguf", lambda: gguf_file([gguf_info("w", (4,), n_dims=2**32 - 1)]), "truncated"),
    "gguf tensor data past the end": ("w.gguf", lambda: gguf_file([gguf_info("w", (1000,))], data=bytes(16)),
                                      "damaged"),
    "gguf tensor offset 2**63": ("w.gguf", lambda: gguf_file([gguf_info("w", (4,), 0, 2**63)], data=bytes(16)),
                                 "damaged"),
    "gguf tensor type 999": ("w.gguf", lambda: gguf_file([gguf_info("w", (4,), 999)], data=bytes(16)), "damaged"),
    "gguf Q4_0 rows of 33 values": ("w.gguf", lambda: gguf_file([gguf_info("w", (33,), 2)], data=bytes(64)),
                                    "damaged"),
    "gguf two tensors named w": ("w.gguf", lambda: gguf_file([gguf_f32(), gguf_f32()], data=bytes(16)), "damaged"),
    "gguf Q8_0 block with a NaN scale": ("w.gguf", gguf_q8_0_nan_scale, "bad_blocks"),
    "gguf 16,000 tensors": ("w.gguf", lambda: gguf_file([gguf_f32(f"t{i}", 0) for i in range(16_000)]),
                            "too_many_tensors"),
    # 5. legal files that are extreme
    "onnx 10 M float32 in raw_data": ("w.onnx", lambda: onnx_packed(1, (10_000_000,), 9, bytes(40_000_000)), "loaded"),
    "onnx 10 M int64 zeros in int64_data": ("w.onnx", lambda: onnx_packed(7, (10_000_000,), 7, bytes(10_000_000)),
                                            "loaded"),
    "npy int8 (20000000, 1)": ("w.npy", lambda: npy_with_header(npy_header("|i1", "(20000000, 1)"), bytes(20_000_000)),
                               "loaded"),
    "npz float64 20 M zeros, deflated": ("w.npz", lambda: npz_deflated("w.npy", npy_header("<f8", "(20000000,)"),
                                                                        160_000_000), "loaded"),
    "gguf Q8_0 (4096, 4096), 17.8 MB": ("w.gguf", lambda: gguf_file([gguf_info("w", (4096, 4096), 8)],
                                                                   data=bytes(4096 * 4096 // 32 * 34)), "loaded"),
    "gguf 10,000 F32 tensors of 4 values": ("w.gguf", lambda: gguf_file(
        [gguf_info(f"t{i}", (4,), 0, 32 * i) for i in range(10_000)], data=bytes(32 * 10_000)), "loaded"),
    "gguf 90,000 uint8 metadata values": ("w.gguf", lambda: gguf_file(
        [gguf_f32()], kvs=[gguf_kv("a", 9, struct.pack("<IQ", 0, 90_000) + bytes(90_000))], data=bytes(16)),
        "loaded"),
    "tflite sparse (4000, 5000) with 2 values": ("w.tflite", lambda: tflite_one(
        (4000, 5000), payload=bytes(8), sparsity=([0, 1], [], [("dense", 4000), ("csr", [0, 2] + [2] * 3999,
                                                                                  [0, 4999])])), "loaded"),
}


def _external(name: str, location: str):
    from onnx import TensorProto
    t = onnx_tensor(name, 1, (2,))
    t.data_location = TensorProto.EXTERNAL
    t.external_data.add(key="location", value=location)
    return t


INSPECT = {
    "a 1 MB buffer shared by 400 tensors": (lambda: tflite_shared_buffer(400, 1_000_000), "loaded"),
    "an operator with no OperatorCode": (tflite_missing_opcode, "damaged"),
    "20,000 tensors in one subgraph": (lambda: tflite_shared_tables(1, 20_000), "too_many_tensors"),
}
