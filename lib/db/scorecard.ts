/**
 * The scorecard's reads: the week for all reps (a few key ranges, mostly the
 * v6 `repWeeks` aggregate) and one rep's 1:1 material (per-rep indexes).
 * Never a whole-store scan, apart from `reps`, which is the row set itself.
 */
import {
  callReviewSchema,
  commitmentSchema,
  dealRecordSchema,
  noteSchema,
  repSchema,
  scoreSchema,
  type CallReview,
  type DealRecord,
  type Note,
  type Score,
} from '../model';
import { scorecardDealOf } from '../scorecard/pipeline';
import { entryOfRow, isRepPipeline } from '../scorecard/rep-pipeline';
import { isRepWeek, repWeekKeyRange, supersededScores } from '../scorecard/rep-weeks';
import { isRepOpenDues } from '../scorecard/rep-open-dues';
import { askItemsFor } from '../scorecard/ask-items';
import { isOpenStage, pipelineHealthOf } from '../scorecard/pipeline-health';
import type { AskItem, ProblemDeal, ScorecardInput } from '../scorecard/types';
import { isoDateOfInstant, todayIn } from '../dates';
import { lastCompletedVersion } from '../calls/review-history';
import { dealsSeenSince, inRange, instantBoundsCovering, scorecardWindows, type WeekRange } from '../scorecard/week';
import type { DB } from './open';
import { keepChecked, keepValid } from './validate';

export interface ReadCounts {
  reps: number;
  /** v6 per-rep week aggregates overlapping the eight sparkline weeks */
  repWeeks: number;
  callReviews: number;
  /** v6 per-rep pipeline buckets (each rep's deals seen lately, with their next steps) */
  repPipelines: number;
  /** v13 per-rep counts of promises still open, by due day */
  repOpenDues: number;
  total: number;
  /** where the time went, ms: key ranges, validation */
  phases?: Record<string, number>;
}

/**
 * Everything `buildScorecard` needs for the week starting `weekStart`, in one
 * readonly transaction of three key ranges plus two stores with one record
 * per rep (`reps`, the row set itself, and `repPipelines`):
 * - `repWeeks`: every rep's per-day counts for the eight sparkline weeks
 *   (commitments due by status, scores, diagnoses; lib/scorecard/rep-weeks.ts);
 * - `callReviews` completed around the week;
 * - `repPipelines`: each rep's deals seen in the last 30 days with their next steps.
 * Every record is validated on the way out (a bad one is skipped, never
 * repaired). The counts let the handler and the benchmark show records read
 * against store sizes.
 */
export async function readScorecardWeek(
  db: DB,
  { weekStart, now }: { weekStart: string; now: Date },
): Promise<{ input: Omit<ScorecardInput, 'weekStart' | 'now' | 'timeZone'>; read: ReadCounts }> {
  const w = scorecardWindows(weekStart);
  const instants = instantBoundsCovering(w.week);
  const weekKeys = repWeekKeyRange(w.spark);
  const seenSince = dealsSeenSince(now);
  const clock = () => performance.now();
  const t0 = clock();
  const tx = db.transaction(['reps', 'repWeeks', 'callReviews', 'repPipelines', 'repOpenDues'], 'readonly');
  const done: Record<string, number> = {};
  const timed = <T>(name: string, p: Promise<T>) => p.then((x) => ((done[name] = Math.round((clock() - t0) * 10) / 10), x));
  const [reps, weeks, reviews, buckets, openDues] = await Promise.all([
    timed('reps', tx.objectStore('reps').getAll()),
    timed('repWeeks', tx.objectStore('repWeeks').getAll(IDBKeyRange.bound(weekKeys.lower, weekKeys.upper))),
    timed('reviews', tx.objectStore('callReviews').index('byCompletedAt').getAll(IDBKeyRange.bound(instants.lower, instants.upper))),
    timed('repPipelines', tx.objectStore('repPipelines').getAll()),
    timed('repOpenDues', tx.objectStore('repOpenDues').getAll()),
  ]);
  await tx.done;
  const t1 = clock();
  // Next-step health counts only open deals seen in the last 30 days (rows older were written within 30 days of an earlier now).
  const entries = keepChecked(buckets, isRepPipeline, 'rep pipeline')
    .flatMap((b) => b.rows.filter((r) => r[1] >= seenSince).map((r) => entryOfRow(b.repId, r)))
    .filter((e) => isOpenStage(e.stage));
  const input = {
    reps: keepValid(repSchema, reps, 'rep'),
    weeks: keepChecked(weeks, isRepWeek, 'rep week'),
    // each counted for the rep its last completion was for (a draft relinked since: not yet for its new rep)
    reviews: keepValid(callReviewSchema, reviews, 'call review').map((r) => ({ repId: lastCompletedVersion(r)?.repId, completedAt: r.completedAt })),
    deals: entries.map(scorecardDealOf),
    openDues: keepChecked(openDues, isRepOpenDues, 'rep open dues'),
  };
  const t2 = clock();
  const read: ReadCounts = {
    reps: reps.length,
    repWeeks: weeks.length,
    callReviews: reviews.length,
    repPipelines: buckets.length,
    repOpenDues: openDues.length,
    total: reps.length + weeks.length + reviews.length + buckets.length + openDues.length,
  };
  const r1 = (x: number) => Math.round(x * 10) / 10;
  // `ranges`: all four reads; `…At`: when each finished, from the start (they run in turn)
  const at = Object.fromEntries(Object.entries(done).map(([k, v]) => [`${k}At`, v]));
  return { input, read: { ...read, phases: { ranges: r1(t1 - t0), ...at, validate: r1(t2 - t1) } } };
}

export interface RepWeekDetail {
  /** the week's commitments, what to ask about first (askItemsFor) */
  ask: AskItem[];
  /** the rep's open deals seen lately whose next step needs a word, as of now */
  problemDeals: ProblemDeal[];
  /** newest first */
  scores: (Score & { dealName?: string })[];
  /** newest first */
  notes: (Note & { dealName?: string })[];
  /** completed in the window, newest first */
  reviews: Pick<CallReview, 'id' | 'title' | 'url' | 'completedAt' | 'scores' | 'overallNote' | 'dealKey'>[];
  read: number;
}

/**
 * One rep's 1:1 material, by the per-rep indexes: the commitments due in
 * `week`, and those due in the card's earlier weeks still open (with their
 * deals' names and CRM links), and the scores, notes and
 * completed reviews of the `recent` days in the user's zone (read by instants a little
 * wider, which no zone's day falls outside, then held to those days).
 */
export async function readRepDetail(
  db: DB,
  repId: string,
  { week, now, timeZone, recent: recentDays }: { week: WeekRange; now: Date; timeZone: string; recent: WeekRange },
  limit = 30,
): Promise<RepWeekDetail> {
  const tx = db.transaction(['commitments', 'scores', 'notes', 'callReviews', 'deals', 'repPipelines'], 'readonly');
  const recent = instantBoundsCovering(recentDays);
  const range = IDBKeyRange.bound([repId, recent.lower], [repId, recent.upper]);
  const onRecentDay = (instant: string | undefined) => !!instant && inRange(isoDateOfInstant(instant, timeZone), recentDays);
  const sparkStart = scorecardWindows(week.start).spark.start;
  const [inWindow, openBefore, scores, notes, reviews, bucket] = await Promise.all([
    // from the card's first week: those due before this one and still open are asked about too
    tx.objectStore('commitments').index('byRepDue').getAll(IDBKeyRange.bound([repId, sparkStart], [repId, week.end])),
    // and those still open from before it, however old (the card counts them)
    tx.objectStore('commitments').index('byRepStatusDue').getAll(IDBKeyRange.bound([repId, 'open', ''], [repId, 'open', sparkStart], false, true)),
    tx.objectStore('scores').index('byRepAt').getAll(range),
    tx.objectStore('notes').index('byRepAt').getAll(range),
    tx.objectStore('callReviews').index('byCompletedAt').getAll(IDBKeyRange.bound(recent.lower, recent.upper)),
    tx.objectStore('repPipelines').get(repId),
  ]);
  const today = todayIn(timeZone, now);
  // the same next-step rules as the week's table, for this one rep
  const deals = keepChecked(bucket ? [bucket] : [], isRepPipeline, 'rep pipeline').flatMap((b) => b.rows.map((r) => scorecardDealOf(entryOfRow(b.repId, r))));
  const health = pipelineHealthOf(deals, { now, timeZone, today }).get(repId);
  const c = keepValid(commitmentSchema, [...openBefore, ...inWindow], 'commitment');
  // as the weeks count them: a call review's scores superseded by its later completion (on another
  // deal or rep, or with a score changed) are not listed; found through all that review gave
  const onDays = keepValid(scoreSchema, scores, 'score').filter((x) => onRecentDay(x.at));
  const reviewIds = [...new Set(onDays.flatMap((x) => (x.source.kind === 'call' ? [x.source.reviewId] : [])))];
  const given = (await Promise.all(reviewIds.map((id) => tx.objectStore('scores').index('byReview').getAll(id)))).flat();
  const superseded = new Set(supersededScores(keepValid(scoreSchema, given, 'score')).map((x) => x.id));
  const s = onDays.filter((x) => !superseded.has(x.id)).sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
  const n = keepValid(noteSchema, notes, 'note').filter((x) => onRecentDay(x.at)).sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
  const r = keepValid(callReviewSchema, reviews, 'call review')
    .filter((x) => lastCompletedVersion(x)?.repId === repId && onRecentDay(x.completedAt))
    .sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? ''));
  // what the 1:1 asks about (not every commitment of the earlier weeks read): their deals' links below
  const asked = new Set(askItemsFor(c, { weekStart: week.start, today }).map((a) => a.id));
  const shown = c.filter((x) => asked.has(x.id));
  const keys = [...new Set([...shown, ...s, ...n].map((x) => x.dealKey).filter((k): k is string => !!k))];
  const linked = await Promise.all(keys.map((k) => tx.objectStore('deals').get(k)));
  await tx.done;
  const links: Record<string, { name?: string; url: string }> = {};
  for (const d of keepValid(dealRecordSchema, linked.filter((d): d is DealRecord => d !== undefined), 'deal')) {
    links[d.key] = { url: d.snapshot.url, ...(d.snapshot.name ? { name: d.snapshot.name } : {}) };
  }
  const named = <T extends { dealKey?: string | undefined }>(x: T) => {
    const dealName = x.dealKey ? links[x.dealKey]?.name : undefined;
    return dealName ? { ...x, dealName } : x;
  };
  return {
    ask: askItemsFor(shown, { weekStart: week.start, today, dealLinks: links }),
    problemDeals: health?.problemDeals ?? [],
    scores: s.map(named),
    notes: n.map(named),
    // as completed: a review being edited again shows its last completed version, as in the sidebar
    reviews: r.flatMap((x) => {
      const done = lastCompletedVersion(x);
      return done ? [{ id: x.id, title: x.title, url: x.url, completedAt: done.completedAt, scores: done.scores, overallNote: done.overallNote, dealKey: done.dealKey }] : [];
    }),
    read: inWindow.length + openBefore.length + scores.length + given.length + notes.length + reviews.length + linked.length + (bucket ? 1 : 0),
  };
}
