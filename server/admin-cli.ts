import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { roleSchema } from '../lib/protocol/entities';
import { emailSchema } from '../lib/protocol/common';
import { createLocalPokeBus } from './live/poke-bus';
import { copyStore } from './store/copy-store';
import { openStore } from './store/open-store';
import { addDepartment, addUser, createWorkspace, ownerOf } from './workspace-setup';

const USAGE = `Sidedesk admin: set up a real (non-demo) workspace on the server machine.
Uses the same store as the server: DATA_DIR (default ./data) or DATABASE_URL.

  npm run sidedesk-admin -- init --workspace "Acme Support" --email owner@acme.example --name "Olga Owner"
  npm run sidedesk-admin -- add-department --name Billing
  npm run sidedesk-admin -- add-user --email anna@acme.example --name "Anna" --role operator --departments Billing,Technical
  npm run sidedesk-admin -- list
  npm run sidedesk-admin -- copy-to-postgres --to postgres://user@host/db   (server stopped)

Passwords: taken from SIDEDESK_PASSWORD when set, else generated and printed once.
After init, manage users from the API as the owner (POST /v1/users) or with add-user.`;

function fail(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function required(values: Record<string, string | undefined>, name: string): string {
  const value = values[name]?.trim();
  if (!value) fail(`--${name} is required`);
  return value;
}

function passwordToUse(): { password: string; generated: boolean } {
  const given = process.env.SIDEDESK_PASSWORD;
  if (given) {
    if (given.length < 8) fail('SIDEDESK_PASSWORD must be at least 8 characters');
    return { password: given, generated: false };
  }
  return { password: randomBytes(12).toString('base64url'), generated: true };
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      to: { type: 'string' },
      workspace: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      departments: { type: 'string' },
    },
    strict: true,
  });
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? 'data' });
  const deps = { store, bus: createLocalPokeBus(), now: () => new Date() };
  try {
    const owner = await ownerOf(deps);
    switch (command) {
      case 'init': {
        if (owner) fail(`a workspace already exists (owner ${owner.email})`);
        const email = emailSchema.safeParse(required(values, 'email'));
        if (!email.success) fail('--email is not a valid address');
        const { password, generated } = passwordToUse();
        await createWorkspace(deps, required(values, 'workspace'), { email: email.data, name: required(values, 'name'), password });
        console.log(
          `Workspace created. Owner: ${email.data}${generated ? `  password: ${password}  (shown once; change it after signing in)` : ''}`,
        );
        break;
      }
      case 'add-department': {
        if (!owner) fail('run init first');
        const id = await addDepartment(deps, owner, required(values, 'name'));
        console.log(`Department ${values.name} added (${id}).`);
        break;
      }
      case 'add-user': {
        if (!owner) fail('run init first');
        const role = roleSchema.safeParse(required(values, 'role'));
        if (!role.success) fail(`--role must be one of ${roleSchema.options.join(', ')}`);
        const email = emailSchema.safeParse(required(values, 'email'));
        if (!email.success) fail('--email is not a valid address');
        const departments = await store.db
          .selectFrom('departments')
          .select(['id', 'name'])
          .where('workspace_id', '=', owner.workspaceId)
          .where('deleted', '=', 0)
          .execute();
        const wanted = (values.departments ?? '')
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean);
        const departmentIds = wanted.map(
          (name) =>
            departments.find((department) => department.name.toLowerCase() === name.toLowerCase())?.id ??
            fail(`no department named "${name}"`),
        );
        const { password, generated } = passwordToUse();
        await addUser(deps, owner, { email: email.data, name: required(values, 'name'), role: role.data, password, departmentIds });
        console.log(`User ${email.data} (${role.data}) added.${generated ? `  password: ${password}  (shown once)` : ''}`);
        break;
      }
      case 'list': {
        const users = await store.db.selectFrom('users').select(['email', 'role', 'active']).orderBy('email').execute();
        const departments = await store.db.selectFrom('departments').select('name').where('deleted', '=', 0).orderBy('name').execute();
        console.log(`Departments: ${departments.map((department) => department.name).join(', ') || '(none)'}`);
        for (const user of users) console.log(`  ${user.email.padEnd(30)} ${user.role}${user.active ? '' : ' (deactivated)'}`);
        break;
      }
      case 'copy-to-postgres': {
        const target = required(values, 'to');
        if (!target.startsWith('postgres')) fail('--to must be a postgres:// URL');
        if (store.dialect !== 'sqlite') fail('the source is already PostgreSQL (unset DATABASE_URL to copy from DATA_DIR)');
        const destination = await openStore({ databaseUrl: target });
        try {
          const counts = await copyStore(store, destination);
          console.log(
            `Copied: ${Object.entries(counts)
              .map(([table, count]) => `${table} ${count}`)
              .join(', ')}. Start the server with DATABASE_URL=${new URL(target).host}… next.`,
          );
        } finally {
          await destination.close();
        }
        break;
      }
      default:
        fail(`unknown command "${command}"`);
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error('error:', error instanceof Error ? error.message : error);
  process.exit(1);
});
