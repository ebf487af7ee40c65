"""``.npz`` files: a zip archive of ``.npy`` members (``np.savez`` / ``np.savez_compressed``).

Before Python's ``zipfile`` parses the directory, the members are counted (every directory
entry starts with the signature ``PK\\x01\\x02``, so the count of signatures bounds them); before
a member is unpacked, the sizes the directory announces are added up and must fit the budget.
"""
from __future__ import annotations

import io
import lzma
import struct
import zipfile
import zlib

from .budget import MAX_BYTES, MAX_TENSORS, MAX_VALUES, clip
from .errors import WeightFileError, damaged, truncated
from .npy_file import offer_npy
from .sniff import not_format
from .weightfile import WeightFile

DIRECTORY_ENTRY = b"PK\x01\x02"
ENCRYPTED = 0x1                      # bit 0 of a member's general purpose flags
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, RuntimeError,
              ValueError, struct.error, zlib.error, lzma.LZMAError)


def open_archive(wf: WeightFile, data: bytes) -> zipfile.ZipFile:
    """The archive, once its member count and unpacked size are known to fit the budget."""
    entries = data.count(DIRECTORY_ENTRY)
    if entries > MAX_TENSORS:
        raise WeightFileError("too_many_tensors", filename=wf.filename, count=entries, limit=MAX_TENSORS)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except ZIP_ERRORS:
        raise truncated(wf.filename, "zip") from None
    limit = MAX_BYTES + 1024 * len(members)     # every value as float64, plus each member's header
    inflated = sum(m.file_size for m in members)
    if inflated > limit:
        raise WeightFileError("inflates", filename=wf.filename, size=inflated, size_mib=inflated / 2**20,
                              limit_mib=limit / 2**20, values=MAX_VALUES)
    return archive


def read_npz(wf: WeightFile, data: bytes) -> None:
    if data[:2] != b"PK":
        raise not_format(wf.filename, ".npz", data)
    archive = open_archive(wf, data)
    for member in archive.infolist():
        if member.is_dir():
            continue
        if not member.filename.endswith(".npy"):
            wf.skip(member.filename, "not_npy")
            continue
        if member.flag_bits & ENCRYPTED:
            raise WeightFileError("encrypted", filename=wf.filename, name=clip(member.filename))
        try:
            with archive.open(member) as fp:
                offer_npy(wf, member.filename.removesuffix(".npy"), fp)
        except WeightFileError:
            raise
        except ZIP_ERRORS:
            raise damaged(wf.filename, ".npz", "member", name=clip(member.filename)) from None
