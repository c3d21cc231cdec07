/**
 * Rebuilding the scorecard's derived stores whole from the source records stored, inside the
 * caller's transaction: a restore's (lib/db/backup.ts) and migration v14's, which merges reps.
 * The records are read and built as lib/scorecard/derived.ts `derivedRecordsOf` builds them,
 * so a rebuild gives what keeping the stores on write gives.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import { commitmentSchema, dealRecordSchema, nextStepSchema, noteSchema, scoreSchema } from '../model';
import { derivedRecordsOf } from '../scorecard/derived';
import type { DealsideDB } from './schema';
import { keepValid } from './validate';

/** Built from the source records; never in a backup, rebuilt by every restore. */
export const DERIVED_STORES = ['pipeline', 'repPipelines', 'repWeeks', 'repOpenDues'] as const;

/** A transaction that may write the derived stores and read their sources (a restore's, or an upgrade's). */
export type RebuildTx = IDBPTransaction<
  DealsideDB,
  ArrayLike<StoreNames<DealsideDB>>,
  'readwrite' | 'versionchange'
>;

/**
 * Clear the derived stores and write them again from every valid source record now stored
 * (invalid ones are skipped, and logged, as every read skips them). `now` is the moment of the
 * rebuild (rep buckets keep deals seen in the 30 days before it), instants land on their day
 * in `timeZone`: as for a write made at that moment.
 */
export async function rebuildDerived(tx: RebuildTx, at: { now: Date; timeZone: string }): Promise<void> {
  const [deals, nextSteps, commitments, scores, notes] = await Promise.all([
    tx.objectStore('deals').getAll(),
    tx.objectStore('nextSteps').getAll(),
    tx.objectStore('commitments').getAll(),
    tx.objectStore('scores').getAll(),
    tx.objectStore('notes').getAll(),
  ]);
  const derived = derivedRecordsOf(
    {
      deals: keepValid(dealRecordSchema, deals, 'deal'),
      nextSteps: keepValid(nextStepSchema, nextSteps, 'next step'),
      commitments: keepValid(commitmentSchema, commitments, 'commitment'),
      scores: keepValid(scoreSchema, scores, 'score'),
      notes: keepValid(noteSchema, notes, 'note'),
    },
    at,
  );
  await Promise.all(DERIVED_STORES.map((store) => tx.objectStore(store).clear()));
  const pipeline = tx.objectStore('pipeline');
  const repPipelines = tx.objectStore('repPipelines');
  const repWeeks = tx.objectStore('repWeeks');
  const repOpenDues = tx.objectStore('repOpenDues');
  await Promise.all([
    inParallel(derived.pipeline, (e) => pipeline.put(e)),
    inParallel(derived.repPipelines, (b) => repPipelines.put(b)),
    inParallel(derived.repWeeks, (w) => repWeeks.put(w)),
    inParallel(derived.repOpenDues, (r) => repOpenDues.put(r)),
  ]);
}

/**
 * Issue one request per item without waiting for each (IndexedDB runs them in
 * order), then wait for all; the first failure is rethrown. Each request is
 * marked handled as soon as it exists, so the ones an abort cancels do not
 * surface as unhandled rejections.
 */
export async function inParallel<T>(items: Iterable<T>, request: (item: T) => Promise<unknown>): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (const item of items) {
    const p = request(item);
    p.catch(() => {});
    pending.push(p);
  }
  await Promise.all(pending);
}
