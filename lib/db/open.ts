import { openDB, type IDBPDatabase } from 'idb';
import { MIGRATIONS, DB_VERSION } from './migrations';
import { DB_NAME, type DealsideDB } from './schema';

export type DB = IDBPDatabase<DealsideDB>;

/**
 * Open (creating or upgrading) the database. `version` exists for the
 * migration test, which writes a database as an earlier release would have.
 */
export function openDealsideDB(name = DB_NAME, version = DB_VERSION): Promise<DB> {
  return openDB<DealsideDB>(name, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) {
        await MIGRATIONS[v]!(db, tx);
      }
    },
    blocking(_current, _next, event) {
      // A newer Dealside (after an update) wants to upgrade: let it.
      (event.target as IDBDatabase).close();
    },
  });
}
