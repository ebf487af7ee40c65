"""The "Beyond int8" whole-network part and the "Why it works" page, timed (median of --repeat runs).

    python -m bench.why [--repeat 5]

Prints: each page's first render (empty cache, fresh AppTest) and a rerun after an interaction;
the whole network under all 11 variants, per model, against one float forward pass; one
simulated post-training quantization (calibrate + test) against a float evaluation; the full
width sweep (what the page's "Recompute now" button runs) and loading the stored results.
"""
import argparse

from bench.timing import median_seconds, page_render
from quantviz.nn import forward, lowbitnet, widthsweep, zoo
from quantviz.nn.simulate import calibrate_model, correct


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    pages = (("beyond-int8", "views/lowbit.py", "another model (cnn)",
              lambda at: at.selectbox(key="model").set_value("cnn").run()),
             ("why", "views/why.py", "weights only, then Recompute now",
              lambda at: (at.button_group(key="quantized").set_value("weights").run()
                          .button(key="recompute").click().run())))
    for name, path, what, interact in pages:
        first, rerun = page_render(path, interact)
        print(f"{name + ' page, first render (AppTest)':<48}{first * 1e3:>10.1f} ms   (target < 2000)")
        print(f"{name + ' page, ' + what:<48}{rerun * 1e3:>10.1f} ms")

    split = zoo.load_digits_split()
    x_calib, x_test, labels = zoo.to_input(split.calib.images), zoo.to_input(split.test.images), split.test.labels
    print(f"\n{'359 test images':<48}{'median ms':>10}{'x float':>10}")
    for name in ("mlp", "cnn", "mlp_w256"):
        model = zoo.load_model(name)
        t_float = median_seconds(lambda: forward(model, x_test), args.repeat)
        t_rows = median_seconds(lambda: lowbitnet.network_rows(model, x_test, labels), args.repeat)
        print(f"{name + ': float forward':<48}{t_float * 1e3:>10.2f}{1.0:>10.1f}")
        print(f"{name + ': all 11 variants (network_rows)':<48}{t_rows * 1e3:>10.2f}{t_rows / t_float:>10.1f}")
    model = zoo.load_model("mlp_w64")
    t_float = median_seconds(lambda: correct(model, x_test, labels), args.repeat)
    t_sim = median_seconds(lambda: correct(calibrate_model(model, x_calib, 4), x_test, labels), args.repeat)
    print(f"{'mlp_w64: float evaluation':<48}{t_float * 1e3:>10.2f}{1.0:>10.1f}")
    print(f"{'mlp_w64: 4-bit calibrate + evaluate (simulate)':<48}{t_sim * 1e3:>10.2f}{t_sim / t_float:>10.1f}")

    t_sweep = median_seconds(widthsweep.sweep, max(1, args.repeat // 2))
    t_load = median_seconds(widthsweep.load, args.repeat)
    n = widthsweep.evaluations()
    print(f"\n{'width sweep, ' + str(n) + ' evaluations (Recompute now)':<48}{t_sweep * 1e3:>10.1f} ms"
          f"   ({t_sweep / n * 1e3:.1f} ms each)")
    print(f"{'stored results (assets/width_sweep.json) loaded':<48}{t_load * 1e3:>10.2f} ms"
          f"   ({t_sweep / t_load:.0f}x faster than recomputing)")


if __name__ == "__main__":
    main()
