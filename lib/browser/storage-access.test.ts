import { afterEach, describe, expect, it, vi } from 'vitest';
import { restrictStorageToTrustedContexts } from './storage-access';

describe('storage for trusted contexts', () => {
  afterEach(() => vi.restoreAllMocks());

  it('closes local and sync storage to content scripts', async () => {
    const local = { setAccessLevel: vi.fn(() => Promise.resolve()) };
    const sync = { setAccessLevel: vi.fn(() => Promise.resolve()) };
    await restrictStorageToTrustedContexts({ local, sync });
    expect(local.setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
    expect(sync.setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
  });

  it('says so when an area refuses, and still restricts the other one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const local = { setAccessLevel: vi.fn(() => Promise.reject(new Error('not supported'))) };
    const sync = { setAccessLevel: vi.fn(() => Promise.resolve()) };
    await expect(restrictStorageToTrustedContexts({ local, sync })).resolves.toBeUndefined();
    expect(sync.setAccessLevel).toHaveBeenCalledOnce();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('storage.local'), expect.any(Error));
  });
});
