import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { MIGRATIONS, DB_VERSION } from './migrations';
import { DB_NAME, type DealsideDB } from './schema';

export type DB = IDBPDatabase<DealsideDB>;

/**
 * Open (creating or upgrading) the database. `version` exists for the
 * migration test, which writes a database as an earlier release would have.
 * `onGone`: the connection was closed under its holder (another version's open, or the
 * browser, say as its storage was cleared): the holder opens a new one for its next request
 * rather than answer every later one with an error from the closed one.
 */
export function openDealsideDB(name = DB_NAME, version = DB_VERSION, onGone?: () => void): Promise<DB> {
  return openDB<DealsideDB>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      void runMigrations(MIGRATIONS, db, oldVersion, newVersion ?? version, tx);
    },
    blocking(_current, _next, event) {
      // A newer Dealside (after an update) wants to upgrade: let it.
      (event.target as IDBDatabase).close();
      onGone?.();
    },
    terminated() {
      onGone?.();
    },
  });
}

type Step<T> = (db: IDBPDatabase<T>, tx: IDBPTransaction<T, StoreNames<T>[], 'versionchange'>) => Promise<void> | void;

/**
 * Runs the steps from `oldVersion` up to `newVersion` in the upgrade transaction. A step
 * that throws aborts the whole upgrade: idb neither waits for an async upgrade callback nor
 * aborts when it fails, so without this a step failing after its first `await` would let
 * the upgrade commit at the new version with the later steps never run. Aborted, the
 * database stays at its old version with its data as it was, and opening it fails (the
 * background tries again on its next request).
 */
export async function runMigrations<T>(
  steps: readonly Step<T>[],
  db: IDBPDatabase<T>,
  oldVersion: number,
  newVersion: number,
  tx: IDBPTransaction<T, StoreNames<T>[], 'versionchange'>,
): Promise<void> {
  try {
    for (let v = oldVersion; v < newVersion; v++) await steps[v]!(db, tx);
  } catch (e) {
    console.error('Dealside: the database upgrade failed and was rolled back', e);
    tx.done.catch(() => undefined); // it fails as aborted: that is the point, not a second error
    try {
      tx.abort();
    } catch {
      // already finished: nothing left to roll back
    }
  }
}
