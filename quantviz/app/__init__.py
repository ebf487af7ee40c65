"""Streamlit glue: the only part of quantviz (with ``quantviz.figures``) that imports streamlit."""
