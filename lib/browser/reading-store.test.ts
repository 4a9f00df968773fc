import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { MoodReading } from '../mood/types';
import { createPicksService, forgetShownPicks, parseShownPicks } from './picks-service';
import { latestReading, parseReading, restingFace } from './reading-store';
import type { CatalogueService } from './catalogue-service';
import { film } from '../../tests/support/test-catalogue';

const READING: MoodReading = {
  emotion: 'sad',
  probabilities: [0.05, 0.05, 0.05, 0.05, 0.6, 0.1, 0.1],
  backend: 'wasm',
  failedBackends: [{ backend: 'webgpu', error: 'no adapter' }],
  cnnMs: 9,
  detectMs: 8,
  frameMs: 17,
  totalMs: 900,
  frames: 8,
  faces: 2,
  people: [
    { emotion: 'sad', probabilities: [0, 0, 0, 0, 1, 0, 0] },
    { emotion: 'happy', probabilities: [0, 0, 0, 1, 0, 0, 0] },
  ],
  source: 'camera',
  at: Date.UTC(2026, 10, 27, 20),
};

describe('stored values are checked when read', () => {
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    fakeBrowser.reset();
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('a good reading reads back as it was written', async () => {
    await latestReading.setValue(READING);
    expect(await latestReading.getValue()).toEqual(READING);
    const { people: _people, failedBackends: _failed, frameMs: _frameMs, ...single } = READING;
    expect(parseReading(single)).toEqual(single);
    expect(parseReading({ ...single, secret: 'x' })).toEqual(single);
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    ['a string', 'sad'],
    ['a list', [READING]],
    ['an unknown emotion', { ...READING, emotion: 'bored' }],
    ['six probabilities', { ...READING, probabilities: [0.5, 0.5, 0, 0, 0, 0] }],
    ['probabilities that do not add up to 1', { ...READING, probabilities: [1, 1, 1, 1, 1, 1, 1] }],
    ['a probability that is text', { ...READING, probabilities: ['1', 0, 0, 0, 0, 0, 0] }],
    ['an unknown backend', { ...READING, backend: 'quantum' }],
    ['a time that is text', { ...READING, at: 'yesterday' }],
    ['no time', { ...READING, at: undefined }],
    ['an unknown source', { ...READING, source: 'screen' }],
    ['a hundred people', { ...READING, people: Array.from({ length: 100 }, () => READING.people![0]) }],
    ['a person without probabilities', { ...READING, people: [{ emotion: 'sad' }] }],
  ])('%s reads as no reading, with a notice, and the picks still answer', async (_label, bad) => {
    await fakeBrowser.storage.local.set({ latestReading: bad });
    expect(await latestReading.getValue()).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('latestReading is not valid'));
    // No reading to pick for: broadly loved films, said as such.
    const loved = film({
      id: '318',
      title: 'The Shawshank Redemption',
      genres: ['Drama'],
      rating: 4.4,
      ratingCount: 317,
    });
    const snapshot = { films: [loved], feedback: [] };
    const catalogue = { snapshot: () => Promise.resolve(snapshot) } as unknown as CatalogueService;
    await expect(createPicksService(catalogue).getPicks({})).resolves.toMatchObject({
      mood: null,
      picks: [{ id: '318', reason: 'Loved by MovieLens viewers' }],
    });
  });

  it('a chosen mood and a calibrated reading read back as they were written', async () => {
    const { people: _people, ...single } = READING;
    const calibrated: MoodReading = {
      ...single,
      faces: 1,
      calibrated: true,
      uncalibrated: [0.1, 0, 0, 0, 0.5, 0, 0.4],
    };
    expect(parseReading(calibrated)).toEqual(calibrated);
    const chosen: MoodReading = {
      emotion: 'neutral',
      probabilities: [0, 0, 0, 0, 0, 0, 1],
      faces: 1,
      source: 'chosen',
      at: 5,
      corrects: {
        emotion: 'sad',
        probabilities: READING.probabilities,
        uncalibrated: [0.1, 0, 0, 0, 0.5, 0, 0.4],
        source: 'camera',
        faces: 1,
        at: 4,
      },
    };
    await latestReading.setValue(chosen);
    expect(await latestReading.getValue()).toEqual(chosen);
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    [
      'a chosen mood not all on its emotion',
      { emotion: 'sad', probabilities: [0, 0, 0, 0.5, 0.5, 0, 0], faces: 1, source: 'chosen', at: 1 },
    ],
    [
      'a chosen mood correcting a bad reading',
      {
        emotion: 'sad',
        probabilities: [0, 0, 0, 0, 1, 0, 0],
        faces: 1,
        source: 'chosen',
        at: 1,
        corrects: { emotion: 'happy' },
      },
    ],
    ['a calibrated reading without the model’s numbers', { ...READING, calibrated: true }],
  ])('%s reads as no reading', async (_label, bad) => {
    await fakeBrowser.storage.local.set({ latestReading: bad });
    expect(await latestReading.getValue()).toBeNull();
  });

  it('the resting face is checked too', async () => {
    const face = { probabilities: [0.06, 0.01, 0.08, 0.04, 0.25, 0.02, 0.54], at: 3, samples: 1 };
    await restingFace.setValue(face);
    expect(await restingFace.getValue()).toEqual(face);
    await fakeBrowser.storage.local.set({ restingFace: { ...face, probabilities: [1, 1, 1, 1, 1, 1, 1] } });
    expect(await restingFace.getValue()).toBeNull();
  });

  it('a watcher sees a bad value as no reading', async () => {
    const seen: unknown[] = [];
    const stop = latestReading.watch((value) => seen.push(value));
    await latestReading.setValue(READING);
    await fakeBrowser.storage.local.set({ latestReading: { emotion: 'happy' } });
    await vi.waitFor(() => expect(seen).toEqual([READING, null]));
    stop();
  });

  it('the record of shown picks is checked too, and forgotten on request', async () => {
    expect(parseShownPicks([{ at: 1, ids: ['1', '2'] }])).toEqual([{ at: 1, ids: ['1', '2'] }]);
    for (const bad of [
      '1,2',
      [{ at: 'now', ids: [] }],
      [{ at: 1, ids: [3] }],
      [{ at: 1 }],
      Array.from({ length: 50 }, () => ({ at: 1, ids: [] })),
    ]) {
      expect(parseShownPicks(bad), JSON.stringify(bad).slice(0, 40)).toBeUndefined();
    }
    await fakeBrowser.storage.local.set({ shownPicks: [{ at: 1, ids: ['1'] }] });
    await forgetShownPicks();
    expect(await fakeBrowser.storage.local.get('shownPicks')).toEqual({});
  });
});
