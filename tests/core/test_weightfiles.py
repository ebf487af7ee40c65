"""quantviz.weightfiles: a good file of each format, and every bad case with its message."""
import contextlib
import io
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from quantviz.weightfiles import (
    MAX_FILE_BYTES,
    WeightFileError,
    load_weights,
    read_weight_file,
)
from tests.weightfiles import (
    npy_bytes,
    npz_bytes,
    npz_of_members,
    onnx_bytes,
    safetensors_bytes,
    sample_weights,
    tflite_bytes,
)

W = sample_weights()
GOOD = {
    "w.npz": lambda: npz_bytes(**W),
    "w.safetensors": lambda: safetensors_bytes(**W),
    "w.onnx": lambda: onnx_bytes(**W),
    "w.tflite": lambda: tflite_bytes([{"name": k, "array": v} for k, v in W.items()]),
}


def error(data: bytes, filename: str) -> WeightFileError:
    with pytest.raises(WeightFileError) as info:
        read_weight_file(data, filename)
    assert isinstance(info.value, ValueError)
    return info.value


@pytest.mark.parametrize("filename", list(GOOD))
def test_a_good_file_of_each_format_gives_its_tensors(filename):
    tensors = load_weights(GOOD[filename](), filename)
    assert set(tensors) == set(W)
    for name, value in W.items():
        np.testing.assert_array_equal(tensors[name], value)
        assert tensors[name].dtype == np.float32


def test_a_good_npy_is_named_after_the_file():
    tensors = load_weights(npy_bytes(W["dense1.weight"]), "uploads/layer3.npy")
    assert list(tensors) == ["layer3"]
    np.testing.assert_array_equal(tensors["layer3"], W["dense1.weight"])


def test_fortran_order_big_endian_and_integer_arrays_are_read_right():
    a = np.asfortranarray(np.arange(12, dtype=">f8").reshape(3, 4))
    b = np.arange(-5, 5, dtype=np.int16).reshape(2, 5)
    wf = read_weight_file(npz_bytes(a=a, b=b), "x.npz")
    np.testing.assert_array_equal(wf.tensors["a"], a)
    assert wf.tensors["a"].dtype == np.float64 and wf.tensors["b"].dtype == np.float32
    assert wf.source_dtype["b"] == "int16"


def test_tflite_int8_tensors_come_with_their_scales_and_zero_points():
    q = np.array([[-127, 0, 5], [10, 20, 127]], np.int8)
    bias = np.array([100, -3], np.int32)
    data = tflite_bytes([{"name": "conv/w", "array": q, "scale": [0.5, 0.25], "zero_point": [0, 0], "axis": 0},
                         {"name": "act", "array": np.array([0, 128, 255], np.uint8), "scale": [0.1],
                          "zero_point": [128]},
                         {"name": "conv/b", "array": bias, "scale": [0.01], "zero_point": [0]}])
    wf = read_weight_file(data, "model.tflite")
    assert "input" not in wf.tensors  # tensors without data are activations, not weights
    np.testing.assert_array_equal(wf.tensors["conv/w"], q * np.array([[0.5], [0.25]], np.float32))
    np.testing.assert_allclose(wf.tensors["act"], [-12.8, 0.0, 12.7], rtol=1e-6)
    np.testing.assert_allclose(wf.tensors["conv/b"], [1.0, -0.03], rtol=1e-6)
    assert wf.quant["conv/w"].axis == 0 and wf.quant["conv/w"].dtype == "int8"
    np.testing.assert_array_equal(wf.quant["conv/w"].scale, [0.5, 0.25])
    assert wf.quant["act"].axis is None and wf.quant["act"].zero_point.tolist() == [128]


def test_safetensors_bfloat16_is_read():
    import json

    import ml_dtypes
    x = np.array([1.0, -2.5, 3.0e-3], ml_dtypes.bfloat16)
    header = json.dumps({"w": {"dtype": "BF16", "shape": [3], "data_offsets": [0, 6]}}).encode()
    header += b" " * (-len(header) % 8)
    data = len(header).to_bytes(8, "little") + header + x.tobytes()
    np.testing.assert_array_equal(load_weights(data, "w.safetensors")["w"], x.astype(np.float32))


# ---- bad files --------------------------------------------------------------------------------

@pytest.mark.parametrize("filename", ["w.npy", "w.npz", "w.safetensors", "w.onnx", "w.tflite", "w.gguf"])
def test_an_empty_file(filename):
    e = error(b"", filename)
    assert e.code == "empty" and "is empty (0 bytes)" in str(e)


def test_an_unknown_extension_and_a_file_over_50_mb():
    e = error(b"abc", "model.pt")
    assert e.code == "suffix" and ".npy, .npz, .safetensors, .onnx, .tflite or .gguf" in str(e)
    e = error(bytes(MAX_FILE_BYTES + 1), "w.npy")
    assert e.code == "too_big" and "is 50.00 MiB (52,428,801 bytes); the limit is 50 MiB (52,428,800 bytes)" in str(e)


@pytest.mark.parametrize("filename,data,hint", [
    ("w.npz", npy_bytes(np.ones(3)), "it looks like .npy"),
    ("w.npy", npz_bytes(a=np.ones(3)), "it looks like zip"),
    ("w.safetensors", npy_bytes(np.ones(3)), "it looks like .npy"),
    ("w.onnx", b"hello, these are not weights" * 10, ""),
    ("w.tflite", npz_bytes(a=np.ones(3)), "it looks like zip"),
    ("w.npy", b"\x80\x02}q\x00.", "Python pickle"),
    ("w.onnx", GOOD["w.tflite"](), "it looks like .tflite"),
])
def test_a_file_that_is_not_what_its_name_says(filename, data, hint):
    e = error(data, filename)
    assert e.code == "not_format" and f"is not a {filename[1:]} file" in str(e)
    assert hint in str(e) and "right file" in str(e)


@pytest.mark.parametrize("filename", ["w.npy", "w.npz", "w.safetensors", "w.onnx", "w.tflite"])
def test_a_truncated_file(filename):
    good = npy_bytes(W["dense1.weight"]) if filename == "w.npy" else GOOD[filename]()
    e = error(good[:len(good) * 2 // 3], filename)
    assert e.code in ("truncated", "damaged") and "again" in str(e), str(e)


def test_truncated_npy_says_how_much_is_missing():
    good = npy_bytes(np.zeros(1000, np.float32))
    e = error(good[:-100], "w.npy")
    assert e.code == "truncated" and "announces 4,000 bytes of data but holds 3,900" in str(e)


class Trap:
    """Unpickling this would call ``sprung.append``: proof that nothing was unpickled."""
    sprung: list = []

    def __reduce__(self):
        return (Trap.sprung.append, ("unpickled!",))


def test_npy_with_pickled_objects_is_refused_and_never_unpickled():
    data = npy_bytes(np.array([Trap(), 1.0], dtype=object), allow_pickle=True)
    e = error(data, "w.npy")
    assert e.code == "pickle" and "never unpickled" in str(e) and "astype(np.float32)" in str(e)
    mixed = npz_of_members({"objects.npy": data, "ok.npy": npy_bytes(np.ones(4))})
    wf = read_weight_file(mixed, "w.npz")
    assert list(wf.tensors) == ["ok"] and wf.skipped["objects"].code == "pickle"
    assert Trap.sprung == []


def _npz_announcing(values: int, dtype="<f8") -> bytes:
    """An .npz whose one member unpacks to ``values`` zeros: tiny compressed, huge inflated."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf, \
            zf.open("w.npy", "w", force_zip64=True) as f:
            np.lib.format.write_array_header_1_0(f, {"descr": dtype, "fortran_order": False, "shape": (values,)})
            chunk = bytes(1 << 22)
            for _ in range(values * np.dtype(dtype).itemsize // len(chunk) + 1):
                f.write(chunk)
    return buf.getvalue()


def test_npz_members_that_inflate_past_the_limit_are_refused_before_reading():
    e = error(_npz_announcing(21_000_000), "bomb.npz")  # 168 MB in a < 1 MB file
    assert e.code == "inflates" and "would unpack to 164 MiB" in str(e)
    e = error(npz_bytes(a=np.zeros(25_000_000, np.float32)), "big.npz")  # 100 MB, 25 M values
    assert e.code == "too_many_values" and "more than 20,000,000 values (at least 25,000,000)" in str(e)
    e = error(npz_bytes(a=np.zeros(12_000_000, np.int8), b=np.zeros(9_000_000, np.int8)), "two.npz")
    assert e.code == "too_many_values" and "21,000,000" in str(e)


@pytest.mark.parametrize("array,code,words", [
    (np.array(["a", "b"]), "nonnumeric", "<U1 values, not numbers"),
    (np.array([True, False]), "nonnumeric", "bool values"),
    (np.zeros(3, [("x", "f4"), ("y", "i4")]), "nonnumeric", "not numbers"),
    (np.ones(3, np.complex64), "complex", "complex numbers (complex64)"),
    (np.array(1.5), "scalar", "0-d array"),
    (np.zeros((2, 2, 2, 2, 2)), "ndim", "has 5 dimensions; at most 4"),
    (np.zeros((0, 3)), "no_values", "no values (shape (0, 3))"),
])
def test_tensors_that_cannot_be_shown(array, code, words):
    e = error(npy_bytes(array), "w.npy")
    assert e.code == code and words in str(e), str(e)
    wf = read_weight_file(npz_bytes(bad=array, good=np.ones((2, 2))), "w.npz")
    assert list(wf.tensors) == ["good"] and wf.skipped["bad"].code == code


def test_a_file_with_only_bad_tensors_lists_the_reasons():
    e = error(npz_bytes(a=np.array(1.0), b=np.array(["x"])), "w.npz")
    assert e.code == "no_tensors" and "0-d array" in str(e) and "not numbers" in str(e)


def test_nan_and_inf_are_counted_and_reported_but_kept_in_place():
    x = np.array([[1.0, np.nan, np.inf], [-np.inf, np.nan, 2.0]], np.float32)
    wf = read_weight_file(safetensors_bytes(x=x, y=np.ones(3, np.float32)), "w.safetensors")
    assert wf.nonfinite == {"x": (2, 2)}
    assert wf.tensors["x"].shape == (2, 3)


def test_onnx_external_data_is_skipped_with_a_reason():
    import onnx
    model = onnx.load_model_from_string(onnx_bytes(**W))
    ext = model.graph.initializer[1]
    ext.ClearField("raw_data")
    ext.data_location = onnx.TensorProto.EXTERNAL
    ext.external_data.add(key="location", value="weights.bin")
    wf = read_weight_file(model.SerializeToString(), "m.onnx")
    assert list(wf.tensors) == ["dense1.weight"] and wf.skipped["dense1.bias"].code == "external"


def test_damaged_tflite_tables_give_a_message():
    good = bytearray(GOOD["w.tflite"]())
    good[0:4] = (len(good) + 1000).to_bytes(4, "little")  # root table points past the end
    e = error(bytes(good), "w.tflite")
    assert e.code in ("truncated", "damaged") and "again" in str(e)


# ---- properties -------------------------------------------------------------------------------

arrays = hnp.arrays(dtype=st.sampled_from([np.float32, np.float64, np.int8, np.int32, np.float16]),
                    shape=hnp.array_shapes(min_dims=1, max_dims=4, max_side=5))


@settings(max_examples=40, deadline=None)
@given(x=arrays, fmt=st.sampled_from(["npy", "npz", "safetensors"]))
def test_any_numeric_array_round_trips(x, fmt):
    data = {"npy": lambda: npy_bytes(x), "npz": lambda: npz_bytes(t=x),
            "safetensors": lambda: safetensors_bytes(t=x)}[fmt]()
    (value,) = load_weights(data, f"t.{fmt}").values()
    np.testing.assert_array_equal(value, x.astype(value.dtype))
    assert value.dtype in (np.float32, np.float64)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=300), fmt=st.sampled_from(["npy", "npz", "safetensors", "onnx", "tflite"]))
def test_random_bytes_never_crash(data, fmt):
    with contextlib.suppress(WeightFileError):
        load_weights(data, f"x.{fmt}")


@settings(max_examples=60, deadline=None)
@given(fmt=st.sampled_from(list(GOOD)), cut=st.floats(0.0, 0.999), flip=st.integers(0, 10_000))
def test_cut_or_corrupted_good_files_never_crash(fmt, cut, flip):
    good = bytearray(GOOD[fmt]())
    good[flip % len(good)] ^= 0xFF
    try:
        load_weights(bytes(good[:max(1, int(len(good) * cut))]), fmt)
        load_weights(bytes(good), fmt)
    except WeightFileError:
        pass


def test_tflite_reader_agrees_with_litert_on_a_file_from_the_project_writer():
    """Weights and quantization parameters as LiteRT itself reads them from the same file."""
    from ai_edge_litert import interpreter as litert

    from quantviz.tflite.write import Graph, Op, Tensor, serialize
    rng = np.random.default_rng(0)
    w = rng.integers(-127, 128, (3, 4)).astype(np.int8)
    s_w = np.array([0.01, 0.02, 0.005])
    bias = rng.integers(-500, 500, 3).astype(np.int32)
    tensors = [Tensor("x", (1, 4), "int8", scale=np.array([0.05]), zero_point=np.array([-3])),
               Tensor("w", (3, 4), "int8", data=w, scale=s_w, zero_point=np.zeros(3, int)),
               Tensor("b", (3,), "int32", data=bias, scale=0.05 * s_w, zero_point=np.zeros(3, int)),
               Tensor("y", (1, 3), "int8", scale=np.array([0.1]), zero_point=np.array([-10]))]
    data = serialize(Graph(tensors, [Op("FULLY_CONNECTED", [0, 1, 2], [3])], [0], [3]))
    interpreter = litert.Interpreter(model_content=data)
    interpreter.allocate_tensors()
    wf = read_weight_file(data, "fc.tflite")
    assert set(wf.tensors) == {"w", "b"}  # the activations x and y hold no data
    for detail in interpreter.get_tensor_details():
        if detail["name"] not in wf.tensors:
            continue
        q = detail["quantization_parameters"]
        ours = wf.quant[detail["name"]]
        np.testing.assert_allclose(ours.scale, q["scales"], rtol=1e-7)
        np.testing.assert_array_equal(ours.zero_point, q["zero_points"])
        assert ours.axis == q["quantized_dimension"] == 0
        stored = interpreter.get_tensor(detail["index"]).astype(np.int64)
        real = q["scales"].reshape(-1, *([1] * (stored.ndim - 1))) * (stored - q["zero_points"].reshape(
            -1, *([1] * (stored.ndim - 1))))
        np.testing.assert_allclose(wf.tensors[detail["name"]], real, rtol=1e-6)
