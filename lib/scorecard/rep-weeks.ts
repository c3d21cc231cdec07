/**
 * The `repWeeks` aggregate (migration v6): per rep and Monday-to-Sunday week,
 * for each of its seven days, what the weekly scorecard counts —
 * - commitments DUE that day, by their current status;
 * - the sum and count of each score dimension scored that day;
 * - the diagnoses noted that day.
 *
 * One week of the scorecard for every rep is then one key range over at most
 * reps × 9 records (eight sparkline weeks, plus one when the user's week does
 * not start on Monday), instead of thousands of commitments, score days and
 * notes. Per-day arrays keep any week start (Options) exact.
 *
 * Pure: changes are derived from the records being written
 * (`commitmentChanges`, `scoreChanges`, `noteChanges`) and folded in by
 * `applyRepWeekChange` — the same function the write path, the migration
 * backfill and the benchmark seeding use, so the aggregate and the records
 * cannot disagree. Instants land on their calendar day in the user's zone
 * when written (as a manager would read "Tuesday's scores").
 */
import { z } from 'zod';
import { addDays, daysBetween, isoDateOfInstant, startOfWeek } from '../dates';
import {
  SCORE_DIMENSIONS,
  isoDate,
  repIdSchema,
  type Commitment,
  type CommitmentStatus,
  type Diagnosis,
  type Note,
  type Score,
  type ScoreDimension,
} from '../model';
import type { WeekRange } from './week';

const count = z.number().int().min(0);
const tally = z.object({ sum: count, count });
export type Tally = z.infer<typeof tally>;

/** One day's counts, as the rollup reads them. */
export interface DayCounts {
  /** commitments due this day, by status now */
  due: Record<CommitmentStatus, number>;
  /** scores given this day, per dimension */
  scores: Record<ScoreDimension, Tally>;
  /** diagnoses noted this day */
  diagnoses: Record<Diagnosis, number>;
}

/**
 * Storage layout: each day is 15 integers in a row, Monday first — a flat
 * number array reads back from IndexedDB about four times faster than the same
 * counts as nested objects, and the scorecard reads hundreds of these per
 * popup open.
 */
const STATUSES: readonly CommitmentStatus[] = ['open', 'kept', 'missed', 'renegotiated', 'dropped'];
export const DIAGNOSES: readonly Diagnosis[] = ['skill', 'will', 'knowledge', 'system'];
const DUE_AT = 0; // 5 statuses
const SCORES_AT = 5; // 3 dimensions × (sum, count)
const DIAGNOSES_AT = 11; // 4 diagnoses
export const SLOTS_PER_DAY = 15;

export const repWeekSchema = z.object({
  /** the Monday the week starts on */
  week: isoDate,
  repId: repIdSchema,
  /** 7 days × SLOTS_PER_DAY counts, Monday first */
  counts: z.array(count).length(7 * SLOTS_PER_DAY),
});
export type RepWeek = z.infer<typeof repWeekSchema>;

/** Day `i` (0 = Monday) of a stored week, as named counts. */
export function dayCountsAt(week: Pick<RepWeek, 'counts'>, i: number): DayCounts {
  const c = week.counts;
  const base = i * SLOTS_PER_DAY;
  const at = (slot: number) => c[base + slot]!;
  const due = {} as Record<CommitmentStatus, number>;
  STATUSES.forEach((s, k) => (due[s] = at(DUE_AT + k)));
  const scores = {} as Record<ScoreDimension, Tally>;
  SCORE_DIMENSIONS.forEach((d, k) => (scores[d] = { sum: at(SCORES_AT + 2 * k), count: at(SCORES_AT + 2 * k + 1) }));
  const diagnoses = {} as Record<Diagnosis, number>;
  DIAGNOSES.forEach((d, k) => (diagnoses[d] = at(DIAGNOSES_AT + k)));
  return { due, scores, diagnoses };
}

/** The store key: week first, so all reps' weeks in a window are one key range. */
export type RepWeekKey = [week: string, repId: string];

/** One thing that moved a rep's day. */
export type RepWeekChange = { repId: string; day: string } & (
  | { kind: 'due'; status: CommitmentStatus; by: 1 | -1 }
  | { kind: 'score'; dimension: ScoreDimension; value: number; by: 1 | -1 }
  | { kind: 'diagnosis'; diagnosis: Diagnosis }
);

export const mondayOf = (day: string) => startOfWeek(day, 1);

export function repWeekKeyOf(change: Pick<RepWeekChange, 'repId' | 'day'>): RepWeekKey {
  return [mondayOf(change.day), change.repId];
}

export function emptyRepWeek(week: string, repId: string): RepWeek {
  return { week, repId, counts: new Array<number>(7 * SLOTS_PER_DAY).fill(0) };
}

/** `existing` (or an empty week) with `change` applied. Never mutates; counts never go below zero. */
export function applyRepWeekChange(existing: RepWeek | null | undefined, change: RepWeekChange): RepWeek {
  const [week, repId] = repWeekKeyOf(change);
  const base = existing && existing.week === week && existing.repId === repId ? existing : emptyRepWeek(week, repId);
  const counts = base.counts.slice();
  const day = daysBetween(week, change.day) * SLOTS_PER_DAY;
  if (change.kind === 'due') {
    const slot = day + DUE_AT + STATUSES.indexOf(change.status);
    counts[slot] = Math.max(0, counts[slot]! + change.by);
  } else if (change.kind === 'score') {
    const slot = day + SCORES_AT + 2 * SCORE_DIMENSIONS.indexOf(change.dimension);
    // a score taken back (a call review's, superseded) leaves no negative sum or count behind
    if (change.by === 1 || counts[slot + 1]! > 0) {
      counts[slot] = Math.max(0, counts[slot]! + change.by * change.value);
      counts[slot + 1] = counts[slot + 1]! + change.by;
    }
  } else {
    counts[day + DIAGNOSES_AT + DIAGNOSES.indexOf(change.diagnosis)]! += 1;
  }
  return { ...base, counts };
}

/**
 * What writing `after` over `before` changes (either may be null: a new
 * commitment, a deleted one). A commitment counts on its due day under its
 * status; one without a rep counts nowhere.
 */
export function commitmentChanges(
  before: Pick<Commitment, 'repId' | 'due' | 'status'> | null | undefined,
  after: Pick<Commitment, 'repId' | 'due' | 'status'> | null | undefined,
): RepWeekChange[] {
  if (before && after && before.repId === after.repId && before.due === after.due && before.status === after.status) return [];
  const out: RepWeekChange[] = [];
  if (before?.repId) out.push({ repId: before.repId, day: before.due, kind: 'due', status: before.status, by: -1 });
  if (after?.repId) out.push({ repId: after.repId, day: after.due, kind: 'due', status: after.status, by: 1 });
  return out;
}

/**
 * Scores are append-only: each adds to its day in `timeZone` (`by` 1), or, superseded, is taken
 * back from it (`by` −1: see `supersededScores`).
 */
export function scoreChanges(scores: Iterable<Pick<Score, 'repId' | 'at' | 'dimension' | 'value'>>, timeZone: string, by: 1 | -1 = 1): RepWeekChange[] {
  const out: RepWeekChange[] = [];
  for (const s of scores) {
    if (s.repId) out.push({ repId: s.repId, day: isoDateOfInstant(s.at, timeZone), kind: 'score', dimension: s.dimension, value: s.value, by });
  }
  return out;
}

type ScoreFromSource = Pick<Score, 'id' | 'at' | 'dimension' | 'source'>;

/**
 * A call review counts once on the scorecard, as last completed: per dimension, its latest score.
 * Completed again after it moved to another deal or rep, or with a score changed, it gives new
 * score records (each deal's history keeps every one), and the earlier ones are superseded: the
 * rep's weeks no longer count them. Scores given in the sidebar are never superseded.
 * Returns the superseded scores of `scores` (ties in time broken by id, as any order must agree).
 */
export function supersededScores<S extends ScoreFromSource>(scores: Iterable<S>): S[] {
  const latest = new Map<string, S>();
  const out: S[] = [];
  for (const s of scores) {
    if (s.source.kind !== 'call') continue;
    const key = `${s.source.reviewId}\u0000${s.dimension}`;
    const held = latest.get(key);
    if (!held) latest.set(key, s);
    else if (s.at > held.at || (s.at === held.at && s.id > held.id)) {
      out.push(held);
      latest.set(key, s);
    } else out.push(s);
  }
  return out;
}

/** `scores` without the superseded ones: what the scorecard counts (`supersededScores`). */
export function countedScores<S extends ScoreFromSource>(scores: readonly S[]): S[] {
  const superseded = new Set(supersededScores(scores));
  return superseded.size ? scores.filter((s) => !superseded.has(s)) : [...scores];
}

/** Notes are append-only: a diagnosed note adds to its day in `timeZone`. */
export function noteChanges(notes: Iterable<Pick<Note, 'repId' | 'at' | 'diagnosis'>>, timeZone: string): RepWeekChange[] {
  const out: RepWeekChange[] = [];
  for (const n of notes) {
    if (n.repId && n.diagnosis) out.push({ repId: n.repId, day: isoDateOfInstant(n.at, timeZone), kind: 'diagnosis', diagnosis: n.diagnosis });
  }
  return out;
}

/** The weeks of whole stores of (valid) records: the v6 backfill, a restore's rebuild, the benchmark seeding. */
export function repWeeksOfRecords(
  records: {
    commitments: Iterable<Pick<Commitment, 'repId' | 'due' | 'status'>>;
    scores: Iterable<Pick<Score, 'repId' | 'at' | 'dimension' | 'value'>>;
    notes: Iterable<Pick<Note, 'repId' | 'at' | 'diagnosis'>>;
  },
  timeZone: string,
): RepWeek[] {
  return repWeeksOf([
    ...[...records.commitments].flatMap((c) => commitmentChanges(null, c)),
    ...scoreChanges(records.scores, timeZone),
    ...noteChanges(records.notes, timeZone),
  ]);
}

/** Fold many changes at once: the same result as applying them one at a time. */
export function repWeeksOf(changes: Iterable<RepWeekChange>): RepWeek[] {
  const weeks = new Map<string, RepWeek>();
  for (const c of changes) {
    const [week, repId] = repWeekKeyOf(c);
    const id = `${week}\u0000${repId}`;
    weeks.set(id, applyRepWeekChange(weeks.get(id), c));
  }
  return [...weeks.values()];
}

/** The Mondays whose weeks overlap `range`: the key range a window reads. */
export function repWeekKeyRange(range: WeekRange): { lower: RepWeekKey; upper: RepWeekKey } {
  // '\uffff' sorts after every rep id, so the upper key takes all reps of the last Monday
  return { lower: [mondayOf(range.start), ''], upper: [mondayOf(range.end), '\uffff'] };
}

/** Where each count sits within a day's SLOTS_PER_DAY (for readers of `forEachDay`). */
export const SLOT = {
  due: { open: DUE_AT, kept: DUE_AT + 1, missed: DUE_AT + 2, renegotiated: DUE_AT + 3, dropped: DUE_AT + 4 },
  /** [sum, count] */
  scores: { discovery: [SCORES_AT, SCORES_AT + 1], nextStep: [SCORES_AT + 2, SCORES_AT + 3], qualification: [SCORES_AT + 4, SCORES_AT + 5] },
  diagnoses: { skill: DIAGNOSES_AT, will: DIAGNOSES_AT + 1, knowledge: DIAGNOSES_AT + 2, system: DIAGNOSES_AT + 3 },
} as const satisfies {
  due: Record<CommitmentStatus, number>;
  scores: Record<ScoreDimension, readonly [number, number]>;
  diagnoses: Record<Diagnosis, number>;
};

/**
 * Call `visit` for every stored day of `weeks` that lies in `range`: the
 * week's flat counts and where the day starts in them (read with `SLOT`;
 * `dayCountsAt` gives the same as named counts), the day, and its offset from
 * `range.start` (0 = the first day). No object per day: the scorecard visits
 * thousands of days per popup open.
 */
export function forEachDay(
  weeks: Iterable<RepWeek>,
  range: WeekRange,
  visit: (repId: string, day: string, counts: readonly number[], base: number, offset: number) => void,
): void {
  const length = daysBetween(range.start, range.end) + 1;
  // the window's day strings, built once: a week's days are then looked up, not computed
  const days = Array.from({ length }, (_, i) => addDays(range.start, i));
  for (const w of weeks) {
    const first = daysBetween(range.start, w.week);
    for (let i = Math.max(0, -first); i < 7 && first + i < length; i++) visit(w.repId, days[first + i]!, w.counts, i * SLOTS_PER_DAY, first + i);
  }
}

const isCount = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/**
 * The same rules as `repWeekSchema`, checked by hand on the hot path (the
 * scorecard reads a few hundred of these per popup open). The test suite holds
 * the two to the same verdicts.
 */
export function isRepWeek(x: unknown): x is RepWeek {
  if (typeof x !== 'object' || x === null) return false;
  const w = x as Partial<RepWeek>;
  return (
    isoDate.safeParse(w.week).success &&
    repIdSchema.safeParse(w.repId).success &&
    Array.isArray(w.counts) &&
    w.counts.length === 7 * SLOTS_PER_DAY &&
    w.counts.every(isCount)
  );
}

export function addTally(a: Tally, b: Tally): Tally {
  return { sum: a.sum + b.sum, count: a.count + b.count };
}

export const average = (t: Tally): number | null => (t.count > 0 ? t.sum / t.count : null);

export const DIMENSIONS: readonly ScoreDimension[] = SCORE_DIMENSIONS;
