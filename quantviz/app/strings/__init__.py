"""The string table: every visible text in English and 简体中文.

Each module here holds the strings of one page (or of the shared shell) as
``STRINGS = {"key": ("English", "中文")}``; together they form one table, ``TABLE``.
A key may appear in only one module.
"""
import importlib
import pkgutil

LANGUAGES = ("en", "zh")


def _load() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for info in pkgutil.iter_modules(__path__):
        strings = importlib.import_module(f"{__name__}.{info.name}").STRINGS
        clash = table.keys() & strings.keys()
        if clash:
            raise KeyError(f"string keys defined twice ({info.name}): {sorted(clash)}")
        table.update(strings)
    return table


TABLE = _load()
