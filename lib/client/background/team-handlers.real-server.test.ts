// The Team tab's messages against the real server app in process (server/test-support/harness.ts):
// an owner invites, the invitee joins from a fresh browser and is signed in with the chosen role.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHarness, type Harness } from '../../../server/test-support/harness';
import type { AccountSession, ResetCodeResponse } from '../../protocol/account';
import type { InvitationCodeResponse, TeamResponse } from '../../protocol/team';
import type { SessionInfo } from '../shared/message-responses';
import type { RequestInput } from '../shared/messages';
import type { BackgroundContext } from './context';
import { openSidedeskDb } from './db';
import { handleMessage } from './handle-message';
import { startSession } from './session-handlers';
import { SyncEngine } from './sync-engine';

const SERVER = 'http://sync.test';
let h: Harness;

const inApp: typeof fetch = (input, init) => Promise.resolve(h.app.request(input instanceof Request ? input : input.toString(), init));

async function newBrowser(): Promise<BackgroundContext> {
  const db = await openSidedeskDb(`team-${crypto.randomUUID()}`);
  const engine = new SyncEngine({ db, fetch: inApp, onChange: () => {}, live: false });
  await engine.start();
  return { db, engine, now: () => new Date(), newKey: () => crypto.randomUUID(), fetch: inApp };
}

async function ask<T>(context: BackgroundContext, message: RequestInput): Promise<T> {
  const result = await handleMessage(context, message);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data as T;
}

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h.close());
beforeEach(() => fakeBrowser.reset());

describe('team messages against the real server', () => {
  it('should invite, then join from another browser with the role and departments chosen', async () => {
    const owner = await newBrowser();
    await startSession(owner, SERVER, h.tokens.owner, h.users.owner.id);
    const invited = await ask<InvitationCodeResponse>(owner, {
      type: 'team.invite',
      invitation: { email: 'nina@demo.test', name: 'Nina Sokolova', role: 'supervisor', departmentIds: [h.departments.billing] },
    });

    const invitee = await newBrowser();
    const joined = await ask<SessionInfo>(invitee, {
      type: 'session.join',
      serverUrl: SERVER,
      code: invited.code,
      password: 'a quiet harbour',
    });
    expect(joined.user).toMatchObject({ name: 'Nina Sokolova', email: 'nina@demo.test', role: 'supervisor' });

    const team = await ask<TeamResponse>(invitee, { type: 'team.load' });
    expect(team.members.find((member) => member.email === 'nina@demo.test')).toMatchObject({ departmentIds: [h.departments.billing] });
  });

  it('should pass the server’s refusal of a second use of the code on', async () => {
    const owner = await newBrowser();
    await startSession(owner, SERVER, h.tokens.owner, h.users.owner.id);
    const { code } = await ask<InvitationCodeResponse>(owner, {
      type: 'team.invite',
      invitation: { email: 'oleg@demo.test', name: 'Oleg Orlov', role: 'operator', departmentIds: [] },
    });
    await ask(await newBrowser(), { type: 'session.join', serverUrl: SERVER, code, password: 'a quiet harbour' });
    const again = await handleMessage(await newBrowser(), { type: 'session.join', serverUrl: SERVER, code, password: 'a quiet harbour' });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('should let a reset code set a new password and sign in, ending the earlier session', async () => {
    const owner = await newBrowser();
    await startSession(owner, SERVER, h.tokens.owner, h.users.owner.id);
    const { code } = await ask<ResetCodeResponse>(owner, { type: 'team.resetCode', userId: h.users.boris.id });
    const borisBefore = h.tokens.boris;
    const boris = await newBrowser();
    const signedIn = await ask<SessionInfo>(boris, { type: 'session.redeemReset', serverUrl: SERVER, code, password: 'a quiet harbour' });
    expect(signedIn.user).toMatchObject({ id: h.users.boris.id });
    expect((await h.call(borisBefore, 'GET', '/v1/me')).status).toBe(401);
    const sessions = await ask<AccountSession[]>(boris, { type: 'account.sessions' });
    expect(sessions).toEqual([expect.objectContaining({ current: true })]);
  });

  it('should change the own password and keep this browser signed in', async () => {
    const anna = await newBrowser();
    await startSession(anna, SERVER, await h.login('anna@demo.test'), h.users.anna.id);
    const changed = await ask<{ signedOut: number }>(anna, {
      type: 'account.changePassword',
      currentPassword: 'demo',
      newPassword: 'a quiet harbour',
    });
    expect(changed.signedOut).toBeGreaterThanOrEqual(1); // the harness's own session of Anna
    expect((await ask<AccountSession[]>(anna, { type: 'account.sessions' })).map((s) => s.current)).toEqual([true]);
  });
});
