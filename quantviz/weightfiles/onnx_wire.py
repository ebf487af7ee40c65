"""Protobuf's wire format, read field by field without building messages.

A message is a sequence of fields, each a varint key (``number << 3 | wire type``) and a value:
a varint (wire type 0), 8 bytes (1), a length-prefixed run of bytes (2: a string, a nested
message or packed numbers) or 4 bytes (5). ``fields`` walks one message and hands out numbers
or ``(start, end)`` byte ranges of the file, so reading a file costs no memory beyond what is
kept from it, and every field is counted against the budget. (A full protobuf parse allocates
per message and per packed varint: a file of empty nodes or of int64 zeros grows 8 to 50 times
in memory.)

Packed varints are decoded with numpy: a value ends at each byte below 0x80.
"""
from __future__ import annotations

import numpy as np

VARINT, FIXED64, BYTES, FIXED32 = 0, 1, 2, 5
BATCH = 1024           # fields counted against the budget at a time
BLOCK_BYTES = 1 << 20  # packed varints decoded a megabyte at a time


class WireError(Exception):
    """Bytes that are not a protobuf message."""


def varint(buf: bytes, pos: int, end: int) -> tuple[int, int]:
    """The varint at ``pos`` and the position after it."""
    result = shift = 0
    while True:
        if pos >= end or shift > 63:
            raise WireError
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7


def fields(buf: bytes, start: int, end: int, budget):
    """``(number, wire type, value)`` of each field of the message in ``buf[start:end]``: the
    value is an int for a varint, a ``(start, end)`` range otherwise."""
    pos, seen = start, 0
    while pos < end:
        key = buf[pos]                          # one-byte varints (most keys and lengths) inline
        key, pos = (key, pos + 1) if key < 0x80 else varint(buf, pos, end)
        wire = key & 7
        if wire == VARINT:
            value, pos = varint(buf, pos, end)
        elif wire == BYTES:
            n = buf[pos] if pos < end else 0x80
            n, pos = (n, pos + 1) if n < 0x80 else varint(buf, pos, end)
            value, pos = (pos, pos + n), pos + n
        elif wire in (FIXED32, FIXED64):
            n = 4 if wire == FIXED32 else 8
            value, pos = (pos, pos + n), pos + n
        else:
            raise WireError           # groups (3, 4) are not used by ONNX; 6 and 7 do not exist
        if pos > end:
            raise WireError
        seen += 1
        if seen == BATCH:
            budget.take_entries(BATCH)
            seen = 0
        yield key >> 3, wire, value
    budget.take_entries(seen)


def signed(value: int) -> int:
    """A varint read as a two's complement int64 (negative numbers take 10 bytes)."""
    return value - (1 << 64) if value >= 1 << 63 else value


def text(buf: bytes, span: tuple[int, int]) -> str:
    return bytes(buf[span[0]:span[1]]).decode("utf-8", "replace")


def varint_count(payload: np.ndarray) -> int:
    """How many varints a packed run holds (one ends at each byte below 0x80)."""
    return int(np.count_nonzero(payload < 0x80))


def packed_varints(payload: np.ndarray) -> np.ndarray:
    """The uint64 values of a packed run of varints (checked to end with a whole varint),
    decoded a block of bytes at a time so that the temporaries stay small."""
    out = np.empty(varint_count(payload), np.uint64)
    if payload.size and payload[-1] >= 0x80:
        raise WireError
    done = start = 0
    while start < payload.size:
        block = payload[start:start + BLOCK_BYTES]
        ends = np.flatnonzero(block < 0x80)
        if ends.size == 0:
            raise WireError
        out[done:done + ends.size] = _decode(block, ends)
        done, start = done + ends.size, start + int(ends[-1]) + 1
    return out


def _decode(block: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The varints of ``block`` that end at ``ends``: 7 bits per byte, lowest first."""
    starts = np.concatenate([[0], ends[:-1] + 1])
    lengths = ends - starts + 1
    if lengths.max() > 10:
        raise WireError
    values = np.zeros(ends.size, np.uint64)
    for k in range(int(lengths.max())):
        has = lengths > k
        values[has] |= (block[starts[has] + k] & 0x7F).astype(np.uint64) << np.uint64(7 * k)
    return values
