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
    "lowbit.source": ("These layers are synthetic: Laplace- and Gaussian-distributed weights with the spread of "
                      "He initialisation, shaped like a small network's layers.",
                      "这些层是合成的：按 He 初始化的尺度生成的拉普拉斯分布和高斯分布权重，形状与一个小网络的各层相同。"),
    "lowbit.layer.label": ("Layer", "层"),
    "lowbit.layer.option": ("{name} {shape}", "{name} {shape}"),
    "lowbit.method.label": ("Method", "方法"),
    "lowbit.method.binary": ("binary (BinaryConnect, sign)", "二值（BinaryConnect，符号）"),
    "lowbit.method.ternary": ("ternary (TWN)", "三值（TWN）"),
    "lowbit.method.xnor": ("XNOR-Net (sign × alpha per filter)", "XNOR-Net（符号 × 每个滤波器的 alpha）"),
    "lowbit.method.int8": ("int8, symmetric per tensor", "int8，按张量对称"),
    "lowbit.method.int4": ("int4, symmetric per tensor", "int4，按张量对称"),
    "lowbit.formula": ("The formula, from the function that computes it:", "公式（取自计算它的函数）："),
    "lowbit.formula.float": ("Each weight is rounded to the nearest value of the format (ties to even), "
                             "saturating at its largest value.",
                             "每个权重舍入到该格式最近的值（平局取偶），在最大值处饱和。"),
    "lowbit.formula.int": ("Symmetric integers: scale = max|w| / qmax, zero point 0, codes in [−qmax, qmax].",
                           "对称整数：scale = max|w| / qmax，zero point 为 0，编码在 [−qmax, qmax] 内。"),
    "lowbit.metric.bits": ("Bits per weight", "每个权重的位数"),
    "lowbit.metric.bits.value": ("{bits:.4g}", "{bits:.4g}"),
    "lowbit.metric.ratio": ("Size vs float32", "相对 float32 的大小"),
    "lowbit.metric.ratio.value": ("{ratio:.3g}× smaller", "小 {ratio:.3g} 倍"),
    "lowbit.metric.mse": ("MSE", "均方误差 MSE"),
    "lowbit.metric.sqnr": ("SQNR", "信号量化噪声比 SQNR"),
    "lowbit.metric.sqnr.value": ("{sqnr:.1f} dB", "{sqnr:.1f} dB"),
    "lowbit.levels": ("The approximation uses {levels} distinct values.", "近似值一共用了 {levels} 个不同的数值。"),
    "lowbit.binary.note": (
        "BinaryConnect has no scale: every weight becomes ±1, far from weights of size ~0.05, so the error "
        "is larger than the weights themselves (negative SQNR). The networks that use it learn around it "
        "(batch normalization rescales); XNOR-Net's alpha fixes it in the weights.",
        "BinaryConnect 没有缩放系数：每个权重都变成 ±1，远离大小约 0.05 的权重，所以误差比权重本身还大（SQNR 为负）。"
        "使用它的网络在训练中适应这一点（批归一化会重新缩放）；XNOR-Net 的 alpha 则直接在权重中解决了它。"),
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
}
