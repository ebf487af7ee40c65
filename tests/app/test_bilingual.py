"""Both languages everywhere: the same placeholders in English and Chinese, and every registered
page rendered in Chinese without English sentences (text, widgets, tables, figures)."""
import re
import string

import pytest
from visible_text import element_texts, english_runs

from quantviz.app.shell.registry import PAGES
from quantviz.app.strings import LANGUAGES, TABLE


def fields(text: str) -> set[str]:
    """The ``{placeholders}`` and plotly ``%{placeholders}`` a string fills in."""
    names = {name for _, name, _, _ in string.Formatter().parse(re.sub(r"%\{[^}]*\}", "", text)) if name}
    return names | set(re.findall(r"%\{([^}:]+)", text))


def test_every_key_has_both_languages_with_the_same_placeholders():
    assert LANGUAGES == ("en", "zh")
    for key, texts in TABLE.items():
        assert len(texts) == 2 and all(t.strip() for t in texts), key
        assert fields(texts[0]) == fields(texts[1]), (key, fields(texts[0]), fields(texts[1]))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_page_in_chinese_has_no_english_sentences(open_page, page):
    at = open_page(page.path, lang="zh")
    assert not at.exception, at.exception
    texts = element_texts(at)
    assert len(texts) > 5
    runs = [(run, text[:80]) for text in texts for run in english_runs(text)]
    assert not runs, runs


def test_the_scanner_finds_an_untranslated_sentence():
    assert english_runs("数值：This value was not translated at all") == ["This value was not translated at all"]
    assert english_runs("范围 [qmin, qmax]，scale 与 zero point，`code with many english words here`") == []
