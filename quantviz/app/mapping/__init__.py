"""The mapping page (``views/mapping.py``): its settings and URL (``state``), widgets (``controls``),
cached data (``data``, ``sources``), figures, numbers and formulas (``figures``, ``text``) and
Share panel (``share``)."""
