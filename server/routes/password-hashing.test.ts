import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHarness, type Harness } from '../test-support/harness';
import { addUser, ownerOf } from '../workspace-setup';

// scrypt takes tens of milliseconds (server/http/passwords.ts). Run inside a write transaction,
// it holds every other writer of the workspace: an admin adding 12 users held writes for 1.7 s.
const hashing = vi.hoisted(() => ({
  /** Open write transactions right now. */
  depth: 0,
  /** For each hash: whether a write transaction was open while it ran. */
  insideTransaction: [] as boolean[],
  /** When set, a hash waits for it (a slow hash, under the test's control). */
  gate: null as Promise<void> | null,
  started: () => {},
}));

vi.mock('../http/passwords', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../http/passwords')>();
  return {
    ...actual,
    hashPassword: async (password: string) => {
      hashing.insideTransaction.push(hashing.depth > 0);
      hashing.started();
      if (hashing.gate) await hashing.gate;
      return actual.hashPassword(password);
    },
  };
});

describe('password hashing and the write transaction', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness();
    const writeTransaction = h.store.writeTransaction.bind(h.store);
    h.store.writeTransaction = (apply) =>
      writeTransaction(async (tx) => {
        hashing.depth += 1;
        try {
          return await apply(tx);
        } finally {
          hashing.depth -= 1;
        }
      });
  });
  afterAll(async () => h.close());
  beforeEach(() => {
    hashing.insideTransaction = [];
    hashing.gate = null;
  });

  const newUser = (label: string) => ({
    email: `${label}-${crypto.randomUUID().slice(0, 8)}@demo.test`,
    name: label,
    role: 'operator' as const,
    password: 'correct horse battery',
    departmentIds: [h.departments.billing],
  });

  it('should hash a new user’s password before the transaction opens', async () => {
    const result = await h.call(h.tokens.owner, 'POST', '/v1/users', newUser('created'));
    expect(result.status).toBe(201);
    expect(hashing.insideTransaction).toEqual([false]);
  });

  it('should hash a changed password before the transaction opens', async () => {
    const person = newUser('changed');
    await h.call(h.tokens.owner, 'POST', '/v1/users', person);
    const token = await h.login(person.email, person.password);
    hashing.insideTransaction = [];
    const body = { currentPassword: person.password, newPassword: 'another good password' };
    const result = await h.call(token, 'POST', '/v1/me/password', body);
    expect(result.status).toBe(200);
    expect(hashing.insideTransaction).toEqual([false]);
  });

  it('should hash before the transaction when the admin command adds a user', async () => {
    const owner = (await ownerOf(h.deps, h.workspaceId))!;
    await addUser(h.deps, owner, newUser('cli'));
    expect(hashing.insideTransaction).toEqual([false]);
  });

  it('should let another request’s write complete while a user’s password is being hashed', async () => {
    let release = () => {};
    hashing.gate = new Promise<void>((resolve) => (release = resolve));
    const started = new Promise<void>((resolve) => (hashing.started = resolve));
    const creating = h.call(h.tokens.owner, 'POST', '/v1/users', newUser('slow-hash'));
    await started;
    // Not a timing assertion: before the fix the department waited for the hash, which waits for
    // the gate, so only the fallback could open it.
    const fallback = new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 5000).unref());
    const department = h.call(h.tokens.owner, 'POST', '/v1/departments', { name: 'Added while hashing' });
    const first = await Promise.race([department.then((result) => result.status), fallback]);
    release();
    expect(first).toBe(201);
    expect((await creating).status).toBe(201);
    expect((await department).status).toBe(201);
  });
});
