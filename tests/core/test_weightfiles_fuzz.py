"""Structure-aware fuzzing of every weight-file reader: headers and tables built from strategies
(negative, huge, duplicate and wrong-typed entries), written with each format's own packages.

Whatever the file, the reader either loads it within the budget (names unique, values counted,
shapes as announced) or refuses it with a ``WeightFileError`` that is not "unreadable" (the code
for a parser failing in a way the reader did not foresee). Derandomized; ``FUZZ_EXAMPLES=2000``
runs more examples per format than ``make test``'s default.
"""
import json
import os
import struct
import zipfile

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quantviz.weightfiles import MAX_TENSORS, MAX_VALUES, WeightFileError, read_weight_file
from tests.hostile import npy_header, npy_with_header, onnx_model, safetensors_with
from tests.weightfiles import TFLiteBuilder

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

dims = st.one_of(st.integers(0, 6), st.integers(-3, -1), st.sampled_from([2**31, 2**40, 2**63, -2**63, 10**30]))
shapes = st.lists(dims, max_size=6)
odd_values = st.one_of(st.none(), st.booleans(), st.floats(allow_nan=True), st.text(max_size=5),
                       st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(),
                                                                            max_size=1))
names = st.one_of(st.sampled_from(["w", "w", "w (2)", "", "a/b", "`x`", "## h", "<b>x</b>", "\n"]), st.text(max_size=8))


def check(data: bytes, filename: str) -> None:
    try:
        wf = read_weight_file(data, filename)
    except WeightFileError as e:
        assert e.code != "unreadable", e
        str(e)
        return
    assert wf.tensors and len(wf.tensors) + len(wf.skipped) <= MAX_TENSORS
    assert wf.values == sum(x.size for x in wf.tensors.values()) <= MAX_VALUES
    assert len(set(wf.tensors) | set(wf.skipped)) == len(wf.tensors) + len(wf.skipped)
    for x in wf.tensors.values():
        assert x.dtype in (np.float32, np.float64) and 1 <= x.ndim <= 4 and not x.flags.writeable


# ---- .npy / .npz --------------------------------------------------------------------------------

descrs = st.sampled_from(["<f4", ">f8", "|i1", "<u2", "|b1", "<c8", "|O", "<U3", "|V8", "<f16", "<M8[s]",
                          "[('a', '<f4'), ('b', '<i4')]", "('<f4', (2, 2))", "<f2", "x", "<i8"])
shape_texts = st.one_of(shapes.map(lambda s: "(" + "".join(f"{d}, " for d in s) + ")"),
                        st.sampled_from(["(True, 3)", "(3.0,)", "('a',)", "[2, 2]", "None", "(((2,),),)", "()"]))


@st.composite
def npy_files(draw) -> bytes:
    descr, shape = draw(descrs), draw(shape_texts)
    fortran = draw(st.booleans())
    header = (f"{{'descr': {descr}, 'fortran_order': {fortran}, 'shape': {shape}, }}" if descr.startswith(("[", "("))
              else npy_header(descr, shape, fortran))
    body = draw(st.one_of(st.binary(max_size=64), st.integers(0, 4096).map(bytes)))
    return npy_with_header(header, body, version=draw(st.sampled_from([1, 2])))


@FUZZ
@given(data=npy_files())
def test_npy(data):
    check(data, "w.npy")


@FUZZ
@pytest.mark.filterwarnings("ignore:Duplicate name")
@given(members=st.lists(st.tuples(names, npy_files(), st.booleans()), max_size=4),
       method=st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]))
def test_npz(members, method):
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, member, npy in members:
            zf.writestr((name.split("\x00")[0] or "m") + (".npy" if npy else ""), member)
    check(buf.getvalue(), "w.npz")


# ---- .safetensors -------------------------------------------------------------------------------

dtypes = st.one_of(st.sampled_from(["F32", "F16", "BF16", "I8", "U8", "I64", "F64", "BOOL", "C64", "F8_E4M3", "X9"]),
                   odd_values)


@st.composite
def safetensors_files(draw) -> bytes:
    entries = draw(st.lists(st.tuples(names, dtypes, st.one_of(shapes, odd_values),
                                      st.one_of(st.tuples(st.integers(-2, 64), st.integers(-2, 64)).map(list),
                                                odd_values)), max_size=5))
    parts = [f'{json.dumps(name)}: {json.dumps({"dtype": dtype, "shape": shape, "data_offsets": offsets})}'
             for name, dtype, shape, offsets in entries]       # written by hand: duplicate keys stay
    if draw(st.booleans()):
        parts.append('"__metadata__": {"format": "np"}')
    return safetensors_with("{" + ", ".join(parts) + "}", bytes(draw(st.integers(0, 64))))


@FUZZ
@given(data=safetensors_files())
def test_safetensors(data):
    check(data, "w.safetensors")


# ---- .onnx --------------------------------------------------------------------------------------

@st.composite
def onnx_tensors(draw):
    from onnx import TensorProto
    t = TensorProto(name=draw(names), data_type=draw(st.one_of(st.integers(0, 26), st.integers(-5, 1000))))
    t.dims.extend(d for d in draw(shapes) if -2**63 <= d < 2**63)
    store = draw(st.sampled_from(["raw", "float", "int32", "int64", "double", "uint64", "none", "segment", "external"]))
    if store == "raw":
        t.raw_data = bytes(draw(st.integers(0, 64)))
    elif store == "float":
        t.float_data.extend(draw(st.lists(st.floats(width=32), max_size=8)))
    elif store == "int32":
        t.int32_data.extend(draw(st.lists(st.integers(-2**31, 2**31 - 1), max_size=8)))
    elif store == "int64":
        t.int64_data.extend(draw(st.lists(st.integers(-2**63, 2**63 - 1), max_size=8)))
    elif store == "double":
        t.double_data.extend(draw(st.lists(st.floats(), max_size=8)))
    elif store == "uint64":
        t.uint64_data.extend(draw(st.lists(st.integers(0, 2**64 - 1), max_size=8)))
    elif store == "segment":
        t.segment.begin, t.segment.end = 0, 1
    elif store == "external":
        t.data_location = TensorProto.EXTERNAL
        t.external_data.add(key="location", value="../../etc/passwd")
    return t


@st.composite
def onnx_files(draw) -> bytes:
    from onnx import AttributeProto, helper
    nodes = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["Constant", "If", "Loop", "Relu"]))
        if kind == "Constant":
            attr = draw(st.sampled_from(["value", "value_floats", "value_ints", "value_float", "value_string"]))
            value = {"value": lambda: draw(onnx_tensors()),
                     "value_floats": lambda: draw(st.lists(st.floats(width=32), min_size=1)),
                     "value_ints": lambda: draw(st.lists(st.integers(-2**63, 2**63 - 1), min_size=1)),
                     "value_float": lambda: 1.5, "value_string": lambda: "s"}[attr]()
            nodes.append(helper.make_node("Constant", [], [draw(names)], name=draw(names), **{attr: value}))
        elif kind in ("If", "Loop"):
            body = helper.make_graph([], draw(names), [], [], draw(st.lists(onnx_tensors(), max_size=2)))
            graph_attr = {"If": "then_branch", "Loop": "body"}[kind]
            node = helper.make_node(kind, ["c"], ["y"], name=draw(names))
            node.attribute.append(helper.make_attribute(graph_attr, body))
            assert node.attribute[-1].type == AttributeProto.GRAPH
            nodes.append(node)
        else:
            nodes.append(helper.make_node("Relu", ["x"], ["y"], name=draw(names)))
    data = onnx_model(draw(st.lists(onnx_tensors(), max_size=4)), nodes)
    cut = draw(st.one_of(st.none(), st.integers(1, len(data))))
    return data if cut is None else data[:cut]


@FUZZ
@given(data=onnx_files())
def test_onnx(data):
    check(data, "w.onnx")


# ---- .tflite ------------------------------------------------------------------------------------

@st.composite
def tflite_files(draw) -> bytes:
    fb = TFLiteBuilder()
    buffers = [fb.buffer()] + [fb.buffer(bytes(n)) for n in draw(st.lists(st.integers(0, 64), max_size=3))]
    if draw(st.booleans()):
        buffers.append(fb.buffer(offset=draw(st.integers(0, 2**40)), size=draw(st.integers(0, 2**20))))
    shared_name = fb.string(draw(names))
    tensors = []
    for _ in range(draw(st.integers(0, 5))):
        shape = [d for d in draw(shapes) if -2**31 <= d < 2**31]
        quant = sparsity = None
        if draw(st.booleans()):
            n = draw(st.integers(1, 4))
            quant = fb.quantization(np.full(n, 0.5), np.zeros(draw(st.sampled_from([n, 1, 0]))),
                                    axis=draw(st.integers(-1, 5)))
        if draw(st.integers(0, 4)) == 0:
            levels = [("dense", draw(st.integers(-1, 6))) if draw(st.booleans()) else
                      ("csr", draw(st.lists(st.integers(-1, 8), max_size=5)), draw(st.lists(st.integers(-1, 8),
                                                                                            max_size=5)))
                      for _ in range(draw(st.integers(0, 3)))]
            sparsity = fb.sparsity(draw(st.lists(st.integers(-1, 3), max_size=3)),
                                   draw(st.lists(st.integers(-1, 2), max_size=2)), levels)
        name = shared_name if draw(st.booleans()) else draw(names)
        tensors.append(fb.tensor(name, shape, draw(st.one_of(st.sampled_from([0, 1, 2, 3, 9, 5, 8, 17]),
                                                              st.integers(0, 127))),
                                 draw(st.integers(0, len(buffers) + 1)), quant, sparsity))
    vector = fb.tensors_vector(tensors)
    graphs = [fb.subgraph(vector) for _ in range(draw(st.integers(0, 3)))]
    data = fb.finish(graphs, buffers)
    if draw(st.booleans()):
        data = bytearray(data)
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255))
    return bytes(data)


@FUZZ
@given(data=tflite_files())
def test_tflite(data):
    check(data, "w.tflite")


@FUZZ
@given(data=tflite_files())
def test_tflite_inspector(data):
    from quantviz.tflite.inspect import inspect, operators
    try:
        inspect(data)
        operators(data)
    except WeightFileError as e:
        assert e.code != "unreadable", e


# ---- .gguf --------------------------------------------------------------------------------------

GGML_TYPES = [0, 1, 2, 3, 6, 8, 12, 30, 34, 35, 39, 40, 13, 14, 24, 28, 999, 2**32 - 1]   # read, skipped, undefined
gguf_dims = st.one_of(st.integers(0, 64), st.sampled_from([32, 256, 2**31, 2**40, 2**64 - 1]))
gguf_scalars = st.sampled_from([(0, b"\x01"), (4, b"\x20\x00\x00\x00"), (4, b"\x03\x00\x00\x00"),
                                (6, b"\x00\x00\xc0\x7f"), (7, b"\x02"), (10, bytes(8)), (12, bytes(8))])


@st.composite
def gguf_values(draw, depth: int = 0) -> tuple[int, bytes]:
    """A metadata value: a scalar, a string (its length may lie), an array (its count may lie), or
    an undefined type."""
    from tests.hostile import gguf_text
    kind = draw(st.sampled_from(["scalar", "string", "array", "undefined"] if depth < 3 else ["scalar", "string"]))
    if kind == "scalar":
        return draw(gguf_scalars)
    if kind == "string":
        return 8, gguf_text(draw(names), draw(st.one_of(st.none(), st.integers(0, 2**64 - 1))))
    if kind == "undefined":
        return draw(st.integers(13, 2**32 - 1)), b""
    items = draw(st.lists(gguf_values(depth + 1), max_size=3))
    item_type = items[0][0] if items else draw(st.sampled_from([0, 8, 9, 77]))
    count = draw(st.one_of(st.just(len(items)), st.integers(0, 2**64 - 1)))
    return 9, struct.pack("<IQ", item_type, count) + b"".join(v for _, v in items)


@st.composite
def gguf_files(draw) -> bytes:
    from tests.hostile import gguf_file, gguf_info, gguf_kv
    kvs = []
    for key in draw(st.lists(st.one_of(names, st.just("general.alignment")), max_size=4)):
        kind, value = draw(gguf_values())
        kvs.append(gguf_kv(key, kind, value))
    infos = [gguf_info(name, draw(st.lists(gguf_dims, min_size=0, max_size=5)), draw(st.sampled_from(GGML_TYPES)),
                       draw(st.one_of(st.sampled_from([0, 32, 64]), st.integers(0, 2**64 - 1))))
             for name in draw(st.lists(names, max_size=4))]
    lie = st.one_of(st.none(), st.integers(0, 2**64 - 1))
    return gguf_file(infos, kvs, bytes(draw(st.integers(0, 4096))), version=draw(st.sampled_from([3, 3, 2, 1, 4])),
                     tensor_count=draw(lie), kv_count=draw(lie))


@FUZZ
@given(data=gguf_files())
def test_gguf(data):
    check(data, "w.gguf")


@FUZZ
@given(data=gguf_files(), cut=st.integers(0, 200))
def test_gguf_cut_short(data, cut):
    check(data[:max(4, len(data) - cut)], "w.gguf")
