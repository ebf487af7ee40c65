"""The mapping page's figures: the staircase (``staircase``, also drawn by the home page and the
lesson), the histogram on the grid of codes (``histogram``), both on one x axis (``main``), the
error (``error``), many floats per code (``levels``) and the range trade-off (``tradeoff``)."""
