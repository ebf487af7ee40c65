"""quantviz: the mathematics of neural-network quantization, in numpy.

    from quantviz import QParams, choose_qparams, quantize, dequantize, fake_quantize
    from quantviz import calibrate, error_report

The core (this package, minus ``quantviz.app`` and ``quantviz.figures``) needs only numpy and
ml_dtypes; the Streamlit app is a view over it.
"""
from .affine import QParams, choose_qparams, dequantize, fake_quantize, quantize
from .calibrate import calibrate, range_sweep
from .metrics import error_report

__all__ = ["QParams", "choose_qparams", "quantize", "dequantize", "fake_quantize",
           "calibrate", "range_sweep", "error_report"]
