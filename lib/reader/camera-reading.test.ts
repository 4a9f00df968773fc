/**
 * The camera reading loop with a fake camera, a fake detector-and-model step and a fake clock: how every
 * reading ends (done, no face, camera gone, model failing, deadline, cancel), and that the camera is off and
 * every frame closed whichever way it ends.
 */
import { describe, expect, it, vi } from 'vitest';
import { EMOTIONS, type Emotion } from '../mood/emotions';
import type { ReadOutcome } from '../mood/types';
import { readCameraMood, type CameraReadingParts, type FrameReadOptions } from './camera-reading';
import type { Box } from './preprocess';
import { DEFAULT_PLAN, type ReadingPlan } from './reading-plan';
import type { FaceRead, FacesReading } from './vision/read-face';

/** Frame milliseconds of a 25 fps camera. */
const FRAME_MS = 40;

interface FakeFrame {
  index: number;
  close(): void;
  closed: boolean;
}

/** What the camera does at each frame: a frame showing these faces, a camera that ends, or one that freezes. */
type Shot = { faces: FaceRead[] } | 'ended' | 'frozen';

function probabilitiesOf(emotion: Emotion): number[] {
  return EMOTIONS.map((e) => (e === emotion ? 0.8 : 0.2 / 6));
}

function face(emotion: Emotion, x = 100): FaceRead {
  const box: Box = { x, y: 80, width: 120, height: 120 };
  return { box, score: 0.9, probabilities: probabilitiesOf(emotion) };
}

const never = <T>() => new Promise<T>(() => undefined);

/** A fake camera, detector and model; `model` decides how each frame reads (throw to fail). */
function fakes(
  shots: Shot[],
  options: { load?: () => Promise<unknown>; model?: (index: number) => void; openDelayMs?: number } = {},
) {
  let clock = 0;
  let next = 0;
  const frames: FakeFrame[] = [];
  const camera = { opened: false, live: false, stops: 0 };
  const readOptions: FrameReadOptions[] = [];
  const parts: CameraReadingParts<FakeFrame, { model: { backend: 'wasm'; failed: [] } }> = {
    now: () => clock,
    async openCamera() {
      if (options.openDelayMs) await new Promise((resolve) => setTimeout(resolve, options.openDelayMs));
      camera.opened = true;
      camera.live = true;
      return {
        nextFrame() {
          const shot = shots[Math.min(next, shots.length - 1)]!;
          const index = next++;
          if (shot === 'frozen') return never();
          if (shot === 'ended') return Promise.reject(new Error('the camera stopped sending frames'));
          clock += FRAME_MS;
          const frame: FakeFrame = { index, closed: false, close: () => void (frame.closed = true) };
          frames.push(frame);
          return Promise.resolve(frame);
        },
        stop() {
          camera.live = false;
          camera.stops++;
        },
      };
    },
    loadPipeline: () =>
      (options.load ? options.load() : Promise.resolve()).then(() => ({
        model: { backend: 'wasm' as const, failed: [] as [] },
      })),
    async readFrame(frame, _pipeline, read) {
      readOptions.push(read);
      options.model?.(frame.index);
      const shot = shots[frame.index] as { faces: FaceRead[] };
      const faces = shot.faces.slice(0, read.max);
      const detected = faces.map((f) => ({ box: f.box, score: f.score, keypoints: [] }));
      return {
        found: faces.length,
        tooSmall: 0,
        faces,
        detected,
        reused: read.reuse !== undefined,
        detectMs: 5,
        cnnMs: 3 * faces.length,
      } satisfies FacesReading;
    },
  };
  return { parts, camera, frames, readOptions };
}

const repeat = <T>(count: number, shot: T): T[] => Array.from({ length: count }, () => shot);

function expectFailure(outcome: ReadOutcome, reason: string, message: RegExp) {
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.reason).toBe(reason);
  expect(outcome.message).toMatch(message);
}

describe('a camera reading', () => {
  it('reads the face over a second of frames, then turns the camera off and closes every frame', async () => {
    const { parts, camera, frames } = fakes(repeat(40, { faces: [face('happy')] }));
    const outcome = await readCameraMood(parts, { plan: DEFAULT_PLAN, group: false });
    expect(outcome.ok && outcome.reading).toMatchObject({
      emotion: 'happy',
      source: 'camera',
      backend: 'wasm',
      faces: 1,
      frames: 8,
    });
    expect(camera).toMatchObject({ live: false, stops: 1 });
    expect(frames.length).toBe(8);
    expect(frames.every((f) => f.closed)).toBe(true);
  });

  it('detects on one frame in three and reads the others at the boxes just found', async () => {
    const { parts, readOptions } = fakes(repeat(40, { faces: [face('sad')] }));
    await readCameraMood(parts, { plan: DEFAULT_PLAN, group: false });
    expect(readOptions.map((o) => (o.reuse ? 'reuse' : 'detect'))).toEqual([
      'detect',
      'reuse',
      'reuse',
      'detect',
      'reuse',
      'reuse',
      'detect',
      'reuse',
    ]);
  });

  it('says no face when frames keep coming without one', async () => {
    const { parts, camera } = fakes(repeat(200, { faces: [] }));
    expectFailure(await readCameraMood(parts, { plan: DEFAULT_PLAN, group: false }), 'no-face', /No face was found/);
    expect(camera.live).toBe(false);
  });

  it('frames arrive, then stop: the camera is reported gone and turned off', async () => {
    const { parts, camera, frames } = fakes([{ faces: [face('happy')] }, { faces: [face('happy')] }, 'ended']);
    expectFailure(
      await readCameraMood(parts, { plan: DEFAULT_PLAN, group: false }),
      'no-camera',
      /camera stopped during the reading/,
    );
    expect(camera).toMatchObject({ live: false, stops: 1 });
    expect(frames.every((f) => f.closed)).toBe(true);
  });

  it('the model fails mid-reading: it says so, and the camera is off with every frame closed', async () => {
    const { parts, camera, frames } = fakes(repeat(40, { faces: [face('happy')] }), {
      model: (index) => {
        if (index === 3) throw new Error('WebGPU device lost');
      },
    });
    expectFailure(
      await readCameraMood(parts, { plan: DEFAULT_PLAN, group: false }),
      'model-failed',
      /Reading the face failed \(WebGPU device lost\)/,
    );
    expect(camera).toMatchObject({ live: false, stops: 1 });
    expect(frames.length).toBe(4);
    expect(frames.every((f) => f.closed)).toBe(true);
  });

  it('a model that fails to load: the camera that opened meanwhile is turned off', async () => {
    const { parts, camera } = fakes(repeat(40, { faces: [face('happy')] }), {
      load: () => Promise.reject(new Error('no backend')),
    });
    expectFailure(
      await readCameraMood(parts, { plan: DEFAULT_PLAN, group: false }),
      'model-failed',
      /could not load \(no backend\)/,
    );
    await vi.waitFor(() => expect(camera.opened).toBe(true));
    expect(camera.live).toBe(false);
  });

  it('movie night follows each person across the frames and reads them left to right', async () => {
    // Two people who stay put, one briefly missed by the detector, and a face in the curtains seen once.
    const both = { faces: [face('sad', 500), face('happy', 60)] };
    const shots: Shot[] = [
      both,
      both,
      { faces: [face('happy', 62)] },
      both,
      { faces: [face('sad', 502), face('happy', 58), face('angry', 1000)] },
      both,
      both,
      both,
      both,
      both,
    ];
    const { parts, camera, readOptions } = fakes(shots);
    const outcome = await readCameraMood(parts, { plan: DEFAULT_PLAN, group: true });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.reading.people?.map((p) => p.emotion)).toEqual(['happy', 'sad']);
    expect(outcome.reading.faces).toBe(2);
    expect(readOptions[0]).toMatchObject({ max: 8, tiled: true });
    expect(camera.live).toBe(false);
  });

  it('one person on movie night is a single reading', async () => {
    const { parts } = fakes(repeat(40, { faces: [face('surprise')] }));
    const outcome = await readCameraMood(parts, { plan: DEFAULT_PLAN, group: true });
    expect(outcome.ok && outcome.reading).toMatchObject({ emotion: 'surprise', faces: 1 });
    expect(outcome.ok && outcome.reading.people).toBeUndefined();
  });
});

describe('the reading always ends', () => {
  const quickPlan: ReadingPlan = { ...DEFAULT_PLAN, maxMs: 30 };

  it('a model load that hangs hits the deadline: a clear message, the camera off', async () => {
    const { parts, camera } = fakes(repeat(40, { faces: [face('happy')] }), { load: never });
    const outcome = await readCameraMood(parts, { plan: DEFAULT_PLAN, group: false, deadlineMs: 60 });
    expectFailure(
      outcome,
      'model-failed',
      /did not answer within a second, so the reading stopped and the camera is off/,
    );
    expect(camera).toMatchObject({ opened: true, live: false });
  });

  it('a track that freezes hits the deadline: the camera is turned off', async () => {
    const { parts, camera, frames } = fakes([{ faces: [face('happy')] }, 'frozen']);
    const outcome = await readCameraMood(parts, { plan: quickPlan, group: false, frameGraceMs: 20 });
    expectFailure(outcome, 'no-camera', /camera stopped sending pictures, so the reading ended/);
    expect(camera).toMatchObject({ live: false, stops: 1 });
    expect(frames.every((f) => f.closed)).toBe(true);
  });

  it('a track that freezes after enough faces for a reading: the faces read count, and the camera is off', async () => {
    const { parts, camera } = fakes([...repeat(4, { faces: [face('sad')] }), 'frozen']);
    const outcome = await readCameraMood(parts, {
      plan: { ...DEFAULT_PLAN, spanMs: 10_000, maxMs: 200 },
      group: false,
      frameGraceMs: 20,
    });
    expect(outcome.ok && outcome.reading).toMatchObject({ emotion: 'sad', frames: 4 });
    expect(camera.live).toBe(false);
  });

  it('a track frozen from the start ends the same way', async () => {
    const { parts, camera } = fakes(['frozen']);
    expectFailure(
      await readCameraMood(parts, { plan: quickPlan, group: false, frameGraceMs: 20 }),
      'no-camera',
      /stopped sending pictures/,
    );
    expect(camera.live).toBe(false);
  });

  it('a cancel (the popup closed) ends a reading waiting for a frame at once, and a frame that comes late is closed unread', async () => {
    let release!: () => void;
    const late: FakeFrame = { index: 1, closed: false, close: () => void (late.closed = true) };
    const { parts, camera } = fakes([{ faces: [face('happy')] }, 'frozen']);
    const open = parts.openCamera;
    parts.openCamera = async () => {
      const cam = await open();
      let calls = 0;
      const first = cam.nextFrame.bind(cam);
      cam.nextFrame = () => (calls++ === 0 ? first() : new Promise((resolve) => (release = () => resolve(late))));
      return cam;
    };
    const controller = new AbortController();
    const reading = readCameraMood(parts, { plan: DEFAULT_PLAN, group: false, signal: controller.signal });
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    controller.abort();
    expectFailure(await reading, 'no-camera', /cancelled/);
    expect(camera.live).toBe(false);
    release();
    await vi.waitFor(() => expect(late.closed).toBe(true));
  });

  it('a cancel while the model loads: the camera, opened later, is turned off the moment it opens', async () => {
    const controller = new AbortController();
    const { parts, camera } = fakes(repeat(40, { faces: [face('happy')] }), { load: never, openDelayMs: 30 });
    const reading = readCameraMood(parts, { plan: DEFAULT_PLAN, group: false, signal: controller.signal });
    controller.abort();
    expectFailure(await reading, 'no-camera', /cancelled/);
    await vi.waitFor(() => expect(camera.opened).toBe(true));
    expect(camera.live).toBe(false);
  });

  it('a reading cancelled before it began never opens the camera', async () => {
    const controller = new AbortController();
    controller.abort();
    const { parts, camera } = fakes(repeat(40, { faces: [face('happy')] }));
    expectFailure(
      await readCameraMood(parts, { plan: DEFAULT_PLAN, group: false, signal: controller.signal }),
      'no-camera',
      /cancelled/,
    );
    expect(camera.opened).toBe(false);
  });
});
