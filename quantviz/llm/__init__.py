"""How large language models are quantized today: weight formats below 8 bits and what
helps activations with outlier channels.

- ``groupwise``: group-wise integers (2-8 bits, groups of 8-1024, per channel, per tensor).
- ``ggml`` (with ``kquants`` and ``ggml_fp4``): llama.cpp's block formats, byte for byte.
- ``nf4``: QLoRA's NormalFloat4 and double quantization.
- ``microscaling``: OCP MX (FP4, FP6, FP8 elements) and NVFP4.
- ``outliers`` and ``transforms``: LLM-like activations, LLM.int8, SmoothQuant, Hadamard rotations.
- ``gptq``: GPTQ against round-to-nearest, for any of these formats.
- ``registry``: every format by name, with its bits per weight.

Each format is written as *fit* (choose a block's scales) and *round* (put values on the grid
those scales define): ``quantviz.llm.blocks``.
"""
