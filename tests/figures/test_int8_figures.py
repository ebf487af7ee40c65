"""The int8 page's input digit: drawn as an image is read, pixel (0, 0) of the data at the top left,
on the page (plotly) and in the PNG and SVG exports (matplotlib)."""
import numpy as np

from quantviz.figures.int8 import digit_figure
from quantviz.figures.static import to_matplotlib

LABELS = {"title": "The input (8x8)", "colorbar": "ink", "hover": "%{z}"}


def corner_image() -> np.ndarray:
    """Full ink at data pixel (0, 0) only: row 0, column 0."""
    image = np.zeros((8, 8), np.uint8)
    image[0, 0] = 16
    return image


def plotly_cell(trace, layout, row: int, col: int) -> tuple[float, float]:
    """Where plotly draws z[row][col], as (left-to-right, top-to-bottom) positions in [0, 1]."""
    x = (list(trace.x)[col] if trace.x is not None else col) / 7
    y = (list(trace.y)[row] if trace.y is not None else row) / 7
    reversed_y = layout.yaxis.autorange == "reversed"
    reversed_x = layout.xaxis.autorange == "reversed"
    return (1 - x if reversed_x else x), (y if reversed_y else 1 - y)


def test_pixel_0_0_of_the_data_is_the_top_left_of_the_picture():
    fig = digit_figure(corner_image(), LABELS)
    trace = fig.data[0]
    z = np.asarray(trace.z)
    row, col = np.argwhere(z == 16)[0]
    assert plotly_cell(trace, fig.layout, int(row), int(col)) == (0.0, 0.0)
    # and the last data row is at the bottom
    assert plotly_cell(trace, fig.layout, 7, 0)[1] == 1.0


def test_ink_is_dark_on_a_light_ground():
    fig = digit_figure(corner_image(), LABELS)
    scale = fig.data[0].colorscale
    assert scale[0][1].lower() in ("#ffffff", "rgb(255,255,255)") and scale[-1][1].lower() in ("#000000", "rgb(0,0,0)")


def test_the_static_export_draws_pixel_0_0_top_left():
    mpl_fig = to_matplotlib(digit_figure(corner_image(), LABELS))
    mpl_fig.canvas.draw()
    ax = next(a for a in mpl_fig.axes if a.images)
    pixels = np.asarray(mpl_fig.canvas.buffer_rgba())[..., :3].astype(int)
    box = ax.get_window_extent()          # display coordinates, y up from the bottom of the canvas
    height = pixels.shape[0]
    top, bottom = int(height - box.y1) + 2, int(height - box.y0) - 2
    left, right = int(box.x0) + 2, int(box.x1) - 2
    inside = pixels[top:bottom, left:right].sum(axis=2)
    dark = np.argwhere(inside < 100)
    assert dark.size, "no ink drawn"
    rows, cols = dark[:, 0] / inside.shape[0], dark[:, 1] / inside.shape[1]
    assert rows.max() < 0.2 and cols.max() < 0.2     # only the top-left cell is inked
    assert inside[-5:, -5:].min() > 600              # the bottom-right stays white
