/**
 * The scorecard's derived stores, built whole from the source records: the
 * same pure functions the migrations (v5, v6, v13) and the benchmark seeding use,
 * so a rebuild (after a restore: lib/db/derived.ts)
 * gives what keeping them on write gives.
 */
import type { Commitment, DealRecord, NextStep, Note, Score } from '../model';
import { pipelineEntriesOf, type PipelineEntry } from './pipeline';
import { repPipelinesOf, type RepPipeline } from './rep-pipeline';
import { repOpenDuesOf, type RepOpenDues } from './rep-open-dues';
import { countedScores, repWeeksOfRecords, type RepWeek } from './rep-weeks';
import { dealsSeenSince } from './week';

export interface SourceRecords {
  deals: readonly DealRecord[];
  nextSteps: readonly NextStep[];
  commitments: readonly Commitment[];
  scores: readonly Score[];
  notes: readonly Note[];
}

export interface DerivedRecords {
  pipeline: PipelineEntry[];
  repPipelines: RepPipeline[];
  repWeeks: RepWeek[];
  repOpenDues: RepOpenDues[];
}

/**
 * Every derived record for `records` (all validated). `now` is the build's
 * moment: rep buckets keep deals seen in the 30 days before it, as a write at
 * that moment would. Instants land on their day in `timeZone`.
 */
export function derivedRecordsOf(records: SourceRecords, { now, timeZone }: { now: Date; timeZone: string }): DerivedRecords {
  const pipeline = pipelineEntriesOf(records.deals, records.nextSteps);
  // a call review's superseded scores are not counted (as its completion takes them back on write)
  const repWeeks = repWeeksOfRecords({ ...records, scores: countedScores(records.scores) }, timeZone);
  return { pipeline, repPipelines: repPipelinesOf(pipeline, dealsSeenSince(now)), repWeeks, repOpenDues: repOpenDuesOf(records.commitments) };
}
