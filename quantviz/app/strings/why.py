STRINGS = {
    "nav.why": ("Why it works", "为什么可行"),
    "why.title": ("Why it works: wider networks notice less", "为什么可行：越宽的网络越不在意"),
    "why.intro": (
        "There is no rigorous theory of why rounding a network's numbers to 8 bits costs so little accuracy. "
        "The usual intuition is **over-parameterization**: a trained network has many more weights than its "
        "task needs, so the small errors quantization adds have room to cancel out and hide. If that is right, "
        "the wider (more over-parameterized) a network, the less it should lose. Here is that test on seven "
        "networks that differ only in the width of their hidden layer: 64 inputs, **4 to 256 hidden neurons**, "
        "10 outputs, each trained the same way on the 8x8 digits.",
        "为什么把网络中的数舍入到 8 位只损失这么少的准确率，目前没有严格的理论。通常的直觉是**过参数化**："
        "训练好的网络的权重远多于任务所需，量化带来的小误差有空间相互抵消、被掩盖。如果这是对的，网络越宽（越过参数化），"
        "损失就应该越小。下面在七个只有隐藏层宽度不同的网络上检验这一点：64 个输入、**4 到 256 个隐藏神经元**、"
        "10 个输出，都以相同方式在 8x8 手写数字上训练。"),
    "why.over.title": ("Over-parameterization in one paragraph", "一段话讲清过参数化"),
    "why.over.text": (
        "Each neuron adds up many weighted inputs. Rounding gives every weight and every activation a small "
        "error of its own; in a sum of many terms those errors partly cancel, while the signal adds up. A wide "
        "layer also describes each feature with several neurons, so losing a little of each still leaves the "
        "classes apart, and training can end in many equally good weight settings, of which the rounded one is "
        "likely a close neighbour. A network with barely enough neurons has none of this slack: every weight "
        "matters and every rounding error shows. This is an intuition, not a theorem: the figure tests it "
        "on these seven small networks only.",
        "每个神经元都要把许多加权输入加起来。舍入给每个权重和每个激活值带来各自的小误差；在许多项的和中，这些误差会部分抵消，"
        "而信号会累加。宽的层还用好几个神经元描述同一个特征，所以每个都损失一点，类别仍然分得开；训练也可能收敛到许多同样好的"
        "权重组合，舍入后的组合很可能就是其中之一的近邻。神经元刚好够用的网络没有这样的余量：每个权重都重要，每个舍入误差都会"
        "显现。这只是直觉，不是定理：图中只在这七个小网络上检验它。"),
    "why.def.title": ("How each network is quantized", "每个网络如何量化"),
    "why.def.text": (
        "**Post-training**: the trained float32 network is rounded as it is, with no retraining, to *b* bits "
        "(8, 6, 4, 3 and 2).\n\n"
        "- **Weights**: one scale per output neuron (per channel), symmetric, signed, narrow range "
        "[−(2^(b−1) − 1), 2^(b−1) − 1], zero point 0:",
        "**训练后量化**：训练好的 float32 网络原样舍入到 *b* 位（8、6、4、3 和 2），不重新训练。\n\n"
        "- **权重**：每个输出神经元一个缩放系数（按通道），对称、有符号、窄范围 [−(2^(b−1) − 1), 2^(b−1) − 1]，"
        "zero point 为 0："),
    "why.def.act": (
        "- **Activations**: one scale for the whole tensor, asymmetric, unsigned [0, 2^b − 1], the range being "
        "the smallest and largest value seen on the {calib} calibration images (min-max); at the input, after the "
        "hidden layer (its ReLU fused into it) and at the 10 output scores:",
        "- **激活值**：整个张量一个缩放系数，非对称、无符号 [0, 2^b − 1]，范围取 {calib} 张校准图片上出现的最小值和"
        "最大值（min-max）；位于输入、隐藏层之后（其 ReLU 融合在内）以及 10 个输出得分处："),
    "why.def.rest": (
        "- **Biases** stay float32 (an integer network keeps them in int32, finer than anything else). "
        "**Simulated**: every weight and activation is quantized and mapped back to float (fake quantization), "
        "then the float forward pass runs on those values, so the predictions are those of the integer network "
        "up to the float rounding of its sums.\n"
        "- **Accuracy** *A* (%) on the {test} test images; the gap Δ is what quantization loses, in percentage "
        "points (pp):",
        "- **偏置**保持 float32（整数网络用 int32 保存它们，比其他任何数都精细）。**模拟**：每个权重和激活值都先量化再映射回"
        "浮点（伪量化），然后用这些值做浮点前向计算，所以预测结果与整数网络相同，只差在求和的浮点舍入上。\n"
        "- **准确率** *A*（%）在 {test} 张测试图片上计算；差距 Δ 是量化损失的准确率，单位为百分点（pp）："),
    "why.mode.label": ("Quantized", "量化对象"),
    "why.mode.weights_activations": ("weights and activations", "权重和激活值"),
    "why.mode.weights": ("weights only", "仅权重"),
    "why.mode.help": ("Weights only leaves every activation in float32: switch to see how much of the loss the "
                      "activations cause.",
                      "仅权重时所有激活值保持 float32：切换一下，看看损失中有多少来自激活值。"),
    "fig.why.gap.title": ("Accuracy lost to quantization", "量化损失的准确率"),
    "fig.why.acc.title": ("Test accuracy", "测试准确率"),
    "fig.why.subtitle": ("{mode} quantized, by hidden width", "量化{mode}，按隐藏层宽度"),
    "fig.why.x": ("hidden width (neurons, log scale)", "隐藏层宽度（神经元个数，对数刻度）"),
    "fig.why.gap.y": ("accuracy lost (percentage points)", "损失的准确率（百分点）"),
    "fig.why.acc.y": ("test accuracy (%)", "测试准确率（%）"),
    "fig.why.bits": ("{bits} bits", "{bits} 位"),
    "fig.why.float": ("float32", "float32"),
    "fig.why.live": (" · recomputed live", " · 刚刚实时重算"),
    "fig.why.gap.hover": ("width %{x}, %{customdata} parameters<br>lost %{y:.2f} pp",
                          "宽度 %{x}，%{customdata} 个参数<br>损失 %{y:.2f} pp"),
    "fig.why.acc.hover": ("width %{x}, %{customdata} parameters<br>accuracy %{y:.2f} %",
                          "宽度 %{x}，%{customdata} 个参数<br>准确率 %{y:.2f} %"),
    "why.read.title": ("What the figure shows", "图中显示了什么"),
    "why.read.high": (
        "**8 and 6 bits are nearly free** from width {second} up: at most {high:.2f} pp ({images} of "
        "{test} images). The width-{narrowest} network loses {n8:.2f} pp at 8 bits and {n6:.2f} pp at 6 bits.",
        "从宽度 {second} 起，**8 位和 6 位几乎没有损失**：最多 {high:.2f} pp（{test} 张图片中的 {images} 张）。"
        "宽度为 {narrowest} 的网络在 8 位时损失 {n8:.2f} pp，在 6 位时损失 {n6:.2f} pp。"),
    "why.read.trend": (
        "**At 4 and 3 bits the loss shrinks as the network widens**, as the over-parameterization intuition "
        "predicts: at 4 bits from {f4:.1f} pp (width {narrowest}) to {m4:.2f} pp (width {w4}); at 3 bits from "
        "{f3:.1f} pp to {m3:.1f} pp (width {w3}).",
        "**在 4 位和 3 位时，网络越宽损失越小**，正如过参数化的直觉所预测：4 位时从 {f4:.1f} pp（宽度 {narrowest}）降到 "
        "{m4:.2f} pp（宽度 {w4}）；3 位时从 {f3:.1f} pp 降到 {m3:.1f} pp（宽度 {w3}）。"),
    "why.read.rises3": (
        "**But not all the way.** Beyond width {w3} the 3-bit loss grows again, to {l3:.1f} pp at width "
        "{widest}: more neurons stopped helping. The sweep does not say why.",
        "**但并非一直如此。** 宽度超过 {w3} 后，3 位的损失又增大了，在宽度 {widest} 时为 {l3:.1f} pp：更多的神经元不再有帮助。"
        "这次扫描本身说明不了原因。"),
    "why.read.narrow": (
        "**The narrowest network is the exception to \"quantization is nearly free\".** With {narrowest} hidden "
        "neurons it reaches only {acc:.1f} % even in float32: it is not over-parameterized, and it loses more "
        "than any wider network at {bits} bits.",
        "**最窄的网络是“量化几乎无损”的例外。** 它只有 {narrowest} 个隐藏神经元，即使用 float32 也只有 {acc:.1f} % 的"
        "准确率：它没有过参数化，在 {bits} 位时损失都比任何更宽的网络大。"),
    "why.list.sep": (", ", "、"),
    "why.read.two.weights_activations": (
        "**At 2 bits no width helps**: every network loses between {lo:.0f} and {hi:.0f} pp. With 3 levels per "
        "weight and 4 per activation, rounding a trained network ruins it at any width; networks that run at 2 "
        "bits are trained with the quantization in the loop.",
        "**在 2 位时，多宽都无济于事**：每个网络都损失 {lo:.0f} 到 {hi:.0f} pp。每个权重只有 3 个级别、每个激活值只有 4 个级别，"
        "对训练好的网络做舍入，无论多宽都会把它毁掉；在 2 位下运行的网络是在训练中就带着量化的。"),
    "why.read.two.weights": (
        "**At 2 bits no width helps**: every network loses between {lo:.0f} and {hi:.0f} pp. With 3 levels per "
        "weight (−s, 0, +s for each neuron), rounding a trained network ruins it at any width; networks that "
        "run at 2 bits are trained with the quantization in the loop.",
        "**在 2 位时，多宽都无济于事**：每个网络都损失 {lo:.0f} 到 {hi:.0f} pp。每个权重只有 3 个级别（每个神经元为 −s、0、+s），"
        "对训练好的网络做舍入，无论多宽都会把它毁掉；在 2 位下运行的网络是在训练中就带着量化的。"),
    "why.read.noise": (
        "How sure is this? One trained network per width and {test} test images: one image is {pp:.2f} pp, so "
        "differences of one or two images, and the small negative losses (the quantized network happened to "
        "get an image more right), are noise. The trends at 4 and 3 bits are tens of images.",
        "结论有多可靠？每个宽度只训练了一个网络，测试图片 {test} 张：一张图片就是 {pp:.2f} pp，所以一两张图片的差别，"
        "以及小的负损失（量化后的网络碰巧多对了一张），都是噪声。4 位和 3 位的趋势是几十张图片的差别。"),
    "why.table.title": ("The numbers", "具体数字"),
    "why.col.width": ("Hidden width", "隐藏层宽度"),
    "why.col.params": ("Parameters", "参数个数"),
    "why.col.float": ("float32 accuracy (%)", "float32 准确率（%）"),
    "why.col.gap": ("{bits} bits: lost (pp)", "{bits} 位：损失（pp）"),
    "why.source.stored": ("Precomputed by `scripts/width_sweep.py` into `assets/width_sweep.json` ({n} evaluations).",
                          "由 `scripts/width_sweep.py` 预先计算，存于 `assets/width_sweep.json`（{n} 次评估）。"),
    "why.source.live": ("Recomputed live in this session: {n} evaluations in {seconds:.2f} s.",
                        "已在本次会话中实时重算：{n} 次评估，用时 {seconds:.2f} 秒。"),
    "why.recompute": ("Recompute now", "立即重算"),
    "why.recompute.help": ("Quantize and test all seven networks again, here and now (what the script does).",
                           "现在就在这里把七个网络重新量化并测试一遍（和脚本做的一样）。"),
    "why.progress": ("Evaluating: {done} of {total}", "正在评估：{done} / {total}"),
    "why.progress.done": ("Done: {total} evaluations in {seconds:.2f} s", "完成：{total} 次评估，用时 {seconds:.2f} 秒"),
    "why.same": ("The live results are identical to the stored ones.", "实时结果与存储的结果完全相同。"),
    "why.differ": ("The live results differ from the stored ones in {n} of {total} numbers: the figures now show "
                   "the live ones. Rerun `python scripts/width_sweep.py` to update the file.",
                   "实时结果与存储的结果有 {n} / {total} 个数不同：图中现在显示的是实时结果。运行 "
                   "`python scripts/width_sweep.py` 更新文件。"),
    "why.missing": ("The stored results could not be read ({error}): press \"Recompute now\".",
                    "无法读取存储的结果（{error}）：请点击“立即重算”。"),
}
