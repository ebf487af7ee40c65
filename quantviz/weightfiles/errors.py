"""Why a weight file, or one tensor in it, cannot be shown.

Every problem has a ``code`` and ``params`` so that the app can say it in the reader's language
(``quantviz.app.strings.shell`` holds the same sentences in English and Chinese); the
English sentence here is the exception's message. Names, file names and type names come from the
file itself: they are plain text, and whoever displays them must show them as text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# What the whole file is refused for (``WeightFileError.code``).
REFUSALS = {
    "empty": "{filename} is empty (0 bytes): choose the saved weight file itself.",
    "too_big": "{filename} is {size_mib:.2f} MiB ({size:,} bytes); the limit is {limit_mib:g} MiB ({limit:,} "
               "bytes). Save only the layers you want to see (for example one tensor with np.save) and "
               "upload that.",
    "suffix": "Cannot tell how to read {filename}: its name must end in .npy, .npz, .safetensors, .onnx, "
              ".tflite or .gguf.",
    "not_format": "{filename} is not a {format} file{hint}. Check that you chose the right file and that its "
                  "name ends in the extension of its real format.",
    "truncated": "{filename} ends too early (truncated or damaged): {detail}. Save or download it again.",
    "damaged": "{filename} could not be read as {format}: {detail}. Save or download it again.",
    "encrypted": "{filename} holds {name} encrypted with a password, which cannot be read. Save the archive "
                 "without a password (np.savez does).",
    "too_many_values": "{filename} holds more than {limit:,} values (at least {count:,}). Save fewer or smaller "
                       "tensors and upload that.",
    "too_many_tensors": "{filename} holds more than {limit:,} tensors (at least {count:,}). Save only the layers "
                        "you want to see and upload that.",
    "too_complex": "{filename} has more than {limit:,} nodes, graphs or tables (at least {count:,}); at most that "
                   "many are read. Save only the weights (for example with np.savez) and upload that.",
    "big_header": "{filename} has a header of {size:,} bytes; at most {limit:,} are read. Save fewer tensors "
                  "(or shorter metadata) and upload that.",
    "too_deep": "{filename} nests its graphs or arrays more than {limit} levels deep; at most that many are read. "
                "Save only the weights (for example with np.savez) and upload that.",
    "too_much_metadata": "{filename} holds more than {limit:,} metadata values (at least {count:,}, such as a "
                         "tokenizer's vocabulary); at most that many are read. Save only the layers' tensors (for "
                         "example with gguf's GGUFWriter and no vocabulary) and upload that.",
    "inflates": "{filename} would unpack to {size_mib:.0f} MiB, more than the {limit_mib:.0f} MiB that "
                "{values:,} values take. Save fewer or smaller tensors and upload that.",
    "no_tensors": "{filename} holds no tensor that can be shown: {reasons}",
    "unreadable": "{filename} could not be read as {format}; the problem has been logged on the server. Save "
                  "the weights with np.savez and upload that.",
}

# Why one tensor is skipped (``Problem`` in ``WeightFile.skipped``).
SKIPS = {
    "pickle": "{name} holds Python objects (dtype object), which could only be read by unpickling; uploads "
              "are never unpickled. Save plain numbers, e.g. np.save(path, w.astype(np.float32)).",
    "nonnumeric": "{name} holds {dtype} values, not numbers; only integer and real float tensors can be shown.",
    "complex": "{name} holds complex numbers ({dtype}), which have no single real range; save the real and "
               "imaginary parts as separate tensors.",
    "scalar": "{name} is a single number (a 0-d array) and has no distribution to show; save it with at "
              "least one dimension.",
    "ndim": "{name} has {ndim} dimensions; at most 4 are supported. Reshape it first.",
    "no_values": "{name} has no values (shape {shape}).",
    "external": "{name} is stored in a separate external-data file, which was not uploaded.",
    "not_npy": "{name} is not a .npy array inside the .npz archive.",
    "segmented": "{name} is stored in segments (a split tensor), which cannot be shown.",
    "sparse": "{name} is an ONNX sparse tensor, which cannot be shown.",
    "ggml_type": "{name} is stored as {dtype}, which is not read here; the types read are {types}.",
    "bad_blocks": "{name} holds {dtype} blocks whose scale is NaN, infinite or negative: its data is damaged.",
    "quant_axis": "{name} has {scales:,} scales and zero points for {channels:,} channels along axis {axis}; "
                  "they must match, so its real values are unknown.",
}

# What exactly is damaged (the ``detail`` of "truncated" and "damaged").
DETAILS = {
    "header": "its header cannot be read",
    "header_cut": "its header announces {need:,} bytes but the file has {got:,}",
    "data_cut": "{name} announces {need:,} bytes of data but holds {got:,}",
    "bad_shape": "the shape of {name} is {shape}, not a list of whole numbers from 0 up",
    "zip": "its zip directory cannot be read",
    "member": "{name} inside the archive cannot be unpacked",
    "json": "its header is not a JSON object of tensors",
    "entry": "the header entry of {name} is not a table with a dtype name, a shape and two data offsets",
    "offsets": "the data of {name} (bytes {start:,} to {end:,}) lies outside the {size:,} bytes of data",
    "tiling": "the tensors' data do not fill the data section exactly, one after another",
    "size": "{name} holds {got:,} bytes, not the {need:,} its shape {shape} needs",
    "count": "{name} holds {got:,} values, not the {need:,} its shape {shape} needs",
    "protobuf": "it is not a valid ONNX protobuf message",
    "tables": "its flatbuffer tables point outside the file",
    "buffer": "the data of {name} lies outside the file",
    "sparsity": "the sparse layout of {name} does not describe its shape {shape}",
    "opcode": "operator {index} uses operator code {code}, which the file does not define",
    "gguf_version": "it is GGUF version {version}; versions 2 and 3 are read",
    "gguf_endian": "it is written big-endian, which is not read here",
    "gguf_cut": "its header runs past the end of the file (byte {at:,} of {size:,})",
    "gguf_text": "a name in its header is not UTF-8 text",
    "gguf_value": "the metadata {name} has value type {code}, which GGUF does not define",
    "gguf_duplicate": "{name} is defined twice",
    "gguf_alignment": "its alignment is {alignment}, not a power of two stored as a 32-bit unsigned integer",
    "gguf_tensor_type": "{name} has tensor type {code}, which ggml does not define",
    "gguf_dims": "{name} has {n:,} dimensions ({shape}); a tensor here has 1 to 4, each of at most {limit:,} values",
    "gguf_row": "{name} is {dtype} with rows of {row:,} values, not a whole number of its blocks of {block}",
}

MESSAGES = {**REFUSALS, **SKIPS, **DETAILS}


@dataclass(frozen=True)
class Problem:
    """One problem: a ``code`` of ``MESSAGES`` and the values its sentence needs."""
    code: str
    params: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**self.params)

    def __str__(self) -> str:
        return self.message


class WeightFileError(ValueError):
    """A weight file that cannot be shown; ``code`` and ``params`` name the problem (a ``detail``
    param is itself a ``Problem``)."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(MESSAGES[code].format(**params))

    @property
    def problem(self) -> Problem:
        """The same problem as plain data (no traceback, nothing of the file attached)."""
        return Problem(self.code, dict(self.params))


class SkipTensor(Exception):  # noqa: N818 - not an error: the tensor is left out, the file is read
    """Raised by a reader while reading one tensor's values: the tensor is skipped for ``problem``."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.problem = Problem(code, params)


def damaged(filename: str, fmt: str, detail: str, **params) -> WeightFileError:
    return WeightFileError("damaged", filename=filename, format=fmt, detail=Problem(detail, params))


def truncated(filename: str, detail: str, **params) -> WeightFileError:
    return WeightFileError("truncated", filename=filename, detail=Problem(detail, params))
