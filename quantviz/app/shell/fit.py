"""What keeps a page on one screen, from a projector down to a phone: a slimmer page top, a
smaller title on a phone, formulas scaled to the width they have, and in the embed view the
height of the content told to the blog page around the iframe (the Share panel's responsive
snippet listens for it).

The few lines of JavaScript run in the page itself (``st.html`` with JavaScript allowed), once
per browser tab: a formula is fitted when it appears and whenever its width or content changes or
the fonts load (nothing else on the page makes them lay it out again), and an embed's height is
posted whenever it changes.
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
  // Each formula's box is watched on its own: it is fitted when it appears, when its width changes
  // and when its content changes, never on other changes of the page (a press that redraws a chart
  // lays nothing out here). Sizes are reset first, widths read next, new sizes written last.
  const fittedWidth = new WeakMap();
  const fit = entries => {
    const fits = [];
    for (const {target: box, contentRect} of entries) {
      const have = contentRect.width;   // the box's padding leaves room for overhanging glyphs
      const formula = box.querySelector(':scope > .katex');
      if (fittedWidth.get(box) === have || !formula) continue;   // only its height changed: fitted
      fittedWidth.set(box, have);
      formula.style.fontSize = '';
      fits.push([formula, have]);
    }
    const sizes = fits.map(([formula, have]) => {
      const need = formula.scrollWidth;
      return have > 0 && need > have ? (1.21 * Math.max(0.5, have / need)) + 'em' : '';
    });
    fits.forEach(([formula], i) => { if (sizes[i]) formula.style.fontSize = sizes[i]; });
  };
  const formulas = new ResizeObserver(fit);
  const boxes = document.getElementsByClassName('katex-display');   // live: no query per change
  let watched = [];
  // the embed view tells its parent the content's height whenever it changes
  const embedded = window.parent !== window;
  let lastHeight = 0, content = null;
  const heights = new ResizeObserver(() => {
    const height = Math.ceil(content.getBoundingClientRect().height) + 8;
    if (Math.abs(height - lastHeight) > 2) {
      lastHeight = height;
      window.parent.postMessage({type: '%(message)s', height: height}, '*');
    }
  });
  const refit = box => {
    if (!fittedWidth.delete(box)) return;   // not fitted yet: it will be
    formulas.unobserve(box);
    formulas.observe(box);   // its size is reported (and it is fitted) once laid out
  };
  const refitChanged = records => {   // a formula whose content changed in place
    for (const {target} of records) {
      const box = (target.nodeType === Node.ELEMENT_NODE ? target : target.parentElement)?.closest('.katex-display');
      if (box) refit(box);
    }
  };
  document.fonts.addEventListener('loadingdone', () => watched.forEach(refit));   // wider than the fallback
  const watch = records => {
    refitChanged(records);
    for (const box of watched.filter(box => !box.isConnected)) formulas.unobserve(box);   // gone with a rerun
    watched = watched.filter(box => box.isConnected);
    for (const box of boxes) {
      if (!watched.includes(box)) { watched.push(box); formulas.observe(box); }   // new: fitted once laid out
    }
    const main = embedded && document.querySelector('[data-testid="stMainBlockContainer"]');
    if (main && main !== content) {
      if (content) heights.unobserve(content);
      content = main;
      heights.observe(main);
    }
  };
  new MutationObserver(watch).observe(document.body, {childList: true, characterData: true, subtree: true});
  watch([]);
})();
</script>
""".replace("%(message)s", HEIGHT_MESSAGE)


def fit_page() -> None:
    """The CSS and the script (call once per run, before the page's content)."""
    st.markdown(CSS, unsafe_allow_html=True)
    st.html(SCRIPT, unsafe_allow_javascript=True)
