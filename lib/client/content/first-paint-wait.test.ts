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

  it("should wait for the user's language longer than for the answer", async () => {
    const wait = track(waitForFirstPaint(Promise.resolve({ ticket: { number: 1042 } }), new Promise(() => {})));
    await vi.advanceTimersByTimeAsync(60);
    expect(wait.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1_439);
    expect(wait.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(wait.done).toBe(true);
  });

  it('should mount as soon as both the answer and the language are in', async () => {
    let languageArrived!: () => void;
    const language = new Promise<void>((resolve) => (languageArrived = resolve));
    const wait = track(waitForFirstPaint(Promise.resolve({ ticket: { number: 1042 } }), language));
    await vi.advanceTimersByTimeAsync(200);
    expect(wait.done).toBe(false);
    languageArrived();
    await vi.advanceTimersByTimeAsync(0);
    expect(wait.done).toBe(true);
  });

  it('should not wait for the answer past 60 ms because the language came at once', async () => {
    const wait = track(waitForFirstPaint(new Promise(() => {}), Promise.resolve()));
    await vi.advanceTimersByTimeAsync(60);
    expect(wait.done).toBe(true);
  });
});
