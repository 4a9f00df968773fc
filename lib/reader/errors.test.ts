import { describe, expect, it } from 'vitest';
import { cameraFailure, modelFailure, photoTooSmall, readingFailure } from './errors';

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
});
