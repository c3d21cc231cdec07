/**
 * The weekly scorecard rollup: pure, no browser APIs. The handler reads the
 * few index ranges a week needs and passes the records in; everything a
 * manager sees in the popup is computed here, so it is unit-tested with
 * hand-computed expectations in any zone.
 */
import type { Commitment, DealRecord, Diagnosis, NextStep, NextStepStatus, Rep, ScoreDimension } from '../model';
import { commitmentQuestionLead } from '../rules/commitments';
import { liveNextStep, nextStepStatus } from '../rules/next-step';
import { isoDateOfInstant, todayIn } from '../dates';
import { DIMENSIONS, SLOT, addTally, average, forEachDay, type RepWeek, type Tally } from './rep-weeks';
import { openDueBefore, type RepOpenDues } from './rep-open-dues';
import {
  CALL_REVIEW_TARGET,
  DIMENSION_LABEL,
  NEXT_STEP_COVERAGE_MIN,
  SAY_DO_MIN,
  SCORE_AVG_MIN,
  SCORE_DROP_ALERT,
  EPS,
  asShownScore,
  coverageLow,
  fmtScore,
  sayDoLow,
} from './format';
import { SPARKLINE_WEEKS, dealsSeenSince, formatWeek, inRange, scorecardWindows, weekOf, weekStartsEndingWith } from './week';

export {
  SAY_DO_MIN,
  NEXT_STEP_COVERAGE_MIN,
  SCORE_AVG_MIN,
  SCORE_DROP_ALERT,
  CALL_REVIEW_TARGET,
  DIMENSION_LABEL,
  fmtScore,
  fmtPercent,
  fmtChange,
  sayDoText,
} from './format';
/** The fields of a deal the rollup reads (a DealRecord has them all). */
export type ScorecardDeal = Pick<DealRecord, 'key' | 'repId' | 'lastSeenAt'> & {
  snapshot: { stage?: string | undefined; name?: string | undefined; url: string };
};
/** The fields of a next step the rollup reads (a NextStep has them all). */
export type ScorecardStep = Pick<NextStep, 'text' | 'due' | 'textChangedAt' | 'doneAt' | 'crmClearedAt'>;

const DIAGNOSES: readonly Diagnosis[] = ['skill', 'will', 'knowledge', 'system'];
const COMMITMENT_STATUSES = ['open', 'kept', 'missed', 'renegotiated', 'dropped'] as const;

/**
 * Words of a closed stage, in the languages Dealside reads CRM pages in (stage names
 * come as the CRM shows them, in the user's language): English, German, French,
 * Spanish, Italian, Dutch, Portuguese.
 */
const CLOSED_STAGE =
  /closed|won|lost|geschlossen|gewonnen|verloren|abgeschlossen|ferm[ée]|gagn[ée]|perdu|cerrad|ganad|perdid|chius|vint[oa]|pers[oa]\b|gesloten|fechad|ganho|perdido/i;

/** The "open" deal rule: a stage that does not read closed, won or lost, in any of those languages (no stage: open). */
export const isOpenStage = (stage: string | undefined) => !CLOSED_STAGE.test(stage ?? '');

export interface ScorecardInput {
  /** first day of the week (already snapped to the user's week start) */
  weekStart: string;
  now: Date;
  timeZone: string;
  reps: readonly Rep[];
  /** per-day counts of the weeks overlapping the eight sparkline weeks (days outside are ignored) */
  weeks: readonly RepWeek[];
  /** completed call reviews around the week */
  reviews: readonly { repId?: string | undefined; completedAt?: string | undefined }[];
  /** deals seen recently, each with its next step (full records, or the `pipeline` summaries: lib/scorecard/pipeline.ts) */
  deals: readonly { deal: ScorecardDeal; nextStep: ScorecardStep | null }[];
  /** per rep, its promises still open by due day (v13 `repOpenDues`): those due before the eight weeks count too (none when left out) */
  openDues?: readonly Pick<RepOpenDues, 'repId' | 'days' | 'counts'>[];
}

export interface AskItem {
  id: string;
  dealKey: string;
  dealName: string | null;
  url: string | null;
  text: string;
  due: string;
  /**
   * open-past-due | due-today (open: due, so the 1:1 asks what happened, as the sidebar does) |
   * open (due later) | kept | missed | renegotiated | dropped
   */
  state: 'open-past-due' | 'due-today' | 'open' | Exclude<Commitment['status'], 'open'>;
  /** "You committed to … by …." */
  lead: string;
  outcomeNote?: string;
  /** why it was renegotiated or dropped */
  reason?: string;
  /** the date a renegotiated promise moved to */
  newDue?: string;
}

export interface ProblemDeal {
  key: string;
  name: string;
  url: string;
  status: NextStepStatus;
  nextStep?: string;
  due?: string;
}

export interface DimensionStats {
  /** average for the week, null when unscored */
  week: number | null;
  weekCount: number;
  /** pooled average of the four weeks before */
  trailing: number | null;
  trailingCount: number;
  /** week − trailing, null when either is missing */
  change: number | null;
  /** weekly averages, oldest first, the last is this week */
  spark: (number | null)[];
}

export interface RepScorecard {
  rep: { id: string; name: string; crm: string };
  commitments: {
    due: number;
    kept: number;
    missed: number;
    openPastDue: number;
    open: number;
    renegotiated: number;
    dropped: number;
    /**
     * Promises due in the weeks before this one (within the sparkline's 8 weeks) and still
     * open: the week turning must not let a question nobody answered drop off the card.
     */
    openEarlier: number;
  };
  sayDo: { kept: number; resolved: number; ratio: number | null };
  nextStep: {
    deals: number;
    covered: number;
    coverage: number | null;
    none: number;
    noDate: number;
    overdue: number;
    dueToday: number;
    stale: number;
    done: number;
  };
  scores: Record<ScoreDimension, DimensionStats>;
  reviews: { completed: number; target: number };
  diagnoses: Record<Diagnosis, number>;
  reasons: string[];
  attention: boolean;
  /**
   * Nothing on the card's record for the rep: no promise due this week, settled over the four
   * weeks ending with it or open past its date; no open deal seen; no score over the week and
   * the four before it (the trend's windows); no call review or diagnosed note this week. Not flagged (there is
   * nothing to coach from), but not "on track" either: the table and the summary say so.
   */
  quiet: boolean;
  problemDeals: ProblemDeal[];
}

export interface Scorecard {
  weekStart: string;
  weekEnd: string;
  label: string;
  today: string;
  timeZone: string;
  /** attention first (most reasons first), then on track; each by name */
  rows: RepScorecard[];
  attention: number;
  onTrack: number;
  /** sparkline week starts, oldest first */
  sparkWeeks: string[];
}

/**
 * What the popup's table receives: the card without each rep's problem-deal
 * list, which only the 1:1 view shows and which was over half the message
 * (the 1:1 view asks for its rep's list: lib/db/scorecard.ts readRepDetail).
 */
export type WeekRow = Omit<RepScorecard, 'problemDeals'>;
export type WeekCard = Omit<Scorecard, 'rows'> & { rows: WeekRow[] };

export function weekCardOf(card: Scorecard): WeekCard {
  return { ...card, rows: card.rows.map(({ problemDeals: _, ...row }) => row) };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function buildScorecard(input: ScorecardInput): Scorecard {
  const { weekStart, now, timeZone } = input;
  const w = scorecardWindows(weekStart);
  const today = todayIn(timeZone, now);
  const sparkWeeks = weekStartsEndingWith(weekStart, SPARKLINE_WEEKS);

  const rows = new Map<string, RepScorecard>();
  for (const rep of input.reps) rows.set(rep.id, emptyRow(rep));
  // still open from before the eight weeks, and gone by today (a week ahead's card is shown no
  // promise not yet due): as unanswered as last week's, and asked about too
  const earlierThan = w.spark.start < today ? w.spark.start : today;
  for (const r of input.openDues ?? []) {
    const row = rows.get(r.repId);
    if (row) row.commitments.openEarlier += openDueBefore(r, earlierThan);
  }

  // Per-day counts (lib/scorecard/rep-weeks.ts): commitments due this week by
  // status, say/do over the four weeks ending with it, diagnoses this week,
  // and score tallies per week of the sparkline.
  const tallies = new Map<string, Record<ScoreDimension, Tally[]>>();
  // w.spark starts on sparkWeeks[0]: a day's offset in it gives its sparkline week
  forEachDay(input.weeks, w.spark, (repId, day, c, base, offset) => {
    const row = rows.get(repId);
    if (!row) return;
    const at = (slot: number) => c[base + slot]!;
    if (inRange(day, w.sayDo)) {
      row.sayDo.kept += at(SLOT.due.kept);
      row.sayDo.resolved += at(SLOT.due.kept) + at(SLOT.due.missed);
    }
    if (day < w.week.start && day < today) row.commitments.openEarlier += at(SLOT.due.open);
    if (inRange(day, w.week)) {
      const k = row.commitments;
      for (const status of COMMITMENT_STATUSES) k.due += at(SLOT.due[status]);
      k.kept += at(SLOT.due.kept);
      k.missed += at(SLOT.due.missed);
      k.renegotiated += at(SLOT.due.renegotiated);
      k.dropped += at(SLOT.due.dropped);
      if (day < today) k.openPastDue += at(SLOT.due.open);
      else k.open += at(SLOT.due.open);
      for (const d of DIAGNOSES) row.diagnoses[d] += at(SLOT.diagnoses[d]);
    }
    let t = tallies.get(repId);
    if (!t) {
      const blank = () => Array.from({ length: SPARKLINE_WEEKS }, () => ({ sum: 0, count: 0 }));
      t = { discovery: blank(), nextStep: blank(), qualification: blank() };
      tallies.set(repId, t);
    }
    const i = Math.floor(offset / 7);
    for (const dim of DIMENSIONS) {
      const [sum, count] = SLOT.scores[dim];
      const week = t[dim][i]!;
      week.sum += at(sum);
      week.count += at(count);
    }
  });
  for (const row of rows.values()) row.sayDo.ratio = row.sayDo.resolved > 0 ? row.sayDo.kept / row.sayDo.resolved : null;
  for (const [repId, t] of tallies) {
    const row = rows.get(repId)!;
    for (const dim of DIMENSIONS) {
      const weeks = t[dim];
      const thisWeek = weeks[SPARKLINE_WEEKS - 1]!;
      const trailing = weeks.slice(SPARKLINE_WEEKS - 5, SPARKLINE_WEEKS - 1).reduce(addTally, { sum: 0, count: 0 });
      const wk = average(thisWeek);
      const tr = average(trailing);
      row.scores[dim] = {
        week: wk,
        weekCount: thisWeek.count,
        trailing: tr,
        trailingCount: trailing.count,
        change: wk !== null && tr !== null ? wk - tr : null,
        spark: weeks.map(average),
      };
    }
  }

  // Completed call reviews: the week only, by their day in the user's zone.
  for (const r of input.reviews) {
    const row = r.repId ? rows.get(r.repId) : undefined;
    if (!row || !r.completedAt || !inRange(isoDateOfInstant(r.completedAt, timeZone), w.week)) continue;
    row.reviews.completed++;
  }

  // Next-step health: the rep's open deals seen in the last 30 days, as of now.
  for (const [repId, health] of pipelineHealthOf(input.deals, { now, timeZone, today })) {
    const row = rows.get(repId);
    if (!row) continue;
    row.nextStep = health.nextStep;
    row.problemDeals = health.problemDeals;
  }
  /** the order reps needing attention come in: weak on results, then only on pipeline, then none */
  const tiers = new Map<RepScorecard, number>();
  for (const row of rows.values()) {
    // Results first, then pipeline; activity (the scores) only when one of those is weak: a rep
    // who keeps their word and keeps next steps dated is left to it, whatever this week's scores.
    const weak = weakness(row);
    tiers.set(row, TIER[weak]);
    row.reasons = weak === 'none' ? [] : reasonsFor(row);
    row.attention = weak !== 'none';
    row.quiet = isQuiet(row);
  }

  const tier = (r: RepScorecard) => tiers.get(r)!;
  const all = [...rows.values()].sort((a, b) => tier(a) - tier(b) || worseFirst(a, b) || a.rep.name.localeCompare(b.rep.name));
  const attention = all.filter((r) => r.attention).length;
  return {
    weekStart,
    weekEnd: w.week.end,
    label: formatWeek(weekOf(weekStart)),
    today,
    timeZone,
    rows: all,
    attention,
    onTrack: all.length - attention,
    sparkWeeks,
  };
}

const PROBLEM_ORDER: Record<NextStepStatus, number> = { 'No next step': 0, Overdue: 1, 'No date': 2, Done: 3, 'Due today': 4, Stale: 5, Scheduled: 6 };

/**
 * Next-step health per rep over their open deals seen in the last 30 days, as
 * of `now`: the counts for the table, and the deals whose next step needs a
 * word (worst first) for the 1:1 view, which asks for one rep's alone.
 */
export function pipelineHealthOf(
  deals: ScorecardInput['deals'],
  { now, timeZone, today = todayIn(timeZone, now) }: { now: Date; timeZone: string; today?: string },
): Map<string, Pick<RepScorecard, 'nextStep' | 'problemDeals'>> {
  const seenSince = Date.parse(dealsSeenSince(now));
  const byRep = new Map<string, Pick<RepScorecard, 'nextStep' | 'problemDeals'>>();
  for (const { deal, nextStep } of deals) {
    if (!deal.repId || !isOpenStage(deal.snapshot.stage) || Date.parse(deal.lastSeenAt) < seenSince) continue;
    let rep = byRep.get(deal.repId);
    if (!rep) byRep.set(deal.repId, (rep = { nextStep: emptyNextStepHealth(), problemDeals: [] }));
    const status = nextStepStatus(nextStep, now, timeZone, today);
    const h = rep.nextStep;
    h.deals++;
    // a step happening today is as covered as one dated ahead (it is not "missing")
    if (status === 'Scheduled' || status === 'Stale' || status === 'Due today') h.covered++;
    if (status === 'No next step') h.none++;
    else if (status === 'No date') h.noDate++;
    else if (status === 'Overdue') h.overdue++;
    else if (status === 'Due today') h.dueToday++;
    else if (status === 'Done') h.done++;
    if (status === 'Stale') h.stale++;
    if (status !== 'Scheduled') {
      const shown = liveNextStep(nextStep); // cleared in the CRM: "No next step", nothing more
      rep.problemDeals.push({
        key: deal.key,
        name: deal.snapshot.name ?? deal.key,
        url: deal.snapshot.url,
        status,
        ...(shown?.text ? { nextStep: shown.text } : {}),
        ...(shown?.due ? { due: shown.due } : {}),
      });
    }
  }
  for (const rep of byRep.values()) {
    rep.nextStep.coverage = rep.nextStep.deals > 0 ? rep.nextStep.covered / rep.nextStep.deals : null;
    rep.problemDeals.sort((a, b) => PROBLEM_ORDER[a.status] - PROBLEM_ORDER[b.status] || a.name.localeCompare(b.name));
  }
  return byRep;
}

const emptyNextStepHealth = (): RepScorecard['nextStep'] => ({ deals: 0, covered: 0, coverage: null, none: 0, noDate: 0, overdue: 0, dueToday: 0, stale: 0, done: 0 });

/**
 * The 1:1 list for one rep and week: each commitment due in the week, and each
 * due before it and still open (what nobody has answered yet), what to ask
 * about first (open past due, missed, due today, open), linked to its deal.
 * The popup asks for it when a rep's row is opened (lib/db/scorecard.ts).
 */
export function askItemsFor(
  commitments: readonly Commitment[],
  { weekStart, today, dealLinks = {} }: { weekStart: string; today: string; dealLinks?: Readonly<Record<string, { name?: string | undefined; url?: string | undefined }>> },
): AskItem[] {
  const week = weekOf(weekStart);
  // every promise still open from an earlier week, however old: the card counts them all (those
  // from before its eight weeks through `openBefore`), and the 1:1 asks about the same ones
  const order: Record<AskItem['state'], number> = { 'open-past-due': 0, missed: 1, 'due-today': 2, open: 3, renegotiated: 4, dropped: 5, kept: 6 };
  return commitments
    .filter((c) => inRange(c.due, week) || (c.status === 'open' && c.due < week.start && c.due < today))
    .map((c): AskItem => {
      const link = dealLinks[c.dealKey];
      return {
        id: c.id,
        dealKey: c.dealKey,
        dealName: link?.name ?? null,
        url: link?.url ?? null,
        text: c.text,
        due: c.due,
        // "due" is today or earlier: a promise due today is asked about, not yet counted past due
        state: c.status === 'open' ? (c.due < today ? 'open-past-due' : c.due === today ? 'due-today' : 'open') : c.status,
        lead: commitmentQuestionLead(c),
        ...(c.resolution?.note ? { outcomeNote: c.resolution.note } : {}),
        ...(c.resolution?.reason ? { reason: c.resolution.reason } : {}),
        ...(c.resolution?.newDue ? { newDue: c.resolution.newDue } : {}),
      };
    })
    .sort((a, b) => order[a.state] - order[b.state] || a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
}

const TIER = { results: 0, pipeline: 1, none: 2 } as const;

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
function isQuiet(row: RepScorecard): boolean {
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

function emptyDim(): DimensionStats {
  return { week: null, weekCount: 0, trailing: null, trailingCount: 0, change: null, spark: Array.from({ length: SPARKLINE_WEEKS }, () => null) };
}

function emptyRow(rep: Rep): RepScorecard {
  return {
    rep: { id: rep.id, name: rep.name, crm: rep.crm },
    commitments: { due: 0, kept: 0, missed: 0, openPastDue: 0, open: 0, renegotiated: 0, dropped: 0, openEarlier: 0 },
    sayDo: { kept: 0, resolved: 0, ratio: null },
    nextStep: emptyNextStepHealth(),
    scores: { discovery: emptyDim(), nextStep: emptyDim(), qualification: emptyDim() },
    reviews: { completed: 0, target: CALL_REVIEW_TARGET },
    diagnoses: Object.fromEntries(DIAGNOSES.map((d) => [d, 0])) as Record<Diagnosis, number>,
    reasons: [],
    attention: false,
    quiet: true,
    problemDeals: [],
  };
}
