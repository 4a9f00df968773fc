// @vitest-environment happy-dom
/**
 * The row as its frame draws it (components/site-row/), with a fake background: picks for a mood, a movie night,
 * films many people love before any reading; the same two keyboard stops whatever it shows; scrolling along the
 * cards with the keyboard; following the background's changes in place; Hide. (In Chromium: tests/e2e/sites.)
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RowFrame } from '@/components/site-row/RowFrame';
import { PicksRow, type RowView } from '@/components/site-row/PicksRow';
import { NETFLIX } from '@/lib/sites/adapters';
import { fakePick, fakeRowBackground, mood, userEvent, type FakeRowBackground } from '../support/sites-testing';

const PICKS = [
  fakePick('1', 'Toy Story', { year: 1995, genres: ['Adventure', 'Animation', 'Children', 'IMAX'] }),
  fakePick('344', 'Ace Ventura: Pet Detective', { year: 1994 }),
  fakePick('9999', '<img src=x onerror="window.__pwned = 1">', { year: null, genres: [] }),
  fakePick('500', 'Mrs. Doubtfire', { year: 1993 }),
  fakePick('1265', 'Groundhog Day', { year: 1993 }),
  fakePick('4306', 'Shrek', { year: 2001, genres: ['(no genres listed)' as never] }),
];
const LOVED = ['318', '858', '1221', '2959', '50'].map((id) =>
  fakePick(id, `Loved ${id}`, { reason: 'Loved by MovieLens viewers', genres: ['Drama'] }),
);

let container: HTMLElement;
let background: FakeRowBackground;

const all = (selector: string) => [...container.querySelectorAll<HTMLElement>(selector)];
const heading = () => container.querySelector('[data-testid="row-heading"]')!;
const ids = () => all('[data-testid="pick"]').map((card) => card.getAttribute('data-movie-id'));
/** The row's keyboard stops, as the browser's Tab order has them (tabindex 0 and focusable). */
const stops = () =>
  all('a[href], button, [tabindex]').filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getAttribute('tabindex') !== '-1',
  );

async function settle() {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

async function showFrame() {
  await act(async () => {
    render(<RowFrame adapter={NETFLIX} pageOrigin="https://www.netflix.com" services={background} />, container);
  });
  await settle();
}

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  background = fakeRowBackground({ mood: mood('happy'), picks: PICKS, loved: LOVED });
});

afterEach(() => {
  render(null, container);
  container.remove();
  delete (window as { __pwned?: number }).__pwned;
});

describe("the row's frame", () => {
  it('shows the picks for the mood: heading, cards as text, each a search on the page’s own site', async () => {
    await showFrame();
    expect(heading().textContent).toBe('Picks for your happy mood 😄');
    expect(heading().getAttribute('data-emotion')).toBe('happy');
    expect(ids()).toEqual(['1', '344', '9999', '500', '1265', '4306']);
    const [first] = all('[data-testid="pick"]') as HTMLAnchorElement[];
    expect(first!.getAttribute('href')).toBe('https://www.netflix.com/search?q=Toy%20Story');
    // A link opens in the site's own tab, not inside the frame.
    expect(first!.getAttribute('target')).toBe('_top');
    expect(first!.querySelector('.mr-card__reason')?.textContent).toBe('Comedy · fits your happy mood');
    // A title that looks like markup stays text.
    expect(all('.mr-card__title')[2]?.textContent).toBe('<img src=x onerror="window.__pwned = 1">');
    expect(container.querySelectorAll('img')).toHaveLength(0);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(background.pickRequests).toBe(1);
  });

  it('shows no MovieLens "IMAX" nor "(no genres listed)" as a genre', async () => {
    await showFrame();
    const facts = all('.mr-card__facts').map((el) => el.textContent);
    expect(facts[0]).toBe('1995 · Adventure · Animation · Children');
    expect(facts.join(' ')).not.toMatch(/IMAX|no genres/);
    expect(all('.mr-card')[5]?.querySelector('.mr-card__facts')?.textContent).toBe('2001');
  });

  it('before any reading: films many people love, a heading without an emotion, and one line to read your mood', async () => {
    background.mood = null;
    await showFrame();
    expect(heading().hasAttribute('data-emotion')).toBe(false);
    expect(heading().textContent).toBe('Films many people love');
    expect(container.querySelector('[data-testid="no-reading"]')?.textContent).toBe(
      'Read your mood for picks that fit it',
    );
    expect(ids()).toEqual(['318', '858', '1221', '2959', '50']);
    expect(all('.mr-card__reason').map((el) => el.textContent)).toEqual(Array(5).fill('Loved by MovieLens viewers'));
  });

  it('on movie night says how many it fits first, before the reason', async () => {
    background.mood = mood('happy', 3);
    background.picks = [
      fakePick('1', 'Toy Story', { fitsPeople: { fits: 2, of: 3 }, reason: 'A warm comedy for the group' }),
    ];
    await showFrame();
    expect(heading().textContent).toBe('Picks for your movie night, 3 people');
    expect(container.querySelector('.mr-card__reason')?.textContent).toBe('fits 2 of 3 · A warm comedy for the group');
    expect(container.querySelector('.mr-card__reason')?.firstElementChild?.textContent).toBe('fits 2 of 3');
  });

  it('follows each change the background announces in place, and never shows an older answer over a newer one', async () => {
    await showFrame();
    const section = container.querySelector('section');
    background.mood = mood('sad');
    await act(async () => background.change());
    await settle();
    expect(heading().getAttribute('data-emotion')).toBe('sad');
    expect(container.querySelector('section')).toBe(section);
    // The reading went stale: films many people love again.
    background.mood = null;
    await act(async () => background.change());
    await settle();
    expect(heading().hasAttribute('data-emotion')).toBe(false);
    expect(ids()).toEqual(['318', '858', '1221', '2959', '50']);

    // Two changes in a row, the first answered last: the second's answer stays.
    let release: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const getPicks = background.getPicks.bind(background);
    let calls = 0;
    background.getPicks = async (request) => {
      const answer = getPicks(request);
      if (calls++ === 0) await slow;
      return answer;
    };
    background.mood = mood('fear');
    await act(async () => background.change());
    background.mood = mood('angry');
    await act(async () => background.change());
    await settle();
    release();
    await settle();
    expect(heading().getAttribute('data-emotion')).toBe('angry');
  });

  it('says the background is not answering, without an error', async () => {
    background.failing = true;
    await showFrame();
    expect(container.querySelector('[data-testid="unavailable"]')).not.toBeNull();
    expect(heading().hasAttribute('data-emotion')).toBe(false);
  });

  it('"Hide on this site for now" says what it does, and answers only the user\'s own click', async () => {
    await showFrame();
    const hide = container.querySelector<HTMLButtonElement>('[data-testid="hide-row"]')!;
    expect(hide.textContent).toBe('Hide on this site for now');
    hide.click();
    expect(background.hides).toBe(0);
    hide.dispatchEvent(userEvent(new MouseEvent('click', { bubbles: true })));
    expect(background.hides).toBe(1);
  });
});

describe('the keyboard', () => {
  const views: [string, RowView][] = [
    ['happy', { kind: 'picks', mood: mood('happy'), picks: PICKS }],
    ['sad, two picks', { kind: 'picks', mood: mood('sad'), picks: PICKS.slice(0, 2) }],
    ['movie night', { kind: 'picks', mood: mood('happy', 4), picks: PICKS }],
    ['no reading', { kind: 'picks', mood: null, picks: LOVED }],
    ['no picks', { kind: 'picks', mood: mood('disgust'), picks: [] }],
    ['loading', { kind: 'loading' }],
    ['unavailable', { kind: 'unavailable' }],
  ];

  function draw(view: RowView) {
    render(
      <PicksRow
        view={view}
        siteName="Netflix"
        searchUrl={(t) => `https://x/${t}`}
        linkTarget="_top"
        onHide={() => {}}
      />,
      container,
    );
  }

  it('has the same two stops whatever the row shows: Hide, then one stop on the cards (or the note)', () => {
    for (const [name, view] of views) {
      draw(view);
      const found = stops();
      expect(found, name).toHaveLength(2);
      expect(found[0]?.getAttribute('data-testid'), name).toBe('hide-row');
    }
  });

  it('moves along the cards with the arrow keys, Home and End, the stop following', async () => {
    draw(views[0]![1]);
    await settle();
    const cards = () => all('[data-testid="pick"]');
    const stopId = () =>
      cards()
        .find((card) => card.tabIndex === 0)
        ?.getAttribute('data-movie-id');
    expect(stopId()).toBe('1');
    const press = async (key: string) => {
      await act(async () => {
        (document.activeElement ?? cards()[0]!).dispatchEvent(
          userEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })),
        );
      });
    };
    cards()[0]!.focus();
    await press('ArrowRight');
    expect(stopId()).toBe('344');
    expect(document.activeElement?.getAttribute('data-movie-id')).toBe('344');
    await press('End');
    expect(stopId()).toBe('4306');
    await press('ArrowRight');
    expect(stopId()).toBe('4306');
    await press('Home');
    expect(stopId()).toBe('1');
    await press('ArrowLeft');
    expect(stopId()).toBe('1');
    // The arrow buttons scroll for a pointer; they are no keyboard stops.
    expect(all('[data-testid="scroll-forward"], [data-testid="scroll-back"]').map((b) => b.tabIndex)).toEqual([-1, -1]);
  });
});
