"""The lesson: the source article's story in eight steps and a ninth beyond it (large language
models), one live widget each (``?step=4``)."""
import streamlit as st

from quantviz import article
from quantviz.app.lesson import nav as lesson_nav
from quantviz.app.lesson.steps import DEEPER, STEPS
from quantviz.app.shell import controls
from quantviz.app.shell.i18n import t
from quantviz.app.shell.layout import is_embed_view, is_presenting, page_header, side_by_side

# A step is one screen: a compact header (in presentation mode without the intro, which the
# step buttons' help repeats), then the step's words beside its widget and the figure it moves.
page_header("lesson.title", None if is_presenting() else "lesson.intro")
embed = is_embed_view()
notices = st.container()

if embed:  # ?embed=true&view=figure&step=6: the step's widget and figure alone
    STEPS[lesson_nav.embed_step()](embed=True)
else:
    n = lesson_nav.header()
    words, widget = side_by_side()
    with words:
        st.header(f"{n}. {lesson_nav.title(n)}")
        st.markdown(t(f"lesson.s{n}.text", **article.numbers()))
        lesson_nav.deeper_link(DEEPER[n])
    with widget:
        STEPS[n](embed=False)
    if n == lesson_nav.TOTAL:
        st.info(t("lesson.done"), icon=":material/school:")
    lesson_nav.buttons(n)
controls.url_notices(notices)
