"""``.gguf`` uploads: every tensor type read is what ``gguf.quants`` reads (the llama.cpp blocks
decoded by ``quantviz.llm.ggml``), with numpy's shape (the reverse of ggml's); other types are
skipped with the list of those read; a header's claims are checked before the reader parses it."""
import tempfile

import ml_dtypes
import numpy as np
import pytest
from gguf import GGMLQuantizationType as GGML
from gguf import GGUFWriter, quants

from quantviz.weightfiles import WeightFileError, read_weight_file
from tests.hostile import gguf_file, gguf_info, gguf_kv

BLOCK_TYPES = ["Q8_0", "Q5_0", "Q4_1", "Q4_0", "Q4_K", "TQ2_0", "MXFP4", "NVFP4"]
QUANTIZABLE = {"Q8_0", "Q5_0", "Q4_1", "Q4_0", "TQ2_0", "MXFP4"}   # gguf.quants writes these


def write(tensors: dict, metadata: dict | None = None) -> bytes:
    """A .gguf file written by the gguf package: ``{name: (array, raw ggml type or None)}``."""
    with tempfile.NamedTemporaryFile(suffix=".gguf") as f:
        writer = GGUFWriter(f.name, "llama")
        for key, value in (metadata or {}).items():
            writer.add_uint32(key, value)
        for name, (array, raw) in tensors.items():
            writer.add_tensor(name, array, raw_dtype=raw)
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
        writer.close()
        return open(f.name, "rb").read()


@pytest.fixture(scope="module")
def w():
    return (np.random.default_rng(0).standard_normal((4, 512)) * 0.1).astype(np.float32)


@pytest.mark.parametrize("name", BLOCK_TYPES)
def test_block_types_read_as_gguf_quants_reads_them(w, name):
    kind = GGML[name]
    if name in QUANTIZABLE:
        blocks = quants.quantize(w, kind)
    else:                   # random block bytes with finite scales (read is what is tested)
        rng = np.random.default_rng(1)
        blocks = rng.integers(0, 256, quants.quant_shape_to_byte_shape(w.shape, kind), dtype=np.uint8)
        if name == "Q4_K":   # d and dmin: float16 in [0, 1)
            blocks.reshape(-1, 144)[:, 0:4] = np.frombuffer(np.float16([0.01, 0.002]).tobytes(), np.uint8)
        else:                # NVFP4: E4M3 block scales positive and below 0x7f (no NaN)
            blocks &= 0x77
    wf = read_weight_file(write({"blk.0.w": (blocks, kind)}), "m.gguf")
    expect = quants.dequantize(blocks, kind)
    assert wf.tensors["blk.0.w"].shape == (4, 512) == expect.shape
    assert np.array_equal(wf.tensors["blk.0.w"], expect, equal_nan=True)
    assert wf.source_dtype["blk.0.w"] == name


@pytest.mark.parametrize("dtype", [np.float32, np.float16, ml_dtypes.bfloat16, np.int8, np.int32])
def test_plain_types_are_read_as_they_are_stored(w, dtype):
    x = (w * 100).astype(dtype)
    raw = GGML.BF16 if dtype is ml_dtypes.bfloat16 else None
    array = x.view(np.uint16) if raw is not None else x
    wf = read_weight_file(write({"w": (array, raw)}), "m.gguf")
    assert np.array_equal(wf.tensors["w"], x.astype(np.float32))


def test_a_type_not_read_is_skipped_with_the_types_that_are(w):
    q6 = np.zeros(quants.quant_shape_to_byte_shape(w.shape, GGML.Q6_K), np.uint8)
    wf = read_weight_file(write({"a": (w, None), "b": (q6, GGML.Q6_K)}), "m.gguf")
    assert list(wf.tensors) == ["a"] and wf.skipped["b"].code == "ggml_type"
    assert "Q4_K" in wf.skipped["b"].params["types"] and wf.skipped["b"].params["dtype"] == "Q6_K"


def test_metadata_and_alignment_are_honoured(w):
    wf = read_weight_file(write({"a": (w, None), "b": (w[:1], None)}, {"general.alignment": 64}), "m.gguf")
    assert np.array_equal(wf.tensors["b"], w[:1])
    data = gguf_file([gguf_info("w", (4,), 0, 0)], [gguf_kv("general.alignment", 4, (64).to_bytes(4, "little"))],
                     data=bytes(16), alignment=64)
    assert read_weight_file(data, "m.gguf").tensors["w"].shape == (4,)


@pytest.mark.parametrize("data, code", [
    (b"GGUF", "truncated"), (b"GGML" + bytes(20), "not_format"),
    (gguf_file([gguf_info("w", (4, 4, 4, 4, 4))], data=bytes(4096)), "damaged"),
    (gguf_file([gguf_info("w", ())], data=bytes(64)), "damaged"),
])
def test_lies_are_refused_before_the_reader_parses_them(data, code):
    with pytest.raises(WeightFileError) as e:
        read_weight_file(data, "m.gguf")
    assert e.value.code == code
    str(e.value)
