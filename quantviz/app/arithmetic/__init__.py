"""The arithmetic page (``views/arithmetic.py``): operands on uint8 grids with their traces and
formulas (``operands``) and the integer matmul (``matmul``)."""
