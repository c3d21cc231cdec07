/**
 * Keeping the `pipeline` summary store (migration v5, lib/scorecard/pipeline.ts)
 * in step with deals and next steps. Only writers of 'deals' or 'nextSteps'
 * call `refreshPipelineEntry`, inside their own readwrite transaction that also
 * holds 'deals', 'nextSteps' and 'pipeline', so the summary commits or rolls
 * back with the write.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import { dealRecordSchema, nextStepSchema, type DealRecord, type NextStep } from '../model';
import { pipelineEntryOf } from '../scorecard/pipeline';
import type { DealsideDB } from './schema';
import { validOrNull } from './validate';

/** The stores a pipeline refresh needs in its transaction. */
export const PIPELINE_STORES = ['deals', 'nextSteps', 'pipeline'] as const;

type Store<N extends StoreNames<DealsideDB>> = IDBPObjectStore<DealsideDB, ArrayLike<StoreNames<DealsideDB>>, N, 'readwrite'>;
/** The three stores, taken from the caller's readwrite transaction. */
export interface PipelineStores {
  deals: Store<'deals'>;
  nextSteps: Store<'nextSteps'>;
  pipeline: Store<'pipeline'>;
}

/**
 * Rewrite the summary of `dealKey` from the deal and next step as they stand
 * in this transaction. Pass what the caller just wrote (`deal`, `step`) to
 * skip reading it back; anything not passed is read here. Both are validated.
 * A deal that is missing or invalid has no summary (the rollup skips it too).
 */
export async function refreshPipelineEntry(
  stores: PipelineStores,
  dealKey: string,
  known: { deal?: DealRecord; step?: NextStep | null } = {},
): Promise<void> {
  // Validated like the scorecard validated these records before v5: an invalid one counts as absent.
  const [deal, step] = await Promise.all([
    (known.deal ? Promise.resolve(known.deal) : stores.deals.get(dealKey)).then((d) => validOrNull(dealRecordSchema, d, 'deal')),
    (known.step !== undefined ? Promise.resolve(known.step ?? undefined) : stores.nextSteps.get(dealKey)).then((s) =>
      validOrNull(nextStepSchema, s, 'next step'),
    ),
  ]);
  const store = stores.pipeline;
  if (deal) await store.put(pipelineEntryOf(deal, step));
  else await store.delete(dealKey);
}
