"""The comparison itself: a difference fails, and the message is a test that reproduces it."""
import numpy as np
import pytest
from conformance_check import COUNTS, agree, quantize_snippet, random_ranges, rng_for

from quantviz import QParams, quantize


def test_a_difference_fails_with_a_pasteable_snippet():
    qp = QParams(0.5, 0, -128, 127, scheme="tflite")
    x = np.array([0.75, 1.25], np.float32)                # 1.5 and 2.5: half away from zero
    pretend = np.array([2, 2])                           # a library that rounded 2.5 to even
    before = COUNTS["LiteRT"]
    with pytest.raises(pytest.fail.Exception) as failure:
        agree("LiteRT", quantize(x, qp), pretend, lambda i: quantize_snippet(x[i], qp, pretend[i], "LiteRT"))
    COUNTS["LiteRT"] = before
    message = str(failure.value)
    assert message.startswith("1 of 2 values differ from LiteRT 2.3")
    snippet = message.split("as a test:\n\n")[1].split("\n# quantviz gives")[0]
    assert "np.float32(1.25)" in snippet
    with pytest.raises(AssertionError):
        exec(snippet, {})                                # quantviz gives 3, the "library" 2
    exec(snippet.replace("== [2]", "== [3]"), {})        # the snippet runs as written


def test_ranges_of_every_kind():
    rmin, rmax = random_ranges(rng_for("kinds"), 800)
    assert rmin.dtype == rmax.dtype == np.float32 and np.all(rmin <= rmax)
    assert np.any((rmin < 0) & (rmax > 0)) and np.any(rmin > 0) and np.any(rmax < 0)
    assert np.any(rmin == rmax) and np.any((rmin == 0) & (rmax == 0))
    assert np.any(np.abs(rmax) < np.finfo(np.float32).tiny) and np.any(rmax == np.finfo(np.float32).max)


def test_the_libraries_are_the_versions_the_app_names():
    """The mapping page names the versions each scheme reproduces; these tests prove it with the
    libraries installed. A new release must pass them before the page may name it."""
    from importlib.metadata import version

    from conformance_check import VERSIONS

    from quantviz.app.strings import TABLE
    installed = {"PyTorch": version("torch"), "ONNX Runtime": version("onnxruntime"),
                 "LiteRT": version("ai-edge-litert")}
    for library, named in VERSIONS.items():
        assert installed[library].startswith(named + "."), (library, installed[library])
        assert f"{library} {named}" in TABLE["mapping.frameworks.versions"][0]
