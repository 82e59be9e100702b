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
  /** Not a change of rows: who is replying in this ticket's thread changed (no pull, a viewers refresh). */
  viewersOf?: string;
}

/**
 * Sessions that ended: a sign-out (`sessionHashes` names it), or every session of a user whose
 * password changed or who was deactivated (no `sessionHashes`). Every instance forgets the tokens
 * it remembers and closes their live sockets at once.
 */
export interface Revocation {
  workspaceId: string;
  userId: string;
  sessionHashes?: string[];
}

export interface PokeBus {
  publish(poke: Poke): void;
  subscribe(listener: (poke: Poke) => void): () => void;
  publishRevocation(revocation: Revocation): void;
  subscribeRevocations(listener: (revocation: Revocation) => void): () => void;
  close(): Promise<void>;
}

/** One server process: pokes stay in memory. PostgreSQL deployments use LISTEN/NOTIFY instead. */
export function createLocalPokeBus(): PokeBus {
  const listeners = new Set<(poke: Poke) => void>();
  const revocationListeners = new Set<(revocation: Revocation) => void>();
  return {
    publish(poke) {
      for (const listener of listeners) listener(poke);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publishRevocation(revocation) {
      for (const listener of revocationListeners) listener(revocation);
    },
    subscribeRevocations(listener) {
      revocationListeners.add(listener);
      return () => revocationListeners.delete(listener);
    },
    async close() {
      listeners.clear();
      revocationListeners.clear();
    },
  };
}
