"""Plotly figure builders: data in, ``go.Figure`` out (no streamlit, no text lookups).

Every builder takes its visible labels as arguments, so the pages can translate them.
Charts use the Streamlit theme's colours when shown with ``st.plotly_chart(theme="streamlit")``,
so they read well in light and dark mode.
"""
