import { afterEach, describe, expect, it, vi } from 'vitest';
import { retryingLazy, runDetached } from './run-detached';

describe('runDetached', () => {
  afterEach(() => vi.restoreAllMocks());

  it('should log a rejected task with its label instead of leaving the rejection unhandled', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      runDetached('pull after a poke', () => Promise.reject(new Error('IndexedDB closed')));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(log).toHaveBeenCalledWith('[sidedesk] pull after a poke failed:', expect.objectContaining({ message: 'IndexedDB closed' }));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('should log a task that throws before it returns a promise', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    runDetached('badge', () => {
      throw new Error('no badge');
    });
    expect(log).toHaveBeenCalledWith('[sidedesk] badge failed:', expect.objectContaining({ message: 'no badge' }));
  });
});

describe('retryingLazy', () => {
  it('should make the value once and share it', async () => {
    const make = vi.fn(async () => ({ db: 'open' }));
    const get = retryingLazy(make);
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    expect(make).toHaveBeenCalledTimes(1);
  });

  it('should try again on the next use after a failure', async () => {
    const make = vi.fn().mockRejectedValueOnce(new Error('quota')).mockResolvedValueOnce('open');
    const get = retryingLazy(make);
    await expect(get()).rejects.toThrow('quota');
    await expect(get()).resolves.toBe('open');
    expect(make).toHaveBeenCalledTimes(2);
  });
});
