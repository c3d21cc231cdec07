/**
 * Display helpers for the scorecard, with no dependencies (no zod, no date
 * parser; only lib/dates' `displayLocale`), so the popup bundle stays small. Pure
 * but for the locale dates are shown in, read from the browser.
 */
import { cachedFormat, displayLocale, formatDay, plainSpaces } from '../dates';
import type { ScoreDimension } from '../model/common';

// ── thresholds: a rep needs attention when any is crossed (held against the figures by attention.ts) ──
/** Say/do ratio (kept ÷ resolved, trailing four weeks) below this. */
export const SAY_DO_MIN = 0.7;
/** Share of open deals with a next step dated in the future below this. */
export const NEXT_STEP_COVERAGE_MIN = 0.8;
/** A dimension's average for the week below this. */
export const SCORE_AVG_MIN = 3;
/** A dimension's week average down by this much or more against the trailing four weeks. */
export const SCORE_DROP_ALERT = 1;
/** Completed call reviews a week each rep should get. */
export const CALL_REVIEW_TARGET = 1;

export const SCORE_DIMENSION_LIST: readonly ScoreDimension[] = ['discovery', 'nextStep', 'qualification'];
export const DIMENSION_LABEL: Record<ScoreDimension, string> = {
  discovery: 'Discovery',
  nextStep: 'Next step',
  qualification: 'Qualification',
};

/** An average to a tenth, rounded as the thresholds hold it (`asShownScore`). */
export const fmtScore = (x: number | null) => (x === null ? '–' : asShownScore(x).toFixed(1));

/**
 * A ratio and a score as the scorecard shows them (a whole percent, a tenth), which is what
 * the thresholds are held against: 16 of 23 shows as 70% and is not flagged as below 70%, and
 * a change shown as −1.0 is flagged as a drop of 1.
 */
export const asShownRatio = (x: number) => Math.round(x * 100) / 100;
/** To a tenth, halves away from zero either side (Math.round alone made −1.25 "−1.2" but +1.25 "+1.3"; the CSV said −1.3). */
export const asShownScore = (x: number) => (Math.sign(x) * Math.round(Math.abs(x) * 10)) / 10;

/** Tolerance for comparing figures against thresholds (0.1 + 0.2 style float noise: 0.7 as computed may be 0.69999…). */
export const EPS = 1e-9;
/**
 * The thresholds, held against the figures as shown (`asShownRatio`): one place each for the
 * attention rules' `weakness` and `reasonsFor` (attention.ts) and the popup's cell colours.
 */
export const sayDoLow = (sd: { ratio: number | null }) => sd.ratio !== null && asShownRatio(sd.ratio) < SAY_DO_MIN - EPS;
export const coverageLow = (ns: { coverage: number | null }) => ns.coverage !== null && asShownRatio(ns.coverage) < NEXT_STEP_COVERAGE_MIN - EPS;
/**
 * The sentence over the table: how many reps need attention, or that none does; reps with
 * nothing recorded are not "on track", so they are named apart.
 */
export function cardSummary(rows: readonly { attention: boolean; quiet: boolean }[], isThisWeek: boolean): string {
  const when = isThisWeek ? 'this week' : 'that week';
  const attention = rows.filter((r) => r.attention).length;
  if (attention > 0) return `${attention} of ${rows.length} reps need attention.`;
  const quiet = rows.filter((r) => r.quiet).length;
  if (quiet === 0) return `Every rep is on track ${when}.`;
  if (quiet === rows.length) return `Nothing recorded for ${quiet === 1 ? 'the rep' : `any of the ${quiet} reps`} in the last 4 weeks.`;
  return `No rep needs attention ${when}; ${quiet} of ${rows.length} ${quiet === 1 ? 'has' : 'have'} nothing recorded in the last 4 weeks.`;
}

/**
 * The week's promises besides kept, missed and open past due, named only when there are some,
 * so the parts shown add up to the number due: "2 still open" (due today or later), "1 renegotiated".
 */
export function otherCommitments(k: { open: number; renegotiated: number; dropped: number }): string[] {
  const out: string[] = [];
  if (k.open > 0) out.push(`${k.open} still open`);
  if (k.renegotiated > 0) out.push(`${k.renegotiated} renegotiated`);
  if (k.dropped > 0) out.push(`${k.dropped} dropped`);
  return out;
}

/**
 * The open deals behind the coverage figure, each kind named when there are some: every deal
 * not dated ahead (none, overdue, no date, done), so they add up with "n of m", then those dated
 * ahead but stale. Empty when every deal is dated ahead and none is stale.
 */
export function nextStepBreakdown(ns: { none: number; overdue: number; noDate: number; done: number; stale: number }): string {
  const parts: [string, number][] = [
    ['none', ns.none],
    ['overdue', ns.overdue],
    ['no date', ns.noDate],
    ['done', ns.done],
    ['stale', ns.stale],
  ];
  return parts
    .filter(([, n]) => n > 0)
    .map(([word, n]) => `${word} ${n}`)
    .join(' · ');
}

/**
 * The week's diagnoses in words: only those noted, in the method's order ("skill 2, system 1"),
 * or "none noted" — four zeros read as data to a manager scanning the table.
 */
export const diagnosesText = (d: DiagnosisCounts): string => notedDiagnoses(d).join(', ') || 'none noted';

type DiagnosisCounts = { skill: number; will: number; knowledge: number; system: number };
/** Each diagnosis noted at least once, with its count, in the method's order ("skill 2"). */
export function notedDiagnoses(d: DiagnosisCounts): string[] {
  return (['skill', 'will', 'knowledge', 'system'] as const).filter((k) => d[k] > 0).map((k) => `${k} ${d[k]}`);
}

export const fmtPercent = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

/** "+0.5", "−1.2", "±0.0" or "–". */
export function fmtChange(x: number | null): string {
  if (x === null) return '–';
  const r = asShownScore(x);
  if (r === 0) return '±0.0';
  return r > 0 ? `+${r.toFixed(1)}` : `−${Math.abs(r).toFixed(1)}`;
}

/** "2 of 3 (67%)" — the count always shows, so 1 of 1 does not read like certainty. */
export function sayDoText(sd: { kept: number; resolved: number; ratio: number | null }): string {
  return sd.ratio === null ? 'none resolved' : `${sd.kept} of ${sd.resolved} (${fmtPercent(sd.ratio)})`;
}

/** "2026-12-03" → "Thu, Dec 3, 2026" (a calendar day: no zone involved), in the user's region's order. */
export const fmtDay = formatDay;

const instantFormats = new Map<string, Intl.DateTimeFormat>();
/** An instant on the user's wall clock: "Dec 3, 2:05 PM" (en-GB "3 Dec, 14:05": `displayLocale`). */
export function fmtInstant(instantIso: string, timeZone: string): string {
  const format = cachedFormat(instantFormats, displayLocale(), timeZone, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  return plainSpaces(format.format(new Date(instantIso)));
}

/** Calendar-day arithmetic on ISO dates (UTC midnights: no DST). */
export function shiftDay(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
