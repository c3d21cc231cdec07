/**
 * The `scoreDays` aggregate of migration v4: per rep and calendar day, the sum
 * and count of each score dimension. Superseded by `repWeeks` (migration v6,
 * lib/scorecard/rep-weeks.ts), which also counts commitments and diagnoses and
 * drops the store; kept only because released migration steps are never
 * edited, and v4's backfill still runs for a database older than v4.
 */
import { z } from 'zod';
import { isoDateOfInstant } from '../dates';
import { isoDate, repIdSchema, type Score } from '../model';

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
