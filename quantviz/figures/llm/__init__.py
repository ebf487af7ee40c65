"""Figures of the LLM page: the formats' error against bits per weight, one block, the 4-bit
codebooks, outlier channels, the network under each format, GPTQ step by step."""
