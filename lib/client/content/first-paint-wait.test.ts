import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { waitForFirstPaint } from './first-paint-wait';

/** A promise settled by hand, and whether the wait under test has ended. */
function deferred() {
  let resolve!: (value: unknown) => void;
  const promise = new Promise((done) => (resolve = done));
  return { promise, resolve };
}

function track(wait: Promise<void>) {
  const state = { done: false };
  void wait.then(() => (state.done = true));
  return state;
}

describe('waitForFirstPaint', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('should wait for the ticket view script beyond the answer’s 60 ms when the thread is a ticket', async () => {
    const view = deferred();
    const wait = track(waitForFirstPaint(Promise.resolve(true), view.promise));
    await vi.advanceTimersByTimeAsync(200);
    expect(wait.done).toBe(false);
    view.resolve(undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.done).toBe(true);
  });

  it('should not wait for the ticket view script when the thread is not a ticket', async () => {
    const wait = track(waitForFirstPaint(Promise.resolve(false), new Promise(() => {})));
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.done).toBe(true);
  });

  it('should give up on a ticket view script that never comes, showing loading instead', async () => {
    const wait = track(waitForFirstPaint(Promise.resolve(true), new Promise(() => {})));
    await vi.advanceTimersByTimeAsync(350);
    expect(wait.done).toBe(false);
    await vi.advanceTimersByTimeAsync(60 + 400 - 350);
    expect(wait.done).toBe(true);
  });

  it('should mount after 60 ms when the background has not answered', async () => {
    const wait = track(waitForFirstPaint(new Promise(() => {}), Promise.resolve()));
    await vi.advanceTimersByTimeAsync(59);
    expect(wait.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(wait.done).toBe(true);
  });
});
