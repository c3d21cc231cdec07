/**
 * The `repOpenDues` aggregate (migration v13): per rep, ONE record holding how
 * many of the rep's promises are still open, by due day. The weekly card reads
 * the eight weeks of `repWeeks` it draws; a promise nobody answered that fell
 * due before them would drop off the card (and the 1:1) as it aged. With this
 * record per rep, the card counts those too, however old, for one more small
 * record read per rep (counting them over an index at the popup's open was
 * measured too slow: test/bench/FINDINGS.md).
 *
 * Parallel arrays (`days` ascending and distinct, `counts` ≥ 1), not an object
 * per day: they read back from IndexedDB faster, as `repWeeks`' flat counts do.
 *
 * Pure: it moves with the same changes the commitment writers fold into
 * `repWeeks` (`commitmentChanges`, lib/scorecard/rep-weeks.ts): only a due
 * change under status 'open' touches it, so the two cannot disagree.
 */
import { repIdSchema } from '../model';
import { commitmentChanges, type RepWeekChange } from './rep-weeks';
import { ISO_DATE } from './pipeline';

export interface RepOpenDues {
  repId: string;
  /** due days of the rep's open promises, ascending, distinct */
  days: string[];
  /** how many are due on each of `days` (each ≥ 1) */
  counts: number[];
}

/** The changes of `changes` that move a rep's open promises: ±1 on a due day. */
export function openDueChanges(changes: readonly RepWeekChange[]): OpenDueChange[] {
  return changes.flatMap((c) => (c.kind === 'due' && c.status === 'open' ? [{ repId: c.repId, day: c.day, by: c.by }] : []));
}

/** `by` promises more (or fewer, below zero) open on `day` for the rep. */
export type OpenDueChange = { repId: string; day: string; by: number };

/**
 * `existing` (or an empty record for `repId`) with `by` promises more (or
 * fewer) open on `day`. Never mutates; a day's count never goes below zero,
 * and a day at zero is dropped.
 */
export function applyOpenDueChange(existing: RepOpenDues | null | undefined, change: OpenDueChange): RepOpenDues {
  const base = existing?.repId === change.repId ? existing : { repId: change.repId, days: [], counts: [] };
  const days = base.days.slice();
  const counts = base.counts.slice();
  const i = lowerBound(days, change.day);
  if (days[i] === change.day) {
    const n = counts[i]! + change.by;
    if (n > 0) counts[i] = n;
    else {
      days.splice(i, 1);
      counts.splice(i, 1);
    }
  } else if (change.by > 0) {
    days.splice(i, 0, change.day);
    counts.splice(i, 0, change.by);
  }
  return { repId: change.repId, days, counts };
}

/** The records of whole stores of (valid) commitments: the v13 backfill, a restore's rebuild, the benchmark seeding. */
export function repOpenDuesOf(commitments: Iterable<Parameters<typeof commitmentChanges>[1] & object>): RepOpenDues[] {
  const byRep = new Map<string, RepOpenDues>();
  // through the same changes the writers fold in, as a write of each one would
  for (const c of openDueChanges([...commitments].flatMap((c) => commitmentChanges(null, c)))) {
    byRep.set(c.repId, applyOpenDueChange(byRep.get(c.repId), c));
  }
  return [...byRep.values()];
}

/** How many of the rep's promises still open fell due before `day` (not on it). */
export function openDueBefore(record: Pick<RepOpenDues, 'days' | 'counts'>, day: string): number {
  let n = 0;
  const end = lowerBound(record.days, day);
  for (let i = 0; i < end; i++) n += record.counts[i]!;
  return n;
}

/** First index whose day is not before `day` (days ascending). */
function lowerBound(days: readonly string[], day: string): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Cheap structural check of a stored record (the background's own aggregate,
 * read once per rep per popup open): a bad one is skipped whole, and the card
 * then counts that rep's promises within its eight weeks only, as before v13.
 */
export function isRepOpenDues(x: unknown): x is RepOpenDues {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Partial<RepOpenDues>;
  if (!repIdSchema.safeParse(r.repId).success || !Array.isArray(r.days) || !Array.isArray(r.counts) || r.days.length !== r.counts.length) return false;
  for (let i = 0; i < r.days.length; i++) {
    const day = r.days[i];
    const n = r.counts[i];
    if (typeof day !== 'string' || !ISO_DATE.test(day) || (i > 0 && !(r.days[i - 1]! < day))) return false;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) return false;
  }
  return true;
}
