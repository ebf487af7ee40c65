"""What a changed chart costs the browser, drawn as the app draws it against updated in place.

``st.plotly_chart`` gives a chart a new element id whenever its figure changes (the id hashes the
figure), so every change mounts the chart anew, and Streamlit's element then draws a newly
mounted chart twice (``plotly_afterplot`` counted). A chart that keeps its element and calls
``Plotly.react`` draws once. This bench takes the LLM page's three figures that a new layer
redraws (formats, block, outliers; as the page sends them, for two layers) and times, for each,
a slider press that swaps the figure on a page holding only that chart, drawn both ways
(``bench/apps/chart_update.py``: ``st.plotly_chart``, or a ``st.components.v2`` component with
plotly.js of its own from the static folder), interleaved in one run in headless Chromium.
Prints the median press, the renderer's main-thread CPU per press and the draws per press.

    python -m bench.chart_update [--presses 15]
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import statistics
import tempfile

import plotly

from bench.latency import CpuMeter, open_page, press
from tests.e2e.e2e_helpers import CHROMIUM_ARGS, ROOT, free_port, start_streamlit

CHARTS = ("llm_pareto", "llm_block", "llm_outliers")
MODES = ("element", "in-place")
# every new plotly.js chart on the page counts its draws
COUNT_DRAWS = """() => {
  window.__draws = 0;
  const seen = new WeakSet();
  const hook = () => document.querySelectorAll('.js-plotly-plot').forEach(chart => {
    if (seen.has(chart) || !chart.on) return;
    seen.add(chart);
    chart.on('plotly_afterplot', () => window.__draws++);
  });
  hook();
  new MutationObserver(hook).observe(document.body, {subtree: true, childList: true});
}"""


def llm_figures() -> list[dict]:
    """The LLM page's figures as it sends them (by chart key), for its default layer and another tail."""
    from streamlit.testing.v1 import AppTest

    def sent(at) -> dict:
        return {c.proto.id.rsplit("-", 1)[-1]: json.loads(c.proto.spec) for c in at.get("plotly_chart")}

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("views/llm.py")
    at.run()
    first = sent(at)
    at.slider(key="tail").set_value(4.5).run()     # a new layer: the three charts' sections rerun
    second = sent(at)
    return [{name: first[name] for name in CHARTS}, {name: second[name] for name in CHARTS}]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--presses", type=int, default=15)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        shutil.copy(ROOT / "bench" / "apps" / "chart_update.py", folder / "app.py")
        (folder / "specs.json").write_text(json.dumps(llm_figures()))
        (folder / "static").mkdir()
        shutil.copy(pathlib.Path(plotly.__file__).parent / "package_data" / "plotly.min.js", folder / "static")
        port = free_port()
        proc = start_streamlit(folder / "app.py", port, {"server.enableStaticServing": "true"})
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                print(f"a slider press that swaps one figure, {args.presses} each, interleaved "
                      f"(load {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores)")
                print(f"{'chart':<14}{'drawn':<10}{'median ms':>10}{'main thread ms':>16}{'draws':>7}")
                for chart in CHARTS:
                    pages = {mode: open_page(browser, f"http://127.0.0.1:{port}/?chart={chart}&mode={mode}",
                                             "value") for mode in MODES}
                    meters = {}
                    for mode, page in pages.items():
                        press(page, [0])                 # one unmeasured press
                        page.evaluate(COUNT_DRAWS)
                        meters[mode] = CpuMeter(page, proc.pid)
                    times = {mode: [] for mode in MODES}
                    for _ in range(args.presses):
                        for mode, page in pages.items():
                            times[mode].append(meters[mode].measure(lambda page=page: press(page, [0])))
                    for mode, page in pages.items():
                        draws = page.evaluate("() => window.__draws") / args.presses
                        print(f"{chart:<14}{mode:<10}{statistics.median(times[mode]) * 1e3:>10.0f}"
                              f"{meters[mode].medians_ms()[2]:>16.0f}{draws:>7.1f}")
                        page.context.close()
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=20)


if __name__ == "__main__":
    main()
