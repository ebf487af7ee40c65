"""What every page shares: the language (``i18n``), the frame of a page (``layout``: header,
presentation mode, embed view, foot), the list of pages (``registry``), widgets bound to the URL
(``controls``, ``matrix_input``), the Share panel and embed links (``share``), figures with their
downloads (``figure``), errors in the reader's language (``errors``), LaTeX from docstrings and
numbers (``latex``), a visitor's text shown as text (``text``), and the process's garbage
collector (``gc_policy``)."""
