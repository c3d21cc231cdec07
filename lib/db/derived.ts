/**
 * The scorecard's derived stores changed wholesale, inside the caller's transaction: rebuilt
 * from the source records stored (a restore's, lib/db/backup.ts), as lib/scorecard/derived.ts
 * `derivedRecordsOf` builds them, so a rebuild gives what keeping the stores on write gives;
 * or, for reps merged by migration v14, the merged reps' records folded into the kept ones'.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import { commitmentSchema, dealRecordSchema, nextStepSchema, noteSchema, scoreSchema } from '../model';
import { derivedRecordsOf } from '../scorecard/derived';
import { foldedOpenDues, foldedRepPipeline, foldedRepWeek } from '../scorecard/merge-derived';
import { isRepOpenDues } from '../scorecard/rep-open-dues';
import { isRepPipeline } from '../scorecard/rep-pipeline';
import { isRepWeek, type RepWeek } from '../scorecard/rep-weeks';
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

/**
 * Migration v14: the derived records of each merged rep (a key of `merges`) folded into its
 * kept rep's (lib/scorecard/merge-derived.ts) and deleted (the deals' pipeline summaries, one
 * per deal, are moved with the source records). Every other rep's derived records are left exactly as they were written (a
 * rebuild would move their scores' and notes' days to the zone of the upgrade). A merged
 * record that fails its check is dropped: the read path skips it as well.
 */
export async function foldMergedReps(tx: RebuildTx, merges: ReadonlyMap<string, string>): Promise<void> {
  if (merges.size === 0) return;
  const weeks = tx.objectStore('repWeeks');
  const mergedWeeks: RepWeek[] = [];
  let cursor = await weeks.openCursor();
  while (cursor) {
    const w = cursor.value as unknown;
    const repId = (w as { repId?: unknown } | null)?.repId;
    if (typeof repId === 'string' && merges.has(repId)) {
      if (isRepWeek(w)) mergedWeeks.push(w);
      await cursor.delete();
    }
    cursor = await cursor.continue();
  }
  for (const w of mergedWeeks) {
    const keptId = merges.get(w.repId)!;
    const held: unknown = await weeks.get([w.week, keptId]);
    await weeks.put(foldedRepWeek(isRepWeek(held) ? held : undefined, w, keptId));
  }
  const dues = tx.objectStore('repOpenDues');
  const buckets = tx.objectStore('repPipelines');
  for (const [mergedId, keptId] of merges) {
    const due: unknown = await dues.get(mergedId);
    if (due !== undefined) {
      await dues.delete(mergedId);
      const held: unknown = await dues.get(keptId);
      if (isRepOpenDues(due)) await dues.put(foldedOpenDues(isRepOpenDues(held) ? held : undefined, due, keptId));
    }
    const bucket: unknown = await buckets.get(mergedId);
    if (bucket !== undefined) {
      await buckets.delete(mergedId);
      const held: unknown = await buckets.get(keptId);
      if (isRepPipeline(bucket)) await buckets.put(foldedRepPipeline(isRepPipeline(held) ? held : undefined, bucket, keptId));
    }
  }
}
