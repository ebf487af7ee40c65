"""Read one file in a child process with a memory cap and a CPU-time cap, and measure it.

    with Bounded() as bounded:
        result = bounded.run(path, "w.npz")          # {"outcome": "loaded" or a WeightFileError code, ...}

A helper process imports numpy, onnx, tflite, safetensors and the readers once, reads a small
file of each format (so that lazy imports are done), then forks one child per file. The child
caps its address space at what the interpreter has mapped plus ``MEMORY_CAP`` (``RLIMIT_AS``)
and its CPU time at ``CPU_SECONDS`` more than it has used (``RLIMIT_CPU``: the kernel stops it
past that), resets its peak resident memory, reads the file and reports: the outcome, the
message, CPU and wall seconds, and the peak resident memory above what it held before reading.
A child stopped by a signal reports ``"killed"``.

Modes: ``"read"`` (``read_weight_file``) and ``"inspect"`` (the int8 page's .tflite inspector:
``quantviz.tflite.inspect.inspect`` and ``operators``).
"""
from __future__ import annotations

import contextlib
import json
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
MEMORY_CAP = 2**30
CPU_SECONDS = 4


def status_kib(field: str) -> int:
    return int(re.search(field + r":\s+(\d+)", pathlib.Path("/proc/self/status").read_text()).group(1))


def measure(path: str, filename: str, mode: str) -> dict:
    """In the child: cap, read, report."""
    import resource
    import time

    from quantviz.weightfiles import WeightFileError, read_weight_file
    data = pathlib.Path(path).read_bytes()
    resource.setrlimit(resource.RLIMIT_AS, (status_kib("VmSize") * 1024 + MEMORY_CAP, resource.RLIM_INFINITY))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    resource.setrlimit(resource.RLIMIT_CPU, (int(usage.ru_utime + usage.ru_stime) + CPU_SECONDS + 1,
                                             resource.RLIM_INFINITY))
    pathlib.Path("/proc/self/clear_refs").write_text("5")     # the peak starts again from here
    before = status_kib("VmRSS")
    cpu, wall = time.process_time(), time.perf_counter()
    result = {"outcome": "loaded", "message": ""}
    try:
        if mode == "inspect":
            from quantviz.tflite.inspect import inspect, operators
            rows, ops = inspect(data, filename), operators(data, filename)
            result.update(tensors=len(rows), operators=len(ops))
        else:
            wf = read_weight_file(data, filename)
            result.update(tensors=len(wf.tensors), skipped=len(wf.skipped), values=wf.values,
                          names=list(wf.tensors)[:3])
    except WeightFileError as e:
        result.update(outcome=e.code, message=str(e)[:300])
    except BaseException as e:   # noqa: BLE001 - reported, so that the test shows what escaped
        result.update(outcome=type(e).__name__, message=str(e)[:300])
    result.update(cpu_seconds=time.process_time() - cpu, wall_seconds=time.perf_counter() - wall,
                  extra_mib=(status_kib("VmHWM") - before) / 1024)
    return result


def serve() -> None:
    """The helper process: warm up, then one forked child per request line on stdin."""
    import numpy as np

    from quantviz.tflite import inspect as _inspect  # noqa: F401 - imported before forking
    from quantviz.weightfiles import WeightFileError, read_weight_file
    from tests.weightfiles import npy_bytes, npz_bytes, onnx_bytes, safetensors_bytes, tflite_bytes
    x = np.ones((2, 2), np.float32)
    for name, data in (("w.npy", npy_bytes(x)), ("w.npz", npz_bytes(w=x)), ("w.safetensors", safetensors_bytes(w=x)),
                       ("w.onnx", onnx_bytes(w=x)), ("w.tflite", tflite_bytes([{"name": "w", "array": x}]))):
        with contextlib.suppress(WeightFileError):
            read_weight_file(data, name)
    for line in sys.stdin:
        request = json.loads(line)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            result = measure(request["path"], request["filename"], request.get("mode", "read"))
            os.write(write_end, json.dumps(result).encode())
            os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            reply = pipe.read()
        _, status = os.waitpid(pid, 0)
        if not reply:
            signal = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
            reply = json.dumps({"outcome": "killed", "signal": signal,
                                "message": f"stopped by signal {signal}"}).encode()
        print(reply.decode(), flush=True)


class Bounded:
    """The helper process, started once; ``run`` sends one file and waits for its result."""

    def __enter__(self) -> Bounded:
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}  # run from the root: tests.*
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.bounded"], cwd=ROOT, env=env, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        return self

    def run(self, path, filename: str, mode: str = "read") -> dict:
        self.proc.stdin.write(json.dumps({"path": str(path), "filename": filename, "mode": mode}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the measuring process ended")
        return json.loads(line)

    def __exit__(self, *exc) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


if __name__ == "__main__":
    serve()
