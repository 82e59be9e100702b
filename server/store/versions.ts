import type { Transaction } from 'kysely';
import type { Database } from './schema';

/**
 * Takes the workspace's next change version. The UPDATE holds the workspace row's lock until
 * commit, so versions become visible in order and a feed reader never skips one (docs/design.md "Versions").
 */
export async function takeNextVersion(tx: Transaction<Database>, workspaceId: string): Promise<number> {
  const { version } = await tx
    .updateTable('workspaces')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', workspaceId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return version;
}
