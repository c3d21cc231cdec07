/**
 * Keeping the `repOpenDues` aggregate (migration v13, lib/scorecard/rep-open-dues.ts)
 * in step with commitments. Only the commitment writers call it, with the same
 * changes they fold into `repWeeks`, inside their own readwrite transaction
 * that also holds 'repOpenDues': the aggregate commits or rolls back with them.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import { applyOpenDueChange, isRepOpenDues, openDueChanges } from '../scorecard/rep-open-dues';
import type { RepWeekChange } from '../scorecard/rep-weeks';
import type { DealsideDB } from './schema';

type OpenDuesStore = IDBPObjectStore<DealsideDB, ArrayLike<StoreNames<DealsideDB>>, 'repOpenDues', 'readwrite' | 'versionchange'>;

/**
 * Apply the open-promise moves among `changes`, one get/put per rep touched.
 * A stored record that fails its check is rebuilt from empty rather than
 * trusted; the counts it had are lost (the card then misses those reps' old
 * open promises until a restore rebuilds it), the commitments never are.
 */
export async function applyToRepOpenDues(store: OpenDuesStore, changes: readonly RepWeekChange[]): Promise<void> {
  const byRep = new Map<string, ReturnType<typeof openDueChanges>>();
  for (const c of openDueChanges(changes)) byRep.set(c.repId, [...(byRep.get(c.repId) ?? []), c]);
  for (const [repId, group] of byRep) {
    const raw = await store.get(repId);
    let record = isRepOpenDues(raw) ? raw : null;
    for (const c of group) record = applyOpenDueChange(record, c);
    if (record && record.days.length > 0) await store.put(record);
    else if (raw !== undefined) await store.delete(repId);
  }
}
