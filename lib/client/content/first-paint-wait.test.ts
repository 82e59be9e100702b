import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { waitForFirstPaint } from './first-paint-wait';

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

  it('should mount as soon as the background answers', async () => {
    const wait = track(waitForFirstPaint(Promise.resolve({ ticket: { number: 1042 } })));
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.done).toBe(true);
  });

  it('should mount after 60 ms when the background has not answered', async () => {
    const wait = track(waitForFirstPaint(new Promise(() => {})));
    await vi.advanceTimersByTimeAsync(59);
    expect(wait.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(wait.done).toBe(true);
  });
});
