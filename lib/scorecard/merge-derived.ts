/**
 * Two reps found to be one (lib/model/rep-merge.ts, migration v14): the merged rep's derived
 * scorecard records folded into the kept rep's, as if every record had been written under
 * the kept rep all along. Every derived record is a sum of its records' contributions (per
 * day counts, per day open promises, one row per deal), so folding adds them; nothing else
 * is rebuilt, and other reps' records, made in whatever time zone they were written in, stay
 * exactly as they are. Pure.
 */
import type { PipelineRow, RepPipeline } from './rep-pipeline';
import type { RepOpenDues } from './rep-open-dues';
import { applyOpenDueChange } from './rep-open-dues';
import type { RepWeek } from './rep-weeks';

/** The kept rep's week (or none) with the merged rep's week of the same Monday added in. */
export function foldedRepWeek(kept: RepWeek | undefined, merged: RepWeek, keptId: string): RepWeek {
  const counts = merged.counts.map((n, i) => n + (kept?.counts[i] ?? 0));
  return { week: merged.week, repId: keptId, counts };
}

/** The kept rep's open promises by due day (or none) with the merged rep's added in. */
export function foldedOpenDues(kept: RepOpenDues | undefined, merged: RepOpenDues, keptId: string): RepOpenDues {
  let out: RepOpenDues = kept ? { ...kept, repId: keptId } : { repId: keptId, days: [], counts: [] };
  merged.days.forEach((day, i) => (out = applyOpenDueChange(out, { repId: keptId, day, by: merged.counts[i]! })));
  return out;
}

/**
 * The kept rep's deals seen lately (or none) with the merged rep's added: one row per deal,
 * the one seen last where both had it (a deal moves between reps' buckets as its owner does).
 */
export function foldedRepPipeline(kept: RepPipeline | undefined, merged: RepPipeline, keptId: string): RepPipeline {
  const byDeal = new Map<string, PipelineRow>();
  for (const row of [...(kept?.rows ?? []), ...merged.rows]) {
    const held = byDeal.get(row[0]);
    if (!held || row[1] > held[1]) byDeal.set(row[0], row);
  }
  return { repId: keptId, rows: [...byDeal.values()] };
}
