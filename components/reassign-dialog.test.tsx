import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Ticket } from '@/lib/protocol/entities';
import { makeEvent, makeTicket } from '@/lib/client/testing/factories';
import { createTranslator } from '@/lib/client/shared/i18n';
import { ReassignDialog } from './reassign-dialog';
import { toWorkspace } from '@/lib/client/ui/sidebar-context';
import { anna, boris, fakeBackground, olga, readyState, renderWithProviders } from './testing/harness';

const workspace = toWorkspace(readyState(), createTranslator('en'));
const colleagues = [
  { ...olga, openTickets: 0 },
  { ...boris, openTickets: 3 },
];

function renderDialog(ticket: Ticket, events = [makeEvent(ticket.id)]) {
  const received = fakeBackground((message) => (message.type === 'reassign.colleagues' ? colleagues : { ticketId: ticket.id }));
  renderWithProviders(<ReassignDialog ticket={ticket} events={events} workspace={workspace} onClose={() => {}} />);
  return received;
}

async function choose(email: string, reason: string) {
  fireEvent.click(await screen.findByTestId(`colleague-${email}`));
  fireEvent.change(screen.getByTestId('reassign-reason'), { target: { value: reason } });
  fireEvent.click(screen.getByTestId('reassign-submit'));
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('ReassignDialog', () => {
  it('should ask before handing over to an offline colleague, then send the confirmation', async () => {
    const received = renderDialog(makeTicket({ id: 't-1', assigneeId: anna.id, departmentId: 'dep-billing', version: 7 }));

    await choose('boris@demo.test', 'expertise');
    fireEvent.click(within(await screen.findByTestId('reassign-confirm-offline')));

    await waitFor(() => expect(received.some((message) => message.type === 'mutate')).toBe(true));
    expect(received.find((message) => message.type === 'mutate')).toMatchObject({
      mutation: {
        type: 'ticket.reassign',
        intent: {
          ticketId: 't-1',
          expectedVersion: 7,
          assigneeId: 'u-boris',
          reason: 'expertise',
          confirmOffline: true,
          departmentId: 'dep-technical',
        },
      },
    });
  });

  it('should warn with the handoff chain from the second handoff on', async () => {
    const ticket = makeTicket({ id: 't-2', assigneeId: anna.id, reassignmentCount: 1 });
    const events = [
      makeEvent('t-2', { type: 'created', data: { departmentId: 'dep-billing', assigneeId: 'u-olga', status: 'open' } }),
      makeEvent('t-2', {
        type: 'reassigned',
        data: { from: 'u-olga', to: 'u-anna', reason: 'workload', note: null, departmentFrom: null, departmentTo: null },
      }),
    ];
    const received = renderDialog(ticket, events);

    await choose('owner@demo.test', 'workload');

    const warning = await screen.findByTestId('reassign-confirm-repeated');
    expect(warning.textContent).toContain('handoff number 2');
    expect(warning.textContent).toContain('Olga Owner → Anna Ivanova → Olga Owner');
    expect(received.some((message) => message.type === 'mutate')).toBe(false);
  });

  it('should say next to the note that the reason "other" needs one, and why the button is disabled', async () => {
    const received = renderDialog(makeTicket({ id: 't-3', assigneeId: anna.id }));

    await choose('owner@demo.test', 'other');

    const submit = screen.getByTestId<HTMLButtonElement>('reassign-submit');
    expect(submit.disabled).toBe(true);
    expect(submit.title).toBe('Say why: the reason "other" needs a note.');
    expect(screen.getByTestId('reassign-note-hint').textContent).toBe('Say why: the reason "other" needs a note.');
    expect(screen.getByTestId('reassign-note').closest('label')?.contains(screen.getByTestId('reassign-note-hint'))).toBe(true);
    expect(received.some((message) => message.type === 'mutate')).toBe(false);

    fireEvent.input(screen.getByTestId('reassign-note'), { target: { value: 'Knows the old contract' } });

    expect(submit.disabled).toBe(false);
    expect(submit.title).toBe('');
  });

  it('should say why the button is disabled before a colleague and a reason are chosen', async () => {
    renderDialog(makeTicket({ id: 't-4', assigneeId: anna.id }));

    const submit = await screen.findByTestId<HTMLButtonElement>('reassign-submit');
    await screen.findByTestId('colleague-owner@demo.test');

    expect(submit.disabled).toBe(true);
    expect(submit.title).toBe('Choose a colleague and a reason.');
    expect(screen.getByTestId('reassign-blocked').textContent).toBe('Choose a colleague and a reason.');
  });
});

function within(box: HTMLElement): HTMLElement {
  return box.querySelector('button')!;
}
