import { BackgroundQueries, BackgroundQueriesContext } from '@/lib/client/ui/background-queries';
import { render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { makeEvent, makeTicket } from '@/lib/client/testing/factories';
import { createTranslator } from '@/lib/client/shared/i18n';
import type { RankedColleague } from '@/lib/client/shared/message-responses';
import { toWorkspace } from '@/lib/client/ui/sidebar-context';
import { I18nProvider } from './i18n-provider';
import { ReassignDialog } from './reassign-dialog';
import { anna, boris, fakeBackground, olga, readyState } from './testing/harness';

const workspace = toWorkspace(readyState(), createTranslator('en'));
const ticket = makeTicket({ id: 't-1', assigneeId: anna.id, departmentId: 'dep-billing' });
let borisLoad = 4;
let fromCache = false;

const colleagues = (): RankedColleague[] => [
  { ...olga, openTickets: 0, loadFromCache: fromCache },
  { ...boris, openTickets: borisLoad, loadFromCache: fromCache },
];

/** The sidebar's own query settings: cached data never goes stale by itself (sidebar-app.tsx). */
function renderDialog(queries: BackgroundQueries, open: boolean) {
  return (
    <BackgroundQueriesContext.Provider value={queries}>
      <I18nProvider>
        {open ? <ReassignDialog ticket={ticket} events={[makeEvent('t-1')]} workspace={workspace} onClose={() => {}} /> : null}
      </I18nProvider>
    </BackgroundQueriesContext.Provider>
  );
}

const borisLabel = () => screen.getByTestId('colleague-boris@demo.test').parentElement!.textContent;

beforeEach(() => {
  fakeBrowser.reset();
  borisLoad = 4;
  fromCache = false;
  fakeBackground((message) => (message.type === 'reassign.colleagues' ? colleagues() : null));
});

describe('ColleaguePicker in the reassign dialog', () => {
  it('should show each colleague’s open count as the background gives it', async () => {
    render(renderDialog(new BackgroundQueries({ retryDelayMs: null }), true));

    await screen.findByTestId('colleague-boris@demo.test');
    expect(borisLabel()).toContain('4 open');
    expect(screen.queryByTestId('reassign-load-cached')).toBeNull();
  });

  it('should count afresh each time the dialog opens', async () => {
    const queries = new BackgroundQueries({ retryDelayMs: null });
    const { rerender } = render(renderDialog(queries, true));
    await screen.findByTestId('colleague-boris@demo.test');
    rerender(renderDialog(queries, false));
    borisLoad = 5;

    rerender(renderDialog(queries, true));

    await waitFor(() => expect(borisLabel()).toContain('5 open'));
  });

  it('should say when the counts come from this browser’s cache', async () => {
    fromCache = true;
    render(renderDialog(new BackgroundQueries({ retryDelayMs: null }), true));

    expect((await screen.findByTestId('reassign-load-cached')).textContent).toContain('Offline: open counts are this browser’s');
  });
});
