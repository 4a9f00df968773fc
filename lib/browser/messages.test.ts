import { describe, expect, it, vi } from 'vitest';
import { envelope, isEnvelope, routeMessage } from './messages';

describe('message protocol', () => {
  it('addresses each message to the context that answers it', () => {
    expect(envelope('read-mood', { source: 'camera' })).toEqual({
      moodreel: 'read-mood',
      target: 'background',
      request: { source: 'camera' },
    });
    expect(envelope('offscreen-status', null).target).toBe('offscreen');
  });

  it('rejects foreign or mis-addressed messages', () => {
    expect(isEnvelope({ type: 'read-mood' })).toBe(false);
    expect(isEnvelope({ moodreel: 'nope', target: 'background' })).toBe(false);
    expect(isEnvelope({ moodreel: 'read-mood', target: 'offscreen', request: null })).toBe(false);
    expect(isEnvelope(null)).toBe(false);
  });

  it('routes to the handler of its target only, leaving the rest for other contexts', async () => {
    const status = vi.fn(() => ({ liveTracks: 2 }));
    const read = vi.fn();
    const handlers = { 'offscreen-status': status, 'offscreen-read': read, 'offscreen-prepare': vi.fn(), 'offscreen-test-backends': vi.fn() };
    await expect(routeMessage('offscreen', handlers, envelope('offscreen-status', null))).resolves.toEqual({ liveTracks: 2 });
    // The background's message is not answered here, so the background's own listener can answer it.
    expect(routeMessage('offscreen', handlers, envelope('read-mood', { source: 'camera' }))).toBeUndefined();
    expect(routeMessage('offscreen', handlers, 'hello')).toBeUndefined();
    expect(read).not.toHaveBeenCalled();
  });

  it('turns a throwing handler into a rejected answer instead of a silent drop', async () => {
    const handlers = {
      'offscreen-status': () => {
        throw new Error('boom');
      },
      'offscreen-read': vi.fn(),
      'offscreen-prepare': vi.fn(),
      'offscreen-test-backends': vi.fn(),
    };
    await expect(routeMessage('offscreen', handlers, envelope('offscreen-status', null))).rejects.toThrow('boom');
  });
});
