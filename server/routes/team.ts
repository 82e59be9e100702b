// The Team tab of the options page, invitations and password reset codes (lib/protocol/team.ts,
// lib/protocol/account.ts). Longer than most routes files: the codes share one guessing limiter.
import type { Context } from 'hono';
import { z } from 'zod';
import { canInWorkspace } from '../../lib/domain/permissions';
import { passwordProblem } from '../../lib/domain/password-rule';
import { loginResponseSchema } from '../../lib/protocol/requests';
import {
  archiveDepartmentRequestSchema,
  archiveDepartmentResponseSchema,
  createInvitationRequestSchema,
  invitationCodeResponseSchema,
  type InvitationCodeResponse,
  invitationListResponseSchema,
  openTicketsResponseSchema,
  reassignOpenRequestSchema,
  reassignOpenResponseSchema,
  redeemInvitationRequestSchema,
  TEAM_HISTORY_LIMIT,
  teamHistoryQuerySchema,
  teamHistoryResponseSchema,
  teamResponseSchema,
} from '../../lib/protocol/team';
import { redeemResetRequestSchema, RESET_CODE_HOURS, resetCodeResponseSchema } from '../../lib/protocol/account';
import type { AppEnv, AuthedUser } from '../context';
import type { ApiRoutes } from '../http/api-routes';
import { clientAddress, limitKey } from '../http/client-address';
import { ApiError } from '../http/errors';
import { runMutation } from '../http/mutation';
import { hashPassword } from '../http/passwords';
import { DelayLimiter } from '../http/rate-limit';
import { Forbidden, Invalid } from '../services/errors';
import * as account from '../services/account';
import { mailCode, type MailLanguage } from '../services/code-mail';
import { loadSettings } from '../services/rows';
import { archiveDepartment } from '../services/department-archive';
import * as invitations from '../services/invitations';
import * as team from '../services/team';
import { listTeamHistory, teamHistoryCsv } from '../services/team-history';
import { runSystemMutation } from '../store/unit-of-work';
import { ADDRESS_LIMIT } from './session';

const managersOnly = (actor: AuthedUser) => {
  if (!canInWorkspace(actor, 'workspace.manage')) throw new Forbidden('Only admins and owners manage the team.');
};
const teamReaders = (actor: AuthedUser) => {
  if (!canInWorkspace(actor, 'team.view')) throw new Forbidden('Only supervisors, admins and owners see the team.');
};

const unusableResetCode = () =>
  new ApiError(404, 'not_found', 'This reset code is wrong, already used, replaced or expired: ask an admin for a new one.');

function refusePersonal(password: string, person: { name: string; email: string }): void {
  if (passwordProblem(password, person) === 'personal') {
    const message = 'The password must not contain your name or the part of your email before the @.';
    throw new Invalid(message, { path: 'password', message });
  }
}

const unusableCode = () =>
  new ApiError(404, 'not_found', 'This invitation code is wrong, already used, revoked or expired: ask for a new one.');

/** What a mail names besides the code: this server's address and the workspace's language. */
async function mailContext(c: Context<AppEnv>): Promise<{ serverUrl: string; language: MailLanguage }> {
  const { config, store } = c.get('deps');
  const settings = await loadSettings(store.db, c.get('actor').workspaceId);
  return { serverUrl: config.publicUrl ?? new URL(c.req.url).origin, language: settings.defaultLanguage ?? 'en' };
}

async function mailInvitation(c: Context<AppEnv>, result: Omit<InvitationCodeResponse, 'mailed'>): Promise<boolean> {
  if (!c.get('deps').config.smtpUrl) return false;
  const { invitation, code } = result;
  return mailCode(c.get('deps').config, {
    kind: 'invitation',
    to: { name: invitation.name, email: invitation.email },
    code,
    expiresAt: invitation.expiresAt,
    ...(await mailContext(c)),
  });
}

export function teamRoutes(routes: ApiRoutes): void {
  routes.add(
    {
      method: 'get',
      path: '/team',
      summary: 'Every member with role, departments, availability, last seen and open tickets; the departments',
      access: 'supervisor, admin, owner',
      responses: { 200: teamResponseSchema },
      guard: teamReaders,
    },
    async (c) => c.json(await team.listTeam(c.get('deps').store.db, c.get('actor'))),
  );

  routes.add(
    {
      method: 'get',
      path: '/team/history',
      summary: `Team history: who changed the team, what and when; the latest ${TEAM_HISTORY_LIMIT}, as JSON or CSV`,
      access: 'admin, owner',
      query: teamHistoryQuerySchema,
      responses: { 200: teamHistoryResponseSchema },
      guard: managersOnly,
    },
    async (c, { query }) => {
      const events = await listTeamHistory(c.get('deps').store.db, c.get('actor'));
      if (query.format === 'csv') {
        return c.body(teamHistoryCsv(events), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="sidedesk-team-history.csv"',
        });
      }
      return c.json({ events });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/users/:id/open-tickets',
      summary: 'The open tickets assigned to a user (before handing them over)',
      access: 'admin (not admins/owners), owner',
      responses: { 200: openTicketsResponseSchema },
      guard: managersOnly,
    },
    async (c) => c.json({ tickets: await team.listOpenTickets(c.get('deps').store.db, c.get('actor'), c.req.param('id')!) }),
  );

  routes.add(
    {
      method: 'post',
      path: '/users/:id/reassign-open',
      summary: 'Reassign all of a user’s open tickets to one colleague (reason: unavailability)',
      access: 'admin (not admins/owners), owner',
      mutation: true,
      body: reassignOpenRequestSchema,
      responses: { 200: reassignOpenResponseSchema },
      guard: managersOnly,
    },
    async (c, { body }) => runMutation(c, (m) => team.reassignOpenTickets(m, c.get('actor'), c.req.param('id')!, body)),
  );

  routes.add(
    {
      method: 'post',
      path: '/departments/:id/archive',
      summary: 'Archive a department: its tickets move to another one first (an event each), its members lose it',
      access: 'admin, owner',
      mutation: true,
      body: archiveDepartmentRequestSchema,
      responses: { 200: archiveDepartmentResponseSchema },
      guard: managersOnly,
    },
    async (c, { body }) => runMutation(c, (m) => archiveDepartment(m, c.get('actor'), c.req.param('id')!, body.moveTo)),
  );

  routes.add(
    {
      method: 'get',
      path: '/invitations',
      summary: 'Invitations not yet used or revoked',
      access: 'admin, owner',
      responses: { 200: invitationListResponseSchema },
      guard: managersOnly,
    },
    async (c) => c.json({ invitations: await invitations.listInvitations(c.get('deps').store.db, c.get('actor')) }),
  );

  // Creating and renewing answer the code, which is a credential: they do not go through
  // runMutation, whose stored replay would keep the code in clear. A repeated invite is refused
  // (409: already invited); a repeated renewal makes yet another code, the last one shown counts.
  routes.add(
    {
      method: 'post',
      path: '/invitations',
      summary: 'Invite someone: answers a single-use code, valid 7 days, shown only here',
      access: 'admin (not admins/owners), owner',
      body: createInvitationRequestSchema,
      responses: { 201: invitationCodeResponseSchema },
      guard: managersOnly,
    },
    async (c, { body }) => {
      const actor = c.get('actor');
      const result = await runSystemMutation(c.get('deps'), actor.workspaceId, (m) => invitations.createInvitation(m, actor, body));
      return c.json({ ...result, mailed: await mailInvitation(c, result) }, 201);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/invitations/:id/renew',
      summary: 'Send again: a new code and a new week; the old code stops working',
      access: 'admin (not admins/owners), owner',
      responses: { 200: invitationCodeResponseSchema },
      guard: managersOnly,
    },
    async (c) => {
      const actor = c.get('actor');
      const id = c.req.param('id')!;
      const result = await runSystemMutation(c.get('deps'), actor.workspaceId, (m) => invitations.renewInvitation(m, actor, id));
      return c.json({ ...result, mailed: await mailInvitation(c, result) });
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/invitations/:id',
      summary: 'Revoke an invitation',
      access: 'admin (not admins/owners), owner',
      mutation: true,
      responses: { 200: z.object({ revoked: z.literal(true) }) },
      guard: managersOnly,
    },
    async (c) => runMutation(c, (m) => invitations.revokeInvitation(m, c.get('actor'), c.req.param('id')!)),
  );

  // One limiter for every code a stranger may try (invitations and password resets): a guesser
  // gets no second set of free tries by switching from one kind of code to the other.
  const perAddress = new DelayLimiter(ADDRESS_LIMIT);
  /** Counts an attempt before its code is checked (parallel attempts cannot all pass as free); answers how to take it back. */
  const countGuess = (c: Context<AppEnv>, what: string) => {
    const at = c.get('deps').now().getTime();
    const address = limitKey(clientAddress(c));
    const wait = perAddress.waitMs(address, at);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      c.header('Retry-After', String(seconds));
      const when = seconds < 60 ? `${seconds} second(s)` : `${Math.ceil(seconds / 60)} minute(s)`;
      throw new ApiError(429, 'rate_limited', `Too many attempts with ${what}. Try again in ${when}.`);
    }
    return perAddress.count(address, at);
  };

  routes.add(
    {
      method: 'post',
      path: '/invitations/redeem',
      summary: 'Join with an invitation code and a new password; signs in',
      access: 'anyone with a code (rate-limited per client address, like sign-in)',
      public: true,
      body: redeemInvitationRequestSchema,
      responses: { 200: loginResponseSchema },
    },
    async (c, { body }) => {
      const deps = c.get('deps');
      const takeBack = countGuess(c, 'invitation codes');
      const invitation = await invitations.findUsableInvitation(deps.store.db, body.code, deps.now());
      if (!invitation) throw unusableCode();
      takeBack(); // a right code is no guess
      refusePersonal(body.password, invitation);
      // Hashed before the transaction opens: other writers must not wait for scrypt.
      const passwordHash = await hashPassword(body.password);
      const session = await runSystemMutation(deps, invitation.workspace_id, (m) =>
        invitations.redeemInvitation(m, body.code, passwordHash, deps.config.sessionDays, c.req.header('User-Agent') ?? null),
      );
      if (!session) throw unusableCode();
      return c.json(session);
    },
  );

  // Like an invitation code, the reset code is a credential: shown once, to the admin, never stored
  // by runMutation's replay. A repeated request makes another code; the last one shown counts.
  routes.add(
    {
      method: 'post',
      path: '/users/:id/reset-code',
      summary: `Reset someone’s password: a single-use code, valid ${RESET_CODE_HOURS} hours, shown only here`,
      access: 'admin (not admins/owners), owner',
      responses: { 201: resetCodeResponseSchema },
      guard: managersOnly,
    },
    async (c) => {
      const actor = c.get('actor');
      const id = c.req.param('id')!;
      const { to, ...result } = await runSystemMutation(c.get('deps'), actor.workspaceId, (m) => account.createResetCode(m, actor, id));
      const mailed = await mailCode(c.get('deps').config, {
        kind: 'reset',
        to,
        code: result.code,
        expiresAt: result.expiresAt,
        ...(await mailContext(c)),
      });
      return c.json({ ...result, mailed }, 201);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/password-resets/redeem',
      summary: 'Choose a new password with a reset code; every other session ends; signs in',
      access: 'anyone with a code (rate-limited per client address, with invitation codes)',
      public: true,
      body: redeemResetRequestSchema,
      responses: { 200: loginResponseSchema },
    },
    async (c, { body }) => {
      const deps = c.get('deps');
      const takeBack = countGuess(c, 'reset codes');
      const reset = await account.findUsableReset(deps.store.db, body.code, deps.now());
      if (!reset) throw unusableResetCode();
      takeBack();
      refusePersonal(body.password, reset);
      const passwordHash = await hashPassword(body.password);
      const start = { sessionDays: deps.config.sessionDays, userAgent: c.req.header('User-Agent') ?? null };
      const session = await runSystemMutation(deps, reset.workspace_id, (m) => account.redeemReset(m, body.code, passwordHash, start));
      if (!session) throw unusableResetCode();
      return c.json(session);
    },
  );
}
