"""The weights page (``views/weights.py``): cached models, uploads and summaries (``data``) and the
page's sections (``sections``)."""
