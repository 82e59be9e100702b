// Bench-only seed: one workspace with departments, supervisors, operators and N tickets, written
// straight into a DATA_DIR (or DATABASE_URL) before the server starts. Prints nothing secret:
// the password is a bench constant and the accounts live in a temp database.
//   node --import tsx bench/server/seed.ts --data-dir DIR --out FILE [--tickets 2000] [--operators 20]
//     [--departments 2] [--supervisors 2] [--database-url postgres://…]
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { AuthedUser } from '../../server/context';
import { createLocalPokeBus } from '../../server/live/poke-bus';
import { createMutationContext } from '../../server/store/unit-of-work';
import { createTicket } from '../../server/services/ticket-create';
import { openStore } from '../../server/store/open-store';
import { addDepartment, addUser, createWorkspace } from '../../server/workspace-setup';

export const BENCH_PASSWORD = 'bench-password-not-secret';

export interface SeedUser {
  id: string;
  email: string;
  role: 'owner' | 'supervisor' | 'operator';
  departmentIds: string[];
}

export interface SeedTicket {
  id: string;
  version: number;
  departmentId: string;
  assigneeId: string | null;
}

export interface SeedResult {
  workspaceId: string;
  password: string;
  departments: string[];
  owner: SeedUser;
  supervisors: SeedUser[];
  operators: SeedUser[];
  tickets: SeedTicket[];
  seedMs: number;
}

/** Tickets per transaction: each ticket still takes its own workspace version, like a real create. */
const BATCH = 250;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      out: { type: 'string' },
      tickets: { type: 'string', default: '2000' },
      operators: { type: 'string', default: '20' },
      departments: { type: 'string', default: '2' },
      supervisors: { type: 'string', default: '2' },
    },
  });
  if (!values.out || (!values['data-dir'] && !values['database-url']))
    throw new Error('usage: seed.ts --data-dir DIR | --database-url URL --out FILE');
  const started = performance.now();
  const store = await openStore({ databaseUrl: values['database-url'], dataDir: values['data-dir'] });
  const deps = { store, bus: createLocalPokeBus(), now: () => new Date() };
  // Emails are unique across a database: a run id keeps several bench workspaces apart on Postgres.
  const run = randomBytes(4).toString('hex');
  const email = (name: string) => `${name}.${run}@bench.test`;

  const owner = await createWorkspace(deps, `Bench ${run}`, { email: email('owner'), name: 'Bench Owner', password: BENCH_PASSWORD });
  const departments: string[] = [];
  for (let d = 0; d < Number(values.departments); d++) departments.push(await addDepartment(deps, owner, `Department ${d + 1}`));
  const supervisors = await Promise.all(
    Array.from({ length: Number(values.supervisors) }, (_, s) =>
      addUser(deps, owner, {
        email: email(`supervisor${s + 1}`),
        name: `Supervisor ${s + 1}`,
        role: 'supervisor',
        password: BENCH_PASSWORD,
        departmentIds: departments,
      }),
    ),
  );
  const operators = await Promise.all(
    Array.from({ length: Number(values.operators) }, (_, o) =>
      addUser(deps, owner, {
        email: email(`operator${o + 1}`),
        name: `Operator ${o + 1}`,
        role: 'operator',
        password: BENCH_PASSWORD,
        departmentIds: [departments[o % departments.length]!],
      }),
    ),
  );

  const tickets: SeedTicket[] = [];
  const total = Number(values.tickets);
  const operatorsOf = (departmentId: string) => operators.filter((operator) => operator.departmentIds.includes(departmentId));
  for (let start = 0; start < total; start += BATCH) {
    await store.db.transaction().execute(async (tx) => {
      for (let i = start; i < Math.min(total, start + BATCH); i++) {
        const departmentId = departments[i % departments.length]!;
        const team = operatorsOf(departmentId);
        // Most tickets are assigned (reassignment needs a current assignee); every 10th is new.
        const assignee = i % 10 === 9 ? null : (team[Math.floor(i / departments.length) % team.length] ?? null);
        const now = new Date();
        const { mutation } = createMutationContext(tx, owner.workspaceId, now, store.dialect);
        const { body } = await createTicket(mutation, owner, {
          threadKeys: [`rfc:bench-${run}-${i}@mail.example.com`, `gmail:support@bench.test:${run}${i.toString(16)}`],
          subject: `Bench ticket ${i + 1}: the invoice shows the wrong VAT rate for order ${100_000 + i}`,
          customer: { email: `customer${i}@example.com`, name: `Customer ${i}` },
          departmentId,
          priority: (['low', 'normal', 'high', 'urgent'] as const)[i % 4],
          assigneeId: assignee?.id ?? null,
          lastCustomerMessageAt: new Date(now.getTime() - i * 60_000).toISOString(),
        });
        tickets.push({ id: body.ticket.id, version: body.ticket.version, departmentId, assigneeId: body.ticket.assigneeId });
      }
    });
  }
  await store.close();

  const user = (u: AuthedUser, role: SeedUser['role']): SeedUser => ({ id: u.id, email: u.email, role, departmentIds: u.departmentIds });
  const result: SeedResult = {
    workspaceId: owner.workspaceId,
    password: BENCH_PASSWORD,
    departments,
    owner: user(owner, 'owner'),
    supervisors: supervisors.map((s) => user(s, 'supervisor')),
    operators: operators.map((o) => user(o, 'operator')),
    tickets,
    seedMs: Math.round(performance.now() - started),
  };
  writeFileSync(values.out, JSON.stringify(result));
  console.log(`seeded ${tickets.length} tickets, ${operators.length} operators in ${result.seedMs} ms`);
}

main().catch((error: unknown) => {
  console.error('bench seed failed:', error);
  process.exit(1);
});
