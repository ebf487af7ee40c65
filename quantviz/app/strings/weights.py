STRINGS = {
    "nav.weights": ("Real weights", "真实权重"),
    "weights.title": ("Real networks: where trained weights live", "真实网络：训练后的权重落在哪里"),
    "weights.intro": (
        "The article's claim: trained weights sit in a **narrow range**, so 256 integer codes are "
        "enough to stand for them. Check it on real networks trained on handwritten digits, or on "
        "your own model's file.",
        "原文的说法：训练后的权重落在一个**很窄的范围**内，所以 256 个整数编码就足以表示它们。"
        "在用手写数字训练的真实网络上验证一下，也可以上传你自己的模型文件。"),
    # --- choosing what to look at
    "weights.src": ("Weights of", "权重来源"),
    "weights.src.model": ("a bundled model", "内置模型"),
    "weights.src.upload": ("your own file", "你自己的文件"),
    "weights.model": ("Model", "模型"),
    "weights.model.help": ("Trained in numpy on the 8x8 digits; the accuracy is on 359 test images.",
                           "用 numpy 在 8x8 手写数字上训练；准确率在 359 张测试图像上测得。"),
    "weights.tensor": ("Layer tensor", "层张量"),
    "weights.bins": ("Histogram bins", "直方图柱数"),
    "weights.log": ("Log counts", "对数计数"),
    "weights.log.help": ("A log axis shows the rare values far out in the tails.",
                         "对数坐标能显示尾部那些少见的远离中心的值。"),
    # --- upload
    "weights.upload": ("Your weight file (.npy, .npz, .safetensors, .onnx, .tflite; at most 50 MiB)",
                       "你的权重文件（.npy、.npz、.safetensors、.onnx、.tflite；不超过 50 MiB）"),
    "weights.upload.help": ("Read in memory and never unpickled: only arrays of numbers are used.",
                            "只在内存中读取，绝不反序列化 pickle：只使用数值数组。"),
    "weights.upload.none": ("Upload a file to see its weights. Limits: 50 MiB, 20 million values and 10,000 tensors in all; "
                            "tensors of 1 to 4 dimensions.",
                            "上传文件即可查看其权重。限制：50 MiB，总共 2000 万个数值、1 万个张量；张量为 1 到 4 维。"),
    "weights.upload.loaded": ("{filename}: {shown:,} tensors shown, {values:,} values.",
                              "{filename}：显示 {shown:,} 个张量，共 {values:,} 个数值。"),
    "weights.upload.skipped": ("Skipped {n:,} tensors:", "跳过了 {n:,} 个张量："),
    "weights.upload.more": ("… and {n:,} more.", "……另有 {n:,} 个。"),
    "weights.upload.nonfinite": ("{name}: {nan:,} NaN and {inf:,} inf values are left out of the "
                                 "histogram and statistics.",
                                 "{name}：{nan:,} 个 NaN 和 {inf:,} 个 inf 值未计入直方图和统计。"),
    "weights.upload.allnan": ("This tensor has no finite value to show.", "该张量没有可显示的有限值。"),
    "weights.quant.title": ("Quantized tensors in this file: stored integers, shown as real values "
                            "x = scale * (q - zero_point)",
                            "文件中的量化张量：存储的是整数，这里显示实数值 x = scale * (q - zero_point)"),
    "weights.quant.col.tensor": ("Tensor", "张量"),
    "weights.quant.col.dtype": ("Stored as", "存储类型"),
    "weights.quant.col.axis": ("Per-channel axis", "逐通道轴"),
    "weights.quant.col.scale": ("Scale", "scale"),
    "weights.quant.col.zp": ("Zero point", "zero point"),
    "weights.quant.per_tensor": ("per tensor", "逐张量"),
    "weights.quant.channels": ("{n} channels: {first} ... {last}", "{n} 个通道：{first} ... {last}"),
    "weights.axis": ("Output-channel axis", "输出通道所在的轴"),
    "weights.axis.help": ("0 for PyTorch, ONNX Conv and TFLite weights; 1 for ONNX MatMul weights (in, out).",
                          "PyTorch、ONNX Conv 和 TFLite 的权重为 0；ONNX MatMul 的权重 (in, out) 为 1。"),
    # --- histogram and statistics
    "weights.hist.sub": ("Histogram and statistics", "直方图与统计"),
    "weights.summary": ("{name} {shape}: {count:,} values from {lo:.4g} to {hi:.4g}; {within:.2f} % lie "
                        "within mean ± 3 std. An 8-bit grid over this range has steps of {step:.3g}.",
                        "{name} {shape}：{count:,} 个数值，从 {lo:.4g} 到 {hi:.4g}；{within:.2f} % 落在"
                        "均值 ± 3 倍标准差之内。在此范围上的 8 位网格步长为 {step:.3g}。"),
    "weights.stat.col.stat": ("Statistic", "统计量"),
    "weights.stat.col.value": ("Value", "值"),
    "weights.stat.count": ("values", "数值个数"),
    "weights.stat.min": ("min", "最小值"),
    "weights.stat.max": ("max", "最大值"),
    "weights.stat.mean": ("mean", "均值"),
    "weights.stat.std": ("standard deviation", "标准差"),
    "weights.stat.pct": ("percentile {p:g}", "{p:g} 百分位数"),
    "weights.stat.kurtosis": ("excess kurtosis (0 for a Gaussian)", "超额峰度（高斯分布为 0）"),
    "weights.stat.within": ("share within mean ± 3 std", "落在均值 ± 3 倍标准差内的比例"),
    "weights.stat.excluded": ("NaN / inf left out", "未计入的 NaN / inf"),
    "weights.stats.formula": ("How the mean, spread and tails are measured:", "均值、离散程度和尾部的计算方式："),
    "weights.quantize": ("Quantize this layer", "量化这一层"),
    "weights.quantize.help": ("Opens the mapping page on this layer's weights.", "在映射页面中打开这一层的权重。"),
    # --- per-channel ranges
    "weights.channels.sub": ("Per-output-channel ranges", "逐输出通道的范围"),
    "weights.channels.text": (
        "Each bar is one output channel's range [min, max]; the dashed lines are the range of the whole "
        "tensor. **Per-tensor** quantization spreads 255 steps over the dashed range, so a narrow channel "
        "gets only a few of them; **per-channel** quantization gives every channel its own scale.",
        "每根柱子是一个输出通道的范围 [min, max]；虚线是整个张量的范围。**逐张量**量化把 255 个台阶铺在虚线范围上，"
        "窄的通道只能分到其中几个；**逐通道**量化给每个通道各自的 scale。"),
    "weights.channels.sort": ("Sort channels by range width", "按范围宽度排序通道"),
    "weights.channels.usage": (
        "The narrowest channel (#{channel}) spans {usage:.1f} % of the tensor's range: with one int8 scale "
        "for the whole tensor it uses about {levels:.0f} of the 255 steps; with its own scale, all 255.",
        "最窄的通道（#{channel}）只占张量范围的 {usage:.1f} %：整个张量共用一个 int8 scale 时，它大约只用到 255 个"
        "台阶中的 {levels:.0f} 个；用它自己的 scale 则能用满 255 个。"),
    "weights.channels.runs": (
        "{count:,} channels are too many for one bar each: each bar is a run of {size:,} neighbouring channels "
        "(when sorted: of similar widths), light from the run's lowest min to its highest max, dark from the "
        "median of its mins to the median of its maxes.",
        "{count:,} 个通道太多，无法每个通道画一根柱子：每根柱子代表相邻的 {size:,} 个通道（排序时为宽度相近的通道），"
        "浅色从这组的最小 min 到最大 max，深色从其 min 的中位数到 max 的中位数。"),
    "weights.channels.ratio": ("The widest channel is {ratio:.1f}x the narrowest.",
                               "最宽的通道是最窄通道的 {ratio:.1f} 倍。"),
    "weights.channels.one_d": ("{name} has one dimension (one value per channel): pick a weight tensor to "
                               "compare channel ranges.",
                               "{name} 只有一维（每个通道一个值）：请选择一个权重张量来比较各通道的范围。"),
    # --- overview
    "weights.overview.sub": ("All layers side by side", "所有层并排对比"),
    "weights.overview.text": ("Each layer on its own axis: the ranges differ from layer to layer, which is "
                              "why every tensor gets its own scale and zero point.",
                              "每层使用各自的坐标轴：不同层的范围各不相同，所以每个张量都有自己的 scale 和 zero point。"),
    "weights.overview.more": ("Showing the first {shown} of {total} tensors.", "显示 {total} 个张量中的前 {shown} 个。"),
    # --- activations
    "weights.acts.sub": ("Activations on the calibration images", "校准图像上的激活值"),
    "weights.acts.text": ("The output of each layer for the {n} calibration images (never used in training). "
                          "Quantizing activations needs their range too, and it is only known from data like this.",
                          "每一层在 {n} 张校准图像（从未用于训练）上的输出。激活值的量化同样需要知道其范围，"
                          "而这只能从这样的数据中得到。"),
    "weights.acts.layer": ("Output of layer", "层的输出"),
    "weights.acts.summary": ("{name} output {shape} per image: {count:,} values from {lo:.4g} to {hi:.4g}; "
                             "{zeros:.1f} % are exactly 0.",
                             "{name} 每张图像的输出 {shape}：共 {count:,} 个数值，从 {lo:.4g} 到 {hi:.4g}；"
                             "{zeros:.1f} % 恰好为 0。"),
    "weights.acts.upload": ("Activations need the whole model and its input images, so they are shown for the "
                            "bundled models.",
                            "激活值需要完整的模型和输入图像，所以只对内置模型显示。"),
    # --- figures
    "fig.weights.hist.title": ("Values of {name}", "{name} 的数值分布"),
    "fig.weights.hist.x": ("weight value (real number, no unit)", "权重值（实数，无单位）"),
    "fig.weights.hist.y": ("count (values per bin)", "计数（每个柱中的数值个数）"),
    "fig.weights.hist.hover": ("[%{customdata[0]:.4g}, %{customdata[1]:.4g}): %{y:,} values",
                               "[%{customdata[0]:.4g}, %{customdata[1]:.4g})：%{y:,} 个数值"),
    "fig.weights.hist.band": ("mean ± 3 std", "均值 ± 3 倍标准差"),
    "fig.weights.act.title": ("Outputs of {name} on {n} calibration images", "{name} 在 {n} 张校准图像上的输出"),
    "fig.weights.act.x": ("activation value (real number, no unit)", "激活值（实数，无单位）"),
    "fig.weights.overview.title": ("Every layer's values, each on its own axis", "每一层的数值分布（各自的坐标轴）"),
    "fig.weights.overview.x": ("value (no unit)", "数值（无单位）"),
    "fig.weights.overview.y": ("count (values)", "计数（个）"),
    "fig.weights.overview.subplot": ("{name}<br>[{lo:.3g}, {hi:.3g}]", "{name}<br>[{lo:.3g}, {hi:.3g}]"),
    "fig.weights.channels.title": ("Range of each output channel of {name}", "{name} 每个输出通道的范围"),
    "fig.weights.channels.x": ("output channel (index, or rank when sorted)", "输出通道（序号；排序时为名次）"),
    "fig.weights.channels.y": ("weight value (real number, no unit)", "权重值（实数，无单位）"),
    "fig.weights.channels.hover": ("channel #%{customdata[3]}<br>[%{customdata[0]:.4g}, %{customdata[1]:.4g}]"
                                   "<br>%{customdata[2]:.1f} % of the tensor's range",
                                   "通道 #%{customdata[3]}<br>[%{customdata[0]:.4g}, %{customdata[1]:.4g}]"
                                   "<br>占张量范围的 %{customdata[2]:.1f} %"),
    "fig.weights.channels.tensor": ("per-tensor range (min, max)", "逐张量范围（最小值、最大值）"),
    "fig.weights.channels.channel": ("per-channel range", "逐通道范围"),
    "fig.weights.channels.envelope": ("lowest min to highest max of a run of channels", "一组通道的最小 min 到最大 max"),
    "fig.weights.channels.median": ("median min to median max of the run", "这组通道 min 的中位数到 max 的中位数"),
    "fig.weights.channels.runs_hover": ("channels #%{customdata[0]} to #%{customdata[1]}<br>all within "
                                        "[%{customdata[2]:.4g}, %{customdata[3]:.4g}]<br>median channel "
                                        "[%{customdata[4]:.4g}, %{customdata[5]:.4g}]",
                                        "通道 #%{customdata[0]} 到 #%{customdata[1]}<br>全部位于 "
                                        "[%{customdata[2]:.4g}, %{customdata[3]:.4g}]<br>中位通道 "
                                        "[%{customdata[4]:.4g}, %{customdata[5]:.4g}]"),
}
