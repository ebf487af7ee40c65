"""The int8 page (``views/int8.py``): how it quantizes, its URL (``state``), cached models,
results and files (``data``) and the page's sections (``sections``)."""
