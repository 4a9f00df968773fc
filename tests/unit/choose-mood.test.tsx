// @vitest-environment happy-dom
/**
 * The popup's mood chips: the seven moods before any reading and under one, a choice (or a correction) that
 * replaces the reading on screen, a mixed reading in words and a calibrated one that says so. The background
 * is played by a mocked `sendMessage`.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MoodReader } from '@/components/MoodReader';
import { latestReading } from '@/lib/browser/reading-store';
import { EMOTIONS } from '@/lib/mood/emotions';
import type { ChosenReading, FaceReading } from '@/lib/mood/types';
import { cameraReading } from '../support/readings';

const sendMessage = vi.fn();
vi.mock('@/lib/browser/messages', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/browser/messages')>()),
  sendMessage: (...args: unknown[]) => sendMessage(...args),
}));

const read = (over: Partial<FaceReading> = {}): FaceReading =>
  cameraReading({
    emotion: 'sad',
    probabilities: [0.05, 0.01, 0.06, 0.03, 0.55, 0.02, 0.28],
    at: Date.now() - 1_000,
    ...over,
  });
const chosen = (emotion: ChosenReading['emotion'], corrects?: FaceReading): ChosenReading => ({
  emotion,
  probabilities: EMOTIONS.map((e) => (e === emotion ? 1 : 0)),
  faces: 1,
  source: 'chosen',
  at: Date.now(),
  ...(corrects ? { corrects: { ...corrects, faces: 1 } } : {}),
});
const picksFor = (emotion: string) => ({
  mood: { emotion, at: 1, faces: 1 },
  strategy: 'match',
  picks: [
    {
      id: '1',
      title: `A film for ${emotion}`,
      year: 2001,
      genres: ['Comedy'],
      rating: 4,
      source: 'builtin',
      reason: `fits your ${emotion} mood`,
    },
  ],
  hasMore: false,
});

let root: HTMLElement;
const settle = async () => {
  for (let i = 0; i < 4; i++) await act(() => new Promise<void>((resolve) => setTimeout(resolve, 10)));
};
const $ = (selector: string) => root.querySelector(selector);
const chips = () => [...root.querySelectorAll('[data-testid="choose-mood"] button[data-emotion]')];
/** What the background is asked to choose, and what it answers. */
let chooseAnswer: (request: { emotion: ChosenReading['emotion'] }) => unknown;

beforeEach(() => {
  fakeBrowser.reset();
  sendMessage.mockReset();
  chooseAnswer = ({ emotion }) => ({ ok: true, reading: chosen(emotion) });
  sendMessage.mockImplementation(async (type: string, request: { emotion: ChosenReading['emotion'] }) => {
    if (type === 'choose-mood') return chooseAnswer(request);
    if (type === 'get-picks') return picksFor(((await latestReading.getValue()) ?? read()).emotion);
    return { ok: true };
  });
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('choosing a mood in the popup', () => {
  it('offers the seven moods at once before any reading, and a choice becomes the mood with its picks', async () => {
    render(<MoodReader />, root);
    await settle();
    expect($('[data-testid="mood"]')).toBeNull();
    expect(chips().map((c) => c.getAttribute('data-emotion'))).toEqual([...EMOTIONS]);
    expect($('[data-testid="choose-mood"]')?.textContent).toContain('Choose my mood');
    chooseAnswer = ({ emotion }) => {
      void latestReading.setValue(chosen(emotion));
      return { ok: true, reading: chosen(emotion) };
    };
    (chips()[3] as HTMLButtonElement).click();
    await settle();
    expect(sendMessage).toHaveBeenCalledWith('choose-mood', { emotion: 'happy' });
    expect($('[data-testid="mood"]')?.getAttribute('data-source')).toBe('chosen');
    expect($('[data-testid="mood"]')?.getAttribute('data-emotion')).toBe('happy');
    expect($('[data-testid="mood"]')?.textContent).toContain('You chose it');
    expect($('[data-testid="pick"]')?.textContent).toContain('A film for happy');
    // Still there, the chosen one pressed, to change it.
    expect($('[data-testid="choose-mood"]')?.textContent).toContain('Not right? I feel…');
    expect(
      chips()
        .filter((c) => c.getAttribute('aria-pressed') === 'true')
        .map((c) => c.getAttribute('data-emotion')),
    ).toEqual(['happy']);
  });

  it('under a reading, a correction names the reading it corrects and replaces it on screen', async () => {
    const reading = read();
    await latestReading.setValue(reading);
    chooseAnswer = ({ emotion }) => ({ ok: true, reading: chosen(emotion, reading) });
    render(<MoodReader />, root);
    await settle();
    expect($('[data-testid="mood"]')?.getAttribute('data-source')).toBe('camera');
    expect($('[data-testid="choose-mood"]')?.textContent).toContain('Not right? I feel…');
    expect(root.querySelectorAll('[data-testid="choose-mood"]')).toHaveLength(1);
    (root.querySelector('[data-testid="choose-mood"] [data-emotion="neutral"]') as HTMLButtonElement).click();
    await settle();
    expect(sendMessage).toHaveBeenCalledWith('choose-mood', { emotion: 'neutral', corrects: reading.at });
    expect(root.querySelectorAll('[data-testid="mood"]')).toHaveLength(1);
    expect($('[data-testid="mood"]')?.getAttribute('data-source')).toBe('chosen');
    expect($('[data-testid="mood"]')?.textContent).toContain('MoodReel had read sad');
  });

  it('says so when the choice could not be saved, and keeps the reading on screen', async () => {
    await latestReading.setValue(read());
    chooseAnswer = () => Promise.reject(new Error('the background is gone'));
    render(<MoodReader />, root);
    await settle();
    (root.querySelector('[data-testid="choose-mood"] [data-emotion="happy"]') as HTMLButtonElement).click();
    await settle();
    expect($('[data-testid="choose-mood-error"]')?.textContent).toMatch(/could not be saved/);
    expect($('[data-testid="mood"]')?.getAttribute('data-source')).toBe('camera');
  });
});

describe('what the popup says of a reading', () => {
  it('puts a mixed reading in words, and says nothing more of a clear one', async () => {
    await latestReading.setValue(read({ emotion: 'neutral', probabilities: [0.05, 0.02, 0.08, 0.3, 0.1, 0.03, 0.42] }));
    render(<MoodReader />, root);
    await settle();
    expect($('[data-testid="mixed-mood"]')?.textContent).toBe('Mostly neutral, a bit happy');
    render(null, root);
    await latestReading.setValue(read({ emotion: 'happy', probabilities: [0.01, 0.01, 0.01, 0.9, 0.03, 0.02, 0.02] }));
    render(<MoodReader />, root);
    await settle();
    expect($('[data-testid="mood"]')?.getAttribute('data-emotion')).toBe('happy');
    expect($('[data-testid="mixed-mood"]')).toBeNull();
  });

  it('says a calibrated reading was calibrated to the resting face, in the details', async () => {
    await latestReading.setValue(
      read({
        emotion: 'neutral',
        probabilities: [0.04, 0.02, 0.05, 0.03, 0.14, 0.02, 0.7],
        calibrated: true,
        uncalibrated: [0.05, 0.01, 0.06, 0.03, 0.55, 0.02, 0.28],
      }),
    );
    render(<MoodReader />, root);
    await settle();
    expect($('[data-testid="mood"]')?.getAttribute('data-calibrated')).toBe('true');
    expect($('[data-testid="mood-details"] [data-testid="calibrated"]')?.textContent).toBe(
      'Calibrated to your resting face. As read before that: 55 % sad, 28 % neutral, 6 % fearful, 5 % angry.',
    );
  });
});
