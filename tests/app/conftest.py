import pathlib

import pytest
from streamlit.testing.v1 import AppTest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture
def open_page():
    """Run the app on one page, optionally with URL query parameters: ``open_page(path, lang="zh")``."""
    def _open(path: str, **query) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        if path != "views/home.py":
            at.switch_page(path)
            at.run()
        return at
    return _open
