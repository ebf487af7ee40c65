"""A drawing becomes an 8x8 digit of pixel counts 0..16, like the bundled data set."""
import numpy as np
import pytest

from quantviz.nn import predict, zoo
from quantviz.nn.drawing import canvas_to_digit, ink


def canvas(mask: np.ndarray, transparent: bool = False) -> np.ndarray:
    """Black strokes where ``mask`` is True, on white (or on a transparent background)."""
    rgba = np.full(mask.shape + (4,), 255, np.uint8)
    rgba[mask, :3] = 0
    if transparent:
        rgba[..., 3] = np.where(mask, 255, 0)
        rgba[~mask, :3] = 0
    return rgba


def ring(size=224, radius=70, width=18, squash=0.65):
    y, x = np.mgrid[:size, :size] - size / 2
    r = np.sqrt((x / squash) ** 2 + y**2)
    return np.abs(r - radius) < width / 2 / squash


def bar(size=224):
    mask = np.zeros((size, size), bool)
    mask[30:190, 100:118] = True
    return mask


def test_an_empty_canvas_is_all_zeros():
    assert canvas_to_digit(canvas(np.zeros((100, 100), bool))).tolist() == [[0] * 8] * 8


def test_a_filled_square_is_centred_and_saturates_at_16():
    mask = np.zeros((224, 224), bool)
    mask[10:60, 150:200] = True           # off-centre: cropping centres it
    digit = canvas_to_digit(canvas(mask))
    assert digit.dtype == np.uint8 and digit.shape == (8, 8)
    assert digit[1:7, 1:7].min() == 16 and digit[0].max() == 0 and digit[:, 0].max() == 0


def test_a_vertical_stroke_stays_in_the_middle_columns():
    digit = canvas_to_digit(canvas(bar()))
    columns = digit.sum(axis=0)
    assert columns[3] + columns[4] == columns.sum() > 0


def test_transparent_background_with_opaque_strokes():
    assert np.array_equal(canvas_to_digit(canvas(ring(), transparent=True)), canvas_to_digit(canvas(ring())))


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_drawn_shapes_are_read_as_digits(name):
    model = zoo.load_model(name)
    images = np.stack([canvas_to_digit(canvas(ring())), canvas_to_digit(canvas(bar()))])
    assert predict(model, zoo.to_input(images)).tolist() == [0, 1]


def test_ink_refuses_a_grey_image():
    with pytest.raises(ValueError, match="RGBA"):
        ink(np.zeros((8, 8)))
