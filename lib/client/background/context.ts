import type { SidedeskDb } from './db';
import type { SyncEngine } from './sync-engine';

/** What every background handler may use. */
export interface BackgroundContext {
  db: SidedeskDb;
  engine: SyncEngine;
  now: () => Date;
  newKey: () => string;
  fetch?: typeof fetch;
}
