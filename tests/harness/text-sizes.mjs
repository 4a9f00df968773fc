// What a reader sees of a page's type: the computed size of the body and of every visible piece of text.
// Used by the text-size e2e test (tests/e2e/text-size.test.ts) and by the page screenshots (page-shots.mjs).

/**
 * Runs in the page (pass it to page.evaluate): the body's computed font size, and for each visible text node
 * (not blank, laid out, not hidden, not clipped away as screen-reader text) its element's computed font size.
 * Sizes are CSS pixels, so browser zoom does not change them.
 * @returns {{ body: number, html: number, texts: { size: number, text: string, where: string }[] }}
 */
export function readTextSizes() {
  const px = (element) => parseFloat(getComputedStyle(element).fontSize);
  /** A short path to say where a text is (tag, class, test id). */
  const where = (element) => {
    const parts = [];
    for (let e = element; e && e !== document.body && parts.length < 3; e = e.parentElement) {
      const id = e.getAttribute('data-testid');
      const cls = typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/u)[0]}` : '';
      parts.unshift(`${e.localName}${cls}${id ? `[${id}]` : ''}`);
    }
    return parts.join(' > ');
  };
  const visible = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
      // Screen-reader-only text (1×1 px, clipped) is not seen.
      if (style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)') return false;
      if (e.localName === 'details' && !e.open && e !== element) {
        // Only the summary of a closed <details> is shown.
        const summary = e.querySelector(':scope > summary');
        if (!summary || !summary.contains(element)) return false;
      }
    }
    const rect = element.getBoundingClientRect();
    return rect.width > 1 && rect.height > 1;
  };
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.nodeValue ?? '').trim();
    const element = node.parentElement;
    if (!text || !element || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'OPTION'].includes(element.tagName)) continue;
    if (!visible(element)) continue;
    texts.push({ size: px(element), text: text.slice(0, 60), where: where(element) });
  }
  return { body: px(document.body), html: px(document.documentElement), texts };
}

/**
 * The rule the pages keep: body text at least `minBody` px, at least 90 % of visible texts at least 12 px, none
 * under 11 px. Returns what breaks it (empty when kept).
 * @param {{ body: number, texts: { size: number, text: string, where: string }[] }} sizes
 * @param {{ minBody?: number }} [options]
 * @returns {string[]}
 */
export function textSizeProblems(sizes, { minBody = 13 } = {}) {
  const problems = [];
  if (sizes.body < minBody) problems.push(`body text is ${sizes.body} px (under ${minBody})`);
  if (sizes.texts.length === 0) problems.push('no visible text');
  const small = sizes.texts.filter((t) => t.size < 12);
  if (sizes.texts.length && small.length / sizes.texts.length > 0.1) {
    problems.push(`${small.length} of ${sizes.texts.length} texts are under 12 px`);
  }
  for (const t of sizes.texts.filter((t) => t.size < 11)) problems.push(`${t.size} px: "${t.text}" (${t.where})`);
  return problems;
}
