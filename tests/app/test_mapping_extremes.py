"""The mapping page under random combinations of extreme settings (1 to 16 bits, scales near 0
and huge, zero points far outside the range, empty and inverted ranges, every scheme,
calibration and figure, data with NaN and inf): never a traceback, always the numbers table."""
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quantviz import datasets
from quantviz.app.mapping.state import CALIBS, FIGURES, SCHEMES

PAGE = "views/mapping.py"
NUMBERS = ["0", "-0", "1e-30", "5e-324", "1e-8", "0.5", "1", "255", "-1e9", "1e30", "3.4e38"]

range_state = st.fixed_dictionaries({"mode": st.just("range"), "calib": st.sampled_from(CALIBS),
                                     "rmin": st.sampled_from(NUMBERS), "rmax": st.sampled_from(NUMBERS),
                                     "pct": st.sampled_from(["50", "99.99", "100"])})
qparams_state = st.fixed_dictionaries({"mode": st.just("qparams"), "scale": st.sampled_from(NUMBERS),
                                       "zp": st.sampled_from(["0", "-40000", "127", "70000"])})
common = st.fixed_dictionaries({
    "data": st.sampled_from(datasets.sources()), "bits": st.sampled_from(["1", "2", "7", "8", "16"]),
    "signed": st.sampled_from(["true", "false"]), "symmetric": st.sampled_from(["true", "false"]),
    "narrow": st.sampled_from(["true", "false"]), "scheme": st.sampled_from(SCHEMES),
    "nonfinite": st.sampled_from(["true", "false"]), "fig": st.sampled_from(FIGURES),
    "n": st.sampled_from(["1", "2", "5000"])})


@settings(max_examples=int(os.environ.get("QUANTVIZ_FUZZ_EXAMPLES", 40)), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=common, mapping=st.one_of(range_state, qparams_state))
def test_extreme_settings_never_break_the_page(open_page, base, mapping):
    at = open_page(PAGE, **base, **mapping)
    assert not at.exception, (base, mapping, at.exception)
    assert not at.error, [e.value for e in at.error]
    table = "\n".join(m.value for m in at.markdown)
    assert "| " in table and "SQNR" in table, "the numbers table is shown"
    assert "**nan" not in table, table


def test_codes_beyond_float32_are_said_and_the_error_stays_exact(open_page):
    at = open_page(PAGE, mode="qparams", scale="3.4e38", zp="0", n="5000", data="normal")
    assert not at.exception
    assert any("beyond float32" in w.value for w in at.warning)
    table = "\n".join(m.value for m in at.markdown)
    assert "**nan" not in table and "0.00 dB" in table   # every value is stored as code 0: x̂ = 0
