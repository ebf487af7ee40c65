"""Weights for the format tests: random rows (hypothesis) and hand-made adversarial blocks."""
import numpy as np
from hypothesis import settings
from hypothesis import strategies as st

# Bounded and reproducible in `make test`.
BOUNDED = settings(max_examples=60, deadline=None, derandomize=True)


@st.composite
def rows(draw, block: int, max_blocks: int = 4, max_rows: int = 3, largest: float = 1e3):
    """float32 rows of whole blocks: normal values at a random scale, with some exact zeros,
    repeated values (ties for the block maximum) and values a thousand times smaller."""
    n_rows = draw(st.integers(1, max_rows))
    n_blocks = draw(st.integers(1, max_blocks))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    scale = draw(st.sampled_from([1e-6, 1e-3, 0.02, 1.0, 30.0, largest / 4]))
    w = rng.standard_normal((n_rows, n_blocks * block)) * scale
    kind = draw(st.sampled_from(["normal", "zeros", "repeats", "tiny", "heavy"]))
    if kind == "zeros":
        w[rng.random(w.shape) < 0.5] = 0.0
    elif kind == "repeats":
        w = np.round(w / scale * 2) * scale / 2
    elif kind == "tiny":
        w[rng.random(w.shape) < 0.3] *= 1e-3
    elif kind == "heavy":
        w *= rng.exponential(1.0, w.shape) ** 3
    return np.clip(w, -largest, largest).astype(np.float32)


def adversarial_blocks(block: int, largest: float = 1e3) -> dict[str, np.ndarray]:
    """One row of two blocks each: what formats get wrong first."""
    zeros = np.zeros(block, np.float32)
    ramp = np.linspace(-1, 1, block, dtype=np.float32)
    one_huge = zeros.copy()
    one_huge[block // 3] = largest
    one_huge[block // 2] = 1e-3
    ties = (np.arange(block) % 17 - 8).astype(np.float32) / 2      # k/2: halfway between steps
    subnormal = (np.arange(block) % 5 - 2).astype(np.float32) * np.float32(1e-40)
    both_signs_max = ramp.copy()
    both_signs_max[0], both_signs_max[-1] = -2.0, 2.0               # +max and -max tie
    return {
        "all zero": np.concatenate([zeros, zeros]),
        "negative zero": -np.concatenate([zeros, zeros]),
        "one huge value": np.concatenate([one_huge, ramp]),
        "ties": np.concatenate([ties, ties * np.float32(0.375)]),
        "subnormals": np.concatenate([subnormal, subnormal * 3]),
        "constant": np.full(2 * block, -0.7, np.float32),
        "both signs of the maximum": np.concatenate([both_signs_max, -both_signs_max]),
    }
