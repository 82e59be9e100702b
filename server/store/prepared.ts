import { PostgresAdapter, type CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Dialect } from './open-store';
import type { Database } from './schema';

const SLOT = Symbol('slot');
interface Slot {
  readonly [SLOT]: string;
}
const isSlot = (value: unknown): value is Slot => typeof value === 'object' && value !== null && SLOT in value;

/** `slot('name')` stands for the value `name` of each call. */
export type Slots<P> = <K extends keyof P & string>(name: K) => P[K];

/**
 * A query of the write path built and compiled once per dialect, then run with new values: the
 * Kysely builder and compiler cost more CPU than SQLite takes to run such a query (a reassign
 * spent about a sixth of its time building and compiling its eight statements anew each time).
 * `build` describes the query as usual, with `slot('name')` where a value of the call goes; every
 * call then fills those parameters in. The values are still bound parameters, never SQL text.
 * `build` learns the dialect it compiles for (PostgreSQL's row locks, MutationContext.forUpdate).
 */
export function preparedQuery<P extends object, O>(
  build: (db: Kysely<Database>, slot: Slots<P>, dialect: Dialect) => Compilable<O>,
): (db: Kysely<Database>, values: P) => Promise<O[]> {
  // By the dialect's adapter: SQLite and PostgreSQL compile the same query to different text.
  const compiled = new WeakMap<object, CompiledQuery<O>>();
  return async (db, values) => {
    const dialect = db.getExecutor().adapter;
    let query = compiled.get(dialect);
    if (!query) {
      query = build(db, (name) => ({ [SLOT]: name }) as never, dialect instanceof PostgresAdapter ? 'postgres' : 'sqlite').compile();
      compiled.set(dialect, query);
    }
    const parameters = query.parameters.map((value) => (isSlot(value) ? values[value[SLOT] as keyof P] : value));
    // A slot left undefined would bind as NULL: a mistake in the caller, not a value.
    if (parameters.includes(undefined)) throw new Error(`preparedQuery: a slot of "${query.sql}" has no value`);
    const { rows } = await db.executeQuery<O>({ ...query, parameters });
    return rows;
  };
}
