/** "Hide on this site for now", as the background keeps it: for a registered site, from a tab on that site. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { rowHidden } from '../sites/row-hidden';
import { hideRowOn } from './row-hide';
import { readSiteState } from './site-state';

describe('hide-row', () => {
  beforeEach(() => fakeBrowser.reset());

  it('hides the row on the site asked, there only', async () => {
    expect(await hideRowOn('netflix', 'https://www.netflix.com/browse')).toEqual({ ok: true });
    expect(await rowHidden.sites()).toEqual(['netflix']);
    expect((await readSiteState('netflix')).rowHidden).toBe(true);
    expect((await readSiteState('prime')).rowHidden).toBe(false);
  });

  it("refuses a site the tab is not on (the id came from the frame's URL, which the page's renderer wrote)", async () => {
    expect(await hideRowOn('prime', 'https://www.netflix.com/browse')).toEqual({ ok: false });
    expect(await hideRowOn('hulu' as never, 'https://www.netflix.com/browse')).toEqual({ ok: false });
    expect(await rowHidden.sites()).toEqual([]);
  });

  it('takes the site named when the browser does not say where the tab is', async () => {
    expect(await hideRowOn('disney', undefined)).toEqual({ ok: true });
    expect(await rowHidden.sites()).toEqual(['disney']);
  });
});
