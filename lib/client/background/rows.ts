// Writing server rows into the cache. A row is replaced only by the same or a newer version: a
// response and the feed may deliver the same row in either order.
interface VersionedRow {
  id: string;
  version: number;
}

interface RowStore<T extends VersionedRow> {
  get(key: string): Promise<T | undefined>;
  put(value: T): Promise<unknown>;
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
  const cached = await Promise.all(rows.map((row) => store.get(row.id)));
  const newest = new Map<string, T>();
  for (const row of rows) {
    const seen = newest.get(row.id);
    if (!seen || seen.version <= row.version) newest.set(row.id, row);
  }
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
