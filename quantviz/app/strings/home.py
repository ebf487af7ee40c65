STRINGS = {
    "home.title": ("How a neural network fits in 8 bits", "神经网络如何装进 8 位整数"),
    "home.intro": (
        "A trained network stores its weights and activations as 32-bit floats. **Quantization** "
        "stores them as small integers instead, usually int8: **4x less memory**, faster integer "
        "arithmetic, and a small loss of accuracy. It works because trained weights sit in a narrow "
        "range, so a simple *affine* mapping between that range and the integer codes is enough:",
        "训练好的网络以 32 位浮点数保存权重和激活值。**量化**改用小整数（通常是 int8）来保存：内存减少 "
        "**4 倍**、整数运算更快，代价是一点精度损失。之所以可行，是因为训练后的权重分布在很窄的范围内，"
        "只需在这个范围与整数编码之间建立一个简单的*仿射*映射："),
    "home.example.title": ("The article's example: [{rmin:g}, {rmax:g}] to uint8 [{qmin}, {qmax}]",
                           "原文的例子：把 [{rmin:g}, {rmax:g}] 映射到 uint8 [{qmin}, {qmax}]"),
    "home.example.text": (
        "Weights in [{rmin:.1f}, {rmax:.1f}] are mapped onto the {levels} codes {qmin}..{qmax}. The scale is the "
        "width of one step, the zero point is the code that stands for 0.0:",
        "把 [{rmin:.1f}, {rmax:.1f}] 内的权重映射到 {qmin}..{qmax} 这 {levels} 个编码上。scale 是一个台阶的宽度，"
        "zero point 是代表 0.0 的编码："),
    "home.zp.text": (
        "The zero point must be an integer, but here it is exactly **{zp_real}**: a tie. Each toolkit "
        "breaks it its own way:",
        "zero point 必须是整数，但这里恰好是 **{zp_real}**，正好在两个整数中间。各个框架的取舍不同："),
    "home.zp.col.who": ("Who", "框架"),
    "home.zp.col.zp": ("Zero point", "零点"),
    "home.zp.col.why": ("Why", "原因"),
    "home.zp.exact": ("quantviz exact (float64, ties to even)", "quantviz 精确模式（float64，四舍六入五成双）"),
    "home.zp.exact.why": ("{zp_real} is a tie; the even neighbour is {zp_even}", "{zp_real} 恰在中间，取偶数 {zp_even}"),
    "home.zp.pytorch.why": ("in float32, -rmin / scale = {zp_float32:.5f} rounds down",
                            "float32 中 -rmin / scale = {zp_float32:.5f}，向下取整"),
    "home.zp.onnxruntime.why": ("float64 gives exactly {zp_real}; ties to even give {zp_even}",
                                "float64 中恰为 {zp_real}，五成双取 {zp_even}"),
    "home.zp.tflite.why": ("float32 gives {zp_float32:.5f} before rounding half away from zero",
                           "float32 得 {zp_float32:.5f}，再四舍五入"),
    "home.zp.article": ("the article", "原文"),
    "home.zp.article.why": ("writes {qmax} - {rmax:g} / ({scale}) = {zp} (truncating)",
                            "写作 {qmax} - {rmax:g}/({scale}) = {zp}（截断）"),
    "home.x.label": ("A real value x", "一个实数 x"),
    "home.x.help": ("Move it and watch which integer code stores it.", "拖动它，看看它被存成哪个整数编码。"),
    "home.bits.label": ("Bits", "位数"),
    "home.bits.help": ("Fewer bits, fewer codes: each step of the staircase grows wider.",
                       "位数越少，编码越少：楼梯的每一级越宽。"),
    "home.result": ("On {bits} bits, codes 0..{qmax}; zero point {zp_real:g} is stored as {zp} (ties to even). "
                    "x = {x:.4f} is stored as **q = {q}**, which stands for x̂ = {xhat:.6f}; the error is "
                    "{err:+.6f} (at most half a step, {half:.6f}).",
                    "{bits} 位，编码 0..{qmax}；zero point {zp_real:g} 存为 {zp}（恰在中间时取偶数）。"
                    "x = {x:.4f} 存为 **q = {q}**，代表 x̂ = {xhat:.6f}；误差为 {err:+.6f}（最多半个台阶，{half:.6f}）。"),
    "fig.staircase.title": ("Each real x in a step is stored as the same integer code q",
                            "同一台阶内的实数 x 都存为同一个整数编码 q"),
    "fig.staircase.x": ("real value x", "实数值 x"),
    "fig.staircase.y": ("integer code q", "整数编码 q"),
    "fig.staircase.ideal": ("ideal x / scale + zero point", "理想直线 x / scale + zero point"),
    "fig.staircase.codes": ("stored code q", "存储的编码 q"),
    "fig.staircase.marker": ("your x", "你的 x"),
    "fig.staircase.hover": ("x = %{x:.5f}<br>q = %{y}<br>x̂ = %{customdata:.5f}",
                            "x = %{x:.5f}<br>q = %{y}<br>x̂ = %{customdata:.5f}"),
    "home.next": ("Where to go next", "接下来"),
    "home.next.text": ("Follow the lesson step by step, or pick a page in the menu: each one is a live figure "
                       "you can move, and every state is a link you can share.",
                       "跟着课程一步步学，或在菜单中选择一个页面：每页都是可以拖动的实时图表，任何状态都能作为链接分享。"),
    "home.next.lesson": ("Start the lesson", "开始课程"),
}
