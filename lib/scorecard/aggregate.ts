/**
 * The `scoreDays` aggregate (migration v4): per rep and calendar day (in the
 * user's zone when the score was written), the sum and count of each score
 * dimension. Maintained in the same transaction as every score write
 * (lib/db/coaching.ts addScore, lib/db/call-reviews.ts putCompletedReview) and
 * backfilled by the migration, all through `addScoreToDay`, so the aggregate
 * and the scores can never disagree. A week's averages for all reps are then
 * one index range over at most reps × days small records.
 */
import { z } from 'zod';
import { isoDateOfInstant } from '../dates';
import { SCORE_DIMENSIONS, isoDate, repIdSchema, type Score, type ScoreDimension } from '../model';

const tally = z.object({ sum: z.number().int().min(0), count: z.number().int().min(0) });

export const scoreDaySchema = z.object({
  repId: repIdSchema,
  day: isoDate,
  discovery: tally,
  nextStep: tally,
  qualification: tally,
});
export type ScoreDay = z.infer<typeof scoreDaySchema>;
export type Tally = z.infer<typeof tally>;

export function emptyScoreDay(repId: string, day: string): ScoreDay {
  return { repId, day, discovery: { sum: 0, count: 0 }, nextStep: { sum: 0, count: 0 }, qualification: { sum: 0, count: 0 } };
}

/** The aggregate key a score lands on, or null when the score has no rep. */
export function scoreDayKey(score: Pick<Score, 'repId' | 'at'>, timeZone: string): [string, string] | null {
  if (!score.repId) return null;
  return [score.repId, isoDateOfInstant(score.at, timeZone)];
}

/** `existing` (or a new day) with `score` added. Never mutates. */
export function addScoreToDay(existing: ScoreDay | null | undefined, score: Pick<Score, 'repId' | 'at' | 'dimension' | 'value'>, timeZone: string): ScoreDay | null {
  const key = scoreDayKey(score, timeZone);
  if (!key) return null;
  const base = existing && existing.repId === key[0] && existing.day === key[1] ? existing : emptyScoreDay(key[0], key[1]);
  const t = base[score.dimension];
  return { ...base, [score.dimension]: { sum: t.sum + score.value, count: t.count + 1 } };
}

/**
 * Fold many scores into day aggregates at once (migration backfill, bench
 * seeding): the same result as calling addScoreToDay one score at a time.
 */
export function aggregateScores(scores: Iterable<Pick<Score, 'repId' | 'at' | 'dimension' | 'value'>>, timeZone: string, into = new Map<string, ScoreDay>()): Map<string, ScoreDay> {
  for (const s of scores) {
    const key = scoreDayKey(s, timeZone);
    if (!key) continue;
    const id = `${key[0]}\u0000${key[1]}`;
    const next = addScoreToDay(into.get(id), s, timeZone);
    if (next) into.set(id, next);
  }
  return into;
}

export function addTally(a: Tally, b: Tally): Tally {
  return { sum: a.sum + b.sum, count: a.count + b.count };
}

export const average = (t: Tally): number | null => (t.count > 0 ? t.sum / t.count : null);

export const DIMENSIONS: readonly ScoreDimension[] = SCORE_DIMENSIONS;

/** The zone days are computed in when nothing else says: the browser's (the user's) own. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
