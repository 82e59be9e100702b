import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RequestMessage } from '@/lib/client/shared/messages';
import { makeDepartment, makeTicket, makeUser } from '@/lib/client/testing/factories';
import type { Role } from '@/lib/protocol/entities';
import type { TeamResponse } from '@/lib/protocol/team';
import { TeamTab } from './team-tab';
import { renderWithProviders } from './testing/harness';

const NOW = () => new Date('2026-12-05T12:00:00Z');
const billing = makeDepartment({ id: 'dep-billing', name: 'Billing' });
const technical = makeDepartment({ id: 'dep-technical', name: 'Technical' });
const member = (overrides: Parameters<typeof makeUser>[0] & { openTickets?: number }) => ({
  ...makeUser(overrides),
  openTickets: overrides.openTickets ?? 0,
});
const team: TeamResponse = {
  members: [
    member({ id: 'u-olga', name: 'Olga Owner', role: 'owner', departmentIds: [] }),
    member({ id: 'u-sam', name: 'Sam Supervisor', role: 'supervisor', departmentIds: ['dep-billing'] }),
    member({
      id: 'u-anna',
      name: 'Anna Ivanova',
      role: 'operator',
      departmentIds: ['dep-billing'],
      openTickets: 3,
      lastSeenAt: '2026-12-05T11:55:00Z',
    }),
    member({ id: 'u-boris', name: 'Boris Novak', role: 'operator', departmentIds: ['dep-technical'], availability: 'offline' }),
    member({ id: 'u-gone', name: 'Gone Gleb', role: 'operator', departmentIds: ['dep-billing'], active: false }),
  ],
  departments: [billing, technical],
};

const workspace = {
  name: 'Demo Support',
  settings: { reassignWarningThreshold: 2, replyDelayedAfterMinutes: 10, callbackRetryMinutes: [15, 60] },
};

const history = [
  {
    id: 'ev-1',
    at: '2026-12-05T11:00:00Z',
    actorName: 'Olga Owner <olga@demo.test>',
    action: 'role_changed',
    target: 'Anna Ivanova <anna@demo.test>',
    detail: 'operator → supervisor',
  },
];

/** The background: answers with what `answer` returns, or with it as is when it is a result (`ok`). */
function background(answer: (message: RequestMessage) => unknown): RequestMessage[] {
  const received: RequestMessage[] = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (response: unknown) => void) => {
    const request = message as RequestMessage;
    received.push(request);
    const data = answer(request);
    sendResponse(data && typeof data === 'object' && 'ok' in data ? data : { ok: true, data: data ?? null });
    return true;
  });
  return received;
}

function answerTeam(message: RequestMessage): unknown {
  if (message.type === 'team.load') return team;
  if (message.type === 'team.invitations') return [];
  if (message.type === 'team.workspace') return workspace;
  if (message.type === 'team.history') return history;
  if (message.type === 'session.get') return { serverUrl: 'https://desk.example.com', user: null, queued: 0 };
  return null;
}

const renderAs = (role: Role, id = 'u-me') => renderWithProviders(<TeamTab me={{ id, role }} now={NOW} />);
const rows = () => within(screen.getByTestId('team-table')).getAllByRole('row').slice(1);

beforeEach(() => {
  fakeBrowser.reset();
});

describe('TeamTab', () => {
  it('should list every member with role, departments, availability, open tickets and last seen', async () => {
    background(answerTeam);
    renderAs('supervisor');
    const anna = await screen.findByTestId('team-member-u-anna');
    expect(Array.from(anna.querySelectorAll('td'), (cell) => cell.textContent)).toEqual([
      'Anna Ivanovasomeone@demo.test',
      'operator',
      'Billing',
      'online',
      '3',
      '5 min. ago',
    ]);
    expect(screen.getByTestId('team-member-u-gone').textContent).toContain('operator (deactivated)');
  });

  it('should let a supervisor read only: no changes, no invitations, no departments', async () => {
    background(answerTeam);
    renderAs('supervisor');
    await screen.findByTestId('team-table');
    expect(screen.queryByTestId('team-edit-u-anna')).toBeNull();
    expect(screen.queryByTestId('team-invitations')).toBeNull();
    expect(screen.queryByTestId('team-departments')).toBeNull();
  });

  it('should filter by department and by role', async () => {
    background(answerTeam);
    renderAs('admin');
    await screen.findByTestId('team-table');
    fireEvent.change(screen.getByTestId('team-filter-department'), { target: { value: 'dep-billing' } });
    expect(rows().map((row) => row.dataset.testid)).toEqual(['team-member-u-sam', 'team-member-u-anna', 'team-member-u-gone']);
    fireEvent.change(screen.getByTestId('team-filter-role'), { target: { value: 'operator' } });
    expect(rows().map((row) => row.dataset.testid)).toEqual(['team-member-u-anna', 'team-member-u-gone']);
    fireEvent.change(screen.getByTestId('team-filter-role'), { target: { value: 'owner' } });
    expect(screen.getByTestId('state-empty').textContent).toBe('Nobody matches these filters.');
  });

  it('should invite and show the code and a link to this page once', async () => {
    const received = background((message) =>
      message.type === 'team.invite'
        ? {
            code: 'c0de-123',
            mailed: false,
            invitation: {
              id: 'inv-1',
              ...message.invitation,
              invitedBy: 'u-me',
              createdAt: '2026-12-05T12:00:00Z',
              expiresAt: '2026-12-12T12:00:00Z',
            },
          }
        : answerTeam(message),
    );
    renderAs('admin');
    await screen.findByTestId('team-invitations');
    const roles = Array.from(screen.getByTestId('invite-role').querySelectorAll('option'), (option) => option.value);
    expect(roles).toEqual(['supervisor', 'operator']);
    fireEvent.input(screen.getByTestId('invite-email'), { target: { value: 'vera@demo.test' } });
    fireEvent.input(screen.getByTestId('invite-name'), { target: { value: 'Vera Petrova' } });
    fireEvent.change(screen.getByTestId('invite-department'), { target: { value: 'dep-technical' } });
    fireEvent.click(screen.getByTestId('invite-submit'));
    expect((await screen.findByTestId('invite-code')).textContent).toBe('c0de-123');
    expect(received.find((m) => m.type === 'team.invite')).toMatchObject({
      invitation: { email: 'vera@demo.test', name: 'Vera Petrova', role: 'operator', departmentIds: ['dep-technical'] },
    });
    await waitFor(() => expect(screen.getByTestId('invite-link').textContent).toContain('server=https%3A%2F%2Fdesk.example.com'));
    expect(screen.getByTestId('invite-link').textContent).toMatch(/options\.html#join=c0de-123&/);
    expect(screen.queryByTestId('invite-mailed')).toBeNull(); // no SMTP on the server: only shown
  });

  it('should offer an owner every role to invite', async () => {
    background(answerTeam);
    renderAs('owner');
    await screen.findByTestId('team-invitations');
    const roles = Array.from(screen.getByTestId('invite-role').querySelectorAll('option'), (option) => option.value);
    expect(roles).toEqual(['owner', 'admin', 'supervisor', 'operator']);
  });

  it('should not let an admin change an owner', async () => {
    background(answerTeam);
    renderAs('admin');
    fireEvent.click(await screen.findByTestId('team-edit-u-olga'));
    expect(screen.getByTestId('team-editor').textContent).toBe('Only owners change admins and owners.');
    expect(screen.queryByTestId('team-editor-save')).toBeNull();
  });

  it('should save role and departments and say why the server refused the last owner', async () => {
    const received = background((message) =>
      message.type === 'team.updateUser'
        ? { ok: false, error: { code: 'conflict', message: 'The last owner cannot be demoted or deactivated.' } }
        : answerTeam(message),
    );
    renderAs('owner', 'u-other-owner');
    fireEvent.click(await screen.findByTestId('team-edit-u-olga'));
    fireEvent.change(screen.getByTestId('team-editor-role'), { target: { value: 'admin' } });
    fireEvent.click(screen.getByTestId('team-editor-dep-dep-technical'));
    fireEvent.click(screen.getByTestId('team-editor-save'));
    expect((await screen.findByTestId('state-error')).textContent).toBe(
      'The last owner cannot be demoted or deactivated: make someone else an owner first.',
    );
    expect(received.find((m) => m.type === 'team.updateUser')).toMatchObject({
      userId: 'u-olga',
      changes: { role: 'admin', departmentIds: ['dep-technical'] },
    });
  });

  it('should deactivate only after a confirmation', async () => {
    const received = background(answerTeam);
    renderAs('admin');
    fireEvent.click(await screen.findByTestId('team-edit-u-anna'));
    fireEvent.click(screen.getByTestId('team-deactivate'));
    expect(received.some((m) => m.type === 'team.updateUser')).toBe(false);
    const confirm = screen.getByTestId('team-deactivate-confirm');
    expect(confirm.textContent).toContain('Deactivate Anna Ivanova? They are signed out everywhere at once.');
    fireEvent.click(within(confirm).getByText('Deactivate'));
    await waitFor(() =>
      expect(received.find((m) => m.type === 'team.updateUser')).toMatchObject({ userId: 'u-anna', changes: { active: false } }),
    );
  });

  it('should make a reset code for someone and show it once, never asking for a password', async () => {
    const received = background((message) =>
      message.type === 'team.resetCode' ? { code: 'reset-code-123', expiresAt: '2026-12-06T12:00:00Z', mailed: true } : answerTeam(message),
    );
    renderAs('admin');
    fireEvent.click(await screen.findByTestId('team-edit-u-anna'));
    expect(screen.queryByLabelText(/password/i)).toBeNull();
    fireEvent.click(screen.getByTestId('team-reset-password'));
    expect((await screen.findByTestId('team-reset-code')).textContent).toBe('reset-code-123');
    expect(screen.getByTestId('team-reset').textContent).toContain('Pass this code on to Anna Ivanova.');
    expect(screen.getByTestId('team-reset-mailed').textContent).toBe(`It was also mailed to ${team.members[2]!.email}.`);
    expect(received.find((m) => m.type === 'team.resetCode')).toEqual({ type: 'team.resetCode', userId: 'u-anna' });
  });

  it('should list a deactivated person’s open tickets and reassign them all at once', async () => {
    const received = background((message) => {
      if (message.type === 'team.openTickets') return [makeTicket({ id: 't-1', number: 1042, subject: 'Invoice twice' })];
      if (message.type === 'team.reassignOpen') return { reassigned: 1 };
      return answerTeam(message);
    });
    renderAs('admin');
    fireEvent.click(await screen.findByTestId('team-edit-u-gone'));
    const open = await screen.findByTestId('team-open-tickets');
    expect(open.textContent).toContain('1 open ticket still assigned:');
    expect(open.textContent).toContain('#1042 Invoice twice');
    const targets = Array.from(screen.getByTestId('team-reassign-to').querySelectorAll('option'), (option) => option.value);
    expect(targets).not.toContain('u-gone');
    fireEvent.change(screen.getByTestId('team-reassign-to'), { target: { value: 'u-boris' } });
    fireEvent.change(screen.getByTestId('team-reassign-department'), { target: { value: 'dep-technical' } });
    fireEvent.click(screen.getByTestId('team-reassign-all'));
    await waitFor(() =>
      expect(received.find((m) => m.type === 'team.reassignOpen')).toEqual({
        type: 'team.reassignOpen',
        userId: 'u-gone',
        assigneeId: 'u-boris',
        departmentId: 'dep-technical',
      }),
    );
  });

  it('should rename and add departments', async () => {
    const received = background((message) => (message.type === 'team.saveDepartment' ? billing : answerTeam(message)));
    renderAs('owner');
    await screen.findByTestId('team-departments');
    fireEvent.input(screen.getByTestId('department-name-dep-billing'), { target: { value: 'Payments' } });
    fireEvent.click(screen.getByTestId('department-rename-dep-billing'));
    await waitFor(() => expect(received.some((m) => m.type === 'team.saveDepartment')).toBe(true));
    fireEvent.input(screen.getByTestId('department-new'), { target: { value: 'Returns' } });
    await waitFor(() => expect(screen.getByTestId<HTMLButtonElement>('department-add').disabled).toBe(false));
    fireEvent.click(screen.getByTestId('department-add'));
    await waitFor(() =>
      expect(received.filter((m) => m.type === 'team.saveDepartment')).toEqual([
        { type: 'team.saveDepartment', departmentId: 'dep-billing', name: 'Payments' },
        { type: 'team.saveDepartment', name: 'Returns' },
      ]),
    );
  });

  describe('workspace settings', () => {
    it('should let an owner change the name, thresholds and language', async () => {
      const received = background((message) =>
        message.type === 'team.saveWorkspace' ? { name: 'Acme', settings: workspace.settings } : answerTeam(message),
      );
      renderAs('owner');
      fireEvent.input(await screen.findByTestId('workspace-name'), { target: { value: ' Acme ' } });
      fireEvent.input(screen.getByTestId('workspace-threshold'), { target: { value: '3' } });
      fireEvent.change(screen.getByTestId('workspace-language'), { target: { value: 'ru' } });
      fireEvent.click(screen.getByTestId('workspace-save'));
      await waitFor(() =>
        expect(received.find((m) => m.type === 'team.saveWorkspace')).toEqual({
          type: 'team.saveWorkspace',
          changes: { workspaceName: 'Acme', reassignWarningThreshold: 3, replyDelayedAfterMinutes: 10, defaultLanguage: 'ru' },
        }),
      );
    });

    it.each([
      ['workspace-threshold', '0', 'The handoff warning is a whole number from 1 to 20.'],
      ['workspace-delay', '2.5', 'The delay is a whole number of minutes from 1 to 1440.'],
      ['workspace-name', '  ', 'Enter the workspace name.'],
    ])('should not send %s = "%s" and say why', async (field, value, sentence) => {
      const received = background(answerTeam);
      renderAs('owner');
      fireEvent.input(await screen.findByTestId(field), { target: { value } });
      expect(within(screen.getByTestId('team-workspace')).getByTestId('state-error').textContent).toBe(sentence);
      expect(screen.getByTestId<HTMLButtonElement>('workspace-save').disabled).toBe(true);
      expect(received.some((m) => m.type === 'team.saveWorkspace')).toBe(false);
    });

    it.each(['admin', 'supervisor'] as const)('should show an %s the settings read-only', async (role) => {
      background(answerTeam);
      renderAs(role);
      const section = await screen.findByTestId('team-workspace');
      await waitFor(() => expect(section.textContent).toContain('Demo Support'));
      expect(section.querySelector('input, select, button')).toBeNull();
      expect(section.textContent).toContain('Only owners change these settings.');
    });
  });

  describe('archiving a department', () => {
    it('should ask where the tickets go and say when the server wants a destination', async () => {
      const received = background((message) =>
        message.type === 'team.archiveDepartment'
          ? message.moveTo
            ? { moved: 2 }
            : { ok: false, error: { code: 'conflict', message: 'This department still has tickets.' } }
          : answerTeam(message),
      );
      renderAs('admin');
      fireEvent.click(await screen.findByTestId('department-archive-dep-billing'));
      const confirm = screen.getByTestId('department-archive-confirm-dep-billing');
      const options = within(confirm)
        .getAllByRole('option')
        .map((o) => o.textContent);
      expect(options).toEqual(['—', 'Technical']);
      fireEvent.change(within(confirm).getByTestId('department-move-to'), { target: { value: '' } });
      fireEvent.click(within(confirm).getByTestId('department-archive-submit'));
      expect((await within(confirm).findByTestId('state-error')).textContent).toBe(
        'This department still has tickets: choose the department they move to.',
      );
      fireEvent.change(within(confirm).getByTestId('department-move-to'), { target: { value: 'dep-technical' } });
      fireEvent.click(within(confirm).getByTestId('department-archive-submit'));
      await waitFor(() =>
        expect(received.filter((m) => m.type === 'team.archiveDepartment').at(-1)).toEqual({
          type: 'team.archiveDepartment',
          departmentId: 'dep-billing',
          moveTo: 'dep-technical',
        }),
      );
      await waitFor(() => expect(screen.queryByTestId('department-archive-confirm-dep-billing')).toBeNull());
    });
  });

  describe('team history', () => {
    it('should list who changed what for admins and export it as CSV', async () => {
      const received = background((message) =>
        message.type === 'team.historyCsv' ? { csv: '"When (UTC)"\r\n', filename: 'sidedesk-team-history.csv' } : answerTeam(message),
      );
      const createObjectURL = vi.fn(() => 'blob:history');
      Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
      renderAs('admin');
      const row = await screen.findByTestId('history-ev-1');
      expect(row.textContent).toContain('Olga Owner <olga@demo.test>');
      expect(row.textContent).toContain('Role changed');
      expect(row.textContent).toContain('operator → supervisor');
      fireEvent.click(screen.getByTestId('history-export'));
      await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
      expect(received.some((m) => m.type === 'team.historyCsv')).toBe(true);
    });

    it('should not show the history to supervisors', async () => {
      background(answerTeam);
      renderAs('supervisor');
      await screen.findByTestId('team-table');
      expect(screen.queryByTestId('team-history')).toBeNull();
    });
  });
});
