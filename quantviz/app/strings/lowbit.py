STRINGS = {
    "nav.lowbit": ("Beyond int8", "比 int8 更少的位"),
    "lowbit.title": ("Beyond int8: 16, 8, 2 and 1 bit per weight", "比 int8 更少：每个权重 16、8、2、1 位"),
    "lowbit.intro": (
        "int8 and fp16 are the mainstream forms of quantization, but weights can go much lower. "
        "**Binary** networks keep only the sign of each weight (BinaryConnect), **ternary** networks "
        "(TWN) add a zero, and **XNOR-Net** binarizes weights and inputs with one scale each, so that a "
        "dot product becomes XNOR and a bit count. Pick a layer and a method and see what is lost.",
        "int8 和 fp16 是主流的量化形式，但权重还能压得更低。**二值**网络只保留每个权重的符号（BinaryConnect），"
        "**三值**网络（TWN）多了一个 0，**XNOR-Net** 把权重和输入都二值化、各配一个缩放系数，于是点积变成 XNOR 加"
        "数 1 的个数。选择一层和一种方法，看看损失了什么。"),
    "lowbit.source": ("The layers are those of the bundled networks, trained in numpy on the 8x8 digits. Biases "
                      "are left out: one number per channel, they stay in float32 (or int32) in every scheme.",
                      "这些层来自随附的网络（用 numpy 在 8x8 手写数字上训练）。偏置不在其列：每个通道只有一个数，"
                      "在所有方案中都保持 float32（或 int32）。"),
    "lowbit.model.label": ("Model", "模型"),
    "lowbit.model.help": ("The percentage is the float32 test accuracy on 359 digits.",
                          "百分比是 float32 模型在 359 张测试图片上的准确率。"),
    "lowbit.layer.label": ("Layer", "层"),
    "lowbit.layer.option": ("{name} {shape}", "{name} {shape}"),
    "lowbit.method.label": ("Method", "方法"),
    "lowbit.method.binary": ("binary (BinaryConnect, sign)", "二值（BinaryConnect，符号）"),
    "lowbit.method.ternary": ("ternary (TWN)", "三值（TWN）"),
    "lowbit.method.xnor": ("XNOR-Net (sign × alpha per filter)", "XNOR-Net（符号 × 每个滤波器的 alpha）"),
    "lowbit.method.int8": ("int8, symmetric per tensor", "int8，按张量对称"),
    "lowbit.method.int4": ("int4, symmetric per tensor", "int4，按张量对称"),
    "lowbit.method.float16": ("float16 (half precision)", "float16（半精度）"),
    "lowbit.method.bfloat16": ("bfloat16", "bfloat16"),
    "lowbit.method.float8_e4m3fn": ("float8 e4m3fn", "float8 e4m3fn"),
    "lowbit.method.float8_e5m2": ("float8 e5m2", "float8 e5m2"),
    "lowbit.method.float32": ("float32 (as trained)", "float32（训练所得）"),
    "lowbit.method.xnor_activations": ("XNOR-Net, inputs binarized too", "XNOR-Net，输入也二值化"),
    "lowbit.formula": ("The formula, from the function that computes it:", "公式（取自计算它的函数）："),
    "lowbit.formula.float": ("Each weight is rounded to the nearest value of the format (ties to even), "
                             "saturating at its largest value.",
                             "每个权重舍入到该格式最近的值（平局取偶），在最大值处饱和。"),
    "lowbit.metric.bits": ("Bits per weight", "每个权重的位数"),
    "lowbit.metric.bits.value": ("{bits:.4g}", "{bits:.4g}"),
    "lowbit.metric.ratio": ("Size vs float32", "相对 float32 的大小"),
    "lowbit.metric.ratio.value": ("{ratio:.3g}× smaller", "小 {ratio:.3g} 倍"),
    "lowbit.metric.mse": ("MSE", "均方误差 MSE"),
    "lowbit.metric.sqnr": ("SQNR", "信号量化噪声比 SQNR"),
    "lowbit.metric.sqnr.value": ("{sqnr:.1f} dB", "{sqnr:.1f} dB"),
    "lowbit.levels": ("The approximation uses {levels} distinct values; the layer takes {bytes:,} bytes instead of "
                      "{float_bytes:,} in float32 (codes packed at their width, float32 scales included).",
                      "近似值一共用了 {levels} 个不同的数值；这一层占 {bytes:,} 字节，float32 时为 {float_bytes:,} 字节"
                      "（编码按其位宽紧密存放，包含 float32 缩放系数）。"),
    "lowbit.binary.note": (
        "BinaryConnect has no scale: every weight becomes ±1, far larger than trained weights, so the error is "
        "larger than the weights themselves (negative SQNR). In a ReLU network that matters less than the SQNR "
        "says: multiplying a layer's weights by a positive number multiplies its output by the same number, and "
        "the largest score stays the largest; only the biases end up out of proportion. The networks that use "
        "binary weights learn around it (batch normalization rescales); XNOR-Net's alpha puts the scale back.",
        "BinaryConnect 没有缩放系数：每个权重都变成 ±1，比训练所得的权重大得多，所以误差比权重本身还大（SQNR 为负）。"
        "在 ReLU 网络中，这没有 SQNR 显示的那么严重：把一层的权重乘以一个正数，其输出也乘以同一个数，最大的得分仍然最大；"
        "只有偏置的比例失调。使用二值权重的网络在训练中适应这一点（批归一化会重新缩放）；XNOR-Net 的 alpha 则把缩放放回去。"),
    "fig.lowbit.title": ("Weights before and after", "量化前后的权重"),
    "fig.lowbit.x": ("weight value w (no unit)", "权重值 w（无单位）"),
    "fig.lowbit.y": ("count (weights per bin)", "数量（每个区间的权重个数）"),
    "fig.lowbit.before": ("float32 weights", "float32 权重"),
    "fig.lowbit.after": ("after quantization", "量化之后"),
    "fig.lowbit.threshold": ("threshold", "阈值"),
    "fig.lowbit.hover": ("w ≈ %{x:.4g}<br>%{y} weights", "w ≈ %{x:.4g}<br>%{y} 个权重"),
    "lowbit.table.title": ("Every method on this layer", "本层上的所有方法"),
    "lowbit.col.method": ("Method", "方法"),
    "lowbit.col.bits": ("Bits per weight (scales included)", "每个权重的位数（含缩放系数）"),
    "lowbit.col.mse": ("MSE (squared weight units)", "MSE（权重单位的平方）"),
    "lowbit.col.sqnr": ("SQNR (dB)", "SQNR（dB）"),
    "lowbit.xnor.title": ("XNOR-Net's trick: a dot product from bits", "XNOR-Net 的技巧：用比特算点积"),
    "lowbit.xnor.text": (
        "Store +1 as bit 1 and −1 as bit 0. Two ±1 values multiply to +1 exactly when their bits are equal, "
        "which is what XNOR computes, so a whole dot product is a count of 1 bits (popcount):",
        "把 +1 存成比特 1，把 −1 存成比特 0。两个 ±1 值相乘为 +1，当且仅当它们的比特相同，这正是 XNOR 的结果，"
        "所以整个点积就是数 1 的个数（popcount）："),
    "lowbit.xnor.n": ("Vector length n", "向量长度 n"),
    "lowbit.xnor.seed": ("Random vectors (seed)", "随机向量（种子）"),
    "lowbit.xnor.a": ("a", "a"),
    "lowbit.xnor.b": ("b", "b"),
    "lowbit.xnor.bits_a": ("a packed", "a 打包"),
    "lowbit.xnor.bits_b": ("b packed", "b 打包"),
    "lowbit.xnor.xnor": ("xnor(a, b)", "xnor(a, b)"),
    "lowbit.xnor.result": (
        "popcount = {popcount} (the {pad} padding bits of the last byte removed), so "
        "a · b = 2 × {popcount} − {n} = **{dot}**; the float dot product gives {reference:g}.",
        "popcount = {popcount}（已去掉最后一个字节中的 {pad} 个填充位），所以 "
        "a · b = 2 × {popcount} − {n} = **{dot}**；浮点点积为 {reference:g}。"),
    "lowbit.net.title": ("The whole network under each format", "整个网络在各种格式下的表现"),
    "lowbit.net.text": (
        "Every weight tensor of **{model}** replaced at once, then the 359 test digits classified. Only the "
        "**weights** change: biases and activations stay float32. Rounding a trained network cannot give binary "
        "or ternary activations; the networks that use them are trained with them. One row binarizes the inputs "
        "of every layer anyway, XNOR-Net style, without retraining, to show why.",
        "一次替换 **{model}** 的所有权重张量，然后对 359 张测试数字分类。只有**权重**改变：偏置和激活值保持 float32。"
        "对训练好的网络做舍入得不到二值或三值的激活值；使用它们的网络是带着它们训练出来的。有一行仍然按 XNOR-Net 的方式"
        "把每一层的输入二值化（不重新训练），以说明原因。"),
    "lowbit.net.collapse": (
        "**XNOR-Net with binarized inputs collapses to {acc:.1f} % (chance: 10 %).** The images and every ReLU "
        "output are ≥ 0, so sign(x) = +1 everywhere: each layer sees only β, the mean size of its input, and "
        "two images with the same mean look identical. XNOR-Net trains with batch normalization before the "
        "binarization, which centres the inputs around 0; a network trained in float has nothing like it.",
        "**输入也二值化的 XNOR-Net 崩溃到 {acc:.1f} %（随机猜测为 10 %）。** 图片和每个 ReLU 的输出都 ≥ 0，所以 sign(x) "
        "处处为 +1：每一层只看到 β，即输入的平均大小，平均值相同的两张图片看起来完全一样。XNOR-Net 在二值化之前用批归一化"
        "把输入居中到 0 附近；用浮点训练的网络没有这样的东西。"),
    "lowbit.net.note": (
        "Size: the weight codes packed at their width, one float32 per scale, every bias in float32 (the "
        "sizes under the axis leave the scales out; the table counts them). One test image is {pp:.2f} "
        "percentage points.",
        "大小：权重编码按位宽紧密存放，每个缩放系数一个 float32，偏置全部为 float32（坐标轴下方的大小不含缩放系数；"
        "表格中包含）。一张测试图片相当于 {pp:.2f} 个百分点。"),
    "lowbit.size.bytes": ("{n} B", "{n} B"),
    "lowbit.size.kb": ("{n:.1f} kB", "{n:.1f} kB"),
    "lowbit.tick": ("{bits}<br>{size}", "{bits}<br>{size}"),
    "fig.lowbit.net.title": ("Accuracy against storage", "准确率与存储"),
    "fig.lowbit.net.subtitle": ("{model}, weights in each format", "{model}，权重采用各种格式"),
    "fig.lowbit.net.x": ("bits per weight (below: model size)", "每个权重的位数（下方：模型大小）"),
    "fig.lowbit.net.y": ("test accuracy (%)", "测试准确率（%）"),
    "fig.lowbit.net.float": ("float32: {acc:.2f} %", "float32：{acc:.2f} %"),
    "fig.lowbit.net.selected": ("chosen above", "上面选中的方法"),
    "fig.lowbit.net.family.float": ("floats (weights cast)", "浮点（权重转换）"),
    "fig.lowbit.net.family.int": ("integers (symmetric, per tensor)", "整数（对称，按张量）"),
    "fig.lowbit.net.family.lowbit": ("1 and 2 bits", "1 位和 2 位"),
    "fig.lowbit.net.family.xnor_acts": ("inputs binarized too (no retraining)", "输入也二值化（不重新训练）"),
    "fig.lowbit.net.hover": ("%{customdata[0]}<br>%{x:.3g} bits per weight<br>model size %{customdata[1]}"
                             "<br>test accuracy %{y:.2f} % (%{customdata[2]} of 359 images)",
                             "%{customdata[0]}<br>每个权重 %{x:.3g} 位<br>模型大小 %{customdata[1]}"
                             "<br>测试准确率 %{y:.2f} %（359 张中 %{customdata[2]} 张）"),
    "lowbit.short.float32": ("fp32", "fp32"),
    "lowbit.short.float16": ("fp16", "fp16"),
    "lowbit.short.bfloat16": ("bf16", "bf16"),
    "lowbit.short.float8_e4m3fn": ("e4m3", "e4m3"),
    "lowbit.short.float8_e5m2": ("e5m2", "e5m2"),
    "lowbit.short.int8": ("int8", "int8"),
    "lowbit.short.int4": ("int4", "int4"),
    "lowbit.short.binary": ("binary", "二值"),
    "lowbit.short.ternary": ("ternary", "三值"),
    "lowbit.short.xnor": ("XNOR", "XNOR"),
    "lowbit.short.xnor_activations": ("XNOR, binary inputs", "XNOR，二值输入"),
    "lowbit.net.col.format": ("Format", "格式"),
    "lowbit.net.col.bits": ("Bits per weight", "每个权重的位数"),
    "lowbit.net.col.bytes": ("Model size (bytes)", "模型大小（字节）"),
    "lowbit.net.col.ratio": ("Smaller than float32 (×)", "比 float32 小（倍）"),
    "lowbit.net.col.acc": ("Test accuracy (%)", "测试准确率（%）"),
    "lowbit.net.col.correct": ("Right (of 359)", "正确（共 359 张）"),
}
