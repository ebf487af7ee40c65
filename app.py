"""quantviz: the router. Run with `make run` (or `streamlit run app.py`)."""
import pathlib

import streamlit as st
from streamlit.logger import get_logger

from quantviz.allocator import keep_freed_memory
from quantviz.app.shell.a11y import apply_style, document_language
from quantviz.app.shell.gc_policy import freeze_long_lived
from quantviz.app.shell.i18n import t
from quantviz.app.shell.layout import CURRENT_PAGE, language_switch, page_foot, presentation_mode
from quantviz.app.shell.registry import PAGES

FAVICON = pathlib.Path(__file__).resolve().parent / "assets" / "favicon.png"
keep_freed_memory()  # numpy's temporaries reuse warm memory instead of fresh pages
get_logger("quantviz")  # the app's own log lines (refused uploads, parser failures) in the server's console
# the favicon ships with the app (a Material icon as favicon is fetched from the internet)
st.set_page_config(page_title="quantviz", page_icon=str(FAVICON), layout="wide")
apply_style()  # chart text, focus ring, reduced motion: every page
document_language(language_switch())
presentation_mode()

sections: dict[str, list] = {}
for page in PAGES:
    sections.setdefault(t(page.section), []).append(
        st.Page(page.path, title=t(page.title_key), icon=page.icon, url_path=page.url_path,
                default=page is PAGES[0]))
# One section needs no heading; Streamlit also draws a section's links as <li> inside a <div> inside
# the menu's <ul> (invalid list markup to a screen reader), and a menu without sections as plain <li>s.
menu = next(iter(sections.values())) if len(sections) == 1 else sections
page = st.navigation(menu, position="top" if st.session_state.get("present") else "sidebar")
st.session_state[CURRENT_PAGE] = page.url_path
try:
    page.run()
    page_foot()
finally:  # also after st.stop(): once per process, after the first page has run (gc_policy)
    freeze_long_lived()
