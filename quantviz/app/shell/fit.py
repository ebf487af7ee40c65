"""What keeps a page on one screen, from a projector down to a phone: a slimmer page top, a
smaller title on a phone, formulas scaled to the width they have, and in the embed view the
height of the content told to the blog page around the iframe (the Share panel's responsive
snippet listens for it).

The few lines of JavaScript run in the page itself (``st.html`` with JavaScript allowed), once
per browser tab: they watch the page and refit after every change.
"""
from __future__ import annotations

import streamlit as st

HEIGHT_MESSAGE = "quantviz:height"   # the message an embed sends its parent: {type, height}

CSS = """
<style>
/* the page starts under the header's toolbar, not ~120 px below it; elements that only hold
   a style sheet or a script take no room (their style sheet still applies) */
[data-testid="stMainBlockContainer"] { padding-top: 3rem; }
[data-testid="stElementContainer"]:has([data-testid="stMarkdownContainer"] > style:only-child),
[data-testid="stElementContainer"]:has([data-testid="stHtml"] > script:only-child) { display: none; }
/* a phone: the title on two lines at most, the page edge to edge */
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 3.25rem; padding-left: 0.75rem; padding-right: 0.75rem; }
  h1 { font-size: 1.75rem !important; }
  h2 { font-size: 1.4rem !important; }
  /* a metric's whole value, smaller, wrapped if it must be (never cut off with an ellipsis) */
  [data-testid="stMetricValue"] { font-size: 1.75rem; }
  [data-testid="stMetricValue"] > div { white-space: normal; overflow-wrap: anywhere; }
}
</style>
"""

# Scale each display formula down (to half its size at most) until it fits its width; what still does
# not fit scrolls sideways (the shell's CSS). In the embed view, post the content's height.
SCRIPT = """
<script>
(() => {
  if (window.__quantvizFit) return;
  window.__quantvizFit = true;
  const embedded = window.parent !== window;
  let lastHeight = 0, queued = false;
  const fitFormulas = () => {
    // every size reset first, every width read next, every new size written last: the page is laid
    // out once per refit, not once per formula (a long page has many)
    const fits = [];
    for (const box of document.querySelectorAll('.katex-display')) {
      const formula = box.querySelector(':scope > .katex');
      if (!formula) continue;
      formula.style.fontSize = '';
      fits.push([box, formula]);
    }
    const sizes = fits.map(([box, formula]) => {
      const pad = getComputedStyle(box);   // the box's padding leaves room for overhanging glyphs
      const need = formula.scrollWidth;
      const have = box.clientWidth - parseFloat(pad.paddingLeft) - parseFloat(pad.paddingRight);
      return have > 0 && need > have ? (1.21 * Math.max(0.5, have / need)) + 'em' : '';
    });
    fits.forEach(([, formula], i) => { if (sizes[i]) formula.style.fontSize = sizes[i]; });
  };
  const postHeight = () => {
    const content = document.querySelector('[data-testid="stMainBlockContainer"]');
    if (!embedded || !content) return;
    const height = Math.ceil(content.getBoundingClientRect().height) + 8;
    if (Math.abs(height - lastHeight) > 2) {
      lastHeight = height;
      window.parent.postMessage({type: '%(message)s', height: height}, '*');
    }
  };
  const refit = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fitFormulas(); postHeight(); });
  };
  new ResizeObserver(refit).observe(document.body);
  new MutationObserver(refit).observe(document.body, {childList: true, subtree: true});
  refit();
})();
</script>
""".replace("%(message)s", HEIGHT_MESSAGE)


def fit_page() -> None:
    """The CSS and the script (call once per run, before the page's content)."""
    st.markdown(CSS, unsafe_allow_html=True)
    st.html(SCRIPT, unsafe_allow_javascript=True)
