"""Where the LLM page's weights come from: a synthetic layer (its generator's parameters shown), a
layer of the bundled networks, or a tensor of an uploaded file; the controls and the weights with
their cache key."""
from __future__ import annotations

import streamlit as st

from quantviz.app.llm import data
from quantviz.app.llm.state import Settings
from quantviz.app.shell import controls
from quantviz.app.shell.errors import message
from quantviz.app.shell.i18n import t
from quantviz.app.shell.text import literal
from quantviz.app.shell.urlschema import params

P = params(Settings)
UPLOAD_TYPES = ["safetensors", "gguf", "npy", "npz"]


# ---- data --------------------------------------------------------------------------------------

def weights_of(s: Settings, upload=None):
    """``(key, weights, title)`` of the settings' source (an upload's tensor: ``upload``)."""
    if upload is not None:
        file_id, name, w = upload
        return ("upload", file_id, name), w, name
    if s.source == "layer":
        return s.weight_key, data.layer_weights(s.layer), s.layer.replace("/", " ")
    return s.weight_key, data.synthetic_weights(s.rows, s.cols, s.tail, s.seed), \
        t("llm.synthetic.short", rows=s.rows, cols=s.cols)


def source_controls(on_change=None) -> tuple[dict, object]:
    """The data controls (``on_change``: their callback); their values, and the chosen uploaded
    tensor as ``(file id, name, w)``."""
    v = {"source": controls.choice(t("llm.src.label"), P["source"], widget=st.segmented_control,
                                   required=True, on_change=on_change)}
    upload = None
    if v["source"] == "synthetic":
        a, b = st.columns(2)   # two by two: the data controls sit in a column beside the figure
        c, d = st.columns(2)
        with a:
            v["rows"] = controls.slider(t("llm.rows.label"), P["rows"], step=16, on_change=on_change)
        with b:
            v["cols"] = controls.slider(t("llm.cols.label"), P["cols"], step=256, on_change=on_change)
        with c:
            v["tail"] = controls.slider(t("llm.tail.label"), P["tail"], step=0.5, help=t("llm.tail.help"),
                                        on_change=on_change)
        with d:
            v["seed"] = controls.number(t("llm.seed.label"), P["seed"], step=1, on_change=on_change)
        st.caption(t("llm.synthetic.params", **{k: v[k] for k in ("rows", "cols", "tail", "seed")}))
    elif v["source"] == "layer":
        labels = {code: P["layer"].label(code) for code in P["layer"].choices()}   # in this run's language
        v["layer"] = controls.choice(t("llm.layer.label"), P["layer"], format_func=labels.get, on_change=on_change)
        st.caption(t("llm.layer.note"))
    else:
        upload = upload_controls(on_change)
    return v, upload


def upload_controls(on_change=None):
    """The file uploader and the tensor choice (``on_change``: their callback); None until a
    readable tensor is chosen."""
    from quantviz.app.weights.data import read_upload
    st.caption(t("llm.upload.no_link"))
    file = st.file_uploader(t("llm.upload.label"), type=UPLOAD_TYPES, key="llm_upload", help=t("llm.upload.help"),
                            on_change=on_change)
    if file is None:
        st.info(t("llm.upload.none"), icon=":material/upload_file:")
        return None
    wf = read_upload(file)
    if not hasattr(wf, "tensors"):
        st.error(t("llm.upload.refused", reason=message(wf)), icon=":material/block:")
        return None
    st.markdown(t("llm.upload.loaded", filename=literal(wf.filename), shown=len(wf.tensors)))
    if wf.skipped:
        lines = [f"- {message(p)}" for p in list(wf.skipped.values())[:8]]
        st.warning(t("llm.upload.skipped", n=len(wf.skipped)) + "\n\n" + "\n".join(lines))
    names = [n for n, x in wf.tensors.items() if x.size]
    if not names:
        return None
    labels = {n: t("llm.upload.option", name=n, shape=tuple(wf.tensors[n].shape), dtype=wf.source_dtype.get(n, "?"))
              for n in names}
    name = st.selectbox(t("llm.upload.tensor"), names, key="llm_tensor", format_func=labels.get, on_change=on_change)
    return file.file_id, name, wf.tensors[name]
