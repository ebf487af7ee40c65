"""What a page shows, as text: every string of its elements (labels, help, options, Markdown, table
headers, figure titles, axis titles, legend names, hover templates), for language checks."""
from __future__ import annotations

import json
import re

from google.protobuf.message import Message

SKIP_FIELDS = {"id", "form_id", "key", "icon", "url", "page_script_hash", "page", "theme", "type",
               "format", "default", "value", "dg_id", "element_type", "spec", "data", "language",
               "material_icon", "emoji", "placeholder_icon", "width_config", "height_config", "css_class"}
SKIP_ELEMENTS = {"code", "json"}  # code and links shown as code are not prose
FIGURE_KEYS = {"text", "name", "hovertemplate", "ticktext", "title"}


def _proto_strings(message: Message, out: list[str]) -> None:
    for field, value in message.ListFields():
        if field.name in SKIP_FIELDS:
            continue
        many = (getattr(field, "is_repeated", False) or isinstance(value, (list, tuple))
                or (hasattr(value, "__len__") and not isinstance(value, (str, bytes, Message))))
        values = value if many else [value]
        for v in values:
            if isinstance(v, str):
                out.append(v)
            elif isinstance(v, Message):
                _proto_strings(v, out)


def _figure_strings(node, out: list[str], key: str = "") -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            _figure_strings(v, out, k)
    elif isinstance(node, list):
        for v in node:
            _figure_strings(v, out, key)
    elif isinstance(node, str) and key in FIGURE_KEYS:
        out.append(node)


def element_texts(at) -> list[str]:
    """Every visible string of the app's main area and sidebar, one entry per string."""
    out: list[str] = []

    def walk(node):
        kind = getattr(node, "type", "")
        proto = getattr(node, "proto", None)
        if kind in SKIP_ELEMENTS:
            return
        if kind == "plotly_chart":
            _figure_strings(json.loads(proto.spec), out)
        elif kind in ("arrow_data_frame", "arrow_table", "dataframe", "table"):
            out.extend(str(c) for c in node.value.columns)
            out.extend(str(v) for v in node.value.to_numpy().ravel() if isinstance(v, str))
        elif isinstance(proto, Message):
            _proto_strings(proto, out)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    walk(at.sidebar)
    return out


NOT_PROSE = [
    r"<style>.*?</style>", r"<script>.*?</script>", r"\$\$.*?\$\$", r"\$[^$]*\$", r"`[^`]*`",  # LaTeX and code spans
    r"<[^>]+>", r"https?://\S+", r"%\{[^}]*\}",  # HTML tags, links, plotly placeholders
    r"\\\(.*?\\\)", r":material/[a-z_]+:",  # inline LaTeX, icons
    r"\[([^\]]*)\]\([^)]*\)",  # Markdown links: keep the words only (see below)
]
WORD_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ ,;:()/]+[A-Za-z][A-Za-z'’-]*)+")


def english_runs(text: str, min_words: int = 5) -> list[str]:
    """Runs of at least ``min_words`` consecutive Latin-alphabet words with only ASCII spaces and
    punctuation between them: an untranslated phrase in a Chinese page."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    for pattern in NOT_PROSE[:-1]:
        text = re.sub(pattern, " ", text, flags=re.S)
    runs = []
    for match in WORD_RUN.finditer(text):
        words = re.findall(r"[A-Za-z][A-Za-z'’-]*", match.group(0))
        if len(words) >= min_words:
            runs.append(match.group(0))
    return runs
