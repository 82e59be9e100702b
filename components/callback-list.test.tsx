import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTranslator } from '@/lib/client/shared/i18n';
import { makeCallback, makeTicket } from '@/lib/client/testing/factories';
import { ThreadTextContext } from '@/lib/client/ui/thread-text';
import { CallbackList } from './callback-list';
import { toWorkspace } from '@/lib/client/ui/sidebar-context';
import { fakeBackground, readyState, renderWithProviders } from './testing/harness';

const ticket = makeTicket({ id: 't-1', assigneeId: 'u-anna', departmentId: 'dep-billing' });
const callback = makeCallback({ id: 'cb-1', ticketId: 't-1', ownerId: 'u-anna', kind: 'follow_up' });
const workspace = toWorkspace(readyState(), createTranslator('en'));

beforeEach(() => {
  fakeBrowser.reset();
});

describe('CallbackList', () => {
  it.each([
    ['callback-complete', 'callback.complete'],
    ['callback-cancel', 'callback.cancel'],
  ] as const)('should send %s as a %s mutation', async (testId, type) => {
    const received = fakeBackground(() => ({ ticketId: 't-1' }));
    renderWithProviders(<CallbackList ticket={ticket} callbacks={[{ row: callback, pending: false }]} workspace={workspace} />);
    fireEvent.click(await screen.findByTestId(testId));
    await waitFor(() =>
      expect(received).toContainEqual({ type: 'mutate', mutation: { type, intent: { ticketId: 't-1', callbackId: 'cb-1' } } }),
    );
  });

  it.each([
    ['callback-reached', 'reached'],
    ['callback-no_answer', 'no_answer'],
    ['callback-wrong_number', 'wrong_number'],
  ] as const)('should complete a call through %s with the outcome %s', async (testId, outcome) => {
    const received = fakeBackground(() => ({ ticketId: 't-1' }));
    const call = makeCallback({ id: 'cb-call', ticketId: 't-1', kind: 'call', phone: '+7 (495) 123-45-67' });
    renderWithProviders(<CallbackList ticket={ticket} callbacks={[{ row: call, pending: false }]} workspace={workspace} />);
    expect(screen.queryByTestId('callback-complete')).toBeNull();
    fireEvent.click(await screen.findByTestId(testId));
    await waitFor(() =>
      expect(received).toContainEqual({
        type: 'mutate',
        mutation: { type: 'callback.complete', intent: { ticketId: 't-1', callbackId: 'cb-call', outcome } },
      }),
    );
  });

  it('should show a call’s number as a tel: link and its later try', () => {
    fakeBackground(() => ({ ticketId: 't-1' }));
    const call = makeCallback({ id: 'cb-call', ticketId: 't-1', kind: 'call', phone: '+7 (495) 123-45-67', attempt: 2 });
    renderWithProviders(<CallbackList ticket={ticket} callbacks={[{ row: call, pending: false }]} workspace={workspace} />);
    const link = screen.getByTestId('callback-phone');
    expect(link.getAttribute('href')).toBe('tel:+74951234567');
    expect(link.textContent).toBe('+7 (495) 123-45-67');
    expect(screen.getByTestId('callback').textContent).toContain('try 2');
  });

  it('should offer the numbers in the subject, refuse a malformed one and send a typed one', async () => {
    const received = fakeBackground(() => ({ ticketId: 't-1' }));
    const withNumber = makeTicket({ ...ticket, subject: 'Please call +1 555 010 2030 after 5' });
    renderWithProviders(<CallbackList ticket={withNumber} callbacks={[]} workspace={workspace} />);
    const phone = screen.getByLabelText('Phone');
    const offered = [...document.querySelectorAll(`#${phone.getAttribute('list')} option`)].map((option) => option.getAttribute('value'));
    expect(offered).toEqual(['+1 555 010 2030']);
    const add = screen.getByRole('button', { name: 'Add callback' });
    fireEvent.input(phone, { target: { value: 'not a number' } });
    expect(add.hasAttribute('disabled')).toBe(true);
    fireEvent.input(phone, { target: { value: ' +1 555 010 2030 ' } });
    fireEvent.click(add);
    await waitFor(() =>
      expect(received).toContainEqual(
        expect.objectContaining({ mutation: expect.objectContaining({ intent: expect.objectContaining({ phone: '+1 555 010 2030' }) }) }),
      ),
    );
  });

  it('should offer the numbers in the thread’s messages once the number field is entered', async () => {
    fakeBackground(() => ({ ticketId: 't-1' }));
    const threadText = () => 'Hello, call me back on +49 30 1234 5678 or at the office (030) 98 76 54.\nOrder 2026-11-17';
    renderWithProviders(
      <ThreadTextContext.Provider value={threadText}>
        <CallbackList ticket={ticket} callbacks={[]} workspace={workspace} />
      </ThreadTextContext.Provider>,
    );
    const phone = screen.getByTestId('callback-phone-input');
    expect(phone.getAttribute('list')).toBeNull();
    fireEvent.focus(phone);
    await waitFor(() => expect(phone.getAttribute('list')).not.toBeNull());
    const offered = [...document.querySelectorAll(`#${phone.getAttribute('list')} option`)].map((option) => option.getAttribute('value'));
    expect(offered).toContain('+49 30 1234 5678');
    expect(offered).toContain('(030) 98 76 54');
    expect(offered).not.toContain('2026-11-17');
  });

  it('should mark an overdue callback with a class and a word, and not one still to come', () => {
    const overdue = makeCallback({ id: 'cb-late', ticketId: 't-1', dueAt: '2020-01-01T09:00:00.000Z' });
    const coming = makeCallback({ id: 'cb-soon', ticketId: 't-1', dueAt: '2099-01-01T09:00:00.000Z' });
    fakeBackground(() => ({ ticketId: 't-1' }));
    renderWithProviders(
      <CallbackList
        ticket={ticket}
        callbacks={[
          { row: overdue, pending: false },
          { row: coming, pending: false },
        ]}
        workspace={workspace}
      />,
    );

    const [late, soon] = screen.getAllByTestId('callback');
    expect(late!.classList.contains('sd-callback--overdue')).toBe(true);
    expect(late!.textContent).toContain('overdue');
    expect(soon!.classList.contains('sd-callback--overdue')).toBe(false);
    expect(soon!.textContent).not.toContain('overdue');
  });
});
