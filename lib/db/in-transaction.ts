/**
 * A readwrite transaction that is all or nothing. IndexedDB commits the requests a transaction
 * made before a throw in the code between them (the transaction is not aborted by the throw):
 * `inTransaction` aborts it instead, so a failed write leaves nothing behind.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { DealsideDB } from './schema';

/** Run `work` in `tx`; a throw aborts it (IndexedDB would otherwise commit what was written before the throw). */
export async function inTransaction<T>(tx: IDBPTransaction<DealsideDB, ArrayLike<StoreNames<DealsideDB>>, 'readwrite'>, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    await tx.done;
    return result;
  } catch (e) {
    // the abort rejects `done`: the caller hears of the failure through `e`, not as an unhandled rejection
    tx.done.catch(() => {});
    try {
      tx.abort();
    } catch {
      // already finished or aborting on its own
    }
    throw e;
  }
}
