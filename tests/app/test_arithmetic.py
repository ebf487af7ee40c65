"""AppTest of the arithmetic page: the article's example, traces that follow the inputs, bad input."""
import pytest

from quantviz.app.strings import TABLE

PAGE = "views/arithmetic.py"
# the folded parts, each drawn only when its expander is open (?key=true)
FOLDED = {"mhow": "arith.mul.how", "mtrace": "arith.trace.expander", "mmnums": "arith.mm.numbers",
          "adding": "arith.add.title", "requant": "arith.rq.title", "overflow": "arith.ov.title"}
OPEN = dict.fromkeys(FOLDED, "true")


@pytest.fixture
def page(open_page):
    """The page with every folded part open, unless the query says otherwise."""
    return lambda **query: open_page(PAGE, **{**OPEN, **query})


def metric(at, label_key, lang=0):
    return next(m.value for m in at.metric if m.label == TABLE[label_key][lang])


def texts(elements) -> str:
    return "\n".join(e.value for e in elements)


def frame_column(at, header, lang=0):
    """The first dataframe that has a column ``header`` (a string-table key), as a list."""
    name = TABLE[header][lang]
    return next(df.value[name].tolist() for df in at.dataframe if name in df.value.columns)


def test_the_article_example_renders_253_and_127(page):
    at = page()
    assert not at.exception
    assert metric(at, "arith.mul.naive") == "127 × 255 = 32385 → 253.0"
    assert metric(at, "arith.mul.correct") == "127 → 0.0"
    assert "x_q = **127**" in texts(at.markdown) and "y_q = **255**" in texts(at.markdown)
    assert "0.00784314 \\cdot 32258 = 253.004" in texts(at.latex)


def test_the_main_story_first_and_the_rest_folded(open_page):
    """Closed, the folded parts draw nothing: the two results, the matmul's error figure and one
    element's requantization are what the page opens on."""
    at = open_page(PAGE)
    assert not at.exception
    assert [m.value for m in at.metric] == ["127 × 255 = 32385 → 253.0", "127 → 0.0"]
    assert len(at.dataframe) == 3    # the matrices' tables only (A, B, bias)
    assert {n.key for n in at.number_input} == {"mx", "my", "ms", "mz"}   # addition's and M's are folded
    latex = texts(at.latex)
    assert "253.004" not in latex and "M_0 = " not in latex and "2^{-9 - 31}" in latex
    labels = [e.label for e in at.expander]
    for key, label in FOLDED.items():
        assert TABLE[label][0] in labels and key not in at.query_params
    opened = open_page(PAGE, adding="true")
    assert metric(opened, "arith.add.correct") == "125 → 1.5"


def test_chinese(page):
    at = page(lang="zh")
    assert at.title[0].value == TABLE["arith.title"][1]
    assert metric(at, "arith.mul.naive", lang=1) == "127 × 255 = 32385 → 253.0"


def test_changing_the_inputs_changes_the_trace(page):
    at = page()
    before = frame_column(at, "arith.col.value")
    at.number_input(key="mx").set_value(0.5).run()
    after = frame_column(at, "arith.col.value")
    assert before != after
    assert after[0] == "191"  # 0.5 / (2/255) + 127 = 190.75 -> 191
    assert metric(at, "arith.mul.correct") == "191 → 0.501961"  # 0.50196 x 1.00392 on the article's grid
    at.number_input(key="my").set_value(-0.5).run()
    assert metric(at, "arith.mul.correct") == "95 → -0.25098"


def test_separate_grids_and_bad_grid_values_fall_back_with_a_message(page):
    at = page()
    at.toggle(key="mshared").set_value(False).run()
    assert {"mxs", "mxz", "mys", "myz", "mzs", "mzz"} <= {n.key for n in at.number_input}
    at.number_input(key="mzz").set_value(300).run()
    assert not at.exception
    assert "300" in texts(at.warning) and "0..255" in texts(at.warning)
    at.number_input(key="mxs").set_value(0.0).run()
    assert not at.exception and "positive" in texts(at.warning)
    assert metric(at, "arith.mul.correct") == "127 → 0.0"  # fell back to the article's grids


def test_a_huge_value_saturates_with_a_notice(page):
    at = page()
    at.number_input(key="mx").set_value(1e12).run()
    assert not at.exception
    assert "code 255" in texts(at.info)


def test_addition_shows_why_rescaling_is_needed(page):
    at = page()
    assert metric(at, "arith.add.naive") == "5.9"
    assert metric(at, "arith.add.no_rescale") == "4.5"
    assert metric(at, "arith.add.correct") == "125 → 1.5"
    at.number_input(key="ay").set_value(-0.2).run()
    assert metric(at, "arith.add.correct") == "90 → 0.8"


def test_requantization_double_and_single_rounding(page):
    at = page()
    md = texts(at.markdown)
    assert "two roundings give **1**, one rounding gives **0**" in md
    assert "M0 / 2^31 = 0.600000000093" in md
    assert any("1288490189" in lt.value for lt in at.latex)
    at.number_input(key="rx").set_value(8).run()
    assert "two roundings give **3**, one rounding gives **2**" in texts(at.markdown)
    at.number_input(key="rM").set_value(0.0).run()
    assert not at.exception and TABLE["arith.rq.zero"][0] in texts(at.info)
    at.number_input(key="rM").set_value(1e12).run()  # beyond Q0.31 with shift <= 30
    assert not at.exception and "too large" in texts(at.warning)
    at.number_input(key="rM").set_value(4.0).run()
    at.number_input(key="rx").set_value(2**30).run()  # x * 2^3 wraps around int32
    assert not at.exception and "wraps around" in texts(at.info)


def test_a_product_grid_far_too_fine_is_refused_with_a_message(page):
    at = page()
    at.toggle(key="mshared").set_value(False).run()
    at.number_input(key="mzs").set_value(1e-6).run()
    at.number_input(key="mxs").set_value(1e6).run()
    at.number_input(key="mys").set_value(1e6).run()
    assert not at.exception
    assert "too large" in texts(at.warning)


def test_matmul_trace_follows_the_matrices(page):
    at = page()
    acc = frame_column(at, "arith.mm.col.acc")
    assert len(acc) == 8
    assert "4 of 8 accumulators" in texts(at.warning)
    at.text_input(key="mmA").input("0.1,0.2,0.3").run()
    assert not at.exception
    assert len(frame_column(at, "arith.mm.col.acc")) == 2  # one row of A: two outputs
    assert "of 2 accumulators" in texts(at.warning) + texts(at.success)


def test_matmul_options(page):
    at = page()
    assert set(frame_column(at, "arith.mm.col.n_za_zb")) != {0}
    at.selectbox(key="mmw").set_value("per_channel").run()
    assert set(frame_column(at, "arith.mm.col.n_za_zb")) == {0}  # symmetric weights: Z_b = 0
    assert set(frame_column(at, "arith.mm.col.zb_sum_a")) == {0}
    at.radio(key="mmact").set_value("relu").run()
    assert min(float(v) for v in frame_column(at, "arith.mm.col.x_out")) >= 0
    before = [lt.value for lt in at.latex]
    at.selectbox(key="mmel").set_value("3,1").run()
    assert [lt.value for lt in at.latex] != before


@pytest.mark.parametrize("text, message", [("1,2;3", "same number"), ("1,x", "` x ` is not a number"),
                                           ("1,inf", "finite")])
def test_unreadable_matrix_text_falls_back(page, text, message):
    at = page()
    at.text_input(key="mmB").input(text).run()
    assert not at.exception
    assert message in texts(at.warning)
    assert len(frame_column(at, "arith.mm.col.acc")) == 8  # the default B is used


def test_empty_cells_count_as_zero_and_shapes_must_match(page):
    at = page()
    at.text_input(key="mmbias").input("0.1,").run()
    assert "cell (1, 2) is empty" in texts(at.info)
    at.text_input(key="mmbias").input("0.1,0.2,0.3").run()
    assert "needs 2 values" in texts(at.warning)
    at.text_input(key="mmbias").input("0.1,0.2").run()
    at.text_input(key="mmB").input("1,2;3,4").run()
    assert "A has 3 columns but B has 2 rows" in texts(at.warning)
    assert not at.exception


def test_bad_url_values_fall_back_with_a_notice(page):
    at = page(mx="banana", rM="-5", mmA="1,2;3", mmw="nope", mshared="maybe")
    assert not at.exception
    notices = texts(at.warning)
    for key in ("mx=banana", "rM=-5", "mmA=1,2;3", "mmw=nope", "mshared=maybe"):
        assert key in notices
    assert at.number_input(key="mx").value == 0.0
    assert len(frame_column(at, "arith.mm.col.acc")) == 8  # computed with the default A (4 x 3)
    assert metric(at, "arith.mul.naive") == "127 × 255 = 32385 → 253.0"


def test_a_shared_link_restores_the_state(page):
    at = page(mx="0.5", rx="8", mmA="1,0,0", mmw="per_tensor")
    assert metric(at, "arith.mul.correct") == "191 → 0.501961"
    assert "two roundings give **3**" in texts(at.markdown)
    assert len(frame_column(at, "arith.mm.col.acc")) == 2


def test_values_too_large_and_a_saturated_bias_are_explained(page):
    at = page()
    at.text_input(key="mmA").input("1e7,0,0").run()
    assert not at.exception and "beyond ±1e+06" in texts(at.warning)
    at.text_input(key="mmA").input("0.9,0.1,0.8").run()
    at.text_input(key="mmbias").input("1e6,-1e6").run()
    assert not at.exception and "too large for int32" in texts(at.warning)
    at.text_input(key="mmbias").input(";").run()
    assert "holds no number" in texts(at.warning)
