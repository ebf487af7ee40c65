"""Cached data of the weights page: bundled models, uploaded files, pre-binned histograms.

Caches are keyed on small values (model name, tensor name, bins, an upload's file id); big
arrays go in as ``_``-prefixed arguments so that Streamlit never hashes them.
"""
from __future__ import annotations

import logging
import urllib.parse

import numpy as np
import streamlit as st

from quantviz import weightfiles
from quantviz.app.shell.models import digits, model
from quantviz.nn import forward
from quantviz.weightstats import channel_buckets, channel_ranges, histogram, tensor_stats

log = logging.getLogger(__name__)
MAPPING_URL_PATH = "mapping"   # the mapping page reads ?data=layer:<model>/<tensor>
OVERVIEW_MAX = 12              # tensors drawn in the overview
MAX_BARS = 2048                # channels drawn one bar each; above, runs of neighbours are aggregated
BUCKETS = 512                  # runs drawn for a tensor with more channels than MAX_BARS


@st.cache_data(show_spinner=False)
def model_tensor_names(name: str) -> list[str]:
    return list(model(name).weight_tensors())


def summarize(x: np.ndarray, bins: int, axis: int | None = 0) -> dict:
    """Statistics, a histogram and (for 2-d and up) per-channel ranges of one tensor: a few
    kilobytes whatever the tensor's size."""
    counts, edges = histogram(x, bins)
    out = {"shape": tuple(x.shape), "stats": tensor_stats(x), "counts": counts, "edges": edges}
    if axis is not None and x.ndim >= 2 and out["stats"]["finite"]:
        out["channels"] = channel_summary(*channel_ranges(x, axis))
    return out


def channel_summary(lo: np.ndarray, hi: np.ndarray) -> dict:
    """What the channel section shows: each channel's range (up to ``MAX_BARS`` channels) or
    runs of neighbouring channels aggregated (``channel_buckets``, in channel order and sorted by
    width), the per-tensor range, the narrowest channel's share of it (``range_usage``) and the
    widest-to-narrowest ratio."""
    widths = hi - lo
    t_lo, t_hi = float(np.nanmin(lo)), float(np.nanmax(hi))
    out = {"count": lo.size, "t_lo": t_lo, "t_hi": t_hi, "narrow": None, "ratio": None}
    if np.nanmax(widths) > 0:                 # then the tensor's range is not empty either
        narrow = int(np.nanargmin(widths))
        out["narrow"] = (narrow, float(widths[narrow]) / (t_hi - t_lo))
        if np.nanmin(widths) > 0:
            out["ratio"] = float(np.nanmax(widths) / np.nanmin(widths))
    if lo.size <= MAX_BARS:
        out.update(lo=lo, hi=hi, by_width=np.argsort(widths, kind="stable")[::-1])
    else:
        out["runs"] = {"channel": channel_buckets(lo, hi, BUCKETS),
                       "width": channel_buckets(lo, hi, BUCKETS, order=np.argsort(widths)[::-1])}
    return out


@st.cache_data(show_spinner=False, max_entries=256)
def model_tensor_summary(name: str, tensor: str, bins: int) -> dict:
    return summarize(model(name).weight_tensors()[tensor], bins)


def small_histogram(x: np.ndarray, bins: int) -> tuple[np.ndarray, np.ndarray]:
    """A histogram for the overview: at most ``bins`` bins, fewer for a small tensor (about
    2 sqrt(n), at least 8), so that a bias of 10 values still reads as a shape."""
    return histogram(x, int(min(bins, max(8, 2 * np.sqrt(x.size)))))


@st.cache_data(show_spinner=False, max_entries=64)
def model_overview(name: str, bins: int) -> list[tuple[str, np.ndarray, np.ndarray]]:
    return [(key, *small_histogram(x, bins)) for key, x in model(name).weight_tensors().items()]


@st.cache_data(show_spinner=False, max_entries=64)
def activation_summaries(name: str, bins: int) -> dict[str, dict]:
    """Each layer's output on the calibration images: statistics, histogram, share of zeros."""
    _, acts = forward(model(name), digits().calib_x, activations=True)
    out = {}
    for layer, a in acts.items():
        summary = summarize(a, bins, axis=None)
        summary["shape"] = tuple(a.shape[1:])
        summary["zeros"] = float(np.count_nonzero(a == 0) / a.size)
        out[layer] = summary
    return out


@st.cache_resource(show_spinner=False, max_entries=4, ttl=900)
def _read_upload(file_id: str, filename: str, _data: bytes):
    """The parsed upload (read-only, shared by the sessions that open it), or why it was
    refused as a ``Problem``: plain data, so the cache holds no traceback and no bytes. At most
    four files (each within the budget: 20 M values) for at most 15 minutes."""
    try:
        return weightfiles.read_weight_file(_data, filename)
    except weightfiles.WeightFileError as e:
        log.info("upload refused: %s", e.code)
        return e.problem


def read_upload(uploaded):
    """``WeightFile`` or ``Problem`` for a ``st.file_uploader`` value."""
    return _read_upload(uploaded.file_id, uploaded.name, uploaded.getvalue())


@st.cache_data(show_spinner=False, max_entries=64)
def upload_tensor_summary(file_id: str, tensor: str, bins: int, axis: int, _wf) -> dict:
    x = _wf.tensors[tensor]
    return summarize(x, bins, axis if x.ndim >= 2 else None)


@st.cache_data(show_spinner=False, max_entries=16)
def upload_overview(file_id: str, bins: int, _wf) -> list[tuple[str, np.ndarray, np.ndarray]]:
    names = list(_wf.tensors)[:OVERVIEW_MAX]
    return [(key, *small_histogram(_wf.tensors[key], bins)) for key in names]


def mapping_link(model_name: str, tensor: str, lang: str) -> str:
    """A relative link to the mapping page showing this tensor (state carried in the URL)."""
    query = {"data": f"layer:{model_name}/{tensor}"}
    if lang != "en":
        query["lang"] = lang
    return f"{MAPPING_URL_PATH}?{urllib.parse.urlencode(query, safe=':/')}"
