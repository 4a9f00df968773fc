import { describe, expect, it } from 'vitest';
import { isNoReceiver, retryWhileStarting } from './offscreen-service';

const NO_RECEIVER = new Error('Could not establish connection. Receiving end does not exist.');

describe('messages to a starting offscreen document', () => {
  it('recognises Chrome\'s no-listener error and nothing else', () => {
    expect(isNoReceiver(NO_RECEIVER)).toBe(true);
    expect(isNoReceiver(new Error('Permission denied'))).toBe(false);
  });

  it('retries while nobody listens yet, then returns the answer', async () => {
    let calls = 0;
    const answer = await retryWhileStarting(async () => {
      calls += 1;
      if (calls < 3) throw NO_RECEIVER;
      return 'read';
    }, [1, 1, 1]);
    expect(answer).toBe('read');
    expect(calls).toBe(3);
  });

  it('passes other errors straight through, without retrying', async () => {
    let calls = 0;
    await expect(retryWhileStarting(async () => {
      calls += 1;
      throw new Error('model failed');
    }, [1, 1])).rejects.toThrow('model failed');
    expect(calls).toBe(1);
  });

  it('gives up after its waits and reports the last error', async () => {
    let calls = 0;
    await expect(retryWhileStarting(async () => {
      calls += 1;
      throw NO_RECEIVER;
    }, [1, 1])).rejects.toThrow(/Receiving end/);
    expect(calls).toBe(3);
  });
});
