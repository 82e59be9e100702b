import { describe, expect, it } from 'vitest';
import type { ThreadViewReadResult } from '../../protocol/thread-view';
import { withConversationKeys } from './conversation-keys';
import type { ThreadSnapshot, ThreadSource } from './thread-source';

function readOf(threadId: string, firstMessageId: string | null): ThreadViewReadResult {
  return {
    ok: true,
    view: {
      provider: 'gmail',
      mailbox: 'support@example.com',
      threadKeys: [`gmail:support@example.com:${threadId}`],
      subject: 'Order #4471 arrived damaged',
      customer: { email: 'anna.berg@example.org' },
      participants: [],
      messages: firstMessageId
        ? [
            {
              id: firstMessageId,
              direction: 'inbound',
              senderEmail: 'anna.berg@example.org',
              sentAt: '2026-11-20T08:00:00.000Z',
              isBounce: false,
              isScheduled: false,
            },
          ]
        : [],
    },
  };
}

/** A thread source the test moves by hand, as the page's DOM would. */
function pageShowing(read: ThreadViewReadResult) {
  let snapshot: ThreadSnapshot = { read, url: 'https://mail.google.com/mail/u/0/#inbox/x' };
  const listeners = new Set<() => void>();
  const source: ThreadSource = {
    current: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    source,
    show(next: ThreadViewReadResult) {
      snapshot = { read: next, url: snapshot.url };
      for (const listener of listeners) listener();
    },
  };
}

/** A lookup whose answers the test gives, one per asked message id. */
function manualLookup() {
  const asked: string[] = [];
  const answers = new Map<string, (value: string | null) => void>();
  return {
    asked,
    lookup: (message: { id: string }) => {
      asked.push(message.id);
      return new Promise<string | null>((resolve) => answers.set(message.id, resolve));
    },
    answer(id: string, value: string | null) {
      answers.get(id)!(value);
      return new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

function manualTimers() {
  const timers: (() => void)[] = [];
  return { setTimer: (run: () => void) => timers.push(run), fire: () => timers.splice(0).forEach((run) => run()) };
}

const keysOf = (snapshot: ThreadSnapshot) => (snapshot.read.ok ? snapshot.read.view.threadKeys : []);

describe('withConversationKeys', () => {
  it("should add the first message's Message-ID as an rfc: key once the lookup answers", async () => {
    const page = pageShowing(readOf('18c2f0e3a1b2c3d4', '18c2f0e3a1b2c3d4'));
    const ids = manualLookup();
    const source = withConversationKeys(page.source, ids.lookup, manualTimers());
    let heard = 0;
    source.subscribe(() => (heard += 1));

    expect(source.current().keysPending).toBe(true);
    expect(keysOf(source.current())).toEqual(['gmail:support@example.com:18c2f0e3a1b2c3d4']);
    await ids.answer('18c2f0e3a1b2c3d4', '<CAF4471.Damaged@Mail.Example.ORG>');

    expect(heard).toBe(1);
    expect(source.current().keysPending).toBe(false);
    expect(keysOf(source.current())).toEqual([
      'gmail:support@example.com:18c2f0e3a1b2c3d4',
      // One normalisation for every comparison (lib/domain/message-id.ts): the domain lower-cased.
      'rfc:CAF4471.Damaged@mail.example.org',
    ]);
    expect(ids.asked).toEqual(['18c2f0e3a1b2c3d4']);
  });

  it('should keep the same snapshot object while nothing changed', async () => {
    const page = pageShowing(readOf('a1', 'm1'));
    const ids = manualLookup();
    const source = withConversationKeys(page.source, ids.lookup, manualTimers());
    await ids.answer('m1', '<x@example.org>');
    expect(source.current()).toBe(source.current());
  });

  it('should look each first message up once, and again after a failure', async () => {
    const page = pageShowing(readOf('a1', 'm1'));
    const ids = manualLookup();
    const source = withConversationKeys(page.source, ids.lookup, manualTimers());
    await ids.answer('m1', '<first@example.org>');
    page.show(readOf('b2', 'm2'));
    await ids.answer('m2', null);
    expect(source.current().keysPending).toBe(false);
    expect(keysOf(source.current())).toEqual(['gmail:support@example.com:b2']);

    page.show(readOf('a1', 'm1'));
    expect(keysOf(source.current())).toContain('rfc:first@example.org');
    page.show(readOf('b2', 'm2'));
    expect(ids.asked).toEqual(['m1', 'm2', 'm2']);
    expect(source.current().keysPending).toBe(true);
  });

  it('should end the wait after the time limit, and still add the key when it comes', async () => {
    const page = pageShowing(readOf('a1', 'm1'));
    const ids = manualLookup();
    const timers = manualTimers();
    const source = withConversationKeys(page.source, ids.lookup, timers);
    timers.fire();
    expect(source.current().keysPending).toBe(false);
    await ids.answer('m1', '<late@example.org>');
    expect(keysOf(source.current())).toContain('rfc:late@example.org');
  });

  it('should treat a rejected lookup as no answer', async () => {
    const page = pageShowing(readOf('a1', 'm1'));
    const source = withConversationKeys(page.source, () => Promise.reject(new Error('offline')), manualTimers());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(source.current().keysPending).toBe(false);
    expect(keysOf(source.current())).toEqual(['gmail:support@example.com:a1']);
  });

  it('should pass a view without messages, and an unreadable one, through untouched', () => {
    const empty = pageShowing(readOf('a1', null));
    const ids = manualLookup();
    expect(withConversationKeys(empty.source, ids.lookup, manualTimers()).current()).toBe(empty.source.current());
    const unreadable = pageShowing({ ok: false, reason: 'cannot-read', missingSelector: 'threadSubject' });
    expect(withConversationKeys(unreadable.source, ids.lookup, manualTimers()).current()).toBe(unreadable.source.current());
    expect(ids.asked).toEqual([]);
  });
});
