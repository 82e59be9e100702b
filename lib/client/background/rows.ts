// Writing server rows into the cache. A row is replaced only by the same or a newer version: a
// response and the feed may deliver the same row in either order.
interface VersionedRow {
  id: string;
  version: number;
}

interface RowStore<T extends VersionedRow> {
  get(key: string): Promise<T | undefined>;
  put(value: T): Promise<unknown>;
  getAllKeys?(query: IDBKeyRange): Promise<IDBValidKey[]>;
}

/**
 * From this many rows on, one read of the keys the cache holds between the page's first and last
 * id replaces a read per row: in Chromium each request costs a round trip to the browser process
 * (~0.2 ms on a loaded 2-core machine), and on a first sync most rows are not there to read.
 */
const KEY_SCAN_FROM = 50;

/** The smallest range of keys holding every one of these ids (at least one). */
export function idRange(ids: Iterable<string>): IDBKeyRange {
  let low: string | undefined;
  let high: string | undefined;
  for (const id of ids) {
    if (low === undefined || id < low) low = id;
    if (high === undefined || id > high) high = id;
  }
  return IDBKeyRange.bound(low, high);
}

/** Each id's newest row: the later one on a tie, as writing them one by one would keep. */
export function newestById<T extends VersionedRow>(rows: readonly T[]): Map<string, T> {
  const newest = new Map<string, T>();
  for (const row of rows) {
    const seen = newest.get(row.id);
    if (!seen || seen.version <= row.version) newest.set(row.id, row);
  }
  return newest;
}

/** Which of these rows' ids the store holds, in one request; null when it cannot tell. */
async function heldIds<T extends VersionedRow>(store: RowStore<T>, rows: readonly T[]): Promise<Set<string> | null> {
  if (rows.length < KEY_SCAN_FROM || !store.getAllKeys) return null;
  return new Set((await store.getAllKeys(idRange(rows.map((row) => row.id)))) as string[]);
}

/** Returns the row it replaced (undefined for a new one), or null when the cached one is newer. */
export async function putIfNewer<T extends VersionedRow>(store: RowStore<T>, row: T): Promise<T | undefined | null> {
  const cached = await store.get(row.id);
  if (cached && cached.version > row.version) return null;
  await store.put(row);
  return cached;
}

/**
 * putIfNewer for many rows in one transaction: all reads are issued together, then all writes,
 * with no await per row. Answers per row as putIfNewer does. A row given twice keeps its newest
 * version (the later one on a tie), as writing them one by one would.
 */
export async function putAllIfNewer<T extends VersionedRow>(store: RowStore<T>, rows: readonly T[]): Promise<(T | undefined | null)[]> {
  if (rows.length === 0) return [];
  const held = await heldIds(store, rows);
  const cached = await Promise.all(rows.map((row) => (held && !held.has(row.id) ? Promise.resolve(undefined) : store.get(row.id))));
  const newest = newestById(rows);
  const writes: Promise<unknown>[] = [];
  const answers = rows.map((row, i) => {
    const before = cached[i];
    if (before && before.version > row.version) return null;
    if (newest.get(row.id) === row) writes.push(store.put(row));
    return before;
  });
  await Promise.all(writes);
  return answers;
}
