// MoodReel's row and badges are in closed shadow roots on the sites' pages: page scripts and Playwright's
// locators cannot see into them. The benches and the screenshot script count inside them over CDP, as the
// e2e helpers do (tests/e2e/support.ts).

/**
 * How many elements with `data-testid` = `testid` the page holds, shadow roots (closed ones too) included.
 * @param {import('playwright-core').CDPSession} cdp a CDP session on the page
 * @param {string} testid
 */
export async function countTestIds(cdp, testid) {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  let count = 0;
  const stack = [root];
  while (stack.length) {
    const node = stack.pop();
    const attributes = node.attributes ?? [];
    for (let i = 0; i + 1 < attributes.length; i += 2)
      if (attributes[i] === 'data-testid' && attributes[i + 1] === testid) count++;
    stack.push(...(node.children ?? []), ...(node.shadowRoots ?? []));
  }
  return count;
}

/** Waits until `countTestIds` finds at least one `testid`. */
export async function waitForTestId(cdp, testid, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if ((await countTestIds(cdp, testid)) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no [data-testid="${testid}"] within ${timeout} ms`);
}

/**
 * Waits until the row's frame (an extension page in an <iframe> inside the row's closed root: CDP's pierced
 * document does not reach into it) shows at least one `[data-testid="pick"]`; returns the frame.
 * @param {import('playwright-core').Page} page
 */
export async function waitForRowPicks(page, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => /^chrome-extension:\/\/[^/]+\/row-frame\.html/.test(f.url()));
    const count = frame
      ? await frame.evaluate(() => document.querySelectorAll('[data-testid="pick"]').length).catch(() => 0)
      : 0;
    if (frame && count > 0) return frame;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no [data-testid="pick"] in the row's frame within ${timeout} ms`);
}
