// The options page's Team tab, "Join with an invitation", reset codes and the user's own account: straight requests to the server, not
// the outbox. Team changes are an admin at a desk, online, who must see a refusal at once (the
// last owner, an admin changing an owner), not an optimistic change rolled back later. After a
// change the sync pulls, so the sidebar's colleagues follow.
import { z } from 'zod';
import {
  loginResponseSchema,
  departmentResponseSchema,
  meResponseSchema,
  updateSettingsResponseSchema,
  userResponseSchema,
} from '../../protocol/requests';
import {
  archiveDepartmentResponseSchema,
  invitationCodeResponseSchema,
  invitationListResponseSchema,
  openTicketsResponseSchema,
  reassignOpenResponseSchema,
  teamHistoryResponseSchema,
  teamResponseSchema,
} from '../../protocol/team';
import {
  accountSessionListResponseSchema,
  changePasswordResponseSchema,
  resetCodeResponseSchema,
  signedOutResponseSchema,
} from '../../protocol/account';
import type { RequestOf, ResponseMap } from '../shared/message-responses';
import { errorBodySchema } from '../../protocol/common';
import { ApiError, NetworkError, NotSignedInError } from './api-errors';
import type { BackgroundContext } from './context';
import { runDetached } from './run-detached';
import { requireServerUrl, startSession } from './session-handlers';

function signedInApi({ engine }: BackgroundContext) {
  if (!engine.api) throw new NotSignedInError();
  return engine.api;
}

function pullSoon({ engine }: BackgroundContext): void {
  runDetached('sync after a team change', () => engine.sync());
}

const idPath = (id: string) => encodeURIComponent(id);

/** CSV is not JSON, so the api client cannot read it: the same bearer header, by hand. */
async function fetchHistoryCsv({ engine, fetch: fetchImpl = fetch }: BackgroundContext): Promise<string> {
  const session = engine.currentSession;
  if (!session) throw new NotSignedInError();
  const root = session.serverUrl.replace(/\/+$/, '');
  let response: Response;
  try {
    response = await fetchImpl(`${root}/v1/team/history?format=csv`, {
      headers: { accept: 'text/csv', authorization: `Bearer ${session.token}` },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (cause) {
    throw new NetworkError(`Cannot reach the Sidedesk server at ${root}.`, { cause });
  }
  if (!response.ok) {
    const body = errorBodySchema.safeParse(await response.json().catch(() => undefined));
    if (body.success) throw new ApiError(response.status, body.data.error.code, body.data.error.message, body.data.error.details);
    throw new ApiError(response.status, response.status >= 500 ? 'internal' : 'bad_response', `The server answered ${response.status}.`);
  }
  return response.text();
}

type TeamHandlers = {
  [T in keyof import('../shared/team-messages').TeamResponseMap]: (
    context: BackgroundContext,
    message: RequestOf<T>,
  ) => Promise<ResponseMap[T]>;
};

export const teamHandlers: TeamHandlers = {
  'team.load': (context) => signedInApi(context)({ method: 'GET', path: '/team', schema: teamResponseSchema }),

  'team.invitations': async (context) =>
    (await signedInApi(context)({ method: 'GET', path: '/invitations', schema: invitationListResponseSchema })).invitations,

  'team.invite': (context, message) =>
    signedInApi(context)({ method: 'POST', path: '/invitations', body: message.invitation, schema: invitationCodeResponseSchema }),

  'team.renewInvitation': (context, message) =>
    signedInApi(context)({
      method: 'POST',
      path: `/invitations/${idPath(message.invitationId)}/renew`,
      schema: invitationCodeResponseSchema,
    }),

  'team.revokeInvitation': async (context, message) => {
    await signedInApi(context)({
      method: 'DELETE',
      path: `/invitations/${idPath(message.invitationId)}`,
      idempotencyKey: context.newKey(),
      schema: z.object({ revoked: z.literal(true) }),
    });
    return null;
  },

  'team.updateUser': async (context, message) => {
    const { user } = await signedInApi(context)({
      method: 'PATCH',
      path: `/users/${idPath(message.userId)}`,
      body: message.changes,
      idempotencyKey: context.newKey(),
      schema: userResponseSchema,
    });
    pullSoon(context);
    return user;
  },

  'team.saveDepartment': async (context, message) => {
    const { department } = await signedInApi(context)({
      method: message.departmentId ? 'PATCH' : 'POST',
      path: message.departmentId ? `/departments/${idPath(message.departmentId)}` : '/departments',
      body: { name: message.name },
      idempotencyKey: context.newKey(),
      schema: departmentResponseSchema,
    });
    pullSoon(context);
    return department;
  },

  'team.openTickets': async (context, message) =>
    (
      await signedInApi(context)({
        method: 'GET',
        path: `/users/${idPath(message.userId)}/open-tickets`,
        schema: openTicketsResponseSchema,
      })
    ).tickets,

  'team.reassignOpen': async (context, message) => {
    const { reassigned } = await signedInApi(context)({
      method: 'POST',
      path: `/users/${idPath(message.userId)}/reassign-open`,
      body: { assigneeId: message.assigneeId, ...(message.departmentId ? { departmentId: message.departmentId } : {}) },
      idempotencyKey: context.newKey(),
      schema: reassignOpenResponseSchema,
    });
    pullSoon(context);
    return { reassigned };
  },

  'team.resetCode': (context, message) =>
    signedInApi(context)({ method: 'POST', path: `/users/${idPath(message.userId)}/reset-code`, schema: resetCodeResponseSchema }),

  'session.redeemReset': async (context, message) => {
    const serverUrl = requireServerUrl(message.serverUrl);
    const { token, user } = await context.engine.apiFor(
      serverUrl,
      null,
    )({
      method: 'POST',
      path: '/password-resets/redeem',
      body: { code: message.code, password: message.password },
      schema: loginResponseSchema,
    });
    return startSession(context, serverUrl, token, user.id);
  },

  'account.changePassword': (context, message) =>
    signedInApi(context)({
      method: 'POST',
      path: '/me/password',
      body: { currentPassword: message.currentPassword, newPassword: message.newPassword },
      schema: changePasswordResponseSchema,
    }),

  'account.sessions': async (context) =>
    (await signedInApi(context)({ method: 'GET', path: '/me/sessions', schema: accountSessionListResponseSchema })).sessions,

  'account.signOutSessions': (context, message) =>
    signedInApi(context)(
      message.sessionId
        ? { method: 'DELETE', path: `/me/sessions/${idPath(message.sessionId)}`, schema: signedOutResponseSchema }
        : { method: 'POST', path: '/me/sessions/sign-out-others', schema: signedOutResponseSchema },
    ),

  'team.archiveDepartment': async (context, message) => {
    const { moved } = await signedInApi(context)({
      method: 'POST',
      path: `/departments/${idPath(message.departmentId)}/archive`,
      body: message.moveTo ? { moveTo: message.moveTo } : {},
      idempotencyKey: context.newKey(),
      schema: archiveDepartmentResponseSchema,
    });
    pullSoon(context);
    return { moved };
  },

  'team.history': async (context) =>
    (await signedInApi(context)({ method: 'GET', path: '/team/history', schema: teamHistoryResponseSchema })).events,

  'team.historyCsv': async (context) => ({ csv: await fetchHistoryCsv(context), filename: 'sidedesk-team-history.csv' }),

  'team.workspace': async (context) => {
    const { workspace } = await signedInApi(context)({ method: 'GET', path: '/me', schema: meResponseSchema });
    return { name: workspace.name, settings: workspace.settings };
  },

  'team.saveWorkspace': async (context, message) => {
    const { settings, workspaceName } = await signedInApi(context)({
      method: 'PATCH',
      path: '/settings',
      body: message.changes,
      idempotencyKey: context.newKey(),
      schema: updateSettingsResponseSchema,
    });
    pullSoon(context);
    return { name: workspaceName, settings };
  },

  'session.join': async (context, message) => {
    const serverUrl = requireServerUrl(message.serverUrl);
    const { token, user } = await context.engine.apiFor(
      serverUrl,
      null,
    )({
      method: 'POST',
      path: '/invitations/redeem',
      body: { code: message.code, password: message.password },
      schema: loginResponseSchema,
    });
    return startSession(context, serverUrl, token, user.id);
  },
};
