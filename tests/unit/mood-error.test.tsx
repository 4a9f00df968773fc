// @vitest-environment happy-dom
/**
 * Errors that act: a refused camera gets a button that opens Chrome's settings page for the extension (in a
 * tab: tabs.create) and the steps in words; a reading the browser interrupted says so and tries again on click.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MoodError } from '@/components/MoodError';
import { MoodReader } from '@/components/MoodReader';
import { cameraFailure, photoTooSmall } from '@/lib/reader/errors';

const sendMessage = vi.fn();
vi.mock('@/lib/browser/messages', () => ({
  READING_PORT_PREFIX: 'moodreel-reading:',
  sendMessage: (...args: unknown[]) => sendMessage(...args),
}));

let root: HTMLElement;
const settle = async () => {
  for (let i = 0; i < 4; i++) await act(() => new Promise<void>((resolve) => setTimeout(resolve, 10)));
};

beforeEach(() => {
  fakeBrowser.reset();
  sendMessage.mockReset();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

describe('errors that act', () => {
  it("camera denied: the button opens Chrome's camera settings for this extension, and the steps are in words", async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    render(<MoodError failure={cameraFailure(new DOMException('no', 'NotAllowedError'))} />, root);
    expect(root.querySelector('.error__title')?.textContent).toBe('Camera not allowed');
    expect(root.textContent).toMatch(/choose Allow/);
    expect(root.textContent).not.toContain('chrome://'); // no raw address to copy, broken mid-word
    (root.querySelector('[data-testid=open-camera-settings]') as HTMLButtonElement).click();
    await settle();
    expect(create).toHaveBeenCalledWith({
      url: `chrome://settings/content/siteDetails?site=chrome-extension%3A%2F%2F${fakeBrowser.runtime.id}`,
    });
  });

  it('a photo too small is titled so, not "No face found", and offers no pointless retry', () => {
    render(<MoodError failure={photoTooSmall(12, 9, 24)} />, root);
    expect(root.querySelector('.error__title')?.textContent).toBe('Photo too small');
    expect(root.querySelector('[data-testid=mood-error]')?.getAttribute('data-reason')).toBe('no-face');
    expect(root.querySelector('[data-testid=mood-retry]')).toBeNull();
  });

  it('the service worker stopping mid-reading: "The reading was interrupted", and "Try again" reads again', async () => {
    vi.spyOn(fakeBrowser.runtime, 'connect').mockReturnValue({ disconnect: () => undefined } as never);
    let reads = 0;
    sendMessage.mockImplementation(async (type: string) => {
      if (type !== 'read-mood') return { ok: true };
      reads++;
      if (reads === 1) throw new Error('The message port closed before a response was received.');
      return { ok: false, reason: 'no-face', title: 'No face found', message: 'No face was found.' };
    });
    render(<MoodReader />, root);
    await settle();
    (root.querySelector('[data-testid=read-mood]') as HTMLButtonElement).click();
    await settle();
    const error = root.querySelector('[data-testid=mood-error]');
    expect(error?.getAttribute('data-reason')).toBe('model-failed');
    expect(error?.querySelector('.error__title')?.textContent).toBe('The reading was interrupted');
    expect(error?.textContent).toContain('message port closed');
    (root.querySelector('[data-testid=mood-retry]') as HTMLButtonElement).click();
    await settle();
    expect(reads).toBe(2);
    expect(root.querySelector('.error__title')?.textContent).toBe('No face found');
  });
});
