"""The int8 page (``views/int8.py``): cached models, results and files (``data``) and the page's
sections (``sections``)."""
