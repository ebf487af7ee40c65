"""For ``bench/chart_update.py``: one of the LLM page's figures, a new one on every press of the
slider (its two states alternate), drawn as the app draws charts (``st.plotly_chart``: a changed
figure is a new element, mounted anew) or by a component that keeps its chart and updates it in
place with ``Plotly.react`` (plotly.js from the app's static folder). ``?chart=`` the figure,
``?mode=element`` or ``in-place``."""
import json
import pathlib

import streamlit as st

SPECS = json.loads(pathlib.Path(__file__).with_name("specs.json").read_text())
IN_PLACE = """
export default function (component) {
  const { data, parentElement } = component;
  window.__plotly ??= new Promise(loaded => {
    const script = document.createElement('script');
    script.src = '/app/static/plotly.min.js';
    script.onload = loaded;
    document.head.appendChild(script);
  });
  window.__plotly.then(() => {
    let chart = parentElement.querySelector('.chart');
    if (!chart) {
      chart = document.createElement('div');
      chart.className = 'chart';
      parentElement.appendChild(chart);
    }
    const figure = JSON.parse(data);
    window.Plotly.react(chart, figure.data, figure.layout, {displayModeBar: false, responsive: true});
  });
}
"""

st.set_page_config(page_title="chart update", layout="wide")
name = st.query_params.get("chart", "llm_outliers")
press = st.slider("value", 0, 400, 0, key="value")
figure = SPECS[press % 2][name]
figure = {"data": figure["data"], "layout": {**figure["layout"], "meta": press}}   # a new figure every press
if st.query_params.get("mode", "element") == "element":
    st.plotly_chart(figure, key="chart", theme="streamlit", config={"displayModeBar": False})
else:
    in_place = st.components.v2.component("in_place_chart", js=IN_PLACE, isolate_styles=False)
    in_place(data=json.dumps(figure), key="chart")
