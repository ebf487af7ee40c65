"""A page's URL as one table: the same declaration reads a link and writes it."""
from dataclasses import replace

from quantviz.app.int8.state import Settings as Int8Settings
from quantviz.app.mapping.state import Settings
from quantviz.app.shell.i18n import in_language
from quantviz.app.shell.urlschema import from_query, link_values, params, parse_number


def test_a_link_is_read_within_the_declared_bounds_and_options():
    with in_language("en"):
        s = from_query(Settings, {"bits": "40", "n": "0", "pct": "50", "scheme": "PyTorch", "mode": "nonsense",
                                  "signed": "TRUE", "seed": "1.5", "fig": "levels"})
    assert (s.bits, s.n, s.pct) == (16, 1, 90.0)                 # clamped to lo / hi
    assert s.scheme == "pytorch" and s.mode == "range"           # by label; an unknown one keeps the default
    assert s.signed is True and s.seed == 0 and s.fig == "levels"  # a seed must be whole


def test_the_link_carries_what_differs_and_belongs():
    with in_language("en"):
        assert link_values(Settings()) == {}
        manual = link_values(replace(Settings(), calib="manual", rmin=-2.0, rmax=3.0, scale=0.5))
        assert manual["rmin"] == "-2.0" and manual["calib"] == "manual" and "scale" not in manual   # the code
        scale = link_values(replace(Settings(), mode="qparams", calib="percentile", pct=99.0, scale=0.5))
        assert scale["scale"] == "0.5" and "pct" not in scale and "calib" not in scale


def test_what_a_link_writes_it_reads_back_in_either_language():
    s = replace(Settings(), data="bimodal", bits=5, signed=True, scheme="tflite", calib="percentile", pct=99.5,
                fig="tradeoff")
    for lang in ("en", "zh"):
        with in_language(lang):
            assert from_query(Settings, link_values(s)) == s


def test_a_parameter_may_take_another_url_key():
    p = params(Int8Settings)
    assert p["weight_bits"].name == "wbits" and p["rounding"].name == "round"
    s = replace(Int8Settings(), weight_bits=4, granularity="tensor")
    with in_language("en"):
        values = link_values(s)
        assert set(values) == {"wbits", "gran"} and from_query(Int8Settings, values) == s


def test_url_numbers():
    assert parse_number("3", integer=True) == 3 and isinstance(parse_number("3", integer=True), int)
    assert parse_number("2.5", integer=True) is None and parse_number("2.5", integer=False) == 2.5
    assert parse_number("nan", integer=False) is None and parse_number("1e999", integer=False) is None


def test_the_url_holds_codes_and_old_label_links_still_open(open_page):
    from quantviz.app.strings import TABLE
    at = open_page("views/int8.py", model=TABLE["int8.model.cnn"][0], calib=TABLE["int8.calib.mse"][1])
    assert not at.exception and not at.warning
    assert at.button_group(key="model").value == "cnn" and at.selectbox(key="calib").value == "mse"
    assert at.query_params["model"] in ("cnn", ["cnn"]) and at.query_params["calib"] in ("mse", ["mse"])
    at.button_group(key="model").set_value("mlp").run()     # back to the default: out of the link
    assert "model" not in at.query_params


def test_the_home_page_reads_its_link_from_its_table(open_page):
    from quantviz.app.home import Settings as Home
    assert link_values(replace(Home(), bits=5)) == {"hbits": "5"}
    assert from_query(Home, {"hbits": "99", "x": "-0.5"}) == Home(x=-0.5, bits=8)   # clamped to the table's bounds
    at = open_page("views/home.py", hbits="5", x="-0.5")
    assert at.slider(key="hbits").value == 5 and at.slider(key="x").value == -0.5


def test_the_mapping_figure_choice_holds_its_code_and_old_label_links_still_open(open_page):
    from quantviz.app.strings import TABLE
    for lang, label in (("zh", TABLE["mapping.tab.levels"][0]), ("en", TABLE["mapping.tab.levels"][1])):
        at = open_page("views/mapping.py", fig=label, lang=lang)   # a label, in the other language
        assert not at.exception and not at.warning
        assert at.button_group(key="fig").value == "levels" and at.query_params["fig"] in ("levels", ["levels"])
        assert len(at.get("plotly_chart")) == 2
    at.button_group(key="fig").set_value("tradeoff").run()
    assert at.query_params["fig"] in ("tradeoff", ["tradeoff"])
    at.button_group(key="fig").set_value(None).run()            # hidden again: out of the link
    assert "fig" not in at.query_params and len(at.get("plotly_chart")) == 1


def test_the_mapping_pages_folded_parts_are_kept_as_true_in_the_link(open_page):
    """The expanders bound to the URL write a code (true), not their label, in either language."""
    from quantviz.app.strings import TABLE
    at = open_page("views/mapping.py", formulas="true", frameworks="true", lang="zh")
    assert not at.exception and not at.warning
    assert [at.query_params[k] in ("true", ["true"]) for k in ("formulas", "frameworks")] == [True, True]
    assert len(at.latex) > 0 and any(TABLE["mapping.frameworks"][1] == e.label for e in at.expander)


def test_the_why_and_formats_pages_declare_their_links_in_one_table(open_page):
    from quantviz.app import formats, why
    from quantviz.app.strings import TABLE
    f = replace(formats.Settings(), scale=0.5, zp=3, format="int4", gap="absolute")
    w = replace(why.Settings(), quantized="weights")
    for lang in ("en", "zh"):
        with in_language(lang):
            assert from_query(formats.Settings, link_values(f)) == f and link_values(f)["gap"] == "absolute"
            assert from_query(why.Settings, link_values(w)) == w and link_values(w) == {"quantized": "weights"}
    at = open_page("views/why.py", quantized=TABLE["why.mode.weights"][1])        # an old link, in Chinese
    assert not at.exception and not at.warning and at.button_group(key="quantized").value == "weights"
    assert at.query_params["quantized"] in ("weights", ["weights"])
    at = open_page("views/formats.py", gap=TABLE["formats.gap.absolute"][0], format="int4", zp="3")
    assert not at.exception and not at.warning
    assert at.button_group(key="gap").value == "absolute" and at.query_params["gap"] in ("absolute", ["absolute"])
    assert at.selectbox(key="format").value == "int4" and at.number_input(key="zp").value == 3
