"""The lesson's speed and the cost of the exports.

1. First render of each lesson step with empty caches (AppTest, in this process), against the
   home page rendered the same way.
2. PNG, SVG and standalone HTML export of each step's figure (what a download button builds).
3. What ``show_figure`` adds before a chart reaches the browser (the title written above, the
   legend moved), against handing the figure over as it is.

    python -m bench.lesson [--repeat 5]
"""
from __future__ import annotations

import argparse
import base64
import json
import time

import numpy as np
import plotly.graph_objects as go
import streamlit as st
import streamlit.logger
from streamlit.testing.v1 import AppTest

from bench.timing import ROOT, median_seconds
from quantviz.app.shell.figure import displayed
from quantviz.figures import static

STEPS = range(1, 10)


def first_render(path: str, **query) -> tuple[float, AppTest]:
    streamlit.logger.set_log_level("error")
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    start = time.perf_counter()
    at.run()
    if path != "views/home.py":
        at.switch_page(path)
        at.run()
    return time.perf_counter() - start, at


def decoded(node):
    """A figure spec from the browser's JSON back to arrays (plotly sends numpy arrays base64)."""
    if isinstance(node, dict):
        if "bdata" in node and "dtype" in node:
            return np.frombuffer(base64.b64decode(node["bdata"]), dtype=node["dtype"])
        return {k: decoded(v) for k, v in node.items()}
    if isinstance(node, list):
        return [decoded(v) for v in node]
    return node


def main() -> None:
    streamlit.logger.set_log_level("error")  # no "bare mode" warnings between the figures
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    home, _ = first_render("views/home.py")
    home, _ = first_render("views/home.py")  # the second one: imports done, caches empty
    print(f"first render, empty caches (home page: {home * 1000:.0f} ms)")
    figures = {}
    for n in STEPS:
        seconds, at = first_render("views/lesson.py", step=str(n))
        assert not at.exception, at.exception
        figures[n] = go.Figure(decoded(json.loads(at.get("plotly_chart")[0].proto.spec)))
        print(f"  step {n}: {seconds * 1000:6.0f} ms  ({seconds / home:4.1f} x home)")

    print(f"exports (median of {args.repeat})            PNG      SVG     HTML")
    for n, fig in figures.items():
        renders = (static.to_png, static.to_svg, static.to_html)
        times = [median_seconds(lambda f=f: f(fig), args.repeat) for f in renders]
        print(f"  step {n}:                       " + "  ".join(f"{t * 1000:5.0f} ms" for t in times))

    big = figures[4]
    plain = median_seconds(lambda: big.to_dict(), 50)
    shown = median_seconds(lambda: displayed(big), 50)
    print(f"show_figure's restyle of step 4's histogram: {shown * 1e3:.2f} ms against {plain * 1e3:.2f} ms "
          f"for the plain to_dict ({shown / plain:.2f} x)")


if __name__ == "__main__":
    main()
