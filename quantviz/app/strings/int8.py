STRINGS = {
    "nav.int8": ("Int8 network, live", "int8 网络实时运行"),
    "int8.title": ("Run a small network in int8, live", "实时用 int8 运行一个小网络"),
    "int8.intro": (
        "The article's TFLite example, done here: a digit network is **quantized after training** "
        "(TFLite's int8 rules: symmetric int8 weights per output channel, asymmetric int8 activations "
        "calibrated on sample images, int32 biases, ReLU fused into the clamp) and then runs on "
        "**integers only**. Compare it with float32 layer by layer, change the bits, and download "
        "the very `.tflite` file.",
        "原文的 TFLite 示例，在这里亲手做一遍：一个手写数字网络经过**训练后量化**（TFLite 的 int8 "
        "规则：按输出通道对称量化的 int8 权重、用样本图像校准的非对称 int8 激活、int32 偏置、ReLU "
        "融合进截断），然后**只用整数**运行。逐层与 float32 对比，改变位数，并下载对应的 `.tflite` 文件。"),
    # --- model and input
    "int8.model": ("Model", "模型"),
    "int8.model.mlp": ("MLP 64-128-64-10", "MLP 64-128-64-10"),
    "int8.model.cnn": ("CNN (2 conv layers)", "CNN（2 个卷积层）"),
    "int8.src": ("Input", "输入"),
    "int8.src.help": ("Drawing needs a mouse, a pen or a finger. From the keyboard, choose a test image: its "
                      "slider steps through all 359 test digits with the arrow keys.",
                      "手写需要鼠标、触控笔或手指。只用键盘时，请选择测试图像：用方向键拖动其滑块，可逐一查看全部 359 张测试数字。"),
    "int8.src.test": ("a test image", "测试图像"),
    "int8.src.draw": ("draw a digit", "手写一个数字"),
    "int8.src.noise": ("random noise", "随机噪声"),
    "int8.img": ("Test image", "测试图像编号"),
    "int8.img.caption": ("Test image {i} of 359, labelled **{label}**.", "第 {i} 张测试图像（共 359 张），标签为 **{label}**。"),
    "int8.seed": ("Noise seed", "噪声种子"),
    "int8.noise.caption": ("Uniform random pixels 0..16: no digit at all. Watch how sure each model still is.",
                           "0..16 的均匀随机像素：根本不是数字。看看两个模型仍然有多“确定”。"),
    "int8.draw.help": ("Draw one digit with the mouse or a finger; it is cropped, centred and counted "
                       "into 8x8 pixels of 0..16, like the data set. Without a mouse or touch screen, choose "
                       "“a test image” above: the keyboard steps through all 359 test digits.",
                       "用鼠标或手指写一个数字；它会被裁剪、居中，并统计成 8x8、取值 0..16 的像素，与数据集一致。"
                       "没有鼠标或触摸屏时，请在上方选择“测试图像”：用键盘即可逐一查看全部 359 张测试数字。"),
    "int8.draw.empty": ("The canvas is empty: draw a digit in the box.", "画布是空的：请在框中写一个数字。"),
    "int8.draw.unavailable": ("The drawing canvas could not start here ({error}); showing a test image instead.",
                              "绘图画布无法在此启动（{error}）；改为显示一张测试图像。"),
    # --- quantization controls
    "int8.controls": ("Quantization: bits, per channel or tensor, calibration, rounding",
                      "量化设置：位数、逐通道或逐张量、校准、舍入"),
    "int8.wbits": ("Weight bits", "权重位数"),
    "int8.abits": ("Activation bits", "激活位数"),
    "int8.abits.help": ("Activations are asymmetric, codes -2^(b-1) .. 2^(b-1)-1 (int8: -128..127).",
                        "激活为非对称量化，编码 -2^(b-1) .. 2^(b-1)-1（int8：-128..127）。"),
    "int8.gran": ("Weight scales", "权重缩放粒度"),
    "int8.gran.channel": ("per channel", "逐通道"),
    "int8.gran.tensor": ("per tensor", "逐张量"),
    "int8.calib": ("Calibration", "校准方法"),
    "int8.calib.minmax": ("min-max", "最小-最大值"),
    "int8.calib.percentile": ("percentile 99.99", "百分位 99.99"),
    "int8.calib.mse": ("least squared error", "最小均方误差"),
    "int8.calib.entropy": ("entropy (KL)", "熵（KL 散度）"),
    "int8.ncal": ("Calibration images", "校准图像数"),
    "int8.ncal.help": ("Activation ranges are measured on the float model over the first N of 199 "
                       "calibration images (never the test images).",
                       "激活范围在浮点模型上测得，使用 199 张校准图像中的前 N 张（从不使用测试图像）。"),
    "int8.mode": ("Compute", "计算方式"),
    "int8.mode.int": ("full integer", "全整数"),
    "int8.mode.weight": ("weight-only", "仅量化权重"),
    "int8.mode.help": ("Weight-only: weights are stored as integers but dequantized to float32 and "
                       "computed in float; full integer: every layer runs on integer codes.",
                       "仅量化权重：权重以整数存储，但反量化为 float32 后用浮点计算；全整数：每一层都在整数编码上运行。"),
    "int8.round": ("Requantization rounding", "重新量化的舍入"),
    "int8.round.litert": ("as LiteRT's reference kernels", "同 LiteRT 参考内核"),
    "int8.round.single": ("once (TFLITE_SINGLE_ROUNDING)", "一次（TFLITE_SINGLE_ROUNDING）"),
    "int8.round.double": ("twice (gemmlowp)", "两次（gemmlowp）"),
    "int8.round.xnnpack": ("as LiteRT's optimized kernels (XNNPACK)", "同 LiteRT 优化内核（XNNPACK）"),
    "int8.round.help": (
        "How the int32 accumulator is scaled by M = M0 * 2^(shift-31). Measured on ai-edge-litert "
        "2.3.0: its reference FULLY_CONNECTED rounds once, its reference CONV_2D twice; its default "
        "optimized kernels (XNNPACK) scale in float32 and round the input's halves to even.",
        "int32 累加值如何乘以 M = M0 * 2^(shift-31)。在 ai-edge-litert 2.3.0 上实测：参考实现的 "
        "FULLY_CONNECTED 只舍入一次，参考实现的 CONV_2D 舍入两次；默认的优化内核（XNNPACK）用 float32 缩放，"
        "并把输入的 .5 舍入到偶数。"),
    "int8.litert.ties": (
        "Why the optimized kernels can differ: XNNPACK quantizes the input as x · (1/s) rounded half to "
        "even, where the reference kernels divide x / s and round halves away from zero, and it rescales "
        "each layer's int32 sum in float32 instead of fixed point. A value exactly halfway between two codes "
        "(a pixel of 0.3 with input scale 1/255 is exactly 76.5: 76 there, 77 here) or a float32 rounding of "
        "the rescaled sum then moves a code by one, and that can reach the output. Choose “as LiteRT's "
        "optimized kernels (XNNPACK)” under requantization rounding to compute exactly as they do.",
        "优化内核为何可能不同：XNNPACK 把输入量化为 x · (1/s) 并把 .5 舍入到偶数，而参考内核计算 x / s 并把 .5 "
        "向远离零的方向舍入；并且它用 float32（而非定点数）缩放每层的 int32 累加值。恰好位于两个编码正中间的值"
        "（输入 scale 为 1/255 时，像素 0.3 恰为 76.5：那里得 76，这里得 77），或缩放后累加值的一次 float32 舍入，"
        "都会让某个编码差 1，并可能传到输出。在“重新量化的舍入”中选择“同 LiteRT 优化内核（XNNPACK）”，"
        "即可与之完全一致地计算。"),
    # --- side by side
    "int8.pred.sub": ("Float32 and int8 side by side", "float32 与 int8 并排对比"),
    "int8.pred.float": ("float32 predicts", "float32 预测"),
    "int8.pred.int": ("quantized predicts", "量化模型预测"),
    "int8.pred.same": ("same answer", "答案相同"),
    "int8.pred.diff": ("a different answer", "答案不同"),
    "fig.int8.digit.title": ("The input (8x8)", "输入（8x8）"),
    "fig.int8.digit.colorbar": ("ink (0..16)", "墨迹（0..16）"),
    "fig.int8.digit.hover": ("ink %{z} of 16", "墨迹 %{z} / 16"),
    "fig.int8.prob.title": ("Class probabilities: float32 against quantized", "各类别概率：float32 对比量化模型"),
    "fig.int8.prob.x": ("digit (class)", "数字（类别）"),
    "fig.int8.prob.y": ("probability (%)", "概率（%）"),
    "fig.int8.prob.float": ("float32", "float32"),
    "fig.int8.prob.int": ("quantized", "量化"),
    # --- layers
    "int8.layers.sub": ("Where precision is lost, layer by layer", "精度在哪里丢失：逐层查看"),
    "int8.layers.text": (
        "Each bar compares one layer's output in float32 with the dequantized int8 output "
        "`s * (q - z)` for this input: signal-to-quantization-noise ratio, higher is better "
        "(each 6 dB is about one more bit). Errors add up from layer to layer.",
        "每根柱子比较某一层在该输入下的 float32 输出与反量化后的 int8 输出 `s * (q - z)`："
        "信号与量化噪声之比，越高越好（每 6 dB 约相当于多一位）。误差会逐层累积。"),
    "int8.layers.weight": ("Weight-only: every layer computes in float, so only the weights' rounding shows.",
                           "仅量化权重：每一层都用浮点计算，所以只体现权重的舍入误差。"),
    "int8.layer": ("Layer to inspect", "查看的层"),
    "fig.int8.sqnr.title": ("SQNR of each layer's output", "各层输出的 SQNR"),
    "fig.int8.sqnr.x": ("layer (output)", "层（输出）"),
    "fig.int8.sqnr.y": ("SQNR (dB)", "SQNR（dB）"),
    "fig.int8.sqnr.exact": ("exact", "精确"),
    "fig.int8.sqnr.hover": ("%{x}: %{text} dB", "%{x}：%{text} dB"),
    "fig.int8.act.title": ("{layer}: float32 against dequantized int8 ({n} values)",
                           "{layer}：float32 对比反量化的 int8（{n} 个值）"),
    "fig.int8.act.x": ("float32 activation (real value)", "float32 激活（实数值）"),
    "fig.int8.act.y": ("dequantized activation (real value)", "反量化激活（实数值）"),
    "fig.int8.act.identity": ("no error (y = x)", "无误差（y = x）"),
    "fig.int8.act.values": ("values", "数值"),
    # --- whole test set
    "int8.test.sub": ("Over the whole test set (359 images)", "整个测试集（359 张图像）"),
    "int8.test.float": ("float32 accuracy", "float32 准确率"),
    "int8.test.quant": ("quantized accuracy", "量化后准确率"),
    "int8.time.float": ("float32 inference, 359 images", "float32 推理，359 张"),
    "int8.time.int": ("quantized inference, 359 images", "量化推理，359 张"),
    "int8.time.help": ("Measured here in numpy, best of 5 runs; numpy has no integer matrix product, "
                       "so int8 is not faster here, unlike on a phone.",
                       "在此处用 numpy 实测，取 5 次中最快的一次；numpy 没有整数矩阵乘法，所以这里 int8 "
                       "并不更快，而在手机上会更快。"),
    "int8.time.litert": ("int8 in LiteRT's optimized kernels, 359 images", "int8 在 LiteRT 优化内核中，359 张"),
    "int8.time.litert.help": ("The .tflite file below, run by LiteRT's default (optimized) kernels on this "
                              "machine, best of 5 runs.",
                              "下方的 .tflite 文件，在本机由 LiteRT 默认（优化）内核运行，取 5 次中最快的一次。"),
    "int8.time.why": (
        "Why is the quantized network not faster here? numpy has no int8 matrix product: it computes "
        "the integer layers in int32 and rescales them, more work than one float32 product. Phones and "
        "servers run int8 on integer kernels; LiteRT's optimized kernels, which run the .tflite file "
        "below, are the real comparison.",
        "为什么这里量化网络并不更快？numpy 没有 int8 矩阵乘法：它以 int32 计算整数层再重新缩放，比一次 float32 "
        "乘法做的事更多。手机和服务器用整数内核运行 int8；下方运行 .tflite 文件的 LiteRT 优化内核才是真正的对比。"),
    "int8.table.sub": ("Accuracy by weight quantization scheme", "不同权重量化方案的准确率"),
    "int8.table.caption": (
        "In the manner of Krishnamoorthi (2018), tables 2 to 4: test accuracy (%) of both models; "
        "activations, calibration and compute as chosen above.",
        "仿照 Krishnamoorthi（2018）表 2 至表 4：两个模型的测试准确率（%）；激活、校准与计算方式按上方的选择。"),
    "int8.table.scheme": ("weights", "权重"),
    "int8.table.bits": ("bits", "位数"),
    "int8.table.float": ("float32 (no quantization)", "float32（不量化）"),
    "int8.table.tensor_asym": ("per tensor, asymmetric", "逐张量，非对称"),
    "int8.table.channel_sym": ("per channel, symmetric", "逐通道，对称"),
    "int8.table.channel_asym": ("per channel, asymmetric", "逐通道，非对称"),
    "int8.size.sub": ("Model size", "模型大小"),
    "int8.size.what": ("parameters stored as", "参数存储为"),
    "int8.size.bytes": ("size (bytes)", "大小（字节）"),
    "int8.size.ratio": ("of float32 (%)", "占 float32 的比例（%）"),
    "int8.size.float32": ("float32", "float32"),
    "int8.size.int8": ("int8 weights, int32 biases, scales", "int8 权重、int32 偏置、缩放参数"),
    "int8.size.packed": ("{bits}-bit weights packed, int32 biases, scales", "{bits} 位权重紧密打包、int32 偏置、缩放参数"),
    "int8.size.tflite": (".tflite file (whole model)", ".tflite 文件（整个模型）"),
    # --- the .tflite file
    "int8.tflite.sub": ("The .tflite file", ".tflite 文件"),
    "int8.tflite.text": (
        "The same integer model as a TFLite flatbuffer: float input → QUANTIZE → int8 layers "
        "(NHWC, conv weights OHWI) → DEQUANTIZE. Open it in Netron or run it with LiteRT.",
        "同一个整数模型，写成 TFLite flatbuffer：浮点输入 → QUANTIZE → int8 各层（NHWC，卷积权重 OHWI）"
        "→ DEQUANTIZE。可以用 Netron 打开，或用 LiteRT 运行。"),
    "int8.tflite.download": ("Download .tflite", "下载 .tflite"),
    "int8.tflite.none": ("No .tflite file for this setting: {reason}.", "此设置没有 .tflite 文件：{reason}。"),
    "int8.tflite.reason.mode": ("weight-only quantization computes in float", "仅量化权重时用浮点计算"),
    "int8.tflite.reason.bits": ("TFLite's int8 kernels need 8-bit activations", "TFLite 的 int8 内核需要 8 位激活"),
    "int8.litert.ok": ("LiteRT agrees on **{same}/{n}** test images: its reference kernels give the very "
                       "same int8 output codes.",
                       "LiteRT 在 **{same}/{n}** 张测试图像上一致：它的参考内核给出完全相同的 int8 输出编码。"),
    "int8.litert.partial": ("LiteRT's reference kernels agree on **{same}/{n}** test images (the same "
                            "prediction on {pred}/{n}): this rounding is not the one they use.",
                            "LiteRT 参考内核在 **{same}/{n}** 张测试图像上一致（预测相同 {pred}/{n}）："
                            "这种舍入方式不是它们所用的。"),
    "int8.litert.optimized": ("Its default optimized kernels (XNNPACK) give the same codes on {same}/{n} "
                              "images and the same prediction on {pred}/{n}.",
                              "其默认的优化内核（XNNPACK）在 {same}/{n} 张图像上编码相同，{pred}/{n} 张预测相同。"),
    "int8.litert.missing": ("Install ai-edge-litert to check the file against LiteRT here.",
                            "安装 ai-edge-litert 即可在此用 LiteRT 检验该文件。"),
    "int8.formulas": ("The formulas, as the code computes them", "公式（与代码的计算完全一致）"),
    # --- inspect
    "int8.inspect.sub": ("Inspect a .tflite file", "查看 .tflite 文件"),
    "int8.inspect.upload": ("A .tflite file (at most 50 MiB)", ".tflite 文件（不超过 50 MiB）"),
    "int8.inspect.none": ("Upload a .tflite file (for instance the one above) to list its tensors.",
                          "上传一个 .tflite 文件（例如上面下载的那个），即可列出其中的张量。"),
    "int8.inspect.bad": ("This file cannot be inspected. {error}", "无法查看此文件。{error}"),
    "int8.inspect.big": ("The file is larger than 50 MiB: choose a smaller model.", "文件超过 50 MiB：请选择更小的模型。"),
    "int8.inspect.ops": ("{name}: {n:,} tensors; operators: {ops}.", "{name}：{n:,} 个张量；算子：{ops}。"),
    "int8.inspect.name": ("tensor", "张量"),
    "int8.inspect.dtype": ("type", "类型"),
    "int8.inspect.shape": ("shape", "形状"),
    "int8.inspect.scale": ("scale", "缩放系数"),
    "int8.inspect.zp": ("zero point", "零点"),
    "int8.inspect.const": ("constant", "常量"),
    "int8.inspect.yes": ("yes", "是"),
    "int8.inspect.no": ("no", "否"),
    "int8.inspect.channels": ("{n} channels: {first} … {last}", "{n} 个通道：{first} … {last}"),
}
