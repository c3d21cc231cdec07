/**
 * Who needs attention on the weekly card and why: the method's order (results, then pipeline,
 * then activity), the plain-words reasons, and the reps with nothing recorded. Pure; the
 * thresholds themselves live in format.ts, shared with the popup's cell colours.
 */
import { DIAGNOSES, DIMENSIONS } from './rep-weeks';
import { DIMENSION_LABEL, SCORE_AVG_MIN, SCORE_DROP_ALERT, EPS, asShownScore, coverageLow, fmtScore, sayDoLow } from './format';
import type { RepScorecard } from './types';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The order of `weakness`'s answers on the card: reps weak on results first, then on pipeline only, then the rest. */
export const TIER = { results: 0, pipeline: 1, none: 2 } as const;

/**
 * Within a tier, the worse first, in the method's order: promises broken (missed, open past their
 * date, earlier weeks' still open), then the say/do ratio, then next-step coverage, and only then
 * how many reasons (the scores' add up to six in one weak week, so they must not outrank results).
 */
export function worseFirst(
  a: Pick<RepScorecard, 'commitments' | 'sayDo' | 'nextStep' | 'reasons'>,
  b: Pick<RepScorecard, 'commitments' | 'sayDo' | 'nextStep' | 'reasons'>,
): number {
  const broken = (r: typeof a) => r.commitments.missed + r.commitments.openPastDue + r.commitments.openEarlier;
  // nothing settled, or no open deal: no ratio, which reads as sound here (a rep is not worse for having none)
  const ratio = (x: number | null) => x ?? 1;
  return (
    broken(b) - broken(a) ||
    ratio(a.sayDo.ratio) - ratio(b.sayDo.ratio) ||
    ratio(a.nextStep.coverage) - ratio(b.nextStep.coverage) ||
    b.reasons.length - a.reasons.length
  );
}

/** Nothing recorded in the four weeks ending with the card's week (see RepScorecard.quiet). */
export function isQuiet(row: RepScorecard): boolean {
  const k = row.commitments;
  return (
    k.due === 0 &&
    k.openEarlier === 0 &&
    row.sayDo.resolved === 0 &&
    row.nextStep.deals === 0 &&
    row.reviews.completed === 0 &&
    DIAGNOSES.every((d) => row.diagnoses[d] === 0) &&
    DIMENSIONS.every((d) => row.scores[d].weekCount + row.scores[d].trailingCount === 0)
  );
}

/**
 * Where a rep is weak, by the method's order: results (promises missed, left open past their
 * date, a say/do ratio below the line), else pipeline (next steps not dated ahead), else none.
 */
export function weakness(row: Pick<RepScorecard, 'commitments' | 'sayDo' | 'nextStep'>): 'results' | 'pipeline' | 'none' {
  const k = row.commitments;
  if (k.missed > 0 || k.openPastDue > 0 || k.openEarlier > 0 || sayDoLow(row.sayDo)) return 'results';
  if (coverageLow(row.nextStep)) return 'pipeline';
  return 'none';
}

/**
 * Why a rep needs attention, in plain words, results first, then pipeline, then activity (the
 * scorecard shows them only for a rep weak on results or pipeline: `weakness`); empty when none.
 */
export function reasonsFor(row: Pick<RepScorecard, 'commitments' | 'sayDo' | 'nextStep' | 'scores'>): string[] {
  const out: string[] = [];
  const k = row.commitments;
  if (k.missed > 0) out.push(`${plural(k.missed, 'commitment')} missed`);
  if (k.openPastDue > 0) out.push(`${plural(k.openPastDue, 'commitment')} open past due`);
  if (k.openEarlier > 0) out.push(`${plural(k.openEarlier, 'commitment')} from earlier weeks still open`);
  const sd = row.sayDo;
  if (sayDoLow(sd)) out.push(`say/do: ${sd.kept} of ${sd.resolved} kept over 4 weeks`);
  const ns = row.nextStep;
  if (coverageLow(ns)) {
    // not "missing": an overdue, undated or done step is there, just not one dated ahead
    out.push(`no next step dated ahead on ${ns.deals - ns.covered} of ${plural(ns.deals, 'deal')}`);
  }
  for (const dim of DIMENSIONS) {
    const s = row.scores[dim];
    const name = DIMENSION_LABEL[dim].toLowerCase();
    if (s.week !== null && asShownScore(s.week) < SCORE_AVG_MIN - EPS) out.push(`${name} averaged ${fmtScore(s.week)}`);
    if (s.change !== null && asShownScore(s.change) <= -SCORE_DROP_ALERT + EPS) out.push(`${name} down ${Math.abs(asShownScore(s.change)).toFixed(1)}`);
  }
  return out;
}
