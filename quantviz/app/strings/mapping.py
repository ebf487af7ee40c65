STRINGS = {
    "nav.mapping": ("The mapping", "映射"),
    "mapping.title": ("From floats to integers: the mapping and what it loses",
                      "从浮点到整数：映射本身与它丢掉的东西"),
    "mapping.intro": (
        "Every real value x is stored as an integer code q = round(x / scale) + zero_point, clamped "
        "to [qmin, qmax], and read back as x̂ = scale · (q − zero_point). Move the range, the scale, "
        "the zero point or the bit width and watch the grid, the staircase and the error move.",
        "每个实数 x 存为整数编码 q = round(x / scale) + zero_point，并截断到 [qmin, qmax]；读回时为 "
        "x̂ = scale · (q − zero_point)。拖动范围、scale、zero point 或位宽，观察网格、阶梯和误差如何变化。"),
    # controls
    "mapping.preset": ("Article's example: [{rmin:g}, {rmax:g}] → uint8", "原文示例：[{rmin:g}, {rmax:g}] → uint8"),
    "mapping.preset.help": ("Uniform data in [{rmin:g}, {rmax:g}], {bits}-bit unsigned, min-max range: scale {scale}, "
                            "zero point {zp_real}.",
                            "[{rmin:g}, {rmax:g}] 上的均匀数据，{bits} 位无符号，min-max 范围：scale {scale}，"
                            "zero point {zp_real}。"),
    "mapping.preset.done": ("The article's example is loaded: see the formulas and the zero point table below.",
                            "已载入原文示例：见下方公式与 zero point 对照表。"),
    "mapping.more": ("Codes, scheme and data: signed, symmetric, narrow range, framework, size",
                     "编码、方案与数据：有符号、对称、窄范围、框架、数据量"),
    "mapping.data": ("Values to quantize", "要量化的数值"),
    "mapping.data.help": ("Synthetic distributions drawn with a seed, or the article's case.",
                          "带随机种子的合成分布，或原文的例子。"),
    "mapping.data.article": ("the article's case: uniform in [{rmin:g}, {rmax:g}]", "原文的例子：[{rmin:g}, {rmax:g}] 上均匀分布"),
    "mapping.data.normal": ("normal (bell curve)", "正态分布"),
    "mapping.data.uniform": ("uniform in [-0.5, 1.5]", "[-0.5, 1.5] 上均匀分布"),
    "mapping.data.laplace": ("Laplace (sharp peak, long tails)", "拉普拉斯分布（尖峰长尾）"),
    "mapping.data.outliers": ("normal with a few large outliers", "带少量大离群值的正态分布"),
    "mapping.data.bimodal": ("bimodal (two bumps)", "双峰分布"),
    "mapping.data.layer": ("trained network {model}: {tensor}", "训练好的网络 {model}：{tensor}"),
    "mapping.n": ("How many values", "数值个数"),
    "mapping.n.help": ("From 1 to 1,000,000.", "1 到 1,000,000。"),
    "mapping.seed": ("Random seed", "随机种子"),
    "mapping.nonfinite": ("Add a few NaN and ±inf", "混入少量 NaN 和 ±inf"),
    "mapping.nonfinite.help": ("Real tensors sometimes hold them: they are counted, excluded and reported.",
                               "真实张量中有时会出现它们：会被计数、排除并报告。"),
    "mapping.bits": ("Bits", "位宽"),
    "mapping.bits.help": ("2^bits integer codes.", "共 2^bits 个整数编码。"),
    "mapping.signed": ("Signed codes (int)", "有符号编码（int）"),
    "mapping.symmetric": ("Symmetric (zero point fixed)", "对称（zero point 固定）"),
    "mapping.symmetric.help": ("The range is set by max(|rmin|, |rmax|); the zero point is 0 (signed) or the middle code.",
                               "范围由 max(|rmin|, |rmax|) 决定；zero point 为 0（有符号）或中间编码。"),
    "mapping.narrow": ("Narrow range", "窄范围"),
    "mapping.narrow.help": ("Drop the lowest code: [-127, 127] instead of [-128, 127] (signed), [1, 255] "
                            "instead of [0, 255] (unsigned).",
                            "去掉最小编码：有符号时用 [-127, 127] 代替 [-128, 127]，无符号时用 [1, 255] 代替 [0, 255]。"),
    "mapping.scheme": ("Arithmetic of", "采用谁的算法"),
    "mapping.scheme.help": ("How scale and zero point are computed and how ties are rounded.",
                            "scale 与 zero point 的计算方式及舍入规则。"),
    "mapping.scheme.exact": ("exact (float64, ties to even)", "精确（float64，五成双）"),
    "mapping.mode": ("Set the mapping by", "设定映射的方式"),
    "mapping.mode.range": ("range", "范围"),
    "mapping.mode.qparams": ("scale and zero point", "scale 与 zero point"),
    "mapping.calib": ("Range from", "范围来自"),
    "mapping.calib.help": ("A calibration method picks the range from the data; choose “your sliders” to set it by hand.",
                           "由校准方法从数据中选取范围；选择“手动滑块”即可自行设定。"),
    "mapping.range.help": ("Set by the calibration method; move it and “Range from” becomes “your sliders”.",
                           "由校准方法设定；拖动它，“范围来自”即变为“手动滑块”。"),
    "mapping.calib.manual": ("your sliders", "手动滑块"),
    "mapping.calib.minmax": ("min-max", "最小-最大值"),
    "mapping.calib.percentile": ("percentile", "百分位数"),
    "mapping.calib.mse": ("least MSE", "最小均方误差"),
    "mapping.calib.entropy": ("entropy (KL)", "熵（KL 散度）"),
    "mapping.pct": ("Percentile p (%)", "百分位数 p（%）"),
    "mapping.pct.help": ("Keep the values between the (100 − p) and p percentiles. With ONNX Runtime's arithmetic, "
                         "as its PercentileCalibrater: read from a 2048-bin histogram, (100 − p) / 2 % cut on each "
                         "side (symmetric: the p percentile of |x|).",
                         "保留 (100 − p) 与 p 百分位数之间的值。采用 ONNX Runtime 的算法时，与其 PercentileCalibrater "
                         "一致：从 2048 个区间的直方图中读取，两侧各去掉 (100 − p) / 2 %（对称时取 |x| 的 p 百分位数）。"),
    "mapping.rmin": ("rmin (real value)", "rmin（实数值）"),
    "mapping.rmax": ("rmax (real value)", "rmax（实数值）"),
    "mapping.scale": ("scale (real value per code step)", "scale（每个编码台阶对应的实数值）"),
    "mapping.zp": ("zero point (integer code)", "zero point（整数编码）"),
    "mapping.logy": ("Logarithmic count axis", "计数轴取对数"),
    # notices
    "mapping.notice.inverted": ("rmin ({rmin:.4g}) is larger than rmax ({rmax:.4g}): the two were swapped.",
                                "rmin（{rmin:.4g}）大于 rmax（{rmax:.4g}）：已交换两者。"),
    "mapping.notice.empty": ("rmin = rmax = {r:.4g}: an empty range. It is widened to include 0.",
                             "rmin = rmax = {r:.4g}：范围为空，已扩展到包含 0。"),
    "mapping.notice.zero": ("The range is [0, 0]: every value is stored as the zero point (scale {scale:.4g}).",
                            "范围为 [0, 0]：所有值都存为 zero point（scale {scale:.4g}）。"),
    "mapping.notice.invalid": ("These settings do not work: {message}. Showing {fallback} instead.",
                               "这些设置不可用：{message}。改为显示 {fallback}。"),
    "mapping.notice.fallback.narrow": ("the full range (narrow off)", "完整范围（关闭窄范围）"),
    "mapping.notice.fallback.default": ("the default 8-bit mapping", "默认的 8 位映射"),
    "mapping.notice.scale": ("The scale must be a positive number (got {scale}); using {fallback:.6g}, the min-max scale.",
                             "scale 必须为正数（当前 {scale}）；改用 min-max 的 scale {fallback:.6g}。"),
    "mapping.notice.tiny_scale": ("A scale below {floor:g} cannot be computed with; using {floor:g}.",
                                  "scale 小于 {floor:g} 时无法计算；改用 {floor:g}。"),
    "mapping.notice.zp": ("The zero point {zp} lies outside the codes [{qmin}, {qmax}], so 0.0 could not be stored; "
                          "using {fixed}.",
                          "zero point {zp} 超出编码范围 [{qmin}, {qmax}]，0.0 将无法表示；改用 {fixed}。"),
    "mapping.notice.one_bit": ("1 bit leaves two codes: every value becomes one of two real values.",
                               "1 位只有两个编码：每个值都变成两个实数之一。"),
    "mapping.notice.nonfinite": ("{total} of the values are not finite ({nan} NaN, {pinf} +inf, {ninf} −inf): "
                                 "they have no place on the grid and are excluded from every figure and number.",
                                 "有 {total} 个值不是有限数（{nan} 个 NaN，{pinf} 个 +inf，{ninf} 个 −inf）："
                                 "它们在网格上没有位置，已从所有图表和数字中排除。"),
    "mapping.notice.no_finite": ("No finite values are left: showing the data without NaN and inf.",
                                 "没有剩下有限值：改为显示不含 NaN 和 inf 的数据。"),
    "mapping.notice.beyond_float32": ("Some codes stand for values beyond float32's largest number (about 3.4e38): "
                                      "read back as float32 they become ±inf. Lower the scale.",
                                      "部分编码代表的值超出了 float32 的最大值（约 3.4e38）：读回 float32 时会变成 ±inf。"
                                      "请减小 scale。"),
    "mapping.notice.clipped": ("{pct:.1f}% of the values lie outside the range and are clipped: widen the range "
                               "or raise the scale.",
                               "{pct:.1f}% 的值落在范围之外被截断：请扩大范围或增大 scale。"),
    "mapping.notice.symmetric_qparams": ("With scale and zero point set by hand, “symmetric” has no effect.",
                                         "手动设定 scale 与 zero point 时，“对称”选项不起作用。"),
    # the main figure
    "mapping.fig.hist.title": ("The values on the grid of codes, and the mapping x → q below",
                               "数值分布与编码网格，下方为映射 x → q"),
    "mapping.fig.hist.x": ("real value x", "实数值 x"),
    "mapping.fig.hist.y": ("values per bin (count)", "每个区间的数值个数"),
    "mapping.fig.hist.kept": ("values inside the range", "范围内的值"),
    "mapping.fig.hist.clipped": ("values clipped", "被截断的值"),
    "mapping.fig.hist.grid": ("every {k}th of the {levels} levels", "{levels} 个级别中每隔 {k} 个画一条"),
    "mapping.fig.hist.grid_all": ("levels: the reals the codes stand for", "级别：各编码代表的实数"),
    "mapping.fig.hist.clip_region": ("clipped: stored as qmin or qmax", "截断区：存为 qmin 或 qmax"),
    "mapping.fig.hist.range": ("rmin, rmax in use", "当前的 rmin、rmax"),
    "mapping.fig.pick.minmax": ("min-max", "最小-最大值"),
    "mapping.fig.pick.percentile": ("percentile", "百分位数"),
    "mapping.fig.pick.mse": ("least MSE", "最小均方误差"),
    "mapping.fig.pick.entropy": ("entropy", "熵"),
    # tabs
    "mapping.figure": ("Look closer at", "细看"),
    "mapping.figure.help": ("Pick a figure to draw it under the main one; pick it again to hide it.",
                            "选择一张图显示在主图下方；再点一次即可隐藏。"),
    "mapping.tab.error": ("Error", "误差"),
    "mapping.tab.levels": ("Many floats, one integer", "多个浮点，一个整数"),
    "mapping.tab.tradeoff": ("Range trade-off", "范围的取舍"),
    "mapping.fig.stair.y": ("integer code q", "整数编码 q"),
    "mapping.fig.stair.ideal": ("ideal x / scale + zero point", "理想直线 x / scale + zero point"),
    "mapping.fig.stair.codes": ("stored code q", "存储的编码 q"),
    "mapping.fig.stair.outside": ("codes outside [{lo}, {hi}], the codes the scale was chosen for",
                                  "[{lo}, {hi}]（scale 所依据的编码）之外的编码"),
    "mapping.saturation.note": (
        "The scale was chosen for the codes [{lo}, {hi}], yet ONNX Runtime's QuantizeLinear saturates to "
        "its type's [{qmin}, {qmax}]: a value beyond the range is not clamped to {lo} but can still become "
        "{qmin} (the red step of the staircase).",
        "scale 是按编码 [{lo}, {hi}] 选取的，而 ONNX Runtime 的 QuantizeLinear 饱和到其类型的 [{qmin}, {qmax}]："
        "超出范围的值不会被截断到 {lo}，仍可能变成 {qmin}（阶梯上的红色台阶）。"),
    "mapping.fig.stair.hover": ("x = %{x:.5g}<br>q = %{y}<br>x̂ = %{customdata:.5g}",
                                "x = %{x:.5g}<br>q = %{y}<br>x̂ = %{customdata:.5g}"),
    "mapping.fig.stair.caption": ("Below the histogram, each real x goes to an integer code q: beyond the range "
                                  "the staircase is flat while the ideal line goes on (the clamp). Hover a step to "
                                  "read x → q → x̂.",
                                  "直方图下方：每个实数 x 对应一个整数编码 q；超出范围后阶梯变平，而理想直线继续延伸"
                                  "（截断）。把鼠标移到台阶上可读出 x → q → x̂。"),
    "mapping.fig.err.title": ("Reconstruction error x̂ − x for every real x", "每个实数 x 的重建误差 x̂ − x"),
    "mapping.fig.err.x": ("real value x", "实数值 x"),
    "mapping.fig.err.y": ("error x̂ − x (real units)", "误差 x̂ − x（实数单位）"),
    "mapping.fig.err.error": ("error x̂ − x", "误差 x̂ − x"),
    "mapping.fig.err.band": ("sawtooth within ±scale/2 (fewer bits show its teeth)", "±scale/2 内的锯齿（减少位宽可看清锯齿）"),
    "mapping.fig.err.bound": ("±scale/2", "±scale/2"),
    "mapping.fig.err.hover": ("x = %{x:.5g}<br>x̂ − x = %{y:.3g}", "x = %{x:.5g}<br>x̂ − x = %{y:.3g}"),
    "mapping.fig.errhist.title": ("How the errors of the values are distributed", "各数值误差的分布"),
    "mapping.fig.errhist.y": ("values per bin (count)", "每个区间的数值个数"),
    "mapping.fig.err.caption": ("Inside the range the error is a sawtooth between −scale/2 and +scale/2 "
                                "(red beyond it: clipping error, which grows without bound).",
                                "范围内误差是介于 −scale/2 与 +scale/2 之间的锯齿（红色为超出部分：截断误差，会无限增大）。"),
    "mapping.fig.codes.title": ("How many distinct floats each integer code stands for",
                                "每个整数编码代表多少个不同的浮点数"),
    "mapping.fig.codes.x": ("integer code q", "整数编码 q"),
    "mapping.fig.codes.y": ("distinct input values (count)", "不同输入值的个数"),
    "mapping.fig.codes.hover": ("q = %{x}<br>%{y:,} distinct values<br>from %{customdata[0]:.5g} to %{customdata[1]:.5g}",
                                "q = %{x}<br>%{y:,} 个不同的值<br>从 %{customdata[0]:.5g} 到 %{customdata[1]:.5g}"),
    "mapping.fig.codes.grouped": ("sum over {k} neighbouring codes per bar", "每根柱子合计 {k} 个相邻编码"),
    "mapping.fig.codes.caption": ("{distinct:,} distinct finite values share {used:,} codes: on average {avg:,.1f} "
                                  "floats per code in use, at most {most:,} (code {q}).",
                                  "{distinct:,} 个不同的有限值共用 {used:,} 个编码：每个被使用的编码平均对应 {avg:,.1f} 个浮点数，"
                                  "最多 {most:,} 个（编码 {q}）。"),
    "mapping.fig.trade.title": ("Shrinking the range: less rounding error, more clipping error",
                                "缩小范围：舍入误差减小，截断误差增大"),
    "mapping.fig.trade.x": ("range kept (% of the min-max range)", "保留的范围（占最小-最大范围的 %）"),
    "mapping.fig.trade.y": ("mean squared error (real units²)", "均方误差（实数单位²）"),
    "mapping.fig.trade.rounding": ("rounding error", "舍入误差"),
    "mapping.fig.trade.clipping": ("clipping error", "截断误差"),
    "mapping.fig.trade.total": ("total MSE", "总均方误差"),
    "mapping.fig.trade.current": ("your range", "当前范围"),
    "mapping.fig.trade.hover": ("%{x:.1f}% of the range<br>MSE %{y:.3g}", "保留 %{x:.1f}%<br>均方误差 %{y:.3g}"),
    "mapping.fig.trade.caption": ("Min-max keeps every value but spends levels on rare outliers; the method with "
                                  "the lowest point on the total curve wins for this data.",
                                  "最小-最大值保留了所有值，却把级别浪费在少见的离群值上；总误差曲线上最低的方法最适合这组数据。"),
    "mapping.fig.trade.qparams": ("The sweep follows ranges; with scale and zero point set by hand, your mapping is "
                                  "marked at the range it covers.",
                                  "扫描针对的是范围；手动设定 scale 与 zero point 时，按其覆盖的范围标出当前映射。"),
    # numbers
    "mapping.numbers": ("The numbers", "数值"),
    "mapping.m.quantity": ("quantity", "量"),
    "mapping.m.value": ("value", "值"),
    "mapping.m.scale": ("scale", "scale"),
    "mapping.m.scale.value": ("{scale:.6g} per code", "每个编码 {scale:.6g}"),
    "mapping.m.scale.help": ("The real width of one integer step: x̂ = scale · (q − zero_point).",
                             "一个整数台阶的实数宽度：x̂ = scale · (q − zero_point)。"),
    "mapping.m.zp": ("zero point", "zero point"),
    "mapping.m.zp.help": ("Before rounding (the exact real code of 0.0) → the integer stored.",
                          "取整前（0.0 对应的精确实数编码）→ 实际存储的整数。"),
    "mapping.m.codes": ("integer codes", "整数编码"),
    "mapping.m.codes.value": ("[{qmin}, {qmax}]: {bits}-bit {kind} codes, held in {dtype}",
                              "[{qmin}, {qmax}]：{bits} 位{kind}编码，以 {dtype} 存放"),
    "mapping.m.codes.signed": ("signed", "有符号"),
    "mapping.m.codes.unsigned": ("unsigned", "无符号"),
    "mapping.m.range": ("range the codes cover", "编码覆盖的范围"),
    "mapping.m.mse": ("MSE (real units²)", "均方误差（实数单位²）"),
    "mapping.m.sqnr": ("SQNR", "信号量化噪声比"),
    "mapping.m.sqnr.help": ("10 · log10(Σx² / Σ(x − x̂)²): each 6 dB is about one bit.",
                            "10 · log10(Σx² / Σ(x − x̂)²)：每 6 dB 约等于 1 位。"),
    "mapping.m.maxerr": ("max |x − x̂| (real units)", "最大 |x − x̂|（实数单位）"),
    "mapping.m.clipped": ("clipped", "被截断"),
    "mapping.m.clipped.value": ("{pct:.3g}% ({count:,} values)", "{pct:.3g}%（{count:,} 个值）"),
    "mapping.m.levels": ("levels used", "已使用的级别"),
    "mapping.m.levels.value": ("{used:,} of {levels:,} (2^{bits})", "{levels:,} 中的 {used:,}（2^{bits}）"),
    "mapping.m.storage": ("storage", "存储空间"),
    "mapping.m.storage.value": ("{ratio:.3g}× smaller: {f32:,} → {packed:,} bytes", "缩小 {ratio:.3g} 倍：{f32:,} → {packed:,} 字节"),
    "mapping.m.storage.help": ("float32 against {bits}-bit codes packed; stored as {dtype}, the codes take {stored:,} bytes.",
                               "float32 与紧密存放的 {bits} 位编码相比；若以 {dtype} 存放，编码占 {stored:,} 字节。"),
    "mapping.m.values": ("finite values", "有限值"),
    "mapping.m.values.value": ("{n:,} of {total:,}", "{total:,} 中的 {n:,}"),
    # formulas
    "mapping.formulas": ("The formulas, with your numbers", "公式，代入当前数值"),
    "mapping.formulas.widened": ("The range is first widened to include 0, so that 0.0 has an exact code.",
                                 "范围先扩展到包含 0，使 0.0 有精确的编码。"),
    "mapping.formulas.example": ("One value through the mapping:", "一个值走完整个映射："),
    "mapping.formulas.general": ("In general:", "一般形式："),
    # frameworks
    "mapping.frameworks": ("What each framework computes for this range", "各框架对此范围的计算结果"),
    "mapping.frameworks.caption": ("Cells that differ from the exact float64 result are highlighted.",
                                   "与精确 float64 结果不同的单元格已高亮。"),
    "mapping.frameworks.versions": (
        "Each row computes as its framework does, bit for bit: PyTorch 2.13, ONNX Runtime 1.32 and LiteRT 2.3 "
        "(TFLite's runtime), checked against the libraries themselves on random values, ties and values beyond "
        "the range. “Scale chosen for” is the range of codes the scale spreads the values over; “codes” is where "
        "the quantize operation saturates. ONNX Runtime chooses its symmetric int8 scale for [−127, 127], but its "
        "QuantizeLinear saturates to [−128, 127]; TFLite's converter clamps weights to [−127, 127], while "
        "LiteRT's QUANTIZE operation saturates to [−128, 127].",
        "每一行都按对应框架的方式逐位计算：PyTorch 2.13、ONNX Runtime 1.32 与 LiteRT 2.3（TFLite 的运行时），"
        "并已用这些库本身在随机值、恰好居中的值和超出范围的值上核对。“scale 依据的编码”是 scale 用来铺开数值的编码范围；"
        "“编码”是量化运算饱和的位置。ONNX Runtime 按 [−127, 127] 选取对称 int8 的 scale，但其 QuantizeLinear "
        "饱和到 [−128, 127]；TFLite 的转换器把权重截断到 [−127, 127]，而 LiteRT 的 QUANTIZE 运算饱和到 [−128, 127]。"),
    "mapping.frameworks.unchecked": (
        "{names}: no {bits}-bit {kind} codes in the library, so its rows apply its rules to these codes "
        "(checked against the library only at the widths it has).",
        "{names}：库中没有 {bits} 位{kind}编码，这些行只是把它的规则套用到这些编码上（仅在库支持的位宽上与库本身核对过）。"),
    "mapping.fw.kind.signed": ("signed", "有符号"),
    "mapping.fw.kind.unsigned": ("unsigned", "无符号"),
    "mapping.frameworks.more": ("What depends on the version", "哪些取决于版本"),
    "mapping.frameworks.more.body": (
        "- **ONNX Runtime 1.32** converts rmin and rmax to float64 *before* computing rmax − rmin; earlier "
        "releases subtracted in float32, so about one range in eight got a scale one float32 step away "
        "(uint8, [−3.0350978, 4.4753323]: 0.029452666640281677 in 1.32, 0.029452668502926826 before).\n"
        "- **PyTorch 2.13** rounds in three ways. `quantize_per_tensor` to an 8-bit type multiplies by the "
        "float32 reciprocal 1/s and adds the zero point in one fused multiply-add; `quantize_per_channel` and "
        "the 32-bit type round the product and then the sum to float32; `fake_quantize` (quantization-aware "
        "training) rounds x · (1/s) before adding the zero point. They differ only at values halfway between "
        "two codes (or within float32's rounding of halfway). This page follows `quantize_per_tensor`.\n"
        "- **LiteRT 2.3**: the reference kernels divide x / s and round halves away from zero (this page); "
        "the default optimized kernels (XNNPACK) multiply by 1/s and round halves to even. Where x / s "
        "overflows int32 (huge values, ±inf, NaN), the reference kernel's conversion is undefined in C++.",
        "- **ONNX Runtime 1.32** 在计算 rmax − rmin *之前*先把 rmin、rmax 转成 float64；更早的版本在 float32 中相减，"
        "约每八个范围中就有一个的 scale 相差一个 float32 步长（uint8，[−3.0350978, 4.4753323]：1.32 中为 "
        "0.029452666640281677，之前为 0.029452668502926826）。\n"
        "- **PyTorch 2.13** 有三种舍入方式。`quantize_per_tensor`（8 位类型）乘以 float32 倒数 1/s，并在一次融合乘加中"
        "加上 zero point；`quantize_per_channel` 与 32 位类型先把乘积、再把和舍入到 float32；`fake_quantize`"
        "（量化感知训练）先对 x · (1/s) 取整再加 zero point。三者只在恰好位于（或在 float32 舍入误差内接近）两个编码正中间的值上不同。本页采用 "
        "`quantize_per_tensor`。\n"
        "- **LiteRT 2.3**：参考内核计算 x / s，并把 .5 向远离零的方向舍入（本页采用）；默认的优化内核（XNNPACK）"
        "乘以 1/s，并把 .5 舍入到偶数。当 x / s 超出 int32（极大值、±inf、NaN）时，参考内核的类型转换在 C++ 中未定义。"),
    "mapping.fw.who": ("framework", "框架"),
    "mapping.fw.scale": ("scale", "scale"),
    "mapping.fw.zp_real": ("zero point before rounding", "取整前的 zero point"),
    "mapping.fw.zp": ("zero point", "zero point"),
    "mapping.fw.codes": ("codes", "编码"),
    "mapping.fw.chosen": ("scale chosen for", "scale 依据的编码"),
    "mapping.fw.name.exact": ("exact (float64)", "精确（float64）"),
    "mapping.fw.name.pytorch": ("PyTorch 2.13", "PyTorch 2.13"),
    "mapping.fw.name.onnxruntime": ("ONNX Runtime 1.32", "ONNX Runtime 1.32"),
    "mapping.fw.name.tflite": ("TFLite converter (weights)", "TFLite 转换器（权重）"),
    "mapping.fw.name.tflite_op": ("LiteRT 2.3 QUANTIZE operation", "LiteRT 2.3 QUANTIZE 运算"),
    "mapping.fw.rounding": ("rounding of x / scale", "x / scale 的舍入"),
    "mapping.fw.round.exact": ("float64 division, ties to even", "float64 除法，五成双"),
    "mapping.fw.round.pytorch": ("float32 reciprocal, fused multiply-add, ties to even",
                                 "float32 倒数，乘加融合，五成双"),
    "mapping.fw.round.onnxruntime": ("float32 division, ties to even", "float32 除法，五成双"),
    "mapping.fw.round.tflite": ("float32 division, ties away from zero", "float32 除法，四舍五入（远离零）"),
    "mapping.fw.round.tflite_op": ("float32 division, ties away from zero", "float32 除法，四舍五入（远离零）"),
    "mapping.fw.article": ("the article", "原文"),
    "mapping.fw.round.article": ("writes {qmax} − {rmax:g} / ({scale}) = {zp} (drops the .5)",
                                 "写作 {qmax} − {rmax:g}/({scale}) = {zp}（舍去 .5）"),
    "mapping.article.note": (
        "The article's example: scale = {scale} ≈ {scale_value:.6f} and zero point = {zp_real} exactly. Exact "
        "rounding (ties to even) and ONNX Runtime store **{zp_even}**; PyTorch and TFLite compute in float32, where "
        "−rmin / scale is {zp_float32:.5f}, and store **{zp}**, as the article does (it simply drops the .5).",
        "原文示例：scale = {scale} ≈ {scale_value:.6f}，zero point 恰为 {zp_real}。精确舍入（五成双）和 ONNX Runtime "
        "存为 **{zp_even}**；PyTorch 与 TFLite 在 float32 中计算，−rmin / scale 为 {zp_float32:.5f}，存为 **{zp}**，与原文一致"
        "（原文直接舍去了 .5）。"),
}
