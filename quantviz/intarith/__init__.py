"""Integer arithmetic: what a quantized network computes on its codes.

- ``fixedpoint``: TFLite's (gemmlowp's) fixed-point primitives: ``quantize_multiplier`` turns a
  real multiplier M into (M0, shift); ``multiply_by_quantized_multiplier`` rescales an int32.
- ``intkernels``: the int8 fully connected kernel (a plain loop and a vectorized version), bias
  and activation ranges, the accumulator's limits.
- ``arith``: a quantized multiply and add of two codes, with every step traced.
- ``matmul_trace``: a small integer-only matrix product, step by step (Jacob et al.'s four
  zero-point terms).
- ``qlinear``: ONNX's ``QLinearMatMul`` as ONNX Runtime runs it.
"""
