"""Every registered page renders; the language switch; bad URL values fall back with a notice."""
import pathlib

import pytest

from quantviz.app.shell.registry import PAGES
from quantviz.app.strings import LANGUAGES, TABLE

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_every_page_file_is_registered():
    files = {f"views/{p.name}" for p in (ROOT / "views").glob("*.py")}
    assert files == {page.path for page in PAGES}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_renders_without_exception(open_page, page, lang):
    at = open_page(page.path, lang=lang)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title or at.markdown, "the page shows nothing"


def test_every_string_has_both_languages():
    for key, texts in TABLE.items():
        assert len(texts) == len(LANGUAGES) and all(text.strip() for text in texts), key


def test_language_switch(open_page):
    at = open_page("views/home.py")
    assert at.title[0].value == TABLE["home.title"][0]
    at.button_group(key="lang_switch").set_value("zh").run()
    assert at.title[0].value == TABLE["home.title"][1]
    assert at.session_state["lang"] == "zh"


def test_lang_from_url(open_page):
    at = open_page("views/home.py", lang="zh")
    assert at.title[0].value == TABLE["home.title"][1]


def test_bad_url_values_fall_back_with_a_notice(open_page):
    at = open_page("views/home.py", lang="klingon", x="banana")
    assert not at.exception
    assert at.title[0].value == TABLE["home.title"][0]
    notices = " ".join(w.value for w in at.warning)
    assert "lang=klingon" in notices and "x=banana" in notices
    assert at.slider(key="x").value == 0.3


def test_home_example_moves_with_the_slider(open_page):
    at = open_page("views/home.py")
    assert at.slider(key="hbits").value == 3              # opens where the steps are plain to see
    at.slider(key="x").set_value(1.0).run()
    assert any("**q = 7**" in m.value for m in at.markdown)
    at.slider(key="x").set_value(0.0).run()
    assert any("**q = 4**" in m.value and "3.5 is stored as 4" in m.value for m in at.markdown)
    at.slider(key="hbits").set_value(8).run()
    assert any("**q = 128**" in m.value and "127.5 is stored as 128" in m.value for m in at.markdown)
    assert at.table[0].value.iloc[:, 0].tolist() == [128, 127, 128, 127, 127]


def test_presentation_mode_is_sticky_and_can_be_left(open_page):
    at = open_page("views/home.py", present="1")
    assert not at.exception and at.session_state["present"] is True
    assert any("font-size: 21px" in m.value for m in at.markdown)
    at.button(key="present_exit").click().run()
    assert at.session_state["present"] is False
    assert not any("font-size: 21px" in m.value for m in at.markdown)
