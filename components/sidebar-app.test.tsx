// The sidebar follows its thread source, including what changed before it subscribed.
import { QueryClient } from '@tanstack/preact-query';
import { render, screen } from '@testing-library/preact';
import { beforeEach, describe, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ThreadSnapshot, ThreadSource } from '@/lib/client/content/thread-source';
import type { ThreadViewReadResult } from '@/lib/protocol/thread-view';
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
        queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
        collapsed={false}
        onCollapsedChange={() => undefined}
      />,
    );
    await screen.findByTestId('create-ticket');
  });
});
