// The sidebar follows its thread source, including what changed before it subscribed.
import { BackgroundQueries } from '@/lib/client/ui/background-queries';
import { render, screen } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ThreadSnapshot, ThreadSource } from '@/lib/client/content/thread-source';
import type { ThreadViewReadResult } from '@/lib/protocol/thread-view';
import { sidebarQuery } from '@/lib/client/ui/hooks';
import { SidebarApp } from './sidebar-app';
import { fakeBackground, readyState } from './testing/harness';

const read: ThreadViewReadResult = {
  ok: true,
  view: {
    provider: 'gmail',
    mailbox: 'support@example.com',
    threadKeys: ['gmail:support@example.com:18c2f0e3a1b2c3d4'],
    subject: 'Order #4471 arrived damaged',
    customer: { email: 'anna.berg@example.org', name: 'Anna Berg' },
    participants: [],
    messages: [],
  },
};

beforeEach(() => {
  fakeBrowser.reset();
});

describe('SidebarApp', () => {
  it('should show a change the source made before the sidebar subscribed (the key lookup that answered meanwhile)', async () => {
    fakeBackground(() => readyState());
    // The first read is still waiting for the conversation key; every later one has it. The
    // source told its listeners already, before the sidebar was one of them.
    let reads = 0;
    const source: ThreadSource = {
      current: (): ThreadSnapshot => ({ read, url: 'https://mail.google.com/mail/u/0/#inbox/x', keysPending: reads++ === 0 }),
      subscribe: () => () => undefined,
    };
    render(
      <SidebarApp
        source={source}
        provider="gmail"
        queries={new BackgroundQueries({ retryDelayMs: null })}
        collapsed={false}
        onCollapsedChange={() => undefined}
      />,
    );
    await screen.findByTestId('create-ticket');
  });

  it('should paint in the language read before mounting, with no English first', async () => {
    await fakeBrowser.storage.local.set({ settings: { language: 'ru' } });
    fakeBackground(() => readyState());
    const url = 'https://mail.google.com/mail/u/0/#inbox/x';
    // As the content script mounts: the answer for the thread is already there (its prefetch).
    const queries = new BackgroundQueries({ retryDelayMs: null });
    await queries.fetch(sidebarQuery(read.ok ? read.view.threadKeys : [], url));
    const source: ThreadSource = { current: () => ({ read, url }), subscribe: () => () => undefined };
    render(
      <SidebarApp source={source} provider="gmail" queries={queries} language="ru" collapsed={false} onCollapsedChange={() => undefined} />,
    );

    // The first committed render, before the settings are read again.
    expect(screen.getByTestId('create-ticket').textContent).toContain('Это ещё не тикет');
  });
});
