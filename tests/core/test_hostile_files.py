"""Every hostile file, read in a child process capped at 1 GiB of address space above the
interpreter's and a few seconds of CPU time (``tests/bounded.py``): each is refused with the
expected code using under 300 MiB more memory, or is a legal file that loads within the caps.
``python bench/hostile.py`` prints the time and memory of each."""
import pytest

from tests.bounded import CPU_SECONDS, Bounded
from tests.hostile import CASES, INSPECT

EXTRA_MIB = 300


@pytest.fixture(scope="module")
def bounded():
    with Bounded() as b:
        yield b


@pytest.mark.parametrize("name", list(CASES))
def test_a_hostile_file_is_refused_or_loaded_within_bounds(bounded, tmp_path, name):
    filename, build, expected = CASES[name]
    path = tmp_path / filename
    path.write_bytes(build())
    result = bounded.run(path, filename)
    assert result["outcome"] == expected, result
    assert result["cpu_seconds"] < CPU_SECONDS
    if expected != "loaded":
        assert result["extra_mib"] < EXTRA_MIB, result


@pytest.mark.parametrize("name", list(INSPECT))
def test_the_tflite_inspector_on_a_hostile_file(bounded, tmp_path, name):
    build, expected = INSPECT[name]
    path = tmp_path / "m.tflite"
    path.write_bytes(build())
    result = bounded.run(path, "m.tflite", mode="inspect")
    assert result["outcome"] == expected, result
    assert result["extra_mib"] < EXTRA_MIB, result
