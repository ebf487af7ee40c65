STRINGS = {
    "nav.arithmetic": ("Arithmetic on codes", "量化数的运算"),
    "arith.title": ("Arithmetic on quantized numbers", "量化数的运算"),
    "arith.intro": (
        "Once numbers are stored as integer codes, can we compute with the codes directly? Not "
        "naively: every code carries a scale and a zero point, and both must stay in the formula. "
        "This page goes from the article's 0.0 × 1.0 example to the integer-only matrix "
        "multiplication TFLite runs, with every intermediate integer on screen.",
        "数值一旦存成整数编码，能直接拿编码来计算吗？不能简单地直接算：每个编码都带着缩放因子（scale）和零点"
        "（zero point），两者都必须留在公式里。本页从原文 0.0 × 1.0 的例子一直讲到 TFLite 实际运行的纯整数"
        "矩阵乘法，每个中间整数都展示出来。"),
    "arith.error": ("Cannot compute this: {reason}", "无法计算：{reason}"),
    # grids
    "arith.grid.shared": ("One grid for all", "共用一套参数"),
    "arith.grid.shared.help": ("x, y and the product share one scale and zero point, as in the article.",
                               "x、y 与乘积共用同一个缩放因子和零点，同原文。"),
    "arith.grid.scale": ("Scale {sym}", "缩放因子 {sym}"),
    "arith.grid.zp": ("Zero point {sym}", "零点 {sym}"),
    "arith.grid.scale.shared": ("Scale s (x, y and z)", "缩放因子 s（x、y、z 共用）"),
    "arith.grid.zp.shared": ("Zero point (x, y and z)", "零点（x、y、z 共用）"),
    "arith.grid.help": ("Codes are uint8, {qmin}..{qmax}; a code q stands for the real s · (q − zero point).",
                        "编码为 uint8（{qmin}..{qmax}）；编码 q 代表实数 s · (q − 零点)。"),
    "arith.grid.bad_scale": ("The scale {sym} must be a positive number (got {value}); using {fallback} instead.",
                             "缩放因子 {sym} 必须是正数（当前为 {value}），已改用 {fallback}。"),
    "arith.grid.bad_zp": ("The zero point {sym} = {value} lies outside the codes {lo}..{hi}, so 0.0 could not "
                          "be stored; using {fallback} instead.",
                          "零点 {sym} = {value} 不在编码范围 {lo}..{hi} 内，0.0 将无法表示；已改用 {fallback}。"),
    "arith.saturated": ("{name} = {value} lies outside the grid's range [{lo}, {hi}]: it is stored as the "
                        "nearest end, code {q}.",
                        "{name} = {value} 超出该网格的范围 [{lo}, {hi}]：被存为最近的端点，编码 {q}。"),
    # 1. multiply
    "arith.mul.title": ("1. Multiplying: why 0.0 × 1.0 came out as {naive:.1f}",
                        "1. 乘法：为什么 0.0 × 1.0 得出 {naive:.1f}"),
    "arith.mul.text": (
        "The article maps [{rmin:g}, {rmax:g}] onto the codes {qmin}..{qmax} with scale {scale} and zero point "
        "{zp}: 0.0 is stored as {zp} and 1.0 as {qmax}. Multiplying the codes ({zp} × {qmax}) and reading the "
        "product as a code gives nonsense. Keeping the scales and zero points in the formula gives "
        "the right code. Try other numbers and grids:",
        "原文把 [{rmin:g}, {rmax:g}] 映射到编码 {qmin}..{qmax}，缩放因子 {scale}，零点 {zp}：0.0 存为 {zp}，1.0 存为 "
        "{qmax}。直接把编码相乘（{zp} × {qmax}）再当作编码解读，结果毫无意义；把缩放因子和零点留在公式里，"
        "才能得到正确的编码。试试别的数和参数："),
    "arith.mul.x": ("Real x", "实数 x"),
    "arith.mul.y": ("Real y", "实数 y"),
    "arith.mul.codes": ("Stored codes: x_q = **{xq}** (stands for {xr}), y_q = **{yq}** (stands for {yr}).",
                        "存储的编码：x_q = **{xq}**（代表 {xr}），y_q = **{yq}**（代表 {yr}）。"),
    "arith.mul.naive.how": ("**Naive**: the product of the codes, read as a code of the output:",
                            "**朴素做法**：编码之积，当作输出的编码来解读："),
    "arith.mul.correct.how": ("**Correct**: measure each code from its zero point, multiply, rescale by "
                              "M = s_x · s_y / s_z, add the output's zero point:",
                              "**正确做法**：各编码先减去零点，相乘，再乘以 M = s_x · s_y / s_z，最后加上输出的零点："),
    "arith.mul.naive": ("Naive: codes multiplied, the product read as a code → real",
                        "朴素做法：编码直接相乘，乘积当作编码读出 → 实数"),
    "arith.mul.correct": ("Keeping scales and zero points: code z_q → real", "保留缩放因子与零点：编码 z_q → 实数"),
    "arith.mul.verdict": (
        "The true product x · y is **{exact}**. The naive result is off by {naive_err}; the correct "
        "code {zq} stands for {zr}, off by {err} (half an output step at most, plus what rounding "
        "x and y to their codes lost).",
        "真实乘积 x · y 为 **{exact}**。朴素结果偏差 {naive_err}；正确编码 {zq} 代表 {zr}，偏差 {err}"
        "（最多半个输出台阶，再加上 x、y 量化时的舍入误差）。"),
    "arith.grid.expander": ("Scales and zero points (the article's: one grid for x, y and the product)",
                            "缩放因子与零点（原文的设定：x、y 与乘积共用一套）"),
    "arith.mul.how": ("Both computations with the numbers in", "两种算法，代入数值"),
    "arith.mul.correct.numbers": ("**Correct**, with the numbers in:", "**正确做法**，代入数值："),
    "arith.trace.expander": ("Every intermediate value", "全部中间值"),
    "arith.col.step": ("Step", "步骤"),
    "arith.col.value": ("Integer (or multiplier)", "整数（或乘数）"),
    "arith.col.real": ("Real value it stands for", "代表的实数"),
    "arith.step.x_q": ("x_q: the code of x", "x_q：x 的编码"),
    "arith.step.y_q": ("y_q: the code of y", "y_q：y 的编码"),
    "arith.step.x_centred": ("x_q − x_zp: x measured from its zero point", "x_q − x_zp：从零点起算的 x"),
    "arith.step.y_centred": ("y_q − y_zp: y measured from its zero point", "y_q − y_zp：从零点起算的 y"),
    "arith.step.acc": ("(x_q − x_zp)(y_q − y_zp): the int32 product", "(x_q − x_zp)(y_q − y_zp)：int32 乘积"),
    "arith.step.M": ("M = s_x · s_y / s_z: the real multiplier", "M = s_x · s_y / s_z：实数乘数"),
    "arith.step.M0": ("M0: M's significand as an int32 (Q0.31)", "M0：M 的有效数字，int32（Q0.31）"),
    "arith.step.shift": ("shift: M = M0 · 2^(shift − 31)", "shift：M = M0 · 2^(shift − 31)"),
    "arith.step.scaled_exact": ("M · product, before rounding (output steps)", "M · 乘积，舍入前（输出台阶数）"),
    "arith.step.scaled": ("M · product with integers only (two roundings)", "纯整数计算的 M · 乘积（两次舍入）"),
    "arith.step.unclamped": ("+ z_zp: the output code before clamping", "+ z_zp：截断前的输出编码"),
    "arith.step.z_q": ("z_q: clamped to the output's codes", "z_q：截断到输出编码范围"),
    "arith.step.exact": ("the true result with the reals x and y", "用实数 x、y 算出的真实结果"),
    "arith.step.naive": ("naive: the codes combined directly, read as an output code",
                         "朴素做法：编码直接运算，当作输出编码解读"),
    "arith.step.no_rescale": ("zero points removed but not rescaled, read as an output code",
                              "去掉了零点但未换算缩放因子，当作输出编码解读"),
    "arith.step.x_in_z_steps": ("(s_x / s_z)(x_q − x_zp): x in output steps", "(s_x / s_z)(x_q − x_zp)：以输出台阶计的 x"),
    "arith.step.y_in_z_steps": ("(s_y / s_z)(y_q − y_zp): y in output steps", "(s_y / s_z)(y_q − y_zp)：以输出台阶计的 y"),
    "arith.step.left_shift": ("left shift: headroom bits for the integer rescaling", "左移位数：整数换算时的余量位"),
    "arith.step.x_shifted": ("(x_q − x_zp) · 2^left_shift", "(x_q − x_zp) · 2^left_shift"),
    "arith.step.y_shifted": ("(y_q − y_zp) · 2^left_shift", "(y_q − y_zp) · 2^left_shift"),
    "arith.step.M_x": ("M_x = s_x / (2 · max(s_x, s_y))", "M_x = s_x / (2 · max(s_x, s_y))"),
    "arith.step.M0_x": ("M0 of M_x", "M_x 的 M0"),
    "arith.step.shift_x": ("shift of M_x", "M_x 的 shift"),
    "arith.step.M_y": ("M_y = s_y / (2 · max(s_x, s_y))", "M_y = s_y / (2 · max(s_x, s_y))"),
    "arith.step.M0_y": ("M0 of M_y", "M_y 的 M0"),
    "arith.step.shift_y": ("shift of M_y", "M_y 的 shift"),
    "arith.step.x_scaled": ("x rescaled: M_x · shifted x", "换算后的 x：M_x · 左移后的 x"),
    "arith.step.y_scaled": ("y rescaled: M_y · shifted y", "换算后的 y：M_y · 左移后的 y"),
    "arith.step.raw_sum": ("their sum, on a common scale", "两者之和（同一尺度）"),
    "arith.step.M_out": ("M_out = 2 · max(s_x, s_y) / (2^left_shift · s_z)", "M_out = 2 · max(s_x, s_y) / (2^left_shift · s_z)"),
    "arith.step.M0_out": ("M0 of M_out", "M_out 的 M0"),
    "arith.step.shift_out": ("shift of M_out", "M_out 的 shift"),
    # 2. add
    "arith.add.title": ("3. Adding: rescale into the output's scale first", "3. 加法：先换算到输出的缩放因子"),
    "arith.add.text": (
        "x_q + y_q is wrong twice over: the zero points are counted twice, and the two codes count "
        "steps of different sizes (s_x and s_y). Remove each zero point, convert each operand into "
        "steps of the output's scale s_z, then add the output's zero point:",
        "x_q + y_q 错了两处：零点被算了两次，而且两个编码的台阶大小不同（s_x 与 s_y）。"
        "应先去掉各自的零点，把每个操作数换算成输出缩放因子 s_z 的台阶数，再加上输出的零点："),
    "arith.add.naive": ("Naive: add the codes", "朴素做法：编码直接相加"),
    "arith.add.no_rescale": ("Zero points removed, not rescaled", "去掉零点但未换算"),
    "arith.add.correct": ("Rescaled into s_z first: z_q → real", "先换算到 s_z：z_q → 实数"),
    "arith.add.verdict": ("The true sum x + y is **{exact}**; the correct code {zq} stands for {zr}.",
                          "真实的和 x + y 为 **{exact}**；正确编码 {zq} 代表 {zr}。"),
    "arith.add.tflite": (
        "TFLite does this rescaling with integers only: it shifts the centred codes left by {ls} bits "
        "for headroom, multiplies each by s / (2 · max(s_x, s_y)) as a fixed-point (M0, shift), adds "
        "them, and rescales the sum once more into s_z:",
        "TFLite 只用整数完成这种换算：先把去掉零点的编码左移 {ls} 位留出余量，各自乘以定点数形式 (M0, shift) "
        "的 s / (2 · max(s_x, s_y))，相加后再把和换算到 s_z："),
    # 3. requantization
    "arith.rq.title": ("4. Requantization up close: a real multiplier with integers only",
                       "4. 细看重量化：只用整数乘以一个实数"),
    "arith.rq.text": (
        "Every integer kernel ends by multiplying an int32 accumulator by a real M (s_x · s_y / s_z "
        "above). Integer hardware stores M as an int32 M0, read as a fraction in [0.5, 1) (Q0.31), "
        "and a power-of-two shift:",
        "每个整数算子最后都要把 int32 累加器乘以一个实数 M（上文的 s_x · s_y / s_z）。整数硬件把 M 存成一个 "
        "int32 的 M0（按 Q0.31 解读为 [0.5, 1) 内的小数）和一个 2 的幂次 shift："),
    "arith.rq.M": ("Real multiplier M", "实数乘数 M"),
    "arith.rq.x": ("int32 accumulator x", "int32 累加器 x"),
    "arith.rq.error": ("Cannot decompose this multiplier ({reason}); showing M = 0.3 instead.",
                       "无法分解这个乘数（{reason}），已改用 M = 0.3。"),
    "arith.rq.zero": ("M = 0 gives M0 = 0: every result is 0.", "M = 0 时 M0 = 0：所有结果都是 0。"),
    "arith.rq.flush": ("M is below 2^-32: TFLite flushes it to M0 = 0, so every result is 0.",
                       "M 小于 2^-32：TFLite 把它置为 M0 = 0，所有结果都是 0。"),
    "arith.rq.bits": (
        "The 32 bits of M0, read as Q0.31: a sign bit, the binary point, then 31 fraction bits. "
        "M0 / 2^31 = {frac}; M0 · 2^(shift − 31) differs from M by {err:.2e}.",
        "M0 的 32 位，按 Q0.31 解读：一个符号位、小数点，然后是 31 位小数。M0 / 2^31 = {frac}；"
        "M0 · 2^(shift − 31) 与 M 相差 {err:.2e}。"),
    "arith.rq.wrapped": ("x · 2^{left} does not fit in int32 and wraps around, as the C code would.",
                         "x · 2^{left} 超出 int32，像 C 代码一样发生回绕。"),
    "arith.rq.double.title": ("TFLite default: two roundings", "TFLite 默认：两次舍入"),
    "arith.rq.single.title": ("Single rounding (TFLITE_SINGLE_ROUNDING)", "单次舍入（TFLITE_SINGLE_ROUNDING）"),
    "arith.rq.step.left_shift": ("left shift = max(shift, 0)", "左移 = max(shift, 0)"),
    "arith.rq.step.right_shift": ("right shift = max(−shift, 0)", "右移 = max(−shift, 0)"),
    "arith.rq.step.shifted": ("a = x · 2^left shift (int32)", "a = x · 2^左移（int32）"),
    "arith.rq.step.product": ("a · M0 (64-bit product)", "a · M0（64 位乘积）"),
    "arith.rq.step.nudge": ("nudge: 2^30 if the product ≥ 0, else 1 − 2^30", "偏置：乘积 ≥ 0 时为 2^30，否则 1 − 2^30"),
    "arith.rq.step.high": ("SRDHM: (product + nudge) / 2^31, truncated", "SRDHM：(乘积 + 偏置) / 2^31，截断"),
    "arith.rq.step.mask": ("mask = 2^right shift − 1", "掩码 = 2^右移 − 1"),
    "arith.rq.step.remainder": ("remainder = SRDHM & mask", "余数 = SRDHM & 掩码"),
    "arith.rq.step.threshold": ("threshold = mask / 2 (+1 if negative)", "阈值 = 掩码 / 2（负数再 +1）"),
    "arith.rq.step.round_up": ("round up? remainder > threshold", "是否进位？余数 > 阈值"),
    "arith.rq.step.result": ("RDBPOT: (SRDHM >> right shift) + round up", "RDBPOT：(SRDHM >> 右移) + 进位"),
    "arith.rq.single.total_shift": ("total shift = 31 − shift", "总右移 = 31 − shift"),
    "arith.rq.single.product": ("x · M0 (64-bit product)", "x · M0（64 位乘积）"),
    "arith.rq.single.nudge": ("rounding term 2^(total shift − 1)", "舍入项 2^(总右移 − 1)"),
    "arith.rq.single.result": ("(product + rounding term) >> total shift", "(乘积 + 舍入项) >> 总右移"),
    "arith.rq.compare": ("Exact x · M = {exact}; two roundings give **{double}**, one rounding gives **{single}**.",
                         "精确值 x · M = {exact}；两次舍入得 **{double}**，单次舍入得 **{single}**。"),
    "arith.rq.agree": (" Here they agree.", "这里两者一致。"),
    "arith.rq.disagree": (
        " Here they **disagree**: the first rounding (SRDHM) already rounded up, and the second "
        "rounds the resulting tie up again.",
        "这里两者**不一致**：第一次舍入（SRDHM）已经进位，第二次又把由此产生的“恰好一半”再次进位。"),
    "arith.rq.builds": (
        "Which one runs depends on the build: TFLite's sources round twice unless compiled with "
        "TFLITE_SINGLE_ROUNDING; the LiteRT Python package (ai-edge-litert 2.3) rounds once. A "
        "bit-exact comparison has to pick the same one.",
        "实际用哪一种取决于编译选项：TFLite 源码默认两次舍入，除非定义了 TFLITE_SINGLE_ROUNDING；"
        "LiteRT 的 Python 包（ai-edge-litert 2.3）只舍入一次。要做逐位一致的比较，必须选同一种。"),
    "arith.rq.window": ("Between x = {lo} and {hi} the two builds disagree at {n} values: {where}.",
                        "在 x = {lo} 到 {hi} 之间，两种实现有 {n} 处不一致：{where}。"),
    "fig.rq.title": ("Two roundings vs one, near your x", "两次舍入与单次舍入：x 附近"),
    "fig.rq.x": ("int32 accumulator x (integer)", "int32 累加器 x（整数）"),
    "fig.rq.y": ("x · M (output steps)", "x · M（输出台阶数）"),
    "fig.rq.exact": ("exact x · M", "精确的 x · M"),
    "fig.rq.double": ("two roundings (default)", "两次舍入（默认）"),
    "fig.rq.single": ("single rounding", "单次舍入"),
    "fig.rq.disagree": ("they disagree", "两者不一致"),
    "fig.rq.mark": ("your x", "你的 x"),
    # 4. matmul
    "arith.mm.title": ("2. An integer-only matrix multiplication, step by step", "2. 纯整数矩阵乘法，逐步展开"),
    "arith.mm.text": (
        "A fully connected layer computes C = A · B + bias. Quantized, A (activations) is int8 with a "
        "zero point Z_a, B (weights) int8 with Z_b, the bias int32 with scale s_A · s_B and zero point "
        "0. The products are summed in an int32 accumulator, which Jacob et al. (2018) expand into "
        "four terms, so that the zero points cost almost nothing (the sums of a row or a column are "
        "computed once):",
        "全连接层计算 C = A · B + bias。量化后，A（激活）为带零点 Z_a 的 int8，B（权重）为带零点 Z_b 的 "
        "int8，bias 为 int32，缩放因子为 s_A · s_B、零点为 0。乘积在 int32 累加器中求和；Jacob 等人（2018）"
        "把它展开成四项，使零点几乎不增加计算量（行和与列和只需算一次）："),
    "arith.mm.A": ("A (activations, batch × N)", "A（激活，batch × N）"),
    "arith.mm.B": ("B (weights, N × out)", "B（权重，N × out）"),
    "arith.mm.bias": ("bias (one per column of B)", "bias（B 的每列一个）"),
    "arith.mm.weights": ("Weights", "权重量化方式"),
    "arith.mm.weights.asymmetric": ("asymmetric int8 (all four terms)", "非对称 int8（四项都在）"),
    "arith.mm.weights.per_tensor": ("symmetric int8, per tensor (TFLite)", "对称 int8，逐张量（TFLite）"),
    "arith.mm.weights.per_channel": ("symmetric int8, per output channel (TFLite)", "对称 int8，逐输出通道（TFLite）"),
    "arith.mm.act": ("Fused activation", "融合的激活函数"),
    "arith.mm.act.none": ("none", "无"),
    "arith.mm.act.relu": ("ReLU", "ReLU"),
    "arith.mm.single": ("Single rounding", "单次舍入"),
    "arith.mm.single.help": ("TFLite built with TFLITE_SINGLE_ROUNDING rounds the requantization once.",
                             "以 TFLITE_SINGLE_ROUNDING 编译的 TFLite 在重量化时只舍入一次。"),
    "arith.mm.shape": ("A has {a_cols} columns but B has {b_rows} rows: they must match.",
                       "A 有 {a_cols} 列，而 B 有 {b_rows} 行：两者必须相等。"),
    "arith.mm.too_big": ("{name} has a value beyond ±{limit:g}: enter smaller numbers.",
                         "{name} 中有超出 ±{limit:g} 的值：请输入更小的数。"),
    "arith.mm.bias_saturated": (
        "The bias is too large for int32 at the scale s_A · s_B = {s}: it saturates at ±2^31 and the "
        "accumulator wraps around. Real converters refuse such layers.",
        "在缩放因子 s_A · s_B = {s} 下 bias 超出 int32：它被截断到 ±2^31，累加器随之回绕。实际的转换工具会拒绝这样的层。"),
    "arith.mm.bias_size": ("The bias needs {n} values, one per column of B (it has {got}).",
                           "bias 需要 {n} 个值，B 的每列一个（当前有 {got} 个）。"),
    "arith.mm.params": (
        "**Quantization parameters.** A's come from its range, B's from its range (per column with "
        "per-channel weights), the output's from the float result's range (in practice: calibration).",
        "**量化参数。** A 的参数来自其取值范围，B 的来自其范围（逐通道时按列），输出的来自浮点结果的范围"
        "（实际中由校准得到）。"),
    "arith.mm.codes.A": ("**Codes of A** (q_A)", "**A 的编码**（q_A）"),
    "arith.mm.codes.B": ("**Codes of B** (q_B; TFLite stores them transposed, out × N)",
                         "**B 的编码**（q_B；TFLite 按转置存储，out × N）"),
    "arith.mm.trace": ("**Every output element, step by step** (integers until the last three columns):",
                       "**每个输出元素的逐步计算**（除最后三列外都是整数）："),
    "arith.mm.matrices": ("The matrices A, B and the bias (edit them)", "矩阵 A、B 与 bias（可编辑）"),
    "arith.mm.numbers": ("The parameters, the codes and every output element, step by step",
                         "量化参数、编码，以及每个输出元素的逐步计算"),
    "arith.mm.fixed": (
        "M is applied with integers only: M0 · 2^(shift − 31), M0 an int32 read as a fraction in "
        "[0.5, 1). Section 4 below takes one such multiplication apart, rounding by rounding.",
        "M 的乘法只用整数完成：M0 · 2^(shift − 31)，M0 是按 [0.5, 1) 内小数解读的 int32。下文第 4 节把"
        "这样一次乘法逐次舍入地拆开来看。"),
    "arith.more": ("Going further: addition, requantization, overflow", "更进一步：加法、重量化、溢出"),
    "arith.mm.col.tensor": ("tensor", "张量"),
    "arith.mm.col.scale": ("scale", "缩放因子"),
    "arith.mm.col.zp": ("zero point", "零点"),
    "arith.mm.col.codes": ("codes", "编码"),
    "arith.mm.col.element": ("element", "元素"),
    "arith.mm.col.n_za_zb": ("N·Za·Zb", "N·Za·Zb"),
    "arith.mm.col.za_sum_b": ("−Za·Σb", "−Za·Σb"),
    "arith.mm.col.zb_sum_a": ("−Zb·Σa", "−Zb·Σa"),
    "arith.mm.col.sum_ab": ("Σa·b", "Σa·b"),
    "arith.mm.col.acc": ("acc (int32)", "累加器（int32）"),
    "arith.mm.col.bias": ("bias (int32)", "bias（int32）"),
    "arith.mm.col.acc_bias": ("acc + bias", "累加器 + bias"),
    "arith.mm.col.scaled": ("M·(acc + bias)", "M·(累加器 + bias)"),
    "arith.mm.col.unclamped": ("rounded + Z_C", "舍入后 + Z_C"),
    "arith.mm.col.q_out": ("q_C (clamped)", "q_C（截断后）"),
    "arith.mm.col.x_out": ("dequantized", "反量化值"),
    "arith.mm.col.y_float": ("float result", "浮点结果"),
    "arith.mm.col.error": ("error (output steps)", "误差（输出台阶数）"),
    "arith.mm.element": ("Show the numbers for", "代入数值的元素"),
    "arith.mm.summary": (
        "Largest error: **{max:.2f} output steps** (one step is s_C = {s}). Half a step comes from "
        "rounding the output; the rest from rounding A, B and the bias to their codes.",
        "最大误差：**{max:.2f} 个输出台阶**（一个台阶为 s_C = {s}）。其中半个台阶来自输出的舍入，"
        "其余来自 A、B 和 bias 量化时的舍入。"),
    "fig.mm.title": ("Error of the integer-only result", "纯整数结果的误差"),
    "fig.mm.x": ("output element C[i, j]", "输出元素 C[i, j]"),
    "fig.mm.y": ("error (output steps of s_C)", "误差（以 s_C 为单位的台阶数）"),
    "fig.mm.band": ("±½ step: the output's rounding alone", "±½ 台阶：仅输出舍入造成的误差"),
    "fig.mm.hover": ("%{customdata}: %{y:+.3f} steps", "%{customdata}：%{y:+.3f} 个台阶"),
    # 5. overflow
    "arith.ov.title": ("5. Overflow: why the accumulator has 32 bits", "5. 溢出：为什么累加器要 32 位"),
    "arith.ov.text": (
        "One product of two 8-bit codes already needs up to 16 bits; a sum of N of them needs more. "
        "Here is the same matmul with a 16-bit accumulator that wraps around like hardware does:",
        "两个 8 位编码相乘就可能需要 16 位，N 个乘积之和需要更多。下面是同一个矩阵乘法改用会像硬件一样"
        "回绕的 16 位累加器的结果："),
    "arith.ov.count": ("{k} of {total} accumulators leave the 16-bit range [−32768, 32767] and wrap around.",
                       "{total} 个累加器中有 {k} 个超出 16 位范围 [−32768, 32767] 并发生回绕。"),
    "arith.ov.col.element": ("element", "元素"),
    "arith.ov.col.acc32": ("acc + bias (int32)", "累加器 + bias（int32）"),
    "arith.ov.col.acc16": ("acc + bias (16-bit, wrapped)", "累加器 + bias（16 位，回绕）"),
    "arith.ov.col.out32": ("q_C with int32", "int32 下的 q_C"),
    "arith.ov.col.out16": ("q_C with 16 bits", "16 位下的 q_C"),
    "arith.ov.col.error16": ("error with 16 bits (output steps)", "16 位下的误差（输出台阶数）"),
    "arith.ov.limits": (
        "The worst product here is {a} × {w} = {p} (the largest |q_A − Z_a| times the largest "
        "|q_B − Z_b|); this matmul sums N = {n} of them, a 3×3 convolution over 512 channels 4608.",
        "这里最坏的乘积是 {a} × {w} = {p}（最大的 |q_A − Z_a| 乘以最大的 |q_B − Z_b|）；本例对 N = {n} "
        "个乘积求和，512 通道的 3×3 卷积则是 4608 个。"),
    "arith.ov.n16": (" A 16-bit accumulator is safe only up to N = {n16}.", "16 位累加器只在 N ≤ {n16} 时安全。"),
    "arith.ov.n16.none": (" A 16-bit accumulator cannot hold even one such product.",
                          "16 位累加器连一个这样的乘积都装不下。"),
    "arith.ov.n32": (" int32 is safe up to **N = {n32}** (raw int8 × int8 codes, −128 × −128 = 16384: N = {raw}).",
                     "int32 可安全累加到 **N = {n32}**（原始 int8 × int8 编码，−128 × −128 = 16384：N = {raw}）。"),
    "fig.ov.title": ("Worst-case accumulator vs N", "最坏情况的累加器与 N"),
    "fig.ov.x": ("inner dimension N (products summed)", "内维 N（求和的乘积个数）"),
    "fig.ov.y": ("worst-case |accumulator| (integer)", "最坏情况的 |累加器|（整数）"),
    "fig.ov.int16": ("16-bit limit 32767", "16 位上限 32767"),
    "fig.ov.int32": ("int32 limit 2^31 − 1", "int32 上限 2^31 − 1"),
    "fig.ov.worst": ("N × {p}", "N × {p}"),
    "fig.ov.mark": ("this matmul (N = {n})", "本例（N = {n}）"),
}
