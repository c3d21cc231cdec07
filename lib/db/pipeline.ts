/**
 * Keeping the `pipeline` summary store (migration v5, lib/scorecard/pipeline.ts)
 * and the per-rep `repPipelines` buckets built from it (v6,
 * lib/scorecard/rep-pipeline.ts) in step with deals and next steps. Only
 * writers of 'deals' or 'nextSteps' call `refreshPipelineEntry`, inside their
 * own readwrite transaction over PIPELINE_STORES, so the summaries commit or
 * roll back with the write.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import { dealRecordSchema, nextStepSchema, type DealRecord, type NextStep } from '../model';
import { isPipelineEntry, pipelineEntryOf, type PipelineEntry } from '../scorecard/pipeline';
import { isRepPipeline, withPipelineEntry } from '../scorecard/rep-pipeline';
import { dealsSeenSince } from '../scorecard/week';
import type { DealsideDB } from './schema';
import { validOrNull } from './validate';

/** The stores a pipeline refresh needs in its transaction. */
export const PIPELINE_STORES = ['deals', 'nextSteps', 'pipeline', 'repPipelines'] as const;

type Store<N extends StoreNames<DealsideDB>> = IDBPObjectStore<DealsideDB, ArrayLike<StoreNames<DealsideDB>>, N, 'readwrite'>;
/** The three stores, taken from the caller's readwrite transaction. */
export interface PipelineStores {
  deals: Store<'deals'>;
  nextSteps: Store<'nextSteps'>;
  pipeline: Store<'pipeline'>;
  repPipelines: Store<'repPipelines'>;
}

/** The four stores of `tx` (a readwrite transaction over at least PIPELINE_STORES). */
export function pipelineStoresOf(tx: { objectStore(name: (typeof PIPELINE_STORES)[number]): unknown }): PipelineStores {
  return {
    deals: tx.objectStore('deals') as Store<'deals'>,
    nextSteps: tx.objectStore('nextSteps') as Store<'nextSteps'>,
    pipeline: tx.objectStore('pipeline') as Store<'pipeline'>,
    repPipelines: tx.objectStore('repPipelines') as Store<'repPipelines'>,
  };
}

/**
 * Rewrite the summary of `dealKey` from the deal and next step as they stand
 * in this transaction. Pass what the caller just wrote (`deal`, `step`) to
 * skip reading it back; anything not passed is read here. Both are validated.
 * `nowIso` is the write's moment: the rep's bucket drops deals not seen in
 * the 30 days before it.
 * A deal that is missing or invalid has no summary (the rollup skips it too).
 */
export async function refreshPipelineEntry(
  stores: PipelineStores,
  dealKey: string,
  known: { deal?: DealRecord; step?: NextStep | null },
  nowIso: string,
): Promise<void> {
  // Validated like the scorecard validated these records before v5: an invalid one counts as absent.
  const [deal, step] = await Promise.all([
    (known.deal ? Promise.resolve(known.deal) : stores.deals.get(dealKey)).then((d) => validOrNull(dealRecordSchema, d, 'deal')),
    (known.step !== undefined ? Promise.resolve(known.step ?? undefined) : stores.nextSteps.get(dealKey)).then((s) =>
      validOrNull(nextStepSchema, s, 'next step'),
    ),
  ]);
  const store = stores.pipeline;
  const before = await store.get(dealKey);
  const previous = isPipelineEntry(before) ? before : null;
  const entry = deal ? pipelineEntryOf(deal, step) : null;
  if (entry) await store.put(entry);
  else await store.delete(dealKey);
  // the rep's bucket gets the new row; a rep the deal left loses it
  const keepSince = dealsSeenSince(Date.parse(nowIso));
  if (previous?.repId && previous.repId !== entry?.repId) await rewriteBucket(stores, previous.repId, dealKey, null, keepSince);
  if (entry?.repId) await rewriteBucket(stores, entry.repId, dealKey, entry, keepSince);
}

async function rewriteBucket(stores: PipelineStores, repId: string, dealKey: string, entry: PipelineEntry | null, keepSince: string) {
  const raw = await stores.repPipelines.get(repId);
  // a bucket that fails its check is rebuilt from this row on; the per-deal summaries are untouched
  const bucket = isRepPipeline(raw) ? raw : null;
  await stores.repPipelines.put(withPipelineEntry(bucket, repId, dealKey, entry, keepSince));
}
