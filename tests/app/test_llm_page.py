"""The LLM weight formats page in AppTest: it renders in both languages, its numbers are the
library's, every control changes what is shown, a chart click chooses a format, uploads of
.gguf and bf16 .safetensors files are read, GPTQ runs with its warning, bad links fall back."""
import io
import json
import re

import numpy as np
import pytest

from quantviz.app.strings import TABLE
from quantviz.figures.llm.pareto import selected_name
from quantviz.llm import compare
from quantviz.llm.outliers import synthetic_weights
from quantviz.llm.registry import FORMATS
from quantviz.nn import zoo

PAGE = "views/llm.py"
CHARTS = 5   # the formats, one block, the codebooks, the network, the outlier channels with W8A8's error


def chart_specs(at) -> list[str]:
    return [c.proto.spec for c in at.get("plotly_chart")]


def charts(at) -> dict[str, tuple[str, str]]:
    """The charts the last run drew, by key: their element id (a new id: the browser draws the chart
    anew) and spec. After a control whose callback reruns some sections only, those sections' charts."""
    return {c.proto.id.rsplit("-", 1)[-1]: (c.proto.id, c.proto.spec) for c in at.get("plotly_chart")}


def result_line(at) -> str:
    return next(m.value for m in at.markdown if " bits per weight** (" in m.value)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_renders_in_both_languages(open_page, lang):
    at = open_page(PAGE, lang=lang)
    i = 0 if lang == "en" else 1
    assert not at.exception and not at.warning
    assert at.title[0].value == TABLE["llm.title"][i]
    assert len(at.get("plotly_chart")) == CHARTS
    assert at.selectbox(key="fmt").value == "Q4_K"
    assert any(s.value == TABLE["llm.block.title"][i] for s in at.header)


def test_the_main_numbers_are_the_librarys(open_page):
    at = open_page(PAGE, table="true")
    w = synthetic_weights(256, 512, 0, tail_df=5.0)
    p = compare.evaluate(FORMATS["Q4_K"], w)
    line = result_line(at)
    assert f"**Q4_K** stores this layer in **{p.stored_bits:.4g} bits per weight**" in line
    assert f"SQNR of **{p.sqnr_db:.2f} dB**" in line
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0]) == list(FORMATS)
    front = compare.pareto_front(compare.compare(w))
    assert sorted(table[table.iloc[:, 6]].iloc[:, 0]) == sorted(front)
    spec = chart_specs(at)[0]
    assert "INT2 g64 asym" in spec and "Q4_K" in spec


PARETO, BLOCK, CODEBOOKS, NETWORK, OUTLIERS = "llm_pareto", "llm_block", "llm_codebooks", "llm_network", "llm_outliers"
ALL = {PARETO, BLOCK, CODEBOOKS, NETWORK, OUTLIERS}


def test_every_control_changes_the_output_and_reruns_only_what_depends_on_it(open_page):
    at = open_page(PAGE)
    before = charts(at)
    assert set(before) == ALL
    # (widget, key, value, the charts its change redraws, the charts it reruns: a control of a fragment
    # without a callback reruns it, and AppTest runs the whole page for it)
    data = {PARETO, BLOCK, OUTLIERS}
    # more rows: the first blocks, and the block drawn, stay as they were
    changes = [("slider", "rows", 128, {PARETO, OUTLIERS}, data), ("slider", "cols", 1024, data, data),
               ("slider", "tail", 20.0, data, data), ("number_input", "seed", 3, data, data),
               # another format: the chart keeps its figure (the chosen point is ringed by a style rule)
               ("selectbox", "fmt", "NF4", {BLOCK}, {PARETO, BLOCK}),
               ("slider", "block", 5, {BLOCK}, ALL),
               ("slider", "oscale", 100.0, {OUTLIERS}, {OUTLIERS}), ("slider", "mix", 0.5, {OUTLIERS}, {OUTLIERS}),
               ("slider", "outch", 0, {OUTLIERS}, {OUTLIERS}), ("slider", "alpha", 0.9, {OUTLIERS}, ALL),
               ("selectbox", "model", "cnn", {NETWORK}, {NETWORK})]
    for kind, key, value, redrawn, rerun in changes:
        getattr(at, kind)(key=key).set_value(value).run()
        assert not at.exception, key
        after = charts(at)
        assert set(after) == rerun, key
        assert {k for k in after if after[k][0] != before[k][0]} == redrawn, key
        assert all(after[k][1] != before[k][1] for k in redrawn), key
        before |= after
    at.run()                                             # the whole page again: every change kept
    assert "NF4" in result_line(at) and at.selectbox(key="model").value == "cnn"


def ringed(at) -> str:
    """The format whose point the page's style rule rings on the main chart (the rule's trace and
    point, counted from 1, looked up in the chart's figure)."""
    spec = json.loads(charts(at)[PARETO][1])
    rule = next(h.proto.body for h in at.get("html") if ".st-key-llm_pareto" in h.proto.body)
    trace, point = (int(n) - 1 for n in re.findall(r"nth-child\((\d+)\)", rule))
    return spec["data"][trace]["customdata"][point][0]


def test_the_chosen_format_is_ringed_on_the_unchanged_chart(open_page):
    at = open_page(PAGE, fmt="MXFP4")
    spec = charts(at)[PARETO]
    assert ringed(at) == "MXFP4"
    assert "MXFP4" not in [t for tr in json.loads(spec[1])["data"] for t in tr.get("text", [])]  # names: the front's
    at.selectbox(key="fmt").set_value("Q8_0").run()
    assert charts(at)[PARETO] == spec and ringed(at) == "Q8_0"


def test_the_network_says_the_chosen_formats_accuracy_and_its_chart_stays(open_page):
    from quantviz.app.shell.models import digits, model
    from quantviz.nn.llmformats import network_rows
    d = digits()
    rows = {r["name"]: r for r in network_rows(model("mlp"), d.test_x, d.test_labels, names=["NF4", "Q4_K"])}
    at = open_page(PAGE, fmt="NF4")
    nf4 = rows["NF4"]
    said = next(m.value for m in at.markdown if m.value.startswith("**NF4** stores this network"))
    assert f"keeps **{100 * nf4['accuracy']:.2f} %**" in said and f"({nf4['correct']} of 359)" in said
    assert f"against {100 * rows['float32']['accuracy']:.2f} % in float32" in said
    at.selectbox(key="fmt").set_value("Q4_K").run()
    assert NETWORK not in charts(at)              # another format: the chart is not even rerun, the words change
    assert any(m.value.startswith(f"**Q4_K** stores this network in {rows['Q4_K']['stored_bits']:.3g} bits")
               for m in at.markdown)


def test_a_bundled_layer_is_padded_to_whole_blocks(open_page):
    at = open_page(PAGE, src="layer", layer="mlp/dense1.weight")
    assert not at.exception and not at.warning
    w = zoo.weight_tensors("mlp")["dense1.weight"]       # rows of 64: one sequence for Q4_K's 256
    p = compare.evaluate(FORMATS["Q4_K"], w)
    assert f"{p.stored_bits:.4g} bits per weight" in result_line(at)
    at.selectbox(key="layer").set_value("cnn/conv1.weight").run()
    assert not at.exception and "cnn conv1.weight" in chart_specs(at)[0]


def test_a_click_on_the_chart_chooses_the_format(open_page):
    assert selected_name({"selection": {"points": [{"customdata": ["MXFP4", 0.1]}]}}) == "MXFP4"
    assert selected_name({"selection": {"points": []}}) is None and selected_name(None) is None
    at = open_page(PAGE)
    at.session_state["fmt"] = "NVFP4"   # what the chart's on_select callback writes (a real click: tests/e2e)
    at.run()
    assert at.selectbox(key="fmt").value == "NVFP4" and "**NVFP4**" in result_line(at)


def test_bad_link_values_fall_back_with_a_notice(open_page):
    at = open_page(PAGE, fmt="Q9_9", alpha="7", src="nowhere", block="-3", model="gpt")
    assert not at.exception
    text = " ".join(w.value for w in at.warning)
    for key in ("fmt=Q9_9", "alpha=7", "src=nowhere", "block=-3", "model=gpt"):
        assert key in text, key
    assert at.selectbox(key="fmt").value == "Q4_K" and at.slider(key="alpha").value == 0.5


def test_gptq_runs_with_its_warning_and_steps(open_page):
    at = open_page(PAGE, gptq="true", rows="32", calib="64")
    assert not at.exception
    assert any("64 calibration rows for 512 columns" in w.value for w in at.warning)
    result = next(m.value for m in at.markdown if m.value.startswith("On the held-out rows"))
    assert "with GPTQ" in result
    assert len(at.get("plotly_chart")) == CHARTS + 2
    step_before = chart_specs(at)[-1]
    at.slider(key="gstep").set_value(3).run()
    assert chart_specs(at)[-1] != step_before and "Column 3" in chart_specs(at)[-1]
    at.slider(key="calib").set_value(1024).run()
    assert not at.exception and not any("calibration rows for" in w.value for w in at.warning)


def test_gptq_lowers_the_held_out_error_with_enough_rows(open_page):
    at = open_page(PAGE, gptq="true", rows="64", calib="1024", fmt="INT4 g128")
    result = next(m.value for m in at.markdown if m.value.startswith("On the held-out rows"))
    assert "lower" in result, result


def test_embed_view_is_the_main_figure_alone(open_page):
    at = open_page(PAGE, embed="true", view="figure", fmt="MXFP4")
    assert not at.exception and len(at.get("plotly_chart")) == 1
    assert '"MXFP4"' in chart_specs(at)[0]
    assert ringed(at) == "MXFP4"
    at.selectbox(key="fmt").set_value("NF4").run()   # the embed's one control rings another point
    assert not at.exception and len(at.get("plotly_chart")) == 1
    assert at.selectbox(key="fmt").value == "NF4" and ringed(at) == "NF4"


def gguf_bytes() -> bytes:
    import tempfile

    from gguf import GGMLQuantizationType, GGUFWriter, quants
    w = synthetic_weights(8, 512, 0)
    with tempfile.NamedTemporaryFile(suffix=".gguf") as f:
        writer = GGUFWriter(f.name, "llama")
        writer.add_tensor("blk.0.attn_q.weight", quants.quantize(w, GGMLQuantizationType.Q4_0),
                          raw_dtype=GGMLQuantizationType.Q4_0)
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
        writer.close()
        return open(f.name, "rb").read()


def test_uploads_gguf_and_bf16_safetensors(open_page):
    from gguf import GGMLQuantizationType, quants
    at = open_page(PAGE, src="upload")
    assert not at.exception and any(i.value == TABLE["llm.upload.none"][0] for i in at.info)
    at.file_uploader(key="llm_upload").set_value(("layer.gguf", gguf_bytes(), "application/octet-stream")).run()
    assert not at.exception
    assert "(stored as Q4_0)" in at.selectbox(key="llm_tensor").format_func("blk.0.attn_q.weight")
    stored = quants.dequantize(quants.quantize(synthetic_weights(8, 512, 0), GGMLQuantizationType.Q4_0),
                               GGMLQuantizationType.Q4_0)
    p = compare.evaluate(FORMATS["Q8_0"], stored)
    at.selectbox(key="fmt").set_value("Q8_0").run()
    assert f"SQNR of **{p.sqnr_db:.2f} dB**" in result_line(at)

    import ml_dtypes
    from safetensors.numpy import save
    w = synthetic_weights(16, 256, 1).astype(ml_dtypes.bfloat16)
    at.file_uploader(key="llm_upload").set_value(("layer.safetensors", save({"w": w}), "application/octet-stream"))
    at.run()
    assert not at.exception and "(stored as bfloat16)" in at.selectbox(key="llm_tensor").format_func("w")
    p = compare.evaluate(FORMATS["Q8_0"], w.astype(np.float32))
    assert f"SQNR of **{p.sqnr_db:.2f} dB**" in result_line(at)


def test_a_refused_upload_is_said_in_the_readers_language(open_page):
    at = open_page(PAGE, src="upload", lang="zh")
    at.file_uploader(key="llm_upload").set_value(("x.gguf", b"GGUF\x07\x00\x00\x00" + bytes(40), "a/b")).run()
    assert not at.exception
    assert any("无法读取该文件" in e.value and "GGUF 第 7 版" in e.value for e in at.error)


def test_no_file_yet_shows_the_synthetic_layer_under_its_own_key(open_page):
    from quantviz.app.llm.state import Settings
    assert Settings(source="upload").weight_key == Settings().weight_key
    assert Settings(source="layer").weight_key == ("layer", "mlp/dense1.weight")
    at = open_page(PAGE, src="upload")
    w = synthetic_weights(256, 512, 0, tail_df=5.0)
    assert f"{compare.evaluate(FORMATS['Q4_K'], w).sqnr_db:.2f} dB" in result_line(at)


def test_a_large_upload_is_compared_format_by_format(open_page):
    w = synthetic_weights(1024, 1024, 4)                    # 2**20 values: compared with a progress bar
    buf = io.BytesIO()
    np.save(buf, w)
    at = open_page(PAGE, src="upload", table="true")
    at.file_uploader(key="llm_upload").set_value(("big.npy", buf.getvalue(), "application/octet-stream")).run()
    assert not at.exception
    p = compare.evaluate(FORMATS["Q4_K"], w)
    assert f"SQNR of **{p.sqnr_db:.2f} dB**" in result_line(at)
    assert at.dataframe[0].value.shape[0] == len(FORMATS)


def test_the_block_stays_within_a_format_with_fewer_blocks(open_page):
    at = open_page(PAGE, fmt="INT4 g32")
    at.slider(key="block").set_value(4000).run()
    at.selectbox(key="fmt").set_value("Q4_K").run()
    assert not at.exception and at.slider(key="block").value == 511
    assert "Block 511 in Q4_K" in chart_specs(at)[1]
    assert any(m.value.startswith("Block 511 of 512 stores") for m in at.markdown)


def test_the_w8a8_errors_are_the_librarys(open_page):
    from quantviz.llm import transforms
    from quantviz.llm.outliers import ActivationModel, synthetic_activations
    at = open_page(PAGE, alpha="0.8", outch="6", oscale="80", mix="1.5")
    w = synthetic_weights(256, 512, 0, tail_df=5.0)
    x, _ = synthetic_activations(ActivationModel(tokens=256, channels=512, outlier_channels=6, outlier_scale=80.0,
                                                 seed=1, mixing=1.5))
    e = transforms.w8a8_before_and_after(x, w, 0.8, "per-tensor")
    line = next(m.value for m in at.markdown if m.value.startswith("With activations quantized per tensor"))
    assert (f"{e['none']:.3g} as they are, {e['SmoothQuant']:.3g} after SmoothQuant (α = 0.8) and "
            f"{e['rotation']:.3g} after the rotation") in line


def test_the_format_table_is_drawn_only_while_open(open_page):
    at = open_page(PAGE)
    assert not at.exception and len(at.dataframe) == 0
    assert any(e.label == TABLE["llm.table.title"][0] for e in at.expander)


def test_the_cached_outlier_numbers_are_the_librarys_for_every_transform():
    from quantviz.app.llm import data
    from quantviz.llm import transforms
    from quantviz.llm.outliers import ActivationModel, synthetic_activations
    w = synthetic_weights(256, 512, 0, tail_df=5.0)
    key = ("synthetic", 256, 512, 5.0, 0)
    for outch, oscale, mix, alpha in [(4, 50.0, 2.0, 0.5), (7, 80.0, 0.0, 0.3), (4, 51.0, 2.0, 0.5)]:
        x, _ = synthetic_activations(ActivationModel(tokens=data.TOKENS, channels=512, outlier_channels=outch,
                                                     outlier_scale=oscale, seed=1, mixing=mix))
        view = data.outlier_view(key, outch, oscale, mix, alpha, w)
        for granularity in data.GRANULARITIES:
            assert view["errors"][granularity] == transforms.w8a8_before_and_after(x, w, alpha, granularity)
        assert np.array_equal(view["maxima"]["rotation"], np.abs(transforms.rotate(x, w)[0]).max(axis=0))


def test_the_share_link_carries_every_setting(open_page):
    from urllib.parse import parse_qsl, urlsplit

    from quantviz.app.llm.state import Settings
    from quantviz.app.shell.urlschema import from_query
    at = open_page(PAGE, src="layer", layer="cnn/conv2.weight", model="cnn", alpha="0.7", fmt="MXFP4", share="true")
    assert not at.exception
    link = next(c.value for c in at.code if c.value.startswith("http"))
    s = from_query(Settings, dict(parse_qsl(urlsplit(link).query)))
    assert (s.source, s.layer, s.model, s.alpha, s.fmt) == ("layer", "cnn/conv2.weight", "cnn", 0.7, "MXFP4")
