STRINGS = {
    "nav.llm": ("LLM weight formats", "大语言模型的权重格式"),
    "llm.title": ("Below int8: how large language models are quantized today",
                  "int8 之下：如今的大语言模型如何量化"),
    "llm.intro": (
        "A 7-billion-parameter model takes 14 GB in 16-bit floats and about 4 GB at 4 bits per weight. Every "
        "4-bit format cuts each row of weights into **blocks** that share a scale: `Q4_K` (llama.cpp), **NF4** "
        "(QLoRA), **MXFP4** and **NVFP4** (microscaling) differ in the block size, in how the scale is stored "
        "and in where the 16 codes lie. Their scales cost bits too. Choose a layer, compare every format's "
        "error against its bits per weight, click a point to take one apart, then see why activations with "
        "outlier channels need SmoothQuant or a rotation, and what GPTQ gains over rounding to nearest.",
        "一个 70 亿参数的模型用 16 位浮点数要占 14 GB，每个权重 4 位时约 4 GB。所有 4 位格式都把每行权重切成共用一个"
        "缩放系数的**块**：`Q4_K`（llama.cpp）、**NF4**（QLoRA）、**MXFP4** 和 **NVFP4**（微缩放）的区别在于块的大小、"
        "缩放系数的存储方式以及 16 个编码的位置。缩放系数也要占位数。选择一层，比较每种格式的误差与其每个权重的位数，"
        "点击一个点把它拆开来看；再看看为什么带有离群通道的激活值需要 SmoothQuant 或旋转，以及 GPTQ 比最近舍入好在哪里。"),
    # --- data
    "llm.src.label": ("Weights", "权重"),
    "llm.src.synthetic": ("synthetic layer", "合成层"),
    "llm.src.layer": ("bundled network", "随附网络"),
    "llm.src.upload": ("your file", "你的文件"),
    "llm.synthetic.short": ("the synthetic layer {rows:,} × {cols:,}", "合成层 {rows:,} × {cols:,}"),
    "llm.layer.label": ("Layer", "层"),
    "llm.layer.option": ("{model} {tensor} {shape}", "{model} {tensor} {shape}"),
    "llm.rows.label": ("Output channels (rows)", "输出通道（行数）"),
    "llm.cols.label": ("Input channels (weights per row)", "输入通道（每行的权重个数）"),
    "llm.tail.label": ("Tail: Student-t degrees of freedom ν", "尾部：Student-t 分布的自由度 ν"),
    "llm.tail.help": ("Smaller ν: heavier tails, a few weights far larger than the rest (as trained LLM layers "
                      "have); ν = 100 is almost normal.",
                      "ν 越小尾部越重，少数权重远大于其余权重（训练好的 LLM 层就是这样）；ν = 100 时几乎是正态分布。"),
    "llm.seed.label": ("Random seed", "随机种子"),
    "llm.synthetic.params": (
        "The synthetic layer: W = t / √{cols} with t ~ Student-t(ν = {tail:g}), {rows:,} × {cols:,} weights "
        "(seed {seed}).",
        "合成层：W = t / √{cols}，t ~ Student-t(ν = {tail:g})，共 {rows:,} × {cols:,} 个权重（种子 {seed}）。"),
    "llm.layer.note": (
        "The bundled networks' rows hold 9 to 1,152 weights, fewer than many formats' blocks: a layer whose "
        "rows are not whole blocks is read as one sequence of its values, its last block padded with zeros "
        "(which the bits per weight count).",
        "随附网络每行只有 9 到 1,152 个权重，比很多格式的块还少：行不是整块的层按其数值的一个序列读取，最后一块用 0 "
        "补齐（每个权重的位数把补齐的部分也计算在内）。"),
    "llm.upload.label": ("A weight file (one LLM layer or more)", "权重文件（一个或多个 LLM 层）"),
    "llm.upload.help": ("Read within the same limits as every upload (50 MiB, 20 million values); bf16 and fp16 "
                        "are read, and a .gguf file's llama.cpp blocks are decoded here, bit for bit as the gguf "
                        "package decodes them.",
                        "与其他上传文件同样的限制（50 MiB，2000 万个数值）；可读取 bf16 和 fp16，.gguf 文件中的 "
                        "llama.cpp 块在这里解码，与 gguf 软件包逐位一致。"),
    "llm.upload.none": ("Choose a file above; until then the synthetic layer is shown.",
                        "请在上方选择文件；在此之前显示合成层。"),
    "llm.upload.tensor": ("Tensor", "张量"),
    "llm.upload.option": ("{name} {shape} (stored as {dtype})", "{name} {shape}（存储为 {dtype}）"),
    "llm.upload.loaded": ("{filename}: {shown:,} tensors read.", "{filename}：读取了 {shown:,} 个张量。"),
    "llm.upload.skipped": ("{n:,} tensors were left out:", "有 {n:,} 个张量未读取："),
    "llm.upload.refused": ("This file cannot be read: {reason}", "无法读取该文件：{reason}"),
    "llm.upload.no_link": ("An uploaded file does not travel in a link: the Share link opens the page with the "
                           "synthetic layer.",
                           "上传的文件不会包含在链接中：分享链接打开的页面显示合成层。"),
    # --- main figure
    "llm.fmt.label": ("Format", "格式"),
    "llm.fmt.help": ("Click a point in the chart to choose its format.", "点击图中的点即可选择该格式。"),
    "llm.compare.running": ("Every format on this layer: {done} of {total} ({name})",
                            "这一层上的所有格式：{done} / {total}（{name}）"),
    "fig.llm.pareto.title": ("Error against bits per weight: every format on {layer}",
                             "误差与每个权重的位数：{layer} 上的所有格式"),
    "fig.llm.pareto.subtitle": ("higher is more accurate; the dotted line joins the formats no other beats",
                                "越高越精确；虚线连接没有被其他格式超越的格式"),
    "fig.llm.pareto.x": ("bits per weight, scales included (log scale)", "每个权重的位数，含缩放系数（对数刻度）"),
    "fig.llm.pareto.y": ("SQNR (dB, higher is less error)", "SQNR（dB，越高误差越小）"),
    "fig.llm.pareto.y_short": ("SQNR (dB)", "SQNR（dB）"),   # where the subtitle says which way is better
    "fig.llm.pareto.hover": ("<b>%{customdata[0]}</b><br>%{x:.4g} bits per weight<br>SQNR %{y:.2f} dB<br>"
                             "MSE %{customdata[1]:.3g}",
                             "<b>%{customdata[0]}</b><br>每个权重 %{x:.4g} 位<br>SQNR %{y:.2f} dB<br>"
                             "MSE %{customdata[1]:.3g}"),
    "fig.llm.front": ("not beaten by another format", "未被其他格式超越"),
    "fig.llm.selected": ("chosen format", "所选格式"),
    "fig.llm.family.integer": ("group-wise integers", "分组整数"),
    "fig.llm.family.llama.cpp": ("llama.cpp blocks", "llama.cpp 块格式"),
    "fig.llm.family.NormalFloat": ("NormalFloat (NF4)", "NormalFloat（NF4）"),
    "fig.llm.family.microscaling": ("microscaling (MX, NVFP4)", "微缩放（MX、NVFP4）"),
    "fig.llm.family.float": ("float32", "float32"),
    "llm.result": (
        "**{name}** stores this layer in **{bits:.4g} bits per weight** ({ratio:.3g}× smaller than float32) with an "
        "SQNR of **{sqnr:.2f} dB** (MSE {mse:.3g}).{front}",
        "**{name}** 以**每个权重 {bits:.4g} 位**存储这一层（比 float32 小 {ratio:.3g} 倍），SQNR 为 **{sqnr:.2f} dB**"
        "（MSE {mse:.3g}）。{front}"),
    "llm.result.front": (" No other format is more accurate with as few bits.", "没有其他格式能以同样少的位数更精确。"),
    "llm.result.beaten": (" {better} is more accurate with as few bits or fewer.",
                          "{better} 以同样少或更少的位数更精确。"),
    "llm.refused": ("{name} cannot store this layer: {reason}", "{name} 无法存储这一层：{reason}"),
    "llm.table.title": ("Every format on this layer", "这一层上的所有格式"),
    "llm.col.format": ("format", "格式"),
    "llm.col.family": ("family", "类别"),
    "llm.col.bits": ("bits per weight", "每个权重的位数"),
    "llm.col.stored": ("bits per weight here (padding included)", "此处每个权重的位数（含补齐）"),
    "llm.col.mse": ("MSE", "MSE"),
    "llm.col.sqnr": ("SQNR (dB)", "SQNR（dB）"),
    "llm.col.front": ("not beaten", "未被超越"),
    # --- one block
    "llm.block.title": ("One block, taken apart", "拆开一个块"),
    "llm.block.text": (
        "Each block stores its scales (the numbers below) and one code per weight; a weight is read back as the "
        "grid value of its code. The grey marks are every value a position could have held.",
        "每个块存储它的缩放系数（见下方数值）和每个权重的一个编码；权重读回时取其编码对应的网格值。灰色刻线是每个位置"
        "可能取到的所有值。"),
    "llm.block.index": ("Block", "块"),
    "llm.block.scales": ("Block {index} of {count:,} stores with its {size} weights: {scales}",
                         "第 {index} 块（共 {count:,} 块）与它的 {size} 个权重一起存储了：{scales}"),
    "llm.block.padding": ("The last {padding} values of this block are padding (zeros).",
                          "这个块的最后 {padding} 个数值是补齐的 0。"),
    "llm.block.dense": ("The grid has {levels} values per position, too many to draw; hover a point for its code.",
                        "每个位置有 {levels} 个网格值，太多无法画出；把鼠标移到点上可看到它的编码。"),
    "fig.llm.block.title": ("Block {index} in {name}", "{name} 的第 {index} 块"),
    "fig.llm.block.x": ("position in the block", "块内位置"),
    "fig.llm.block.y": ("weight value (no unit)", "权重值（无单位）"),
    "fig.llm.block.weights": ("weight", "权重"),
    "fig.llm.block.stored": ("read back", "读回的值"),
    "fig.llm.block.grid": ("possible values", "可能的取值"),
    "fig.llm.block.hover": ("position %{x}<br>weight %{customdata[0]:.5g}<br>code %{customdata[1]:.0f}<br>"
                            "read back %{y:.5g}",
                            "位置 %{x}<br>权重 %{customdata[0]:.5g}<br>编码 %{customdata[1]:.0f}<br>读回 %{y:.5g}"),
    # --- codebooks
    "llm.codebooks.title": ("Where 4-bit codes lie", "4 位编码的位置"),
    "llm.codebooks.text": (
        "Sixteen codes, three choices of where to put them, each scaled by the block's largest magnitude: int4 "
        "spaces them evenly; NF4 puts them at quantiles of a normal distribution (denser near 0, where most "
        "weights are); FP4 (E2M1) is a tiny float, its steps doubling with the magnitude.",
        "十六个编码，三种放置方式，都按块中最大的绝对值缩放：int4 均匀分布；NF4 放在正态分布的分位数上（在大多数权重"
        "所在的 0 附近更密）；FP4（E2M1）是一种很小的浮点数，步长随数值大小翻倍。"),
    "fig.llm.codebooks.title": ("The codebooks of int4, NF4 and FP4 on one number line",
                                "int4、NF4 和 FP4 的码本在同一数轴上"),
    "fig.llm.codebooks.x": ("value as a multiple of the block's scale (no unit)", "以块缩放系数为单位的值（无单位）"),
    "fig.llm.codebooks.hover": ("code %{customdata}<br>value %{x:.4f}", "编码 %{customdata}<br>值 %{x:.4f}"),
    "fig.llm.codebooks.int4": ("int4 (absmax / 7)", "int4（absmax / 7）"),
    "fig.llm.codebooks.nf4": ("NF4", "NF4"),
    "fig.llm.codebooks.fp4": ("FP4 E2M1 (absmax / 6)", "FP4 E2M1（absmax / 6）"),
    # --- outliers
    "llm.outliers.title": ("Activations with outlier channels: SmoothQuant and rotation",
                           "带离群通道的激活值：SmoothQuant 与旋转"),
    "llm.outliers.text": (
        "In large language models a few hidden channels carry values 20 to 100 times larger than the rest, in every "
        "token. A per-tensor int8 scale must cover them, and the other channels fall on a handful of codes. "
        "SmoothQuant moves part of each channel's range into the weights; a Hadamard rotation spreads every "
        "channel over all of them. Both leave X Wᵀ unchanged in exact arithmetic:",
        "在大语言模型中，少数隐藏通道的值在每个 token 中都比其余通道大 20 到 100 倍。按张量的 int8 缩放系数必须覆盖"
        "它们，其余通道只落在少数几个编码上。SmoothQuant 把每个通道的一部分范围转移到权重中；Hadamard 旋转把每个通道"
        "分散到所有通道上。两者在精确算术下都保持 X Wᵀ 不变："),
    "llm.outliers.generator": (
        "The activations: {tokens} tokens × {channels:,} channels, Student-t (ν = 10) values mixed as X (I + {mix:g} N "
        "/ √{channels}), N normal, × 0.5 × a per-channel factor e^(0.3 z); {outch} outlier channels × {oscale:g}.",
        "激活值：{tokens} 个 token × {channels:,} 个通道，Student-t（ν = 10）的值按 X (I + {mix:g} N / √{channels}) "
        "混合（N 为正态），× 0.5 × 每个通道的系数 e^(0.3 z)；{outch} 个离群通道 × {oscale:g}。"),
    "llm.mix.label": ("Mixing of channels m", "通道混合程度 m"),
    "llm.mix.help": ("Hidden states are correlated across channels; m = 0 draws every channel independently, "
                     "and then GPTQ has nothing to compensate with.",
                     "隐藏状态在通道之间是相关的；m = 0 时每个通道独立抽取，GPTQ 就没有可用来补偿的相关性。"),
    "llm.outch.label": ("Outlier channels", "离群通道数"),
    "llm.oscale.label": ("Outliers' size (times the others)", "离群值的大小（其他通道的倍数）"),
    "llm.alpha.label": ("SmoothQuant's migration strength α", "SmoothQuant 的迁移强度 α"),
    "llm.alpha.help": ("α = 0 leaves the activations as they are; α = 1 moves all of their range into the weights.",
                       "α = 0 保持激活值不变；α = 1 把激活值的全部范围转移到权重中。"),
    "fig.llm.channels.title": ("Each input channel's largest activation", "每个输入通道最大的激活值"),
    "fig.llm.channels.x": ("input channel j", "输入通道 j"),
    "fig.llm.outliers.title": ("Outlier channels, and the W8A8 error they leave after each transform",
                               "离群通道，以及每种变换之后它们留下的 W8A8 误差"),
    "fig.llm.channels.y": ("max |X_j| over tokens (log)", "各 token 中 |X_j| 的最大值（对数）"),
    "fig.llm.channels.hover": ("channel %{x}<br>max |X| = %{y:.4g}", "通道 %{x}<br>max |X| = %{y:.4g}"),
    "fig.llm.t.none": ("as they are", "原样"),
    "fig.llm.t.SmoothQuant": ("after SmoothQuant", "SmoothQuant 之后"),
    "fig.llm.t.rotation": ("after the rotation", "旋转之后"),
    "fig.llm.t.LLM.int8": ("LLM.int8 (outliers in 16 bits)", "LLM.int8（离群通道用 16 位）"),
    "fig.llm.w8a8.title": ("The layer's W8A8 output error, relative: ‖Y − Ŷ‖² / ‖Y‖²",
                           "该层 W8A8 的相对输出误差：‖Y − Ŷ‖² / ‖Y‖²"),
    "fig.llm.w8a8.y": ("relative error (log)", "相对误差（对数）"),
    "fig.llm.w8a8.hover": ("%{x}<br>%{y:.3g}", "%{x}<br>%{y:.3g}"),
    "fig.llm.w8a8.per-tensor": ("activations per tensor", "激活值按张量"),
    "fig.llm.w8a8.per-token": ("activations per token", "激活值按 token"),
    "llm.outliers.result": (
        "With activations quantized per tensor, the output error is {none:.3g} as they are, {smooth:.3g} after "
        "SmoothQuant (α = {alpha:g}) and {rotation:.3g} after the rotation.",
        "激活值按张量量化时，输出误差原样为 {none:.3g}，SmoothQuant（α = {alpha:g}）之后为 {smooth:.3g}，"
        "旋转之后为 {rotation:.3g}。"),
    # --- network
    "llm.net.title": ("A whole network under each format", "整个网络使用每种格式"),
    "llm.net.text": ("Every weight matrix of {model} stored in each format (biases and activations in float32), then "
                     "tested on the 359 test digits.",
                     "{model} 的每个权重矩阵都用每种格式存储（偏置和激活值保持 float32），然后在 359 张测试图片上测试。"),
    "llm.net.model": ("Network", "网络"),
    "llm.net.chosen": ("**{name}** stores this network in {bits:.3g} bits per weight and keeps **{acc:.2f} %** of "
                       "the test digits right ({correct} of 359), against {base:.2f} % in float32.",
                       "**{name}** 以每个权重 {bits:.3g} 位存储这个网络，测试准确率为 **{acc:.2f} %**"
                       "（359 张中 {correct} 张），float32 为 {base:.2f} %。"),
    "fig.llm.net.title": ("Test accuracy against bits per weight", "测试准确率与每个权重的位数"),
    "fig.llm.net.x": ("bits per weight of this network, padding included (log scale)",
                      "该网络每个权重的位数，含补齐（对数刻度）"),
    "fig.llm.net.y": ("test accuracy (%)", "测试准确率（%）"),
    "fig.llm.net.hover": ("<b>%{customdata[0]}</b><br>%{x:.4g} bits per weight<br>%{y:.2f} % "
                          "(%{customdata[1]} of 359)",
                          "<b>%{customdata[0]}</b><br>每个权重 %{x:.4g} 位<br>%{y:.2f} %（359 张中 %{customdata[1]} 张）"),
    "fig.llm.net.float": ("float32: {acc:.2f} %", "float32：{acc:.2f} %"),
    # --- GPTQ
    "llm.gptq.title": ("GPTQ against round-to-nearest", "GPTQ 与最近舍入"),
    "llm.gptq.text": (
        "GPTQ rounds one column at a time and moves the columns not yet rounded so that the layer's outputs on "
        "calibration inputs change as little as possible. It runs here on the layer's top-left {rows:,} × {cols:,} "
        "weights with {calib:,} rows of synthetic activations (the generator above), and is measured on {held:,} "
        "other rows.",
        "GPTQ 每次舍入一列，并调整尚未舍入的列，使该层在校准输入上的输出变化尽可能小。这里在该层左上角的 "
        "{rows:,} × {cols:,} 个权重上运行，使用 {calib:,} 行合成激活值（即上方的生成器），并在另外 {held:,} 行上衡量。"),
    "llm.calib.label": ("Calibration rows", "校准行数"),
    "llm.gptq.done": ("GPTQ: all {cols:,} columns of {rows:,} rows done", "GPTQ：{rows:,} 行的全部 {cols:,} 列已完成"),
    "llm.gptq.running": ("GPTQ: {done:,} of {cols:,} columns", "GPTQ：已完成 {done:,} / {cols:,} 列"),
    "llm.gptq.few_rows": (
        "{calib:,} calibration rows for {cols:,} columns: the Hessian XᵀX has rank at most {calib:,} and is held "
        "up only by the damping, so GPTQ fits the calibration rows and may do worse on new inputs. Use at least "
        "as many rows as columns.",
        "{calib:,} 行校准数据对应 {cols:,} 列：Hessian XᵀX 的秩最多为 {calib:,}，只靠阻尼项维持正定，因此 GPTQ 会"
        "过度拟合校准行，在新输入上可能更差。请至少使用与列数一样多的行。"),
    "llm.gptq.no_blocks": ("GPTQ needs rows of whole {name} blocks ({group} weights); this layer's rows hold {cols}.",
                           "GPTQ 需要每行由完整的 {name} 块（{group} 个权重）组成；这一层每行有 {cols} 个权重。"),
    "llm.gptq.result": ("On the held-out rows the output error is {rtn:.3g} rounding to nearest and {gptq:.3g} with "
                        "GPTQ ({ratio:.2f}× {direction}).",
                        "在保留行上，最近舍入的输出误差为 {rtn:.3g}，GPTQ 为 {gptq:.3g}（{direction} {ratio:.2f} 倍）。"),
    "llm.gptq.lower": ("lower", "更低"),
    "llm.gptq.higher": ("higher", "更高"),
    "llm.gptq.step": ("Step: column", "步骤：列"),
    "fig.llm.gptq.title": ("Column {column}: rounded, and its error moved to the columns on its right",
                           "第 {column} 列：舍入，并把误差转移到右侧的列"),
    "fig.llm.gptq.before": ("weights before this column", "这一列之前的权重"),
    "fig.llm.gptq.change": ("how the columns to its right moved", "其右侧各列的变化"),
    "fig.llm.gptq.x": ("column", "列"),
    "fig.llm.gptq.y": ("row", "行"),
    "fig.llm.gptq.hover": ("row %{y}, column %{x}<br>%{z:.4g}", "第 %{y} 行，第 %{x} 列<br>%{z:.4g}"),
    "fig.llm.gptq.err.title": ("The layer's output error with {name}", "使用 {name} 时该层的输出误差"),
    "fig.llm.gptq.err.y": ("relative output error ‖Y − Ŷ‖² / ‖Y‖²", "相对输出误差 ‖Y − Ŷ‖² / ‖Y‖²"),
    "fig.llm.gptq.err.hover": ("%{x}<br>%{y:.4g}", "%{x}<br>%{y:.4g}"),
    "fig.llm.gptq.rtn": ("round to nearest", "最近舍入"),
    "fig.llm.gptq.gptq": ("GPTQ", "GPTQ"),
    "fig.llm.gptq.held_out": ("held-out rows", "保留行"),
    "fig.llm.gptq.calibration": ("calibration rows", "校准行"),
    "llm.error": ("This cannot be computed here: {reason}", "这里无法计算：{reason}"),
}
