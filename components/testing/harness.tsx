// Test harness for components: both query stores and i18n around the UI, and a fake background that
// answers runtime messages (fakeBrowser routes runtime.sendMessage to runtime.onMessage).
import { QueryClient, QueryClientProvider } from '@tanstack/preact-query';
import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RequestMessage } from '@/lib/client/shared/messages';
import { makeDepartment, makeUser } from '@/lib/client/testing/factories';
import type { ReadySidebarState } from '@/lib/client/shared/message-responses';
import { defaultWorkspaceSettings } from '@/lib/protocol/entities';
import { BackgroundQueries, BackgroundQueriesContext } from '@/lib/client/ui/background-queries';
import { I18nProvider } from '../i18n-provider';

export function renderWithProviders(ui: ComponentChildren) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <BackgroundQueriesContext.Provider value={new BackgroundQueries({ retryDelayMs: null })}>
        <I18nProvider>{ui}</I18nProvider>
      </BackgroundQueriesContext.Provider>
    </QueryClientProvider>,
  );
}

// Most tests answer every message with one state; these messages answer a list.
const LIST_ANSWERS = new Set<string>(['viewers.heartbeat', 'thread.linkCandidates', 'account.sessions']);
function listOrAnswer(request: RequestMessage, answer: (message: RequestMessage) => unknown): unknown {
  const data = answer(request);
  return LIST_ANSWERS.has(request.type) && !Array.isArray(data) ? [] : data;
}

/** Answers `mutate` with the background's error result, everything else with `answer(message)`. */
export function failingMutations(answer: (message: RequestMessage) => unknown, error = { code: 'network', message: 'Failed to fetch' }) {
  fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (response: unknown) => void) => {
    const request = message as RequestMessage;
    sendResponse(request.type === 'mutate' ? { ok: false, error } : { ok: true, data: listOrAnswer(request, answer) });
    return true;
  });
}

/** Answers every message with `answer(message)`; returns the list of messages received. */
export function fakeBackground(answer: (message: RequestMessage) => unknown): RequestMessage[] {
  const received: RequestMessage[] = [];
  // fakeBrowser resolves sendMessage through sendResponse (the callback style), not a returned promise.
  fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (response: unknown) => void) => {
    received.push(message as RequestMessage);
    sendResponse({ ok: true, data: listOrAnswer(message as RequestMessage, answer) });
    return true;
  });
  return received;
}

export const anna = makeUser({ id: 'u-anna', name: 'Anna Ivanova', email: 'anna@demo.test', departmentIds: ['dep-billing'] });
export const boris = makeUser({
  id: 'u-boris',
  name: 'Boris Novak',
  email: 'boris@demo.test',
  departmentIds: ['dep-technical'],
  availability: 'offline',
});
export const olga = makeUser({ id: 'u-olga', name: 'Olga Owner', email: 'owner@demo.test', role: 'owner', departmentIds: [] });

export function readyState(overrides: Partial<ReadySidebarState> = {}): ReadySidebarState {
  return {
    kind: 'ready',
    connection: 'online',
    me: anna,
    settings: defaultWorkspaceSettings,
    users: [anna, boris, olga],
    departments: [makeDepartment({ id: 'dep-billing', name: 'Billing' }), makeDepartment({ id: 'dep-technical', name: 'Technical' })],
    ticket: null,
    departed: null,
    hiddenTicket: false,
    createNotices: [],
    ...overrides,
  };
}
