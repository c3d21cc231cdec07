/**
 * The scoreDays aggregate store (migration v4). Only score writers call
 * `addScoresToDays`, inside their own readwrite transaction that also holds
 * 'scoreDays', so the aggregate commits or rolls back with the scores.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { Score } from '../model';
import { addScoreToDay, scoreDayKey, scoreDaySchema, type ScoreDay } from '../scorecard/aggregate';
import type { DealsideDB } from './schema';

type DaysStore = IDBPObjectStore<DealsideDB, ArrayLike<StoreNames<DealsideDB>>, 'scoreDays', 'readwrite'>;

/** Add scores to their days, one key at a time (a get/put pair per score, never two in flight for one key). */
export async function addScoresToDays(store: DaysStore, scores: readonly Score[], timeZone: string): Promise<void> {
  for (const s of scores) {
    const key = scoreDayKey(s, timeZone);
    if (!key) continue;
    const raw = await store.get(key);
    const existing: ScoreDay | null = raw && scoreDaySchema.safeParse(raw).success ? raw : null;
    const next = addScoreToDay(existing, s, timeZone);
    if (next) await store.put(next);
  }
}
