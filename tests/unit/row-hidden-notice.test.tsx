// @vitest-environment happy-dom
/** The popup's and the options page's "row hidden" notice: there only while the row is hidden, and it brings it back. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RowHiddenNotice } from '@/components/RowHiddenNotice';
import { rowHidden } from '@/lib/sites/row-hidden';

let container: HTMLElement;
const notice = () => container.querySelector('[data-testid="row-hidden-notice"]');
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));

beforeEach(() => {
  fakeBrowser.reset();
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

it('shows only while the row is hidden somewhere, names the sites, and brings the row back everywhere', async () => {
  await act(() => render(<RowHiddenNotice />, container));
  await settle();
  expect(notice()).toBeNull();
  await rowHidden.hide('netflix');
  await settle();
  expect(notice()?.textContent).toContain('hidden on Netflix until the browser restarts');
  await rowHidden.hide('disney');
  await settle();
  expect(notice()?.textContent).toContain('hidden on Netflix and Disney+');
  await act(() => container.querySelector<HTMLButtonElement>('[data-testid="show-row"]')!.click());
  await settle();
  expect(await rowHidden.sites()).toEqual([]);
  expect(notice()).toBeNull();
});
