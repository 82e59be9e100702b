// The Team tab of the options page and invitations (lib/protocol/team.ts).
import { z } from 'zod';
import { canInWorkspace } from '../../lib/domain/permissions';
import { passwordProblem } from '../../lib/domain/password-rule';
import { loginResponseSchema } from '../../lib/protocol/requests';
import {
  createInvitationRequestSchema,
  invitationCodeResponseSchema,
  invitationListResponseSchema,
  openTicketsResponseSchema,
  reassignOpenRequestSchema,
  reassignOpenResponseSchema,
  redeemInvitationRequestSchema,
  teamResponseSchema,
} from '../../lib/protocol/team';
import type { AuthedUser } from '../context';
import type { ApiRoutes } from '../http/api-routes';
import { clientAddress, limitKey } from '../http/client-address';
import { ApiError } from '../http/errors';
import { runMutation } from '../http/mutation';
import { hashPassword } from '../http/passwords';
import { DelayLimiter } from '../http/rate-limit';
import { Forbidden, Invalid } from '../services/errors';
import * as invitations from '../services/invitations';
import * as team from '../services/team';
import { runSystemMutation } from '../store/unit-of-work';
import { ADDRESS_LIMIT } from './session';

const managersOnly = (actor: AuthedUser) => {
  if (!canInWorkspace(actor, 'workspace.manage')) throw new Forbidden('Only admins and owners manage the team.');
};
const teamReaders = (actor: AuthedUser) => {
  if (!canInWorkspace(actor, 'team.view')) throw new Forbidden('Only supervisors, admins and owners see the team.');
};

const unusableCode = () =>
  new ApiError(404, 'not_found', 'This invitation code is wrong, already used, revoked or expired: ask for a new one.');

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
      return c.json(result, 201);
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
      return c.json(await runSystemMutation(c.get('deps'), actor.workspaceId, (m) => invitations.renewInvitation(m, actor, id)));
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

  const perAddress = new DelayLimiter(ADDRESS_LIMIT);
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
      const at = deps.now().getTime();
      const address = limitKey(clientAddress(c));
      const wait = perAddress.waitMs(address, at);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        c.header('Retry-After', String(seconds));
        const when = seconds < 60 ? `${seconds} second(s)` : `${Math.ceil(seconds / 60)} minute(s)`;
        throw new ApiError(429, 'rate_limited', `Too many attempts with invitation codes. Try again in ${when}.`);
      }
      // Counted before the code is checked: parallel attempts cannot all pass as free ones.
      const takeBack = perAddress.count(address, at);
      const invitation = await invitations.findUsableInvitation(deps.store.db, body.code, deps.now());
      if (!invitation) throw unusableCode();
      takeBack(); // a right code is no guess
      if (passwordProblem(body.password, invitation) === 'personal') {
        const message = 'The password must not contain your name or the part of your email before the @.';
        throw new Invalid(message, { path: 'password', message });
      }
      // Hashed before the transaction opens: other writers must not wait for scrypt.
      const passwordHash = await hashPassword(body.password);
      const session = await runSystemMutation(deps, invitation.workspace_id, (m) =>
        invitations.redeemInvitation(m, body.code, passwordHash, deps.config.sessionDays),
      );
      if (!session) throw unusableCode();
      return c.json(session);
    },
  );
}
