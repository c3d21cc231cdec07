/**
 * Keeping the `repWeeks` aggregate (migration v6, lib/scorecard/rep-weeks.ts)
 * in step with commitments, scores and notes. Only their writers call
 * `applyToRepWeeks`, inside their own readwrite transaction that also holds
 * 'repWeeks', so the aggregate commits or rolls back with the records.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import { applyRepWeekChange, repWeekKeyOf, repWeekSchema, type RepWeekChange } from '../scorecard/rep-weeks';
import type { DealsideDB } from './schema';

type WeeksStore = IDBPObjectStore<DealsideDB, ArrayLike<StoreNames<DealsideDB>>, 'repWeeks', 'readwrite' | 'versionchange'>;

/**
 * Apply `changes`, one get/put per week touched (never two in flight for one
 * key). A stored week that fails validation is rebuilt from empty rather than
 * trusted; the counts it had are lost, the records themselves never are.
 */
export async function applyToRepWeeks(store: WeeksStore, changes: readonly RepWeekChange[]): Promise<void> {
  const byKey = new Map<string, RepWeekChange[]>();
  for (const c of changes) {
    const id = repWeekKeyOf(c).join('\u0000');
    byKey.set(id, [...(byKey.get(id) ?? []), c]);
  }
  for (const group of byKey.values()) {
    const raw = await store.get(repWeekKeyOf(group[0]!));
    let week = raw && repWeekSchema.safeParse(raw).success ? raw : null;
    for (const c of group) week = applyRepWeekChange(week, c);
    if (week) await store.put(week);
  }
}
