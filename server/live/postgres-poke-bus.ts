import pg from 'pg';
import type { Poke, PokeBus } from './poke-bus';

const CHANNEL = 'sidedesk_pokes';

/**
 * Pokes across server instances through PostgreSQL's LISTEN/NOTIFY: every instance listens on
 * one channel and relays what it hears to its own WebSocket clients.
 */
export async function createPostgresPokeBus(databaseUrl: string): Promise<PokeBus> {
  const listeners = new Set<(poke: Poke) => void>();
  const listen = new pg.Client({ connectionString: databaseUrl });
  await listen.connect();
  listen.on('notification', (message) => {
    if (message.channel !== CHANNEL || !message.payload) return;
    const poke = JSON.parse(message.payload) as Poke;
    for (const listener of listeners) listener(poke);
  });
  listen.on('error', (error) => console.error('[sidedesk] poke listener lost its connection:', error.message));
  await listen.query(`LISTEN ${CHANNEL}`);
  const notify = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  return {
    publish(poke) {
      notify
        .query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(poke)])
        .catch((error: Error) => console.error('[sidedesk] poke not sent:', error.message));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await listen.end();
      await notify.end();
    },
  };
}
