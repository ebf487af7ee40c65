"""The mapping page (``views/mapping.py``): its settings, URL and notices (``state``), widgets
(``controls``), cached data (``data``, ``sources``), and figures, numbers and formulas
(``figures``, ``text``)."""
