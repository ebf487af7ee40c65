"""Calibration observers against the frameworks' own, batch by batch: min-max and moving-average
min-max, per tensor and per channel (PyTorch's observers and ONNX Runtime's MinMaxCalibrater),
and the scale and zero point PyTorch's observers derive from them."""
import numpy as np
import onnx
import pytest
import torch
from conformance_check import SCALE, agree, rng_for
from onnx import TensorProto, helper
from onnxruntime.quantization.calibrate import MinMaxCalibrater, PercentileCalibrater
from torch.ao.quantization import observer as torch_observers

from quantviz import calibrate, choose_qparams
from quantviz.observers import minmax, moving_average_minmax

pytestmark = pytest.mark.filterwarnings("ignore:.*reduce_range will be deprecated:UserWarning")


def batches(rng, n_batches: int, shape: tuple[int, ...]) -> list[np.ndarray]:
    """Batches whose statistics drift (so that a moving average differs from min-max), with outliers."""
    centre, spread = rng.normal(0, 3), 10.0 ** rng.uniform(-3, 3)
    out = []
    for _ in range(n_batches):
        x = rng.normal(centre, spread, shape) * rng.uniform(0.5, 1.5, (shape[0],) + (1,) * (len(shape) - 1))
        x.flat[rng.integers(0, x.size, 3)] *= 20
        out.append(x.astype(np.float32))
        centre += rng.normal(0, spread / 4)
    return out


def range_snippet(name, axis):
    return lambda i: (f"# {name}: the range (per channel along axis {axis}) differs at flat index {i}; "
                      "rebuild the batches with this test's rng_for key")


TORCH_OBSERVERS = {
    ("minmax", None): (torch_observers.MinMaxObserver, {}),
    ("minmax", 1): (torch_observers.PerChannelMinMaxObserver, {"ch_axis": 1}),
    ("moving", None): (torch_observers.MovingAverageMinMaxObserver, {}),
    ("moving", 1): (torch_observers.MovingAveragePerChannelMinMaxObserver, {"ch_axis": 1}),
}


@pytest.mark.parametrize("kind, axis", list(TORCH_OBSERVERS), ids=str)
@pytest.mark.parametrize("symmetric", [False, True])
def test_pytorch_observers(kind, axis, symmetric):
    rng = rng_for("torch observers", kind, axis, symmetric)
    cls, kwargs = TORCH_OBSERVERS[kind, axis]
    per_channel = axis is not None
    qscheme = {(False, False): torch.per_tensor_affine, (False, True): torch.per_tensor_symmetric,
               (True, False): torch.per_channel_affine, (True, True): torch.per_channel_symmetric}
    for _ in range(30 * SCALE):
        data = batches(rng, int(rng.integers(1, 30)), (int(rng.integers(1, 64)), int(rng.integers(1, 9)), 5))
        signed = bool(rng.random() < 0.5)
        obs = cls(dtype=torch.qint8 if signed else torch.quint8, qscheme=qscheme[per_channel, symmetric], **kwargs)
        for x in data:
            obs(torch.from_numpy(x))
        rmin, rmax = (moving_average_minmax if kind == "moving" else minmax)(data, axis=axis)
        agree("PyTorch", np.stack([rmin, rmax]), np.stack([obs.min_val.numpy(), obs.max_val.numpy()]),
              range_snippet(cls.__name__, axis))
        scale, zp = obs.calculate_qparams()
        qp = choose_qparams(rmin if per_channel else float(rmin), rmax if per_channel else float(rmax),
                            signed=signed, symmetric=symmetric, scheme="pytorch", axis=0 if per_channel else None)
        agree("PyTorch", np.atleast_1d(np.asarray(qp.scale, np.float32)), scale.numpy().astype(np.float32),
              range_snippet(f"{cls.__name__}.calculate_qparams scale", axis))
        agree("PyTorch", np.atleast_1d(qp.zero_point), zp.numpy().astype(np.int64),
              range_snippet(f"{cls.__name__}.calculate_qparams zero point", axis))


def identity_model(path, shape):
    """x -> Identity -> y: the calibrater watches both tensors."""
    graph = helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "observe",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, list(shape))],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, list(shape))])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])
    model.ir_version = 10
    onnx.save(model, path)


class Batches:
    """A CalibrationDataReader over some batches."""

    def __init__(self, xs):
        self.items = [{"x": x} for x in reversed(xs)]

    def get_next(self):
        return self.items.pop() if self.items else None


@pytest.mark.parametrize("moving_average", [False, True])
@pytest.mark.parametrize("per_channel", [False, True])
def test_onnxruntime_minmax_calibrater(tmp_path, moving_average, per_channel):
    rng = rng_for("ort calibrater", moving_average, per_channel)
    for _ in range(6 * SCALE):
        shape = (int(rng.integers(1, 16)), int(rng.integers(1, 9)), 5)
        identity_model(tmp_path / "model.onnx", shape)
        calibrater = MinMaxCalibrater(tmp_path / "model.onnx", augmented_model_path=str(tmp_path / "aug.onnx"),
                                      moving_average=moving_average, per_channel=per_channel)
        calibrater.augment_graph()
        calibrater.create_inference_session()
        data = batches(rng, int(rng.integers(1, 25)), shape)
        if moving_average:     # the moving average runs over collect_data calls: one batch each
            for x in data:
                calibrater.collect_data(Batches([x]))
        else:                  # min-max over the batches of one call (across calls it fails per channel)
            calibrater.collect_data(Batches(data))
        theirs = calibrater.compute_data()["x"].range_value
        axis = 1 if per_channel else None
        rmin, rmax = (moving_average_minmax if moving_average else minmax)(data, axis=axis)
        agree("ONNX Runtime", np.stack([np.ravel(rmin), np.ravel(rmax)]),
              np.stack([np.ravel(theirs[0]), np.ravel(theirs[1])]).astype(np.float32),
              range_snippet(f"MinMaxCalibrater(moving_average={moving_average})", axis))


@pytest.mark.parametrize("symmetric", [False, True])
def test_onnxruntime_percentile_calibrater(tmp_path, symmetric):
    """``calibrate(method="percentile", scheme="onnxruntime")``: ONNX Runtime's PercentileCalibrater."""
    rng = rng_for("ort percentile", symmetric)
    for case in range(8 * SCALE):
        shape = (int(rng.integers(1, 40)), int(rng.integers(1, 9)), 25)
        identity_model(tmp_path / "model.onnx", shape)
        p = float(rng.choice([99.999, 99.99, 99.9, 99.0, 95.0, 80.0]))
        calibrater = PercentileCalibrater(tmp_path / "model.onnx", augmented_model_path=str(tmp_path / "aug.onnx"),
                                          symmetric=symmetric, percentile=p)
        calibrater.augment_graph()
        calibrater.create_inference_session()
        x = batches(rng, 1, shape)[0]
        if case % 2:
            x = np.abs(x) + rng.uniform(0, 3)                     # one-sided
        calibrater.collect_data(Batches([x]))
        theirs = calibrater.compute_data()["x"].range_value
        ours = calibrate(x, method="percentile", p=p, symmetric=symmetric, scheme="onnxruntime")
        agree("ONNX Runtime", np.array(ours, np.float32), np.array([theirs[0], theirs[1]], np.float32).ravel(),
              lambda i: (f"# PercentileCalibrater(symmetric={symmetric}, percentile={p}) on batch {case}: "
                         f"range end {i} differs"))


def test_non_finite_values_are_left_out():
    """Documented exception: quantviz's observers leave NaN and ±inf out (as ``calibrate`` does);
    PyTorch's observers propagate them into the range."""
    x = np.array([[1.0, np.nan, -2.0, np.inf]], np.float32)
    obs = torch_observers.MinMaxObserver()
    obs(torch.from_numpy(x))
    assert minmax([x]) == (-2.0, 1.0)
    assert not (np.isfinite(obs.min_val.item()) and np.isfinite(obs.max_val.item()))
