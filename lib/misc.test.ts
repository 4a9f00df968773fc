import { describe, expect, it } from 'vitest';
import { badgeFor } from './badge';
import { EMOTIONS, isEmotion, topEmotion } from './emotions';
import { cameraFailure } from './mood-errors';
import { median, percentile } from './stats';

describe('emotions', () => {
  it('keeps the model output order', () => {
    expect(EMOTIONS).toEqual(['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']);
  });
  it('picks the most probable emotion', () => {
    expect(topEmotion([0.1, 0, 0, 0.2, 0, 0.6, 0.1])).toBe('surprise');
    expect(() => topEmotion([1])).toThrow(/7 probabilities/);
    expect(isEmotion('happy')).toBe(true);
    expect(isEmotion('contempt')).toBe(false);
  });
});

describe('camera failures', () => {
  it('names a refusal as camera-denied and a missing device as no-camera', () => {
    expect(cameraFailure(new DOMException('x', 'NotAllowedError')).reason).toBe('camera-denied');
    expect(cameraFailure(new DOMException('x', 'NotFoundError')).reason).toBe('no-camera');
    expect(cameraFailure(new DOMException('x', 'NotReadableError')).message).toMatch(/busy/);
    expect(cameraFailure('weird').reason).toBe('no-camera');
  });
});

describe('badge', () => {
  it('shows a short word per mood and clears without one', () => {
    expect(badgeFor('happy').text).toBe('HAPY');
    expect(badgeFor('sad').title).toMatch(/sad/);
    expect(badgeFor(null).text).toBe('');
    for (const emotion of EMOTIONS) expect(badgeFor(emotion).text.length).toBeLessThanOrEqual(4);
  });
});

describe('stats', () => {
  it('computes medians and nearest-rank percentiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
  });
});
