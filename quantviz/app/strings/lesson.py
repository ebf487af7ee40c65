STRINGS = {
    "nav.lesson": ("The lesson, step by step", "分步课程"),
    "lesson.title": ("Quantization in nine steps", "九步看懂量化"),
    "lesson.intro": (
        "The story of the article this app is built from, one idea per step, each with one live "
        "widget. Use the buttons, the step numbers or the ← → keys (in presentation mode too).",
        "本应用所依据的那篇文章，一步讲一个要点，每步配一个可交互的小部件。"
        "可用按钮、步骤编号或键盘 ← → 键翻页（演示模式下同样可用）。"),
    "lesson.step": ("Step", "步骤"),
    "lesson.progress": ("Step {n} of {total}: {title}", "第 {n} 步，共 {total} 步：{title}"),
    "lesson.prev": ("Previous", "上一步"),
    "lesson.next": ("Next", "下一步"),
    "lesson.prev.help": ("Previous step (← key)", "上一步（← 键）"),
    "lesson.next.help": ("Next step (→ key)", "下一步（→ 键）"),
    "lesson.deeper": ("Go deeper: {page}", "深入了解：{page}"),
    "lesson.done": ("That was the last step. The pages in the menu go deeper into each one.",
                    "这是最后一步。菜单中的各个页面会更深入地讲解每一步。"),

    # 1. What quantization is
    "lesson.s1.title": ("What quantization is", "什么是量化"),
    "lesson.s1.text": (
        "A network's weights are normally 32-bit floats. **Quantization** stores them in fewer bits, "
        "mostly as int8 (or as 16-bit floats). More extreme forms keep one or two bits per weight: "
        "**binary** networks (±1), **ternary** weight networks (−1, 0, +1) and **XNOR** networks "
        "(binary weights and inputs, convolution by XNOR and popcount). TensorRT, Xilinx DNNDK, "
        "TensorFlow, PyTorch and MXNet all ship quantization tools. Pick a form and compare a few "
        "real weights before and after:",
        "网络的权重通常是 32 位浮点数。**量化**用更少的位来存储它们，主流是 int8（或 16 位浮点）。"
        "更极端的形式每个权重只用一两位：**二值**网络（±1）、**三值**权重网络（−1、0、+1）和 **XNOR** 网络"
        "（权重和输入都是二值，卷积用 XNOR 与 popcount 近似）。TensorRT、Xilinx DNNDK、TensorFlow、PyTorch "
        "和 MXNet 都提供量化工具。选一种形式，比较几个真实权重量化前后的值："),
    "lesson.s1.form": ("Stored as", "存储形式"),
    "lesson.s1.form.help": ("How each weight is stored; bits per weight in brackets. Ternary weights are "
                            "−1, 0 or +1 times one scale, binary ones are ±1 (BinaryConnect, no scale).",
                            "每个权重的存储方式；括号内为每个权重所占的位数。三值权重为 −1、0 或 +1 乘以同一个缩放因子，"
                            "二值权重为 ±1（BinaryConnect，没有缩放因子）。"),
    "lesson.s1.form.float16": ("float16 (16 bits)", "float16（16 位）"),
    "lesson.s1.form.int8": ("int8 (8 bits)", "int8（8 位）"),
    "lesson.s1.form.int4": ("int4 (4 bits)", "int4（4 位）"),
    "lesson.s1.form.ternary": ("ternary (2 bits)", "三值（2 位）"),
    "lesson.s1.form.binary": ("binary (1 bit)", "二值（1 位）"),
    "lesson.s1.result": (
        "Over all {n:,} weights of this layer: mean squared error **{mse:.3g}**; bits per weight: "
        "**{bits:g}** instead of 32.",
        "在该层全部 {n:,} 个权重上：均方误差 **{mse:.3g}**；每个权重 **{bits:g}** 位，而不是 32 位。"),
    "fig.lesson.s1.title": ("The first {n} weights of {layer}, before and after",
                            "{layer} 的前 {n} 个权重：量化前后"),
    "fig.lesson.s1.x": ("weight index", "权重序号"),
    "fig.lesson.s1.y": ("weight value (real units)", "权重值（实数单位）"),
    "fig.lesson.s1.before": ("float32 (stored now)", "float32（原始）"),
    "fig.lesson.s1.after": ("after quantization", "量化后"),
    "fig.lesson.s1.hover": ("weight %{x}: %{y:.5f}", "第 %{x} 个权重：%{y:.5f}"),

    # 2. Pros and cons
    "lesson.s2.title": ("What it buys, what it costs", "优点与代价"),
    "lesson.s2.text": (
        "int8 takes **4x less memory** than float32 and integer arithmetic is faster, so a quantized "
        "model fits phones and other low-power devices. The price is some lost accuracy. Here is a "
        "real digit classifier (64-128-64-10, trained on 8x8 images) with its weights rounded to "
        "fewer bits:",
        "int8 占用的内存是 float32 的 **四分之一**，整数运算也更快，所以量化后的模型能跑在手机等低功耗设备上。"
        "代价是损失一些精度。下面是一个真实的手写数字分类网络（64-128-64-10，在 8x8 图像上训练），"
        "把它的权重取整到更少的位："),
    "lesson.s2.bits": ("Bits per weight", "每个权重的位数"),
    "lesson.s2.bits.help": ("Weights rounded to this many bits (symmetric, one scale per output "
                            "channel); biases stay 32-bit.",
                            "权重取整到这么多位（对称量化，每个输出通道一个 scale）；偏置保持 32 位。"),
    "lesson.s2.size": ("Model size", "模型大小"),
    "lesson.s2.size.value": ("{kb:.1f} KB", "{kb:.1f} KB"),
    "lesson.s2.size.delta": ("{ratio:.1f}x smaller than float32", "比 float32 小 {ratio:.1f} 倍"),
    "lesson.s2.acc": ("Test accuracy", "测试准确率"),
    "lesson.s2.acc.value": ("{acc:.2f} %", "{acc:.2f} %"),
    "lesson.s2.acc.delta": ("{delta:+.2f} points", "{delta:+.2f} 个百分点"),
    "lesson.s2.note": (
        "Size: {weights:,} weights at {bits} bits, plus {biases:,} biases and {scales:,} scales at "
        "32 bits each. Accuracy on the {n} test images.",
        "大小：{weights:,} 个权重各占 {bits} 位，另有 {biases:,} 个偏置和 {scales:,} 个 scale 各占 32 位。"
        "准确率在 {n} 张测试图像上测得。"),
    "fig.lesson.s2.title": ("Accuracy against model size", "准确率与模型大小"),
    "fig.lesson.s2.x": ("model size (KB)", "模型大小（KB）"),
    "fig.lesson.s2.y": ("test accuracy (%)", "测试准确率（%）"),
    "fig.lesson.s2.point": ("{bits} bits", "{bits} 位"),
    "fig.lesson.s2.float": ("float32", "float32"),
    "fig.lesson.s2.all": ("bits per weight", "每个权重的位数"),
    "fig.lesson.s2.current": ("your choice", "你的选择"),
    "fig.lesson.s2.hover": ("%{text}: %{x:.1f} KB, %{y:.2f} %", "%{text}：%{x:.1f} KB，%{y:.2f} %"),

    # 3. How floats are stored
    "lesson.s3.title": ("How a float is stored", "浮点数如何存储"),
    "lesson.s3.text": (
        "A float32 is a **sign**, an 8-bit **exponent** and a 23-bit **mantissa**. The most negative "
        "exponents set the smallest non-zero magnitude, the largest exponents the largest one: "
        "float32 spans roughly −2¹²⁸ .. +2¹²⁸ (±3.4 × 10³⁸), an enormous range. Type a value and "
        "watch its bits:",
        "一个 float32 由**符号位**、8 位**指数**和 23 位**尾数**组成。最小的（负）指数决定能表示的最小非零绝对值，"
        "最大的指数决定能表示的最大值：float32 的范围大约是 −2¹²⁸ .. +2¹²⁸（±3.4 × 10³⁸），极其宽广。"
        "输入一个数，看看它的各个位："),
    "lesson.s3.value": ("A real value", "一个实数"),
    "lesson.s3.value.help": ("Stored as the nearest float32 (ties to even).",
                             "以最接近的 float32 存储（平局取偶）。"),
    "lesson.s3.stored": ("Stored as {stored} ({kind}); error {error}.", "存储为 {stored}（{kind}）；误差 {error}。"),
    "lesson.s3.kind.zero": ("zero", "零"),
    "lesson.s3.kind.subnormal": ("subnormal: below the smallest normal number", "非规格化数：小于最小的规格化数"),
    "lesson.s3.kind.normal": ("normal", "规格化数"),
    "lesson.s3.kind.inf": ("infinity: beyond the largest float32", "无穷大：超出了 float32 的最大值"),
    "lesson.s3.kind.nan": ("not a number", "非数（NaN）"),
    "lesson.s3.range": (
        "Smallest positive float32: {tiny} (subnormal); smallest normal: {normal}; largest: {max}.",
        "最小的正 float32：{tiny}（非规格化）；最小的规格化数：{normal}；最大值：{max}。"),
    "fig.lesson.s3.title": ("The 32 bits of {value}", "{value} 的 32 个位"),
    "fig.lesson.s3.x": ("bit position (31 = most significant)", "位的序号（31 为最高位）"),
    "fig.lesson.s3.sign": ("sign", "符号位"),
    "fig.lesson.s3.exponent": ("exponent", "指数"),
    "fig.lesson.s3.mantissa": ("mantissa", "尾数"),
    "fig.lesson.s3.hover": ("bit %{x}: %{text}", "第 %{x} 位：%{text}"),

    # 4. The core idea
    "lesson.s4.title": ("The core idea: map only the narrow range", "核心思想：只映射很窄的范围"),
    "lesson.s4.text": (
        "Quantization finds a mapping between float32 values and the 256 int8 codes. How can 256 "
        "codes stand for so many floats? Because trained weights sit in a **very narrow range**: we "
        "only need to map that range, not all of float32. Even so, many floats share one code, and "
        "that is where precision is lost. Pick a layer of a trained network:",
        "量化要在 float32 与 256 个 int8 编码之间找到一个映射。256 个编码怎么能代表那么多浮点数？"
        "因为训练好的权重集中在一个**非常窄的范围**里：只需映射这个范围，而不是整个 float32。"
        "即便如此，仍有许多浮点数落到同一个编码上，精度就是在这里丢失的。选一个训练好的网络中的层："),
    "lesson.s4.layer": ("Weight tensor", "权重张量"),
    "lesson.s4.layer.option": ("{model}: {name} ({count:,} weights)", "{model}：{name}（{count:,} 个权重）"),
    "lesson.s4.result": (
        "All {count:,} weights lie in [{lo:.3f}, {hi:.3f}], a range of {width:.3f}, while float32 "
        "reaches ±3.4 × 10³⁸. Spread over 256 codes, one step is {step:.5f}: on average "
        "{per_code:.0f} weights share each code that is used.",
        "全部 {count:,} 个权重都在 [{lo:.3f}, {hi:.3f}] 之内，宽度只有 {width:.3f}，而 float32 可达 ±3.4 × 10³⁸。"
        "分到 256 个编码上，每个台阶宽 {step:.5f}：平均每个被用到的编码由 {per_code:.0f} 个权重共享。"),

    # 5. Why it works anyway
    "lesson.s5.title": ("Why it works anyway", "为什么量化仍然有效"),
    "lesson.s5.text": (
        "There is no rigorous theory. The usual intuition is **over-parameterization**: networks "
        "carry redundancy, so rounding each weight a little costs little, and wider networks (more "
        "redundant) tend to lose less. Here are seven trained networks 64-width-10 of growing "
        "width, each with its weights rounded to the same number of bits:",
        "目前没有严谨的理论。常见的直觉解释是**过度参数化**：网络里有冗余，所以把每个权重稍微取整一下损失不大，"
        "而越宽（冗余越多）的网络往往损失越小。下面是七个宽度递增的训练好的 64-宽度-10 网络，"
        "把它们的权重取整到同样的位数："),
    "lesson.s5.bits": ("Bits per weight", "每个权重的位数"),
    "lesson.s5.result": (
        "At {bits} bits the narrowest network (width {w0}) loses **{gap0:.1f}** points of accuracy, "
        "the widest (width {w1}) **{gap1:.1f}**. The trend is real but noisy: with 359 test images, "
        "one image is 0.28 points.",
        "在 {bits} 位时，最窄的网络（宽度 {w0}）损失 **{gap0:.1f}** 个百分点，最宽的（宽度 {w1}）损失 **{gap1:.1f}** 个。"
        "趋势确实存在，但有噪声：测试集只有 359 张图像，一张图像就是 0.28 个百分点。"),
    "fig.lesson.s5.title": ("Accuracy lost at {bits} bits, by network width", "{bits} 位时损失的准确率（按网络宽度）"),
    "fig.lesson.s5.x": ("hidden width (neurons)", "隐藏层宽度（神经元数）"),
    "fig.lesson.s5.y": ("accuracy lost (percentage points)", "损失的准确率（百分点）"),
    "fig.lesson.s5.hover": ("width %{x}: %{y:.2f} points lost", "宽度 %{x}：损失 %{y:.2f} 个百分点"),

    # 6. The mapping
    "lesson.s6.title": ("The mapping", "映射公式"),
    "lesson.s6.text": (
        "One affine formula maps codes back to reals; the scale is the width of one step and the "
        "zero point is the code that stands for 0.0. The article's example maps weights in "
        "[{rmin:.1f}, {rmax:.1f}] to the codes [{qmin}, {qmax}]. Fewer bits make the staircase coarser:",
        "一个仿射公式把编码映射回实数；scale 是一个台阶的宽度，zero point 是代表 0.0 的编码。"
        "原文的例子把 [{rmin:.1f}, {rmax:.1f}] 内的权重映射到编码 [{qmin}, {qmax}]。位数越少，台阶越粗："),
    "lesson.s6.bits": ("Bits", "位数"),
    "lesson.s6.result": (
        "With {bits} bits: codes 0..{qmax}, scale = {width:g} / {qmax} = {scale:.6g}, zero point = "
        "{zp_exact:g}, stored as **{zp}** (rounded, ties to even). The article writes {article_zp} for "
        "{article_bits} bits (it truncates {article_zp_real}); step 7 keeps the article's {article_zp}.",
        "{bits} 位时：编码 0..{qmax}，scale = {width:g} / {qmax} = {scale:.6g}，zero point = {zp_exact:g}，"
        "取整（恰在中间时取偶数）后存为 **{zp}**。原文 {article_bits} 位时写作 {article_zp}（把 {article_zp_real} "
        "截断了）；第 7 步沿用原文的 {article_zp}。"),
    "fig.lesson.s6.title": ("[{rmin:g}, {rmax:g}] onto {levels} codes", "把 [{rmin:g}, {rmax:g}] 映射到 {levels} 个编码"),

    # 7. Arithmetic
    "lesson.s7.title": ("Arithmetic on codes", "在编码上做运算"),
    "lesson.s7.text": (
        "With the article's mapping (scale {scale}, zero point {zp}: the article truncates {zp_real}, "
        "where rounding to even, as in step 6 and on the home page, stores {zp_even}), 0.0 is code {zp} and "
        "1.0 is code "
        "{qmax}. The product 0.0 × 1.0 is 0.0, but multiplying the codes, {zp} × {qmax}, and mapping back "
        "gives **{naive}**: wrong. The right way keeps the zero points and scales in the formula and "
        "gives code **{zp}**, that is 0.0. Try other operands:",
        "先看原文的例子：0.0 × 1.0 = 0.0。按原文的映射（scale {scale}，zero point {zp}：原文把 {zp_real} 截断；"
        "第 6 步和首页按“取偶数”舍入存为 {zp_even}），0.0 的编码是 {zp}，"
        "1.0 的编码是 {qmax}；若直接把编码相乘（{zp} × {qmax}）再映射回去，得到的是 **{naive}**：错了。"
        "正确的做法是在公式中保留 zero point 和 scale，得到编码 **{zp}**，也就是 0.0。试试其他的数："),
    "lesson.s7.x": ("x (real)", "x（实数）"),
    "lesson.s7.y": ("y (real)", "y（实数）"),
    "lesson.s7.result": (
        "Codes: x → **{xq}**, y → **{yq}**. Naively {xq} × {yq} = {naive_code:,}, read back as "
        "**{naive:.4g}**. With zero points and scales: code **{zq}**, that is **{z:.4g}** "
        "(exact product {exact:.4g}).",
        "编码：x → **{xq}**，y → **{yq}**。直接相乘 {xq} × {yq} = {naive_code:,}，映射回去是 **{naive:.4g}**。"
        "保留 zero point 和 scale：编码 **{zq}**，即 **{z:.4g}**（精确乘积为 {exact:.4g}）。"),
    "fig.lesson.s7.title": ("{x:.2f} × {y:.2f}: three answers", "{x:.2f} × {y:.2f}：三个答案"),
    "fig.lesson.s7.x": ("result (real units)", "结果（实数单位）"),
    "fig.lesson.s7.exact": ("exact product", "精确乘积"),
    "fig.lesson.s7.naive": ("codes multiplied naively", "直接相乘编码"),
    "fig.lesson.s7.correct": ("with zero points and scales", "保留 zero point 和 scale"),
    "fig.lesson.s7.hover": ("%{y}: %{x:.4g}", "%{y}：%{x:.4g}"),

    # 8. TFLite
    "lesson.s8.title": ("A TFLite example", "TFLite 示例"),
    "lesson.s8.text": (
        "The article ends by converting a TensorFlow model with post-training integer quantization "
        "and reading the int8 tensors of the `.tflite` file, each with its scale and zero point. "
        "TFLite stores a weight tensor as int8 codes in [−127, 127] with **zero point 0** and **one "
        "scale per output channel**. Pick a layer and see its scales:",
        "原文最后用训练后整数量化转换了一个 TensorFlow 模型，并查看 `.tflite` 文件中的 int8 张量及其 scale 和 zero point。"
        "TFLite 把权重张量存为 [−127, 127] 内的 int8 编码，**zero point 为 0**，**每个输出通道一个 scale**。"
        "选一层，看看它的 scale："),
    "lesson.s8.result": (
        "{channels} output channels; scales from {lo:.3g} to {hi:.3g} (a ratio of {ratio:.1f}). One "
        "scale for the whole tensor would be {tensor:.3g}: the narrowest channel would use only "
        "{levels:.0f} of the 255 codes.",
        "{channels} 个输出通道；scale 从 {lo:.3g} 到 {hi:.3g}（相差 {ratio:.1f} 倍）。若整个张量只用一个 scale，"
        "它会是 {tensor:.3g}：最窄的通道只能用到 255 个编码中的 {levels:.0f} 个。"),
    "fig.lesson.s8.title": ("TFLite int8 scales of {layer}, one per output channel",
                            "{layer} 的 TFLite int8 scale（每个输出通道一个）"),
    "fig.lesson.s8.x": ("output channel", "输出通道"),
    "fig.lesson.s8.y": ("scale (real units per code)", "scale（每个编码对应的实数单位）"),
    "fig.lesson.s8.tensor": ("one scale for the whole tensor", "整个张量共用一个 scale"),
    "fig.lesson.s8.channel": ("per-channel scale", "逐通道 scale"),
    "fig.lesson.s8.hover": ("channel %{x}: scale %{y:.4g}", "通道 %{x}：scale %{y:.4g}"),
    # 9. Below int8: large language models
    "lesson.s9.title": ("Below int8: large language models", "int8 之下：大语言模型"),
    "lesson.s9.text": (
        "int8 halves a float16 model; large language models go to 4 bits and below. At 4 bits one scale per "
        "tensor or per channel is too coarse, so every 4-bit format gives a **block** of 16 to 256 weights its "
        "own scale, and the scales cost bits too: `Q4_0` stores a float16 scale per 32 weights (4.5 bits per "
        "weight), `Q4_K` 6-bit scales per 32 inside blocks of 256 (4.5), NF4 puts its 16 codes at normal "
        "quantiles, MXFP4 and NVFP4 use 4-bit floats with power-of-two or float8 scales. Choose one: the chart "
        "shows every format's error against what it costs.",
        "int8 能把 float16 模型缩小一半；大语言模型则用到 4 位甚至更少。在 4 位时，每个张量或每个通道一个缩放系数太"
        "粗糙，所以每种 4 位格式都给 16 到 256 个权重组成的**块**配一个自己的缩放系数，而缩放系数也要占位数：`Q4_0` "
        "每 32 个权重存一个 float16 缩放系数（每个权重 4.5 位），`Q4_K` 在 256 个权重的块内每 32 个存一个 6 位缩放系数"
        "（4.5 位），NF4 把 16 个编码放在正态分布的分位数上，MXFP4 和 NVFP4 用 4 位浮点数，配以 2 的幂或 float8 缩放"
        "系数。选一种：图中是每种格式的误差与它的代价。"),
    "lesson.s9.format": ("Format", "格式"),
    "lesson.s9.result": (
        "**{name}**: **{bits:.4g} bits per weight** with an SQNR of **{sqnr:.1f} dB** on a layer of heavy-tailed "
        "weights (Student-t, ν = {tail:g}). A 7-billion-parameter model would take about **{gb:.1f} GB**.",
        "**{name}**：**每个权重 {bits:.4g} 位**，在一层重尾权重（Student-t，ν = {tail:g}）上的 SQNR 为 "
        "**{sqnr:.1f} dB**。一个 70 亿参数的模型约占 **{gb:.1f} GB**。"),
}
