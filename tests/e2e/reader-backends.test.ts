/**
 * The backend chosen on the options page, end to end: for each of wasm, webgl and cpu a fresh browser reads a
 * mood on the first click and the popup names that backend; switching between two readings works; a failure
 * inside the frame loop is reported as what it is, not as a camera problem.
 */
import { expect, it } from 'vitest';
import { FACE_PHOTOS, facePath, makeY4m } from '../harness/index.mjs';
import { chooseBackend, e2eRun, expectCameraReleased, expectError, expectMood, readByCamera } from './support';

const run = e2eRun();
const camera = () => makeY4m(facePath(FACE_PHOTOS.happy));

for (const backend of ['wasm', 'webgl', 'cpu'] as const) {
  // gpu: WebGL needs Chromium's software GPU (SwiftShader) in a headless run.
  run.withBrowser(
    `backend forced to ${backend}`,
    () => ({ camera: camera(), gpu: backend === 'webgl' }),
    (h) => {
      it(`reads a mood on the first click and names ${backend}`, async () => {
        await chooseBackend(h(), backend);
        const popup = await h().openPopup();
        await popup.locator('[data-testid="read-mood"]').waitFor({ timeout: 15_000 });
        const result = await readByCamera(popup);
        expectMood(run, result, `forced ${backend}, first click`);
        expect(result.backend).toBe(backend);
        expect(result.emotion).toBe('happy');
        await expectCameraReleased(h(), popup);
      });
    },
  );
}

run.withBrowser(
  'backend switched between readings',
  () => ({ camera: camera() }),
  (h) => {
    it('reads on wasm, then on cpu after the setting changes, then on wasm again', async () => {
      for (const backend of ['wasm', 'cpu', 'wasm']) {
        await chooseBackend(h(), backend);
        const popup = await h().openPopup();
        await popup.locator('[data-testid="read-mood"]').waitFor({ timeout: 15_000 });
        const result = await readByCamera(popup);
        expectMood(run, result, `switched to ${backend}`);
        expect(result.backend).toBe(backend);
        await popup.close();
      }
    });
  },
);

run.withBrowser(
  'failure inside the frame loop',
  () => ({ camera: camera() }),
  (h) => {
    it('reports a pipeline failure while reading frames as model-failed with its cause, and releases the camera', async () => {
      const popup = await h().openPopup();
      await popup.locator('[data-testid="read-mood"]').waitFor({ timeout: 15_000 });
      // Load the reader first, so the failure happens inside the frame loop and not while loading.
      await expect
        .poll(
          () =>
            popup.evaluate(() =>
              chrome.runtime
                .sendMessage({ moodreel: 'prepare-reader', target: 'background', request: null })
                .then((r) => r?.ok),
            ),
          { timeout: 60_000 },
        )
        .toBe(true);
      // Break the crop step of the offscreen document's pipeline: every frame with a face now throws there.
      await h().evaluateInTarget(
        `${h().extensionOrigin}/offscreen`,
        `
      OffscreenCanvasRenderingContext2D.prototype.getImageData = function () { throw new Error('injected crop failure'); };
      true`,
      );
      const result = await readByCamera(popup);
      expectError(run, result, 'model-failed', 'frame loop failure');
      expect(result.kind === 'error' && result.text).toContain('injected crop failure');
      expect(result.kind === 'error' && result.text).not.toMatch(/camera could not start/i);
      await expectCameraReleased(h(), popup);
    });
  },
);

run.privacyTest();
