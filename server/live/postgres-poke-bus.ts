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
  const notify = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  // One statement in flight at a time, carrying every notice published since the last one left:
  // at light load each change still goes out at once, under load they share a statement (a
  // statement per change was an eighth of what a reassign asked of PostgreSQL). Notices keep
  // their order (unnest yields the arrays in order), each with its own payload and 8 kB limit.
  let pending: { channel: string; payload: string }[] = [];
  let inFlight: Promise<void> | null = null;
  const flush = (): void => {
    if (inFlight || pending.length === 0) return;
    const batch = pending;
    pending = [];
    inFlight = notify
      .query('SELECT pg_notify(channel, payload) FROM unnest($1::text[], $2::text[]) AS notice(channel, payload)', [
        batch.map((notice) => notice.channel),
        batch.map((notice) => notice.payload),
      ])
      .then(
        () => undefined,
        (error: Error) => console.error(`[sidedesk] ${batch.length} notice(s) not sent:`, error.message),
      )
      .finally(() => {
        inFlight = null;
        flush();
      });
  };
  const send = (channel: string, payload: unknown) => {
    pending.push({ channel, payload: JSON.stringify(payload) });
    // The rest of this turn's changes join it.
    if (pending.length === 1 && !inFlight) setImmediate(flush);
  };
  return {
    publish(poke) {
      send(CHANNEL, poke);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publishRevocation(revocation) {
      send(REVOCATIONS, revocation);
    },
    subscribeRevocations(listener) {
      revocationListeners.add(listener);
      return () => revocationListeners.delete(listener);
    },
    async close() {
      listeners.clear();
      revocationListeners.clear();
      while (inFlight || pending.length > 0) {
        flush();
        await inFlight;
      }
      await listen.end();
      await notify.end();
    },
  };
}
