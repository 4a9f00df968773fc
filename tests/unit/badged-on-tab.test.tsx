// @vitest-environment happy-dom
/**
 * The popup's "Badged on this page": the films the background says it badged on the current tab, each with
 * "Not this film", which offers Undo in place for a few seconds. The background is a mocked `sendMessage`.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BadgedOnThisTab, UNDO_MS } from '@/components/BadgedOnThisTab';

const sendMessage = vi.fn();
vi.mock('@/lib/browser/messages', () => ({ sendMessage: (...args: unknown[]) => sendMessage(...args) }));

const film = (title: string, name: string) => ({ title, filmId: title, name, genres: ['Comedy'] });
let listed = [film('Get Smart', 'Get Smart (2008)'), film('Heat', 'Heat (1995)')];

let root: HTMLElement;
const settle = async (ms = 10) => {
  for (let i = 0; i < 3; i++)
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ms);
    });
};
const rows = () =>
  [...root.querySelectorAll('[data-testid=badged-film]')].map((row) => [
    row.getAttribute('data-title'),
    row.querySelector('[data-testid=not-this-film]') ? 'offered' : row.textContent,
  ]);
const press = async (selector: string, title: string) => {
  (root.querySelector(`[data-title="${title}"] ${selector}`) as HTMLButtonElement).click();
  await settle();
};

beforeEach(() => {
  vi.useFakeTimers();
  fakeBrowser.reset();
  sendMessage.mockReset();
  listed = [film('Get Smart', 'Get Smart (2008)'), film('Heat', 'Heat (1995)')];
  sendMessage.mockImplementation(async (type: string, request: { title?: string; tabId?: number }) => {
    if (type === 'badged-on-tab') return { films: request.tabId === 6 ? listed : [] };
    if (type === 'reject-title') {
      listed = listed.filter((f) => f.title !== request.title);
      return { ok: true };
    }
    if (type === 'restore-title') return { ok: true };
    throw new Error(`unexpected ${type}`);
  });
  history.replaceState({}, '', '/popup.html?tab=6');
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
});

describe('Badged on this page', () => {
  it("lists the tab's badged films, each with its film named and a 'Not this film' button", async () => {
    render(<BadgedOnThisTab />, root);
    await settle();
    expect(sendMessage).toHaveBeenCalledWith('badged-on-tab', { tabId: 6 });
    expect(rows()).toEqual([
      ['Get Smart', 'offered'],
      ['Heat', 'offered'],
    ]);
    const button = root.querySelector('[data-title="Get Smart"] [data-testid=not-this-film]')!;
    expect(button.textContent).toBe('Not this film');
    expect(button.getAttribute('aria-label')).toBe('Not Get Smart (2008): stop matching "Get Smart" on this device');
  });

  it('turns a title down, offers Undo in place for a few seconds, then lets the row go', async () => {
    render(<BadgedOnThisTab />, root);
    await settle();
    await press('[data-testid=not-this-film]', 'Get Smart');
    expect(sendMessage).toHaveBeenCalledWith('reject-title', { title: 'Get Smart' });
    // The list refreshes meanwhile (the background lists it no more): the row keeps its place, with Undo.
    await settle(2_000);
    expect(rows()).toEqual([
      ['Get Smart', '"Get Smart" will not be matched again. Undo'],
      ['Heat', 'offered'],
    ]);
    await settle(UNDO_MS);
    expect(rows()).toEqual([['Heat', 'offered']]);
  });

  it('Undo takes the title back and offers the button again', async () => {
    render(<BadgedOnThisTab />, root);
    await settle();
    await press('[data-testid=not-this-film]', 'Heat');
    listed = [...listed, film('Heat', 'Heat (1995)')];
    await press('[data-testid=undo-not-this-film]', 'Heat');
    expect(sendMessage).toHaveBeenCalledWith('restore-title', { title: 'Heat' });
    await settle(UNDO_MS);
    expect(rows()).toEqual([
      ['Get Smart', 'offered'],
      ['Heat', 'offered'],
    ]);
  });

  it('says so when the title could not be turned down, and keeps the button', async () => {
    sendMessage.mockImplementation(async (type: string) => {
      if (type === 'badged-on-tab') return { films: listed };
      throw new Error('the background is gone');
    });
    render(<BadgedOnThisTab />, root);
    await settle();
    await press('[data-testid=not-this-film]', 'Heat');
    expect(root.querySelector('[role=alert]')?.textContent).toMatch(
      /"Heat" is still matched: .*the background is gone/,
    );
    expect(rows()).toContainEqual(['Heat', 'offered']);
  });

  it('shows nothing when nothing is badged on the tab', async () => {
    history.replaceState({}, '', '/popup.html?tab=9');
    render(<BadgedOnThisTab />, root);
    await settle();
    expect(root.innerHTML).toBe('');
  });
});
