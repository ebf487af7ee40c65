"""The reference for bench/latency.py: one slider and one small plotly chart, nothing else."""
import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="minimal", layout="wide")
value = st.slider("value", 0, 200, 50, key="value", bind="query-params")
x = np.linspace(0, 1, 50)
fig = go.Figure(go.Scatter(x=x, y=np.sin(2 * np.pi * x * value / 20), mode="lines"))
fig.update_layout(height=380, title="one small chart")
st.plotly_chart(fig, theme="streamlit", key="chart")
