/**
 * Who a committed change concerns, so that the live hub pokes only clients that may see it.
 * `everyone`: users, departments or settings changed. Otherwise: the departments and users a
 * ticket belonged to before and after the change.
 */
export interface Audience {
  everyone?: boolean;
  departmentIds?: string[];
  userIds?: string[];
}

export interface Poke {
  workspaceId: string;
  cursor: number;
  audience: Audience;
}

export interface PokeBus {
  publish(poke: Poke): void;
  subscribe(listener: (poke: Poke) => void): () => void;
  close(): Promise<void>;
}

/** One server process: pokes stay in memory. PostgreSQL deployments use LISTEN/NOTIFY instead. */
export function createLocalPokeBus(): PokeBus {
  const listeners = new Set<(poke: Poke) => void>();
  return {
    publish(poke) {
      for (const listener of listeners) listener(poke);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}
