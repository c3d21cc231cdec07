/**
 * The `pipeline` summary store (migration v5): one small record per deal with
 * just what the scorecard's next-step health needs — the deal's rep, when it
 * was last seen, its stage, its name and CRM link, and its next step. Kept on
 * write, in the same transaction as the deal upsert and every next-step write
 * (lib/db/pipeline.ts), and backfilled by the migration, always through
 * `pipelineEntryOf`, so the summary and the records can never disagree.
 *
 * Since v6 the scorecard reads the per-rep buckets built from these summaries
 * (lib/scorecard/rep-pipeline.ts); the per-deal summary stays the source they
 * are kept from (it knows a deal's previous rep when the owner changes).
 *
 * Pure, no zod: the records are the background's own aggregate of records it
 * validated on the way in, so reads check them with the cheap structural guard
 * `isPipelineEntry` (a bad row is skipped, as with every other store).
 */
import type { DealRecord, NextStep } from '../model';
import { liveNextStep } from '../rules/next-step';

/** A day, checked by regex rather than the model's zod date on the scorecard's hot paths (hundreds of records per popup open). */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface PipelineStep {
  text: string;
  due?: string;
  textChangedAt: string;
  doneAt?: string;
}

export interface PipelineEntry {
  dealKey: string;
  repId?: string;
  lastSeenAt: string;
  stage?: string;
  name?: string;
  url: string;
  /** the deal's next step, absent when there is none */
  step?: PipelineStep;
}

/** The summary of a (validated) deal and its (validated) next step; a step cleared in the CRM is none. */
export function pipelineEntryOf(deal: DealRecord, stored: NextStep | null | undefined): PipelineEntry {
  const step = liveNextStep(stored);
  return {
    dealKey: deal.key,
    ...(deal.repId ? { repId: deal.repId } : {}),
    lastSeenAt: deal.lastSeenAt,
    ...(deal.snapshot.stage !== undefined ? { stage: deal.snapshot.stage } : {}),
    ...(deal.snapshot.name !== undefined ? { name: deal.snapshot.name } : {}),
    url: deal.snapshot.url,
    ...(step
      ? {
          step: {
            text: step.text,
            ...(step.due !== undefined ? { due: step.due } : {}),
            textChangedAt: step.textChangedAt,
            ...(step.doneAt !== undefined ? { doneAt: step.doneAt } : {}),
          },
        }
      : {}),
  };
}

/** Summaries for many deals at once (migration backfill, bench seeding). */
export function pipelineEntriesOf(deals: Iterable<DealRecord>, steps: Iterable<NextStep>): PipelineEntry[] {
  const byDeal = new Map<string, NextStep>();
  for (const s of steps) byDeal.set(s.dealKey, s);
  return [...deals].map((d) => pipelineEntryOf(d, byDeal.get(d.key)));
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const optString = (x: unknown) => x === undefined || typeof x === 'string';

function isStep(x: unknown): x is PipelineStep {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Record<string, unknown>;
  return (
    typeof s.text === 'string' &&
    typeof s.textChangedAt === 'string' &&
    ISO_INSTANT.test(s.textChangedAt) &&
    (s.due === undefined || (typeof s.due === 'string' && ISO_DATE.test(s.due))) &&
    (s.doneAt === undefined || (typeof s.doneAt === 'string' && ISO_INSTANT.test(s.doneAt)))
  );
}

/** Cheap structural check of a stored summary: every field the rollup reads, with its type. */
export function isPipelineEntry(x: unknown): x is PipelineEntry {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as Record<string, unknown>;
  return (
    typeof e.dealKey === 'string' &&
    optString(e.repId) &&
    typeof e.lastSeenAt === 'string' &&
    ISO_INSTANT.test(e.lastSeenAt) &&
    optString(e.stage) &&
    optString(e.name) &&
    typeof e.url === 'string' &&
    (e.step === undefined || isStep(e.step))
  );
}

/** A summary in the shape the rollup's next-step health takes (`ScorecardInput.deals`). */
export function scorecardDealOf(e: PipelineEntry) {
  return {
    deal: {
      key: e.dealKey,
      repId: e.repId,
      lastSeenAt: e.lastSeenAt,
      snapshot: { stage: e.stage, name: e.name, url: e.url },
    },
    nextStep: e.step ?? null,
  };
}
