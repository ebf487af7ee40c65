"""Strings of the shell every page shares: navigation, URL notices, exports, the Share panel,
the matrix input, the core's errors (``error.*``) and the problems of weight files
(``weightfile.*``: the codes of ``quantviz.weightfiles.errors``, shown on the weights page and by
the int8 page's .tflite inspector; names and file names are filled in as code spans)."""
STRINGS = {
    "app.name": ("quantviz", "quantviz"),
    "app.tagline": ("Neural-network quantization, interactive", "交互式神经网络量化"),
    "lang.label": ("Language", "语言"),
    "nav.home": ("Home", "首页"),
    "nav.section.learn": ("Learn", "学习"),
    "url.invalid": ("The link's value {setting} is not valid ({reason}); showing {value} instead.",
                    "链接参数 {setting} 无效（{reason}），已改用 {value}。"),
    "url.reason.number": ("expected a number from {lo} to {hi}", "应为 {lo} 到 {hi} 之间的数"),
    "url.reason.integer": ("expected a whole number from {lo} to {hi}", "应为 {lo} 到 {hi} 之间的整数"),
    "url.reason.choice": ("expected one of {options}", "应为以下之一：{options}"),
    "url.reason.more": (" … ({n:,} in all)", " …（共 {n:,} 个）"),
    "url.reason.boolean": ("expected true or false", "应为 true 或 false"),
    "embed.open_full": ("Open the full interactive page", "打开完整的交互页面"),
    "units.bytes": ("bytes", "字节"),
    "present.exit": ("Leave presentation mode", "退出演示模式"),
    "export.png": ("PNG", "PNG 图片"),
    "export.svg": ("SVG", "SVG 矢量图"),
    "export.html": ("Interactive HTML", "交互式 HTML"),
    # a chart in words and numbers (for screen readers, and for anyone who wants the values)
    "figure.summary": ("Chart “{title}”, {n} series.", "图表“{title}”，共 {n} 个序列。"),
    "figure.summary.untitled": ("Chart with {n} series.", "图表，共 {n} 个序列。"),
    "figure.series.points": ("{name}: {n:,} points, {x} from {x0} to {x1}, {y} from {y0} to {y1}.",
                             "{name}：{n:,} 个点，{x} 从 {x0} 到 {x1}，{y} 从 {y0} 到 {y1}。"),
    "figure.series.categories": ("{name}: {n:,} values of {y} from {y0} to {y1}, over {x}: {cats}.",
                                 "{name}：{n:,} 个 {y} 值，从 {y0} 到 {y1}，{x} 依次为：{cats}。"),
    "figure.series.more": ("And {n} more series (in the table below the chart).",
                           "另有 {n} 个序列（见图下方的表格）。"),
    "figure.series.grid": ("{name}: a grid of {rows} × {cols} values from {z0} to {z1} (in the table below the chart).",
                           "{name}：{rows} × {cols} 的数值网格，取值从 {z0} 到 {z1}（见图下方的表格）。"),
    "figure.series.unnamed": ("series {i}", "序列 {i}"),
    "figure.numbers": ("The numbers behind this chart", "图表背后的数据"),
    "figure.table.series": ("series", "序列"),
    "figure.table.cell": ("row {row}, column {col}", "第 {row} 行，第 {col} 列"),
    "figure.table.where": ("cell", "单元格"),
    "figure.table.value": ("value", "数值"),
    "figure.table.rows": ("The first {shown:,} of {total:,} points; the downloaded files hold every one.",
                          "这里列出 {total:,} 个点中的前 {shown:,} 个；下载的文件包含全部数据点。"),
    # the bundled models in menus
    "model.mlp": ("MLP 64-128-64-10 ({acc:.2f} % accurate)", "MLP 64-128-64-10（准确率 {acc:.2f} %）"),
    "model.cnn": ("CNN, 2 conv layers, batch norm folded ({acc:.2f} % accurate)",
                  "CNN，2 个卷积层，已折叠 batch norm（准确率 {acc:.2f} %）"),
    "model.width": ("MLP 64-{width}-10 ({acc:.2f} % accurate)", "MLP 64-{width}-10（准确率 {acc:.2f} %）"),
    # the Share panel
    "share.title": ("Share", "分享"),
    "share.link": ("The link to this page exactly as you see it (every control is in it):",
                   "当前页面状态的链接（包含所有控件的取值）："),
    "share.embed": ("Embed the main figure in a blog post or slides (it stays live):",
                    "把主图嵌入博客或幻灯片（保持可交互）："),
    "share.theme": ("The embed's theme", "嵌入的配色"),
    "share.theme.auto": ("the reader's", "随读者设置"),
    "share.theme.light": ("light", "浅色"),
    "share.theme.dark": ("dark", "深色"),
    "share.theme.help": ("A reader in dark mode sees a dark figure unless you pick one theme for your page.",
                         "读者使用深色模式时会看到深色图表，除非你为页面指定一种配色。"),
    "share.responsive": ("The short script makes the frame as tall as its content, on a phone too; where a blog "
                         "removes scripts, the frame keeps the height written in it.",
                         "这段简短脚本让框架随内容调整高度（手机上也是）；若博客删除脚本，框架保持其中写明的高度。"),
    "live.readout": ("{bits} bits: codes 0..{qmax}, scale {scale}, zero point {zp}, range [{rmin}, {rmax}] "
                     "(computed in this page, float64, ties to even)",
                     "{bits} 位：编码 0..{qmax}，scale {scale}，zero point {zp}，范围 [{rmin}, {rmax}]"
                     "（在本页中以 float64 计算，恰在中间时取偶数）"),
    "live.bits": ("Bits", "位数"),
    "live.rmin": ("rmin (real value)", "rmin（实数值）"),
    "live.rmax": ("rmax (real value)", "rmax（实数值）"),
    "live.count": ("values per bin (count)", "每个区间的数值个数"),
    "live.values": ("values", "数值"),
    "share.preview": ("Open the embed view", "打开嵌入视图"),
    # matrix input
    "mat.text": ("{name}", "{name}"),
    "mat.help": ("Edit the table, or type rows separated by ';' and values by ',' (this text is what the "
                 "link keeps).",
                 "可直接编辑表格，或输入文本：行之间用 ';' 分隔，值之间用 ',' 分隔（链接中保存的就是这段文本）。"),
    "mat.bad": ("{name} cannot be read ({reason}); showing the default {default} instead.",
                "无法读取 {name}（{reason}），已改用默认值 {default}。"),
    "mat.empty": ("{name}: cell ({i}, {j}) is empty; it counts as 0.", "{name}：单元格 ({i}, {j}) 为空，按 0 计算。"),
    "mat.reason.size": ("at most {n} rows and {n} columns", "最多 {n} 行 {n} 列"),
    "mat.reason.empty": ("it holds no number", "其中没有数字"),
    "mat.reason.ragged": ("every row needs the same number of values", "每行的值个数必须相同"),
    "mat.reason.number": ("{cell} is not a number", "{cell} 不是数字"),
    "mat.reason.finite": ("{cell} is not a finite number", "{cell} 不是有限数"),
    # errors of the core library, by code
    "error.qrange": ("the smallest code qmin ({qmin}) must be smaller than the largest, qmax ({qmax})",
                     "最小编码 qmin（{qmin}）必须小于最大编码 qmax（{qmax}）"),
    "error.scale": ("the scale must be a positive finite number, not {value}: derive it from a range with "
                    "rmin < rmax",
                    "scale 必须是有限的正数，而不是 {value}：请由满足 rmin < rmax 的范围来求出它"),
    "error.zp_integer": ("the zero point must be an integer, not {value}", "zero point 必须是整数，而不是 {value}"),
    "error.zp_range": ("the zero point {value} lies outside the codes [{qmin}, {qmax}], so 0.0 could not be "
                       "stored: pick a zero point inside that range",
                       "zero point {value} 不在编码范围 [{qmin}, {qmax}] 之内，0.0 将无法表示：请在该范围内选择 zero point"),
    "error.nan_range": ("the range contains NaN: calibrate on finite values",
                        "范围中含有 NaN：请只用有限值来校准"),
    "error.inf_range": ("the range is infinite: leave out the inf values or choose a finite range",
                        "范围是无穷大：请去掉 inf 值，或选择一个有限的范围"),
    "error.swap": ("rmin ({rmin}) is larger than rmax ({rmax}): swap them",
                   "rmin（{rmin}）大于 rmax（{rmax}）：请交换两者"),
    "error.bits": ("the bit width must be a whole number from {lo} to {hi}, not {value}",
                   "位宽必须是 {lo} 到 {hi} 之间的整数，而不是 {value}"),
    "error.narrow1": ("a narrow range with 1 bit leaves a single code: use 2 bits or more, or turn narrow "
                      "range off",
                      "1 位的窄范围只剩一个编码：请使用 2 位或以上，或关闭窄范围"),
    "error.reduce1": ("reduce_range needs at least 2 bits: it removes one bit of range",
                      "reduce_range 至少需要 2 位：它会去掉一位的范围"),
    "error.m_finite": ("the multiplier M must be finite: check that no scale is 0 or infinite",
                       "乘数 M 必须是有限值：请检查没有 scale 为 0 或无穷大"),
    "error.m_large": ("the multiplier M is too large for a Q0.31 multiplier with shift ≤ 30: the output scale "
                      "is far too small",
                      "乘数 M 太大，无法表示为 shift ≤ 30 的 Q0.31 乘数：输出的 scale 太小了"),
    "error.acc_int32": ("the product of the centred codes does not fit in int32: use codes of at most 15 bits",
                        "去零点后的编码乘积超出了 int32：请使用不超过 15 位的编码"),
    "error.shift_int32": ("a centred code shifted left by {bits} bits does not fit in int32",
                          "去零点后的编码左移 {bits} 位后超出了 int32"),
    "error.code_range": ("a code of {name} lies outside [{qmin}, {qmax}]: quantize (and clamp) it first",
                         "{name} 的编码超出了 [{qmin}, {qmax}]：请先量化（并截断）"),
    "error.code_whole": ("the codes of {name} must be whole numbers", "{name} 的编码必须是整数"),
    "error.per_channel": ("{name} has per-channel parameters: this operation needs one scale and zero point",
                          "{name} 使用逐通道参数：该运算只接受一个 scale 和一个 zero point"),
    "error.empty": ("{name} must be a non-empty matrix", "{name} 必须是非空矩阵"),
    "error.too_many": ("{name} is {rows}x{cols}: keep each side at most {most}",
                       "{name} 是 {rows}x{cols}：每边最多 {most}"),
    "error.nonfinite": ("{name} contains NaN or inf: enter finite numbers", "{name} 含有 NaN 或 inf：请输入有限的数"),
    "error.too_big": ("{name} has a value beyond ±{limit:g}: use smaller numbers",
                      "{name} 中有超过 ±{limit:g} 的值：请使用更小的数"),
    "error.shapes": ("A has {a} columns but B has {b} rows: they must match",
                     "A 有 {a} 列而 B 有 {b} 行：两者必须相等"),
    "error.bias": ("the bias needs {n} values, one per column of B", "偏置需要 {n} 个值，B 的每一列一个"),
    "error.int64": ("the integer matmul would exceed int64: the codes are far too large",
                    "整数矩阵乘法会超出 int64：编码太大了"),
    "error.name.output": ("the output", "输出"),
    "error.name.bias": ("the bias", "偏置"),
    "error.untranslated": ("This input does not work: {detail}", "该输入无效（详细信息：{detail}）"),
    # --- the whole file is refused
    "weightfile.empty": ("{filename} is empty (0 bytes): choose the saved weight file itself.",
                         "{filename} 是空文件（0 字节）：请选择保存好的权重文件本身。"),
    "weightfile.too_big": ("{filename} is {size_mib:.2f} MiB ({size:,} bytes); the limit is {limit_mib:g} MiB "
                           "({limit:,} bytes). Save only the layers you want to see (for example one tensor with "
                           "np.save) and upload that.",
                           "{filename} 有 {size_mib:.2f} MiB（{size:,} 字节），上限为 {limit_mib:g} MiB（{limit:,} "
                           "字节）。只保存想查看的层（例如用 np.save 保存一个张量）再上传。"),
    "weightfile.suffix": ("Cannot tell how to read {filename}: its name must end in .npy, .npz, .safetensors, "
                          ".onnx, .tflite or .gguf.",
                          "无法判断如何读取 {filename}：文件名必须以 .npy、.npz、.safetensors、.onnx、.tflite 或 .gguf "
                          "结尾。"),
    "weightfile.not_format": ("{filename} is not a {format} file{hint}. Check that you chose the right file and "
                              "that its name ends in the extension of its real format.",
                              "{filename} 不是 {format} 文件{hint}。请确认选对了文件，并且文件名的扩展名与其真实格式一致。"),
    "weightfile.looks_like": (" (it looks like {kind})", "（看起来是 {kind}）"),
    "weightfile.truncated": ("{filename} ends too early (truncated or damaged): {detail}. Save or download it "
                             "again.",
                             "{filename} 提前结束（被截断或已损坏）：{detail}。请重新保存或下载。"),
    "weightfile.damaged": ("{filename} could not be read as {format}: {detail}. Save or download it again.",
                           "无法按 {format} 读取 {filename}：{detail}。请重新保存或下载。"),
    "weightfile.encrypted": ("{filename} holds {name} encrypted with a password, which cannot be read. Save the "
                             "archive without a password (np.savez does).",
                             "{filename} 中的 {name} 用密码加密，无法读取。请保存不带密码的压缩包（np.savez 就是如此）。"),
    "weightfile.too_many_values": ("{filename} holds more than {limit:,} values (at least {count:,}). Save fewer "
                                   "or smaller tensors and upload that.",
                                   "{filename} 含有超过 {limit:,} 个数值（至少 {count:,} 个）。请保存更少或更小的张量再上传。"),
    "weightfile.too_many_tensors": ("{filename} holds more than {limit:,} tensors (at least {count:,}). Save only "
                                    "the layers you want to see and upload that.",
                                    "{filename} 含有超过 {limit:,} 个张量（至少 {count:,} 个）。只保存想查看的层再上传。"),
    "weightfile.too_complex": ("{filename} has more than {limit:,} nodes, graphs or tables (at least {count:,}); "
                               "at most that many are read. Save only the weights (for example with np.savez) and "
                               "upload that.",
                               "{filename} 的节点、图或表超过 {limit:,} 个（至少 {count:,} 个）；最多只读取这么多。"
                               "请只保存权重（例如用 np.savez）再上传。"),
    "weightfile.big_header": ("{filename} has a header of {size:,} bytes; at most {limit:,} are read. Save fewer "
                              "tensors (or shorter metadata) and upload that.",
                              "{filename} 的文件头有 {size:,} 字节；最多只读取 {limit:,} 字节。请保存更少的张量"
                              "（或更短的元数据）再上传。"),
    "weightfile.too_deep": ("{filename} nests its graphs or arrays more than {limit} levels deep; at most that many "
                            "are read. Save only the weights (for example with np.savez) and upload that.",
                            "{filename} 的子图或数组嵌套超过 {limit} 层；最多只读取这么多层。请只保存权重（例如用 np.savez）"
                            "再上传。"),
    "weightfile.too_much_metadata": (
        "{filename} holds more than {limit:,} metadata values (at least {count:,}, such as a tokenizer's vocabulary); "
        "at most that many are read. Save only the layers' tensors (for example with gguf's GGUFWriter and no "
        "vocabulary) and upload that.",
        "{filename} 含有超过 {limit:,} 个元数据值（至少 {count:,} 个，例如分词器的词表）；最多只读取这么多。"
        "请只保存各层的张量（例如用 gguf 的 GGUFWriter，不写词表）再上传。"),
    "weightfile.inflates": ("{filename} would unpack to {size_mib:.0f} MiB, more than the {limit_mib:.0f} MiB that "
                            "{values:,} values take. Save fewer or smaller tensors and upload that.",
                            "{filename} 解压后将有 {size_mib:.0f} MiB，超过 {values:,} 个数值所需的 {limit_mib:.0f} MiB。"
                            "请保存更少或更小的张量再上传。"),
    "weightfile.no_tensors": ("{filename} holds no tensor that can be shown: {reasons}",
                              "{filename} 中没有可显示的张量：{reasons}"),
    "weightfile.unreadable": ("{filename} could not be read as {format}; the problem has been logged on the "
                              "server. Save the weights with np.savez and upload that.",
                              "无法按 {format} 读取 {filename}；问题已记录在服务器上。请用 np.savez 保存权重再上传。"),
    # --- one tensor is skipped
    "weightfile.pickle": ("{name} holds Python objects (dtype object), which could only be read by unpickling; "
                          "uploads are never unpickled. Save plain numbers, e.g. np.save(path, w.astype(np.float32)).",
                          "{name} 含有 Python 对象（dtype object），只能通过反序列化 pickle 读取；上传的文件绝不会被"
                          "反序列化。请保存纯数值，例如 np.save(path, w.astype(np.float32))。"),
    "weightfile.nonnumeric": ("{name} holds {dtype} values, not numbers; only integer and real float tensors "
                              "can be shown.",
                              "{name} 存的是 {dtype} 类型的值，不是数值；只能显示整数和实数浮点张量。"),
    "weightfile.complex": ("{name} holds complex numbers ({dtype}), which have no single real range; save the "
                           "real and imaginary parts as separate tensors.",
                           "{name} 存的是复数（{dtype}），没有单一的实数范围；请把实部和虚部分别保存为张量。"),
    "weightfile.scalar": ("{name} is a single number (a 0-d array) and has no distribution to show; save it "
                          "with at least one dimension.",
                          "{name} 只是一个数（0 维数组），没有分布可显示；请至少以一维保存。"),
    "weightfile.ndim": ("{name} has {ndim} dimensions; at most 4 are supported. Reshape it first.",
                        "{name} 有 {ndim} 维；最多支持 4 维。请先 reshape。"),
    "weightfile.no_values": ("{name} has no values (shape {shape}).", "{name} 没有数值（形状 {shape}）。"),
    "weightfile.external": ("{name} is stored in a separate external-data file, which was not uploaded.",
                            "{name} 存放在单独的外部数据文件中，而该文件没有上传。"),
    "weightfile.not_npy": ("{name} is not a .npy array inside the .npz archive.",
                           "{name} 不是 .npz 压缩包中的 .npy 数组。"),
    "weightfile.segmented": ("{name} is stored in segments (a split tensor), which cannot be shown.",
                             "{name} 分段存储（被拆分的张量），无法显示。"),
    "weightfile.sparse": ("{name} is an ONNX sparse tensor, which cannot be shown.",
                          "{name} 是 ONNX 稀疏张量，无法显示。"),
    "weightfile.quant_axis": ("{name} has {scales:,} scales and zero points for {channels:,} channels along axis "
                              "{axis}; they must match, so its real values are unknown.",
                              "{name} 沿第 {axis} 轴有 {channels:,} 个通道，却有 {scales:,} 个 scale 和 zero point；"
                              "两者必须一致，因此无法得知其实数值。"),
    "weightfile.ggml_type": ("{name} is stored as {dtype}, which is not read here; the types read are {types}.",
                             "{name} 以 {dtype} 格式存储，这里无法读取；可读取的类型有 {types}。"),
    "weightfile.bad_blocks": ("{name} holds {dtype} blocks whose scale is NaN, infinite or negative: its data is "
                              "damaged.",
                              "{name} 中有 {dtype} 块的缩放系数为 NaN、无穷大或负数：其数据已损坏。"),
    # --- what exactly is damaged
    "weightfile.header": ("its header cannot be read", "文件头无法读取"),
    "weightfile.header_cut": ("its header announces {need:,} bytes but the file has {got:,}",
                              "文件头声明有 {need:,} 字节，但文件只有 {got:,} 字节"),
    "weightfile.data_cut": ("{name} announces {need:,} bytes of data but holds {got:,}",
                            "{name} 声明有 {need:,} 字节数据，实际只有 {got:,} 字节"),
    "weightfile.bad_shape": ("the shape of {name} is {shape}, not a list of whole numbers from 0 up",
                             "{name} 的形状是 {shape}，不是由非负整数组成的列表"),
    "weightfile.zip": ("its zip directory cannot be read", "其 zip 目录无法读取"),
    "weightfile.member": ("{name} inside the archive cannot be unpacked", "压缩包中的 {name} 无法解压"),
    "weightfile.json": ("its header is not a JSON object of tensors", "文件头不是描述张量的 JSON 对象"),
    "weightfile.entry": ("the header entry of {name} is not a table with a dtype name, a shape and two data "
                         "offsets",
                         "文件头中 {name} 的条目不是包含 dtype 名称、形状和两个数据偏移量的表"),
    "weightfile.offsets": ("the data of {name} (bytes {start:,} to {end:,}) lies outside the {size:,} bytes of "
                           "data",
                           "{name} 的数据（第 {start:,} 到 {end:,} 字节）超出了 {size:,} 字节的数据区"),
    "weightfile.tiling": ("the tensors' data do not fill the data section exactly, one after another",
                          "各张量的数据没有一个接一个地恰好填满数据区"),
    "weightfile.size": ("{name} holds {got:,} bytes, not the {need:,} its shape {shape} needs",
                        "{name} 有 {got:,} 字节，而不是其形状 {shape} 所需的 {need:,} 字节"),
    "weightfile.count": ("{name} holds {got:,} values, not the {need:,} its shape {shape} needs",
                         "{name} 有 {got:,} 个数值，而不是其形状 {shape} 所需的 {need:,} 个"),
    "weightfile.protobuf": ("it is not a valid ONNX protobuf message", "它不是有效的 ONNX protobuf 消息"),
    "weightfile.tables": ("its flatbuffer tables point outside the file", "其 flatbuffer 表指向文件之外"),
    "weightfile.buffer": ("the data of {name} lies outside the file", "{name} 的数据位于文件之外"),
    "weightfile.sparsity": ("the sparse layout of {name} does not describe its shape {shape}",
                            "{name} 的稀疏布局与其形状 {shape} 不符"),
    "weightfile.opcode": ("operator {index} uses operator code {code}, which the file does not define",
                          "第 {index} 个算子使用的算子代码 {code} 在文件中没有定义"),
    "weightfile.gguf_version": ("it is GGUF version {version}; versions 2 and 3 are read",
                                "它是 GGUF 第 {version} 版；只读取第 2 和第 3 版"),
    "weightfile.gguf_endian": ("it is written big-endian, which is not read here", "它按大端字节序写入，这里无法读取"),
    "weightfile.gguf_cut": ("its header runs past the end of the file (byte {at:,} of {size:,})",
                            "其文件头超出了文件末尾（第 {at:,} 字节，文件共 {size:,} 字节）"),
    "weightfile.gguf_text": ("a name in its header is not UTF-8 text", "文件头中有一个名称不是 UTF-8 文本"),
    "weightfile.gguf_value": ("the metadata {name} has value type {code}, which GGUF does not define",
                              "元数据 {name} 的值类型为 {code}，GGUF 中没有定义这种类型"),
    "weightfile.gguf_duplicate": ("{name} is defined twice", "{name} 被定义了两次"),
    "weightfile.gguf_alignment": ("its alignment is {alignment}, not a power of two stored as a 32-bit unsigned "
                                  "integer",
                                  "其对齐值为 {alignment}，不是以 32 位无符号整数存储的 2 的幂"),
    "weightfile.gguf_tensor_type": ("{name} has tensor type {code}, which ggml does not define",
                                    "{name} 的张量类型为 {code}，ggml 中没有定义这种类型"),
    "weightfile.gguf_dims": ("{name} has {n:,} dimensions ({shape}); a tensor here has 1 to 4, each of at most "
                             "{limit:,} values",
                             "{name} 有 {n:,} 个维度（{shape}）；这里的张量只能有 1 到 4 个维度，每个维度最多 {limit:,} 个数值"),
    "weightfile.gguf_row": ("{name} is {dtype} with rows of {row:,} values, not a whole number of its blocks of "
                            "{block}",
                            "{name} 为 {dtype}，每行 {row:,} 个数值，不是其 {block} 个数值一块的整数倍"),
}
