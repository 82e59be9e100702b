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
