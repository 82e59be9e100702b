import { describe, expect, it } from 'vitest';
import { putAllIfNewer } from './rows';

interface Row {
  id: string;
  version: number;
}

/** A store in memory that counts its reads by key, like one of the cache's object stores. */
function memoryStore(rows: Row[]) {
  const held = new Map(rows.map((row) => [row.id, row]));
  const reads: string[] = [];
  return {
    held,
    reads,
    get: (key: string) => {
      reads.push(key);
      return Promise.resolve(held.get(key));
    },
    put: (row: Row) => {
      held.set(row.id, row);
      return Promise.resolve(row.id);
    },
    getAllKeys: (range: IDBKeyRange) => Promise.resolve([...held.keys()].filter((key) => range.includes(key)).sort()),
  };
}

const rowsFrom = (from: number, count: number, version = 1): Row[] =>
  Array.from({ length: count }, (_, i) => ({ id: `t-${String(from + i).padStart(5, '0')}`, version }));

describe('putAllIfNewer', () => {
  it('should answer the replaced row, undefined for a new one and null for an older one', async () => {
    const store = memoryStore([
      { id: 't-00001', version: 3 },
      { id: 't-00002', version: 1 },
    ]);
    const answers = await putAllIfNewer(store, [
      { id: 't-00001', version: 2 },
      { id: 't-00002', version: 2 },
      { id: 't-00003', version: 1 },
    ]);
    expect(answers).toEqual([null, { id: 't-00002', version: 1 }, undefined]);
    expect([...store.held.values()]).toEqual([
      { id: 't-00001', version: 3 },
      { id: 't-00002', version: 2 },
      { id: 't-00003', version: 1 },
    ]);
  });

  it('should not read one by one the rows of a large page that the cache does not hold', async () => {
    // A first sync: 1,000 rows a page, each read was one more request to IndexedDB (bench/extension-10k.ts).
    const store = memoryStore([{ id: 't-00500', version: 1 }, ...rowsFrom(5000, 10)]);
    const answers = await putAllIfNewer(store, rowsFrom(0, 1000, 2));
    expect(store.reads).toEqual(['t-00500']);
    expect(answers.filter((answer) => answer !== undefined)).toEqual([{ id: 't-00500', version: 1 }]);
    expect(store.held.size).toBe(1010);
  });
});
