"""The live HTML exports opened from a file:// URL with the network off: the staircase with its bits
slider and the mapping figure with bits and range sliders, recomputed in the browser exactly as
quantviz.quantize computes (float64, ties to even)."""
import numpy as np
import pytest

from quantviz import choose_qparams, quantize
from quantviz.figures.live_html import live_html

LABELS = {"title": "Each real x in a step is stored as the same integer code q", "x": "real value x",
          "y": "integer code q", "ideal": "ideal", "codes": "stored code q", "bits": "Bits",
          "hover": "x = %{x}<br>q = %{y}<br>x̂ = %{customdata}",
          "readout": "{bits} bits: codes 0..{qmax}, scale {scale}, zero point {zp} (range [{rmin}, {rmax}])",
          "count": "values per bin", "values": "values", "rmin": "rmin", "rmax": "rmax"}
XS = np.concatenate([np.linspace(-1.3, 1.3, 401), [-1.0, 0.0, 1.0, 0.5, -0.5, 0.25]])


@pytest.fixture
def offline(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    context.set_offline(True)
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    yield page, requests
    context.close()


def open_file(page, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    page.goto(path.as_uri())
    page.wait_for_selector("#figure .main-svg", timeout=30_000)


def move(page, key, value):
    page.evaluate("([k, v]) => { const e = document.getElementById(k); e.value = v;"
                  " e.dispatchEvent(new Event('input')); }", [key, str(value)])


def js_codes(page, bits, rmin, rmax):
    return page.evaluate("([b, lo, hi, xs]) => quantvizLive.codes(xs, quantvizLive.qparams(b, lo, hi))",
                         [bits, rmin, rmax, XS.tolist()])


def test_the_staircase_moves_with_its_bits_offline(offline, tmp_path):
    page, requests = offline
    open_file(page, tmp_path, "staircase.html", live_html(3, -1.0, 1.0, (-1.1, 1.1), LABELS))
    for bits in (3, 1, 2, 5, 8):
        move(page, "bits", bits)
        top = page.evaluate("Math.max(...document.getElementById('figure').data[1].y)")
        assert top == 2**bits - 1
        assert f"{bits} bits: codes 0..{2**bits - 1}" in page.inner_text("#readout")
        expected = quantize(XS, choose_qparams(-1.0, 1.0, bits=bits))
        assert js_codes(page, bits, -1.0, 1.0) == expected.tolist()
    assert all(url.startswith("file:") for url in requests), requests   # nothing fetched


@pytest.mark.parametrize("rmin, rmax", [(-0.37, 2.9), (0.2, 0.9), (-1e-3, 5e-4)])
def test_the_mapping_figure_recomputes_bits_and_range_as_quantize_does(offline, tmp_path, rmin, rmax):
    page, requests = offline
    rng = np.random.default_rng(0)
    counts, edges = np.histogram(rng.normal(size=10_000), bins=80, range=(-4, 4))
    open_file(page, tmp_path, "mapping.html",
              live_html(8, -1.0, 1.0, (-4.0, 4.0), LABELS, histogram=(edges, counts), range_bound=5.0))
    assert page.locator("#rmin").count() == 1 and page.locator("#rmax").count() == 1
    for bits in (2, 4, 8):
        move(page, "bits", bits)
        move(page, "rmin", rmin)
        move(page, "rmax", rmax)
        shown = page.evaluate("document.getElementById('figure').layout.shapes.length")
        assert shown >= 2                               # the grid and the range lines
        expected = quantize(XS, choose_qparams(rmin, rmax, bits=bits))
        assert js_codes(page, bits, rmin, rmax) == expected.tolist()
    assert all(url.startswith("file:") for url in requests), requests
