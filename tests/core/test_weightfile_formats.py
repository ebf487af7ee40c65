"""Real files of the less common kinds read right: sparse .tflite tensors as LiteRT's DENSIFY
makes them dense, ONNX weights in Constant nodes and in If/Loop/Scan subgraphs, ONNX tensors of
every number type in raw and typed fields as the onnx package reads them."""
import ml_dtypes
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from quantviz.weightfiles import read_weight_file
from tests.weightfiles import TFLiteBuilder, sparse_tflite_bytes


def litert_densify(data: bytes) -> np.ndarray:
    """The output of the model's DENSIFY operator, run by LiteRT (without delegates)."""
    from ai_edge_litert import interpreter as litert
    interpreter = litert.Interpreter(model_content=data,
                                     experimental_op_resolver_type=litert.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES)
    interpreter.allocate_tensors()
    interpreter.invoke()
    return interpreter.get_tensor(interpreter.get_output_details()[0]["index"])


def pruned(rng, shape, dtype, block=1, keep=0.3) -> np.ndarray:
    dense = (rng.standard_normal(shape) * 20).astype(dtype)
    rows, cols = shape
    mask = np.repeat(rng.random((rows, cols // block)) < keep, block, axis=1)
    mask[1] = False                                  # an empty row
    return np.where(mask, dense, 0).astype(dtype)


@pytest.mark.parametrize("dtype, block", [(np.float32, 1), (np.float32, 4), (np.int8, 1), (np.int8, 2)])
def test_a_sparse_tflite_tensor_is_densified_as_litert_does(dtype, block):
    dense = pruned(np.random.default_rng(block), (6, 8), dtype, block)
    data = sparse_tflite_bytes(dense, block)
    wf = read_weight_file(data, "pruned.tflite")
    assert list(wf.tensors) == ["w/sparse"]          # the DENSIFY output is an activation
    np.testing.assert_array_equal(wf.tensors["w/sparse"], litert_densify(data).astype(np.float32))
    np.testing.assert_array_equal(wf.tensors["w/sparse"], dense.astype(np.float32))


def test_a_column_major_sparse_tensor():
    """Traversal order (1, 0): columns dense, rows CSR within each column (a CSC matrix)."""
    dense = pruned(np.random.default_rng(5), (5, 4), np.float32)
    kept = [[i for i in range(5) if dense[i, j]] for j in range(4)]
    segments = np.cumsum([0] + [len(k) for k in kept])
    values = np.array([dense[i, j] for j in range(4) for i in kept[j]], np.float32)
    fb = TFLiteBuilder()
    sparsity = fb.sparsity([1, 0], [], [("dense", 4), ("csr", segments, [i for k in kept for i in k])])
    tensor = fb.tensor("w", (5, 4), 0, 1, sparsity=sparsity)
    data = fb.finish([fb.subgraph(fb.tensors_vector([tensor]))], [fb.buffer(), fb.buffer(values.tobytes())])
    np.testing.assert_array_equal(read_weight_file(data, "csc.tflite").tensors["w"], dense)


def test_a_sparse_int8_tensor_is_dequantized_after_densifying():
    dense = pruned(np.random.default_rng(7), (4, 6), np.int8)
    data = sparse_tflite_bytes(dense)
    fb = TFLiteBuilder()                             # the same layout, with per-channel scales
    from tests.weightfiles import csr_levels
    order, block_map, levels, values = csr_levels(dense)
    quant = fb.quantization([0.5, 0.25, 1.0, 2.0], [0, 0, 0, 0], axis=0)
    tensor = fb.tensor("w", dense.shape, 9, 1, quant, fb.sparsity(order, block_map, levels))
    data = fb.finish([fb.subgraph(fb.tensors_vector([tensor]))], [fb.buffer(), fb.buffer(values.tobytes())])
    wf = read_weight_file(data, "q.tflite")
    np.testing.assert_array_equal(wf.tensors["w"], dense * np.array([[0.5], [0.25], [1.0], [2.0]], np.float32))
    assert wf.quant["w"].axis == 0


# ---- ONNX ---------------------------------------------------------------------------------------

def _model(nodes, initializers=()):
    from onnx import TensorProto, helper
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, None)],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], list(initializers))
    return helper.make_model(graph, producer_name="quantviz-tests").SerializeToString()


def test_onnx_weights_in_constant_nodes():
    from onnx import helper, numpy_helper
    w = np.arange(12, dtype=np.float32).reshape(3, 4)
    nodes = [helper.make_node("Constant", [], ["conv.weight"], name="const0", value=numpy_helper.from_array(w)),
             helper.make_node("Constant", [], ["scales"], value_floats=[0.5, 0.25]),
             helper.make_node("Constant", [], ["shape"], value_ints=[-1, 64]),
             helper.make_node("Constant", [], ["eps"], value_float=1e-5),
             helper.make_node("MatMul", ["x", "conv.weight"], ["y"])]
    wf = read_weight_file(_model(nodes), "paddle.onnx")
    np.testing.assert_array_equal(wf.tensors["conv.weight"], w)
    np.testing.assert_array_equal(wf.tensors["scales"], [0.5, 0.25])
    np.testing.assert_array_equal(wf.tensors["shape"], [-1, 64])
    assert wf.skipped["eps"].code == "scalar"


def test_onnx_weights_in_if_loop_and_scan_subgraphs_are_named_by_their_node():
    from onnx import TensorProto, helper, numpy_helper

    def body(name, value):
        return helper.make_graph([helper.make_node("Constant", [], [f"{name}_c"],
                                                   value=numpy_helper.from_array(value))],
                                 name, [], [helper.make_tensor_value_info(f"{name}_c", TensorProto.FLOAT, None)],
                                 [numpy_helper.from_array(value * 2, f"{name}_w")])
    a, b, c = (np.full((2, 2), v, np.float32) for v in (1, 2, 3))
    nested = helper.make_node("If", ["cond"], ["z"], name="inner", then_branch=body("deep", c),
                              else_branch=body("e", c))
    then = body("then", a)
    then.node.append(nested)
    nodes = [helper.make_node("If", ["cond"], ["y"], name="vad_if", then_branch=then, else_branch=body("else", b)),
             helper.make_node("Loop", ["n", "cond"], ["y2"], name="rnn_loop", body=body("step", a)),
             helper.make_node("Scan", ["x"], ["y3"], name="scan", body=body("scan", b), num_scan_inputs=1)]
    tensors = read_weight_file(_model(nodes), "vad.onnx").tensors
    assert set(tensors) == {"vad_if/then_branch/then_w", "vad_if/then_branch/then_c", "vad_if/else_branch/else_w",
                            "vad_if/else_branch/else_c", "rnn_loop/body/step_w", "rnn_loop/body/step_c",
                            "scan/body/scan_w", "scan/body/scan_c", "vad_if/then_branch/inner/then_branch/deep_w",
                            "vad_if/then_branch/inner/then_branch/deep_c", "vad_if/then_branch/inner/else_branch/e_w",
                            "vad_if/then_branch/inner/else_branch/e_c"}
    np.testing.assert_array_equal(tensors["vad_if/else_branch/else_w"], b * 2)
    np.testing.assert_array_equal(tensors["vad_if/then_branch/inner/then_branch/deep_c"], c)


ONNX_TYPES = [np.float32, np.float16, np.float64, np.int8, np.uint8, np.int16, np.uint16, np.int32, np.int64,
              np.uint32, np.uint64, ml_dtypes.bfloat16, ml_dtypes.float8_e4m3fn, ml_dtypes.float8_e5m2]


ML_DTYPES = (ml_dtypes.bfloat16, ml_dtypes.float8_e4m3fn, ml_dtypes.float8_e5m2)


@settings(max_examples=80, derandomize=True, deadline=None)
@given(data=st.data(), dtype=st.sampled_from(ONNX_TYPES), raw=st.booleans())
def test_onnx_tensors_read_as_the_onnx_package_reads_them(data, dtype, raw):
    """Every number type, in raw_data or in its typed field (packed, as onnx writes it)."""
    from onnx import helper, numpy_helper
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, max_side=4))
    if dtype in ML_DTYPES:
        x = data.draw(hnp.arrays(np.float32, shape, elements=st.floats(-200, 200, width=32))).astype(dtype)
    else:
        x = data.draw(hnp.arrays(np.dtype(dtype), shape, elements={"allow_nan": False} if np.dtype(dtype).kind == "f"
                                 else None))
    if raw:
        tensor = numpy_helper.from_array(x, "t")
    else:
        values = x.astype(np.float32) if dtype in ML_DTYPES else x
        tensor = helper.make_tensor("t", helper.np_dtype_to_tensor_dtype(np.dtype(dtype)), x.shape,
                                    values.ravel().tolist())
    expected = numpy_helper.to_array(tensor)
    got = read_weight_file(_model([], [tensor]), "t.onnx").tensors["t"]
    np.testing.assert_array_equal(got, expected.astype(got.dtype))
