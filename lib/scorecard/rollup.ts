/**
 * The weekly scorecard rollup: pure, no browser APIs. The handler reads the
 * few index ranges a week needs and passes the records in; everything a
 * manager sees in the popup is computed here, so it is unit-tested with
 * hand-computed expectations in any zone. Who needs attention (attention.ts),
 * next-step health (pipeline-health.ts) and the 1:1's ask list (ask-items.ts)
 * are their own modules; this one adds the week's counts up into the card.
 */
import type { Diagnosis, Rep, ScoreDimension } from '../model';
import { isoDateOfInstant, todayIn } from '../dates';
import { DIAGNOSES, DIMENSIONS, SLOT, addTally, average, forEachDay, type Tally } from './rep-weeks';
import { openDueBefore } from './rep-open-dues';
import { CALL_REVIEW_TARGET } from './format';
import { SPARKLINE_WEEKS, formatWeek, inRange, scorecardWindows, weekOf, weekStartsEndingWith } from './week';
import type { DimensionStats, RepScorecard, Scorecard, ScorecardInput, WeekCard } from './types';
import { emptyNextStepHealth, pipelineHealthOf } from './pipeline-health';
import { TIER, isQuiet, reasonsFor, weakness, worseFirst } from './attention';

const COMMITMENT_STATUSES = ['open', 'kept', 'missed', 'renegotiated', 'dropped'] as const;

/** The card as the popup's table receives it (`WeekCard`): each row without its problem deals. */
export function weekCardOf(card: Scorecard): WeekCard {
  return { ...card, rows: card.rows.map(({ problemDeals: _, ...row }) => row) };
}

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
