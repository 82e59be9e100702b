import pg from 'pg';
import type { Poke, PokeBus, Revocation } from './poke-bus';

const CHANNEL = 'sidedesk_pokes';
const REVOCATIONS = 'sidedesk_revocations';

/**
 * Pokes across server instances through PostgreSQL's LISTEN/NOTIFY: every instance listens on
 * one channel and relays what it hears to its own WebSocket clients.
 */
export async function createPostgresPokeBus(databaseUrl: string): Promise<PokeBus> {
  const listeners = new Set<(poke: Poke) => void>();
  const revocationListeners = new Set<(revocation: Revocation) => void>();
  const listen = new pg.Client({ connectionString: databaseUrl });
  await listen.connect();
  listen.on('notification', (message) => {
    if (!message.payload) return;
    if (message.channel === CHANNEL) {
      const poke = JSON.parse(message.payload) as Poke;
      for (const listener of listeners) listener(poke);
    } else if (message.channel === REVOCATIONS) {
      const revocation = JSON.parse(message.payload) as Revocation;
      for (const listener of revocationListeners) listener(revocation);
    }
  });
  listen.on('error', (error) => console.error('[sidedesk] poke listener lost its connection:', error.message));
  await listen.query(`LISTEN ${CHANNEL}`);
  await listen.query(`LISTEN ${REVOCATIONS}`);
  const notify = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const send = (channel: string, payload: unknown) =>
    notify
      .query('SELECT pg_notify($1, $2)', [channel, JSON.stringify(payload)])
      .catch((error: Error) => console.error(`[sidedesk] ${channel} notice not sent:`, error.message));
  return {
    publish(poke) {
      void send(CHANNEL, poke);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publishRevocation(revocation) {
      void send(REVOCATIONS, revocation);
    },
    subscribeRevocations(listener) {
      revocationListeners.add(listener);
      return () => revocationListeners.delete(listener);
    },
    async close() {
      listeners.clear();
      revocationListeners.clear();
      await listen.end();
      await notify.end();
    },
  };
}
