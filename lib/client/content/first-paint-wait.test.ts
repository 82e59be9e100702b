import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ThreadViewReadResult } from '../../protocol/thread-view';
import { onEachThreadOpen, waitForFirstPaint } from './first-paint-wait';
import type { ThreadSource } from './thread-source';

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

describe('onEachThreadOpen', () => {
  /** A thread source the test moves from thread to thread, as the adapter would. */
  function movingSource(first: ThreadViewReadResult) {
    let read = first;
    const listeners = new Set<() => void>();
    const source: ThreadSource = {
      current: () => ({ read, url: 'https://mail.google.com/mail/u/0/#inbox' }),
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const show = (next: ThreadViewReadResult) => {
      read = next;
      for (const listener of listeners) listener();
    };
    return { source, show };
  }
  const thread = (key: string, subject = 'Order'): ThreadViewReadResult => ({
    ok: true,
    view: { provider: 'gmail', mailbox: 'support@example.com', threadKeys: [key], subject, customer: null, participants: [], messages: [] },
  });
  const unreadable: ThreadViewReadResult = { ok: false, reason: 'not-a-thread' };

  it('should tell of another thread opened, not of the same thread read again or of no thread, and stop when told', () => {
    const { source, show } = movingSource(thread('gmail:a'));
    const lifetime = new AbortController();
    const opened = vi.fn();
    onEachThreadOpen(source, lifetime.signal, opened);

    show(thread('gmail:a', 'Order (2 messages)'));
    expect(opened).not.toHaveBeenCalled();
    show(thread('gmail:b'));
    expect(opened).toHaveBeenCalledOnce();
    show(unreadable);
    show(thread('gmail:b'));
    expect(opened).toHaveBeenCalledTimes(2);
    lifetime.abort();
    show(thread('gmail:c'));
    expect(opened).toHaveBeenCalledTimes(2);
  });

  it('should tell before the listeners subscribed after it (the sidebar renders the new thread there)', () => {
    const { source, show } = movingSource(thread('gmail:a'));
    const order: string[] = [];
    onEachThreadOpen(source, new AbortController().signal, () => order.push('held'));
    source.subscribe(() => order.push('rendered'));
    show(thread('gmail:b'));
    expect(order).toEqual(['held', 'rendered']);
  });
});
