STRINGS = {
    "share.title": ("Share", "分享"),
    "share.link": ("The link to this page exactly as you see it (every control is in it):",
                   "当前页面状态的链接（包含所有控件的取值）："),
    "share.embed": ("Embed the main figure in a blog post or slides (it stays live):",
                    "把主图嵌入博客或幻灯片（保持可交互）："),
    "share.preview": ("Open the embed view", "打开嵌入视图"),
}
