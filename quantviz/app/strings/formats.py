STRINGS = {
    "nav.formats": ("Number formats", "数字格式"),
    "formats.title": ("How numbers are stored: floats and integers", "数字如何存储：浮点数与整数"),
    "formats.intro": (
        "A floating-point number stores a **sign**, an **exponent** and a **mantissa** (the fraction). "
        "The exponent moves the binary point: negative exponents reach tiny magnitudes, positive ones "
        "huge ones, so float32 spans about $\\pm 2^{128} \\approx \\pm 3.4 \\times 10^{38}$ while keeping "
        "about 7 significant digits everywhere. An integer format under a scale is different: a **uniform "
        "grid** of $2^b$ values (256 for int8) over a narrow range. Type a value and see how each format stores it.",
        "浮点数存储**符号位**、**指数**和**尾数**（小数部分）。指数决定二进制小数点的位置：负指数能表示极小的数，"
        "正指数能表示极大的数，所以 float32 的范围约为 $\\pm 2^{128} \\approx \\pm 3.4 \\times 10^{38}$，并且在整个范围内"
        "都保持约 7 位有效数字。带 scale 的整数格式则不同：它是一个**均匀网格**，在很窄的范围内只有 $2^b$ 个值（int8 为 256 个）。"
        "输入一个数，看看每种格式如何存储它。"),
    "formats.formula.float": ("A normal float with sign bit s, exponent field e and mantissa field m "
                              "(M bits) stands for", "符号位为 s、指数字段为 e、尾数字段为 m（M 位）的规格化浮点数表示"),
    "formats.formula.int": ("and an integer code q under a scale and a zero point for",
                            "带 scale 和 zero point 的整数编码 q 表示"),
    "formats.value.label": ("Value x", "数值 x"),
    "formats.value.help": ("A real number, e.g. 0.1, -0, 1e40, 2^-130, 0x1.8p-3, nan or inf. "
                           "It is read as a float64 (a double) first.",
                           "一个实数，例如 0.1、-0、1e40、2^-130、0x1.8p-3、nan 或 inf。先按 float64（double）读入。"),
    "formats.value.bad": ("{raw} is not a number ({reason}); showing {value} instead.",
                          "{raw} 不是一个数（{reason}），改为显示 {value}。"),
    "formats.reason.real": ("expected a number such as 0.1, -0, 1e40, 2^-130, nan or inf",
                            "应为 0.1、-0、1e40、2^-130、nan 或 inf 这样的数"),
    "formats.value.read": ("Read as the float64 {exact}.", "按 float64 读入为 {exact}。"),
    "formats.scale.label": ("Integer scale s", "整数的 scale s"),
    "formats.scale.help": ("The real width of one integer step: a code q stands for s · (q − zero point).",
                           "一个整数台阶对应的实数宽度：编码 q 代表 s · (q − zero point)。"),
    "formats.zp.label": ("uint8 zero point", "uint8 的 zero point"),
    "formats.zp.help": ("The uint8 code that stands for 0.0. int8 and int4 are symmetric: their zero point is 0.",
                        "代表 0.0 的 uint8 编码。int8 和 int4 是对称的，zero point 为 0。"),
    "formats.table.title": ("Your value in every format", "你的数值在各种格式中的存储"),
    "formats.table.text": (
        "Bits run from the most significant; a filled box is a 1 bit. **Stores** is the value kept after "
        "rounding to the nearest representable value (ties to even) and **saturating** at the largest "
        "one, as quantization toolkits cast. A **plain cast** lets the value overflow instead.",
        "比特从最高位排起，实心方块表示 1。**存储值**是舍入到最近的可表示值（平局取偶）并在最大值处**饱和**后"
        "保留的值，量化工具就是这样转换的。**普通转换**则会让数值溢出。"),
    "formats.col.stored": ("stores", "存储值"),
    "formats.col.error": ("error (stored − x)", "误差（存储值 − x）"),
    "formats.col.relative": ("relative error", "相对误差"),
    "formats.col.raw": ("plain cast (no saturation)", "普通转换（不饱和）"),
    "formats.field.sign": ("sign", "符号"),
    "formats.field.exponent": ("exponent", "指数"),
    "formats.field.mantissa": ("mantissa", "尾数"),
    "formats.field.integer": ("integer (two's complement)", "整数（补码）"),
    "formats.name.int": ("{fmt}, zero point {zp}", "{fmt}，zero point {zp}"),
    "formats.code": ("q = {q}", "q = {q}"),
    "formats.flag.saturated": ("saturated: |x| is beyond the largest value", "饱和：|x| 超出最大值"),
    "formats.flag.subnormal": ("subnormal: fewer significant bits", "非规格化数：有效位更少"),
    "formats.flag.underflow": ("underflow: rounded to 0", "下溢：舍入为 0"),
    "formats.flag.nan_int": ("an integer has no code for NaN", "整数没有表示 NaN 的编码"),
    "formats.raw.same": ("same", "相同"),
    "formats.raw.inf": ("overflows to {value}", "溢出为 {value}"),
    "formats.raw.nan": ("NaN: this format has no infinity", "NaN：该格式没有无穷大"),
    "formats.raw.wrap": ("wraps around to q = {q}: {value}", "回绕为 q = {q}：{value}"),
    "formats.raw.undefined": ("undefined: C leaves it to the machine", "未定义：C 语言不规定结果"),
    "formats.overflow.title": ("What happens on overflow", "溢出时会发生什么"),
    "formats.overflow.text": (
        "- **float32, float16, bfloat16, float8_e5m2** have infinity: a plain cast of a value beyond the "
        "largest one gives ±inf.\n"
        "- **float8_e4m3fn** has no infinity (its top exponent holds 256 … 448), so a plain cast gives NaN. "
        "Toolkits therefore saturate at ±448, infinities included (ONNX `Cast` with `saturate=1`).\n"
        "- **Integers** have neither inf nor NaN. A quantizer clamps the code to [qmin, qmax]; a plain C cast "
        "rounds to int32 and keeps the low b bits, so it wraps around (200 becomes −56 in int8). "
        "NaN has no integer code at all.",
        "- **float32、float16、bfloat16、float8_e5m2** 有无穷大：对超出最大值的数做普通转换得到 ±inf。\n"
        "- **float8_e4m3fn** 没有无穷大（它的最高指数用来表示 256 … 448），普通转换得到 NaN，"
        "所以工具会在 ±448 处饱和，无穷大也一样（ONNX `Cast` 的 `saturate=1`）。\n"
        "- **整数**既没有 inf 也没有 NaN。量化器把编码截断到 [qmin, qmax]；C 语言的普通转换先舍入为 int32 "
        "再保留低 b 位，于是会回绕（int8 中 200 变成 −56）。NaN 根本没有整数编码。"),
    "formats.edit.title": ("Build a value bit by bit", "逐位构造一个数"),
    "formats.edit.text": ("Pick a format and click its bits: a highlighted bit is 1. The value and "
                          "every table on this page follow.",
                          "选择一种格式并点击它的比特：高亮的比特为 1。数值和本页所有表格都会随之更新。"),
    "formats.edit.format": ("Format to edit", "要编辑的格式"),
    "formats.edit.field": ("{field} ({n} bits)", "{field}（{n} 位）"),
    "formats.edit.kind": ("This pattern is {kind}.", "这个比特模式是{kind}。"),
    "formats.edit.none": ("An integer has no code for this value (NaN): click bits to make one.",
                          "整数没有表示该值（NaN）的编码：点击比特来构造一个。"),
    "formats.kind.zero": ("a zero (signed)", "零（带符号）"),
    "formats.kind.subnormal": ("a subnormal number (exponent field 0, no hidden 1)",
                               "非规格化数（指数字段为 0，没有隐含的 1）"),
    "formats.kind.normal": ("a normal number", "规格化数"),
    "formats.kind.inf": ("an infinity (exponent all ones, mantissa 0)", "无穷大（指数全 1，尾数为 0）"),
    "formats.kind.nan": ("NaN, not a number", "NaN（非数）"),
    "formats.ranges.title": ("Size and range of each format", "各格式的大小与范围"),
    "formats.ranges.text": (
        "The integer rows hold for the scale s = {scale} (uint8: zero point {zp}): with no exponent, an integer "
        "format covers only its $2^b$ codes times s. Values are in the same units as x.",
        "整数各行对应 scale s = {scale}（uint8 的 zero point 为 {zp}）：整数格式没有指数，只能覆盖 $2^b$ 个编码乘以 s。"
        "数值与 x 的单位相同。"),
    "formats.rcol.format": ("Format", "格式"),
    "formats.rcol.layout": ("Bits (sign / exp. / mant.)", "比特（符号 / 指数 / 尾数）"),
    "formats.rcol.bytes": ("Bytes", "字节"),
    "formats.rcol.max": ("Largest", "最大值"),
    "formats.rcol.min_normal": ("Smallest normal", "最小规格化数"),
    "formats.rcol.min_subnormal": ("Smallest subnormal", "最小非规格化数"),
    "formats.rcol.eps": ("Machine ε (relative gap above 1)", "机器精度 ε（1 之上的相对间隔）"),
    "formats.rcol.step": ("Step s (integers)", "台阶 s（整数）"),
    "formats.rcol.overflow": ("Plain cast beyond range", "超出范围的普通转换"),
    "formats.layout.int": ("{bits} (two's complement)", "{bits}（补码）"),
    "formats.layout.uint": ("{bits} (unsigned)", "{bits}（无符号）"),
    "formats.ov.inf": ("±inf", "±inf"),
    "formats.ov.nan": ("NaN", "NaN"),
    "formats.ov.wrap": ("wraps around", "回绕"),
    "formats.spacing.title": ("How far apart are neighbouring values?", "相邻的可表示值相距多远？"),
    "formats.spacing.text": (
        "Each line is the gap from a value to the next representable one. A float's gap grows with the "
        "magnitude, so its **relative** precision stays about the same ($2^{-M}$ for M mantissa bits) over an "
        "enormous range: float32 from $10^{-38}$ to $2^{128} \\approx 3.4 \\times 10^{38}$ (and, with fewer digits, "
        "down to $10^{-45}$). The int8 grid under your scale has the same gap s everywhere, but only from s to "
        "127 s: near s its relative error is huge, and beyond 127 s it saturates. That is why quantization "
        "first finds the narrow range where the weights actually lie.",
        "每条线是某个值到下一个可表示值的间隔。浮点数的间隔随数值增大而增大，因此它的**相对**精度（$2^{-M}$，M 为尾数位数）"
        "在极大的范围内基本不变：float32 从 $10^{-38}$ 一直到 $2^{128} \\approx 3.4 \\times 10^{38}$（有效位更少时可低至 "
        "$10^{-45}$）。int8 网格在你的 scale 下处处间隔为 s，但只覆盖 s 到 127 s：在 s 附近相对误差很大，超过 127 s "
        "就饱和了。所以量化要先找到权重真正所在的窄范围。"),
    "formats.gap.label": ("Show", "显示"),
    "formats.gap.absolute": ("absolute gap", "绝对间隔"),
    "formats.gap.relative": ("relative gap (gap / |x|)", "相对间隔（间隔 / |x|）"),
    "fig.spacing.title": ("Gap to the next value, by magnitude", "到下一个可表示值的间隔"),
    "fig.spacing.x": ("magnitude |x| (units of x, log scale)", "数值大小 |x|（与 x 同单位，对数坐标）"),
    "fig.spacing.y.absolute": ("gap to the next value (units of x, log scale)",
                               "到下一个值的间隔（与 x 同单位，对数坐标）"),
    "fig.spacing.y.relative": ("relative gap, gap / |x| (no unit, log scale)",
                               "相对间隔 = 间隔 / |x|（无单位，对数坐标）"),
    "fig.spacing.hover": ("|x| = %{x:.4g}<br>gap = %{y:.4g}", "|x| = %{x:.4g}<br>间隔 = %{y:.4g}"),
    "fig.spacing.mark": ("your |x|", "你的 |x|"),
    "fig.spacing.int": ("{fmt}, scale {scale}", "{fmt}，scale {scale}"),
}
