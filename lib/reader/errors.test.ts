import { describe, expect, it } from 'vitest';
import {
  BAD_PHOTO,
  FACE_TOO_SMALL,
  NO_FACE,
  cameraFailure,
  cameraSettingsUrl,
  canTryAgain,
  modelFailure,
  photoTooSmall,
  readerDidNotStart,
  readingFailure,
  readingInterrupted,
  readingTimedOut,
} from './errors';

describe('reader failures', () => {
  it('names a refusal as camera-denied and a missing or busy device as no-camera', () => {
    expect(cameraFailure(new DOMException('x', 'NotAllowedError')).reason).toBe('camera-denied');
    expect(cameraFailure(new DOMException('x', 'NotFoundError')).reason).toBe('no-camera');
    expect(cameraFailure(new DOMException('x', 'NotReadableError')).message).toMatch(/busy/);
    expect(cameraFailure('weird').reason).toBe('no-camera');
  });

  it('reports a failure inside the frame loop by what failed, with its own words', () => {
    const pipeline = readingFailure(new Error('backend switched to webgl'), 'pipeline');
    expect(pipeline.reason).toBe('model-failed');
    expect(pipeline.message).toContain('backend switched to webgl');
    expect(pipeline.message).not.toMatch(/camera/i);
    const camera = readingFailure(new Error('the camera stopped sending frames'), 'camera');
    expect(camera.reason).toBe('no-camera');
    expect(camera.message).toContain('stopped sending frames');
    expect(modelFailure(new Error('404')).message).toContain('404');
  });

  it('says a thumbnail is too small, with its size', () => {
    const small = photoTooSmall(12, 9, 24);
    expect(small.reason).toBe('no-face');
    expect(small.message).toContain('12×9');
  });

  it('titles each failure by what happened, so no two different failures share a title', () => {
    expect(photoTooSmall(12, 9, 24).title).toBe('Photo too small');
    expect(FACE_TOO_SMALL.title).toBe('Face too small');
    expect(NO_FACE.title).toBe('No face found');
    expect(cameraFailure(new DOMException('x', 'NotAllowedError')).title).toBe('Camera not allowed');
    expect(cameraFailure(new DOMException('x', 'NotReadableError')).title).toBe('Camera busy');
    const failures = [
      photoTooSmall(12, 9, 24),
      FACE_TOO_SMALL,
      NO_FACE,
      BAD_PHOTO,
      cameraFailure(new DOMException('x', 'NotAllowedError')),
      cameraFailure(new DOMException('x', 'NotFoundError')),
      cameraFailure(new DOMException('x', 'NotReadableError')),
      modelFailure(new Error('404')),
      readingFailure(new Error('x'), 'camera'),
      readingFailure(new Error('x'), 'pipeline'),
      readingTimedOut('camera', 3),
      readingTimedOut('pipeline', 3),
      readerDidNotStart(new Error('x')),
      readingInterrupted(),
    ];
    expect(new Set(failures.map((f) => f.title)).size).toBe(failures.length);
  });

  it('says a reading the browser stopped was interrupted, keeping the contract reason, with the cause', () => {
    const cause = new Error('A listener indicated an asynchronous response, but the message channel closed');
    const interrupted = readingInterrupted(cause);
    expect(interrupted.reason).toBe('model-failed');
    expect(interrupted.title).toBe('The reading was interrupted');
    expect(interrupted.message).toMatch(/Try again/);
    expect(interrupted.detail).toContain('message channel closed');
    expect(readingInterrupted().detail).toBeUndefined();
  });

  it("opens Chrome's own settings page for the extension's origin", () => {
    expect(cameraSettingsUrl('abcdefghijklmnopabcdefghijklmnop')).toBe(
      'chrome://settings/content/siteDetails?site=chrome-extension%3A%2F%2Fabcdefghijklmnopabcdefghijklmnop',
    );
  });

  it('offers "Try again" only where trying again can help', () => {
    expect(canTryAgain(readingInterrupted(), 'camera')).toBe(true);
    expect(canTryAgain(readingInterrupted(), 'photo')).toBe(true);
    expect(canTryAgain(NO_FACE, 'camera')).toBe(true);
    expect(canTryAgain(NO_FACE, 'photo')).toBe(false);
    expect(canTryAgain(photoTooSmall(12, 9, 24), 'photo')).toBe(false);
    expect(canTryAgain(BAD_PHOTO, 'photo')).toBe(false);
    expect(canTryAgain(cameraFailure(new DOMException('x', 'NotAllowedError')), 'camera')).toBe(false);
  });
});
