/**
 * The scorecard's reads: one readonly transaction, a few index ranges, never
 * a whole-store scan (apart from `reps`, which is the row set itself). Every
 * read is counted so the handler (and the benchmark) can show records read
 * against store sizes.
 */
import {
  callReviewSchema,
  commitmentSchema,
  dealRecordSchema,
  nextStepSchema,
  noteSchema,
  repSchema,
  scoreSchema,
  type CallReview,
  type DealRecord,
  type NextStep,
  type Note,
  type Score,
} from '../model';
import { scoreDaySchema } from '../scorecard/aggregate';
import { isOpenStage, type ScorecardInput } from '../scorecard/rollup';
import { DEAL_SEEN_WITHIN_DAYS, instantBoundsCovering, scorecardWindows } from '../scorecard/week';
import type { DB } from './open';
import { keepValid } from './validate';

export interface ReadCounts {
  reps: number;
  commitments: number;
  scoreDays: number;
  notes: number;
  callReviews: number;
  deals: number;
  nextSteps: number;
  total: number;
  /** where the time went, ms: index ranges, point gets, validation */
  phases?: Record<string, number>;
}

/** Everything `buildScorecard` needs for the week starting `weekStart`. */
export async function readScorecardWeek(
  db: DB,
  { weekStart, now }: { weekStart: string; now: Date },
): Promise<{ input: Omit<ScorecardInput, 'weekStart' | 'now' | 'timeZone'>; read: ReadCounts }> {
  const w = scorecardWindows(weekStart);
  const instants = instantBoundsCovering(w.week);
  const seenSince = new Date(now.getTime() - DEAL_SEEN_WITHIN_DAYS * 86_400_000).toISOString();
  const clock = () => performance.now();
  const t0 = clock();
  const tx = db.transaction(['reps', 'commitments', 'scoreDays', 'notes', 'callReviews', 'deals', 'nextSteps'], 'readonly');
  const [reps, commitments, scoreDays, notes, reviews, deals] = await Promise.all([
    tx.objectStore('reps').getAll(),
    tx.objectStore('commitments').index('byDue').getAll(IDBKeyRange.bound(w.sayDo.start, w.sayDo.end)),
    tx.objectStore('scoreDays').index('byDay').getAll(IDBKeyRange.bound(w.spark.start, w.spark.end)),
    tx.objectStore('notes').index('byAt').getAll(IDBKeyRange.bound(instants.lower, instants.upper)),
    tx.objectStore('callReviews').index('byCompletedAt').getAll(IDBKeyRange.bound(instants.lower, instants.upper)),
    tx.objectStore('deals').index('byLastSeen').getAll(IDBKeyRange.lowerBound(seenSince)),
  ]);
  const t1 = clock();
  const validDeals = keepValid(dealRecordSchema, deals, 'deal');
  // Next steps only for the deals that count: open, with a rep.
  const counted = validDeals.filter((d) => d.repId && isOpenStage(d.snapshot.stage));
  const validCommitments = keepValid(commitmentSchema, commitments, 'commitment');
  // Commitments of this week whose deal was not seen lately: fetch name and link for the 1:1 view.
  const known = new Map(validDeals.map((d) => [d.key, d] as const));
  const missing = [...new Set(validCommitments.filter((c) => c.due >= w.week.start && !known.has(c.dealKey)).map((c) => c.dealKey))];
  const t2 = clock();
  const [steps, extraDeals] = await Promise.all([
    Promise.all(counted.map((d) => tx.objectStore('nextSteps').get(d.key))),
    Promise.all(missing.map((k) => tx.objectStore('deals').get(k))),
  ]);
  await tx.done;
  const t3 = clock();

  const nextSteps = new Map<string, NextStep>();
  for (const s of keepValid(nextStepSchema, steps.filter((s) => s !== undefined), 'next step')) nextSteps.set(s.dealKey, s);
  const dealLinks: Record<string, { name?: string; url?: string }> = {};
  for (const d of [...validDeals, ...keepValid(dealRecordSchema, extraDeals.filter((d) => d !== undefined), 'deal')]) {
    dealLinks[d.key] = { url: d.snapshot.url, ...(d.snapshot.name ? { name: d.snapshot.name } : {}) };
  }
  const read = {
    reps: reps.length,
    commitments: commitments.length,
    scoreDays: scoreDays.length,
    notes: notes.length,
    callReviews: reviews.length,
    deals: deals.length + extraDeals.length,
    nextSteps: steps.length,
    total: 0,
  };
  read.total = Object.values(read).reduce((a, b) => a + b, 0);
  const input = {
    reps: keepValid(repSchema, reps, 'rep'),
    commitments: validCommitments,
    scoreDays: keepValid(scoreDaySchema, scoreDays, 'score day'),
    notes: keepValid(noteSchema, notes, 'note'),
    reviews: keepValid(callReviewSchema, reviews, 'call review'),
    deals: counted.map((deal) => ({ deal, nextStep: nextSteps.get(deal.key) ?? null })),
    dealLinks,
  };
  const t4 = clock();
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return { input, read: { ...read, phases: { ranges: r1(t1 - t0), validate: r1(t2 - t1 + t4 - t3), gets: r1(t3 - t2) } } };
}

export interface RepWeekDetail {
  /** newest first */
  scores: (Score & { dealName?: string })[];
  /** newest first */
  notes: (Note & { dealName?: string })[];
  /** completed in the window, newest first */
  reviews: Pick<CallReview, 'id' | 'title' | 'url' | 'completedAt' | 'scores' | 'overallNote' | 'dealKey'>[];
  read: number;
}

/** One rep's recent scores, notes and completed reviews for the 1:1 view, by the per-rep indexes. */
export async function readRepDetail(db: DB, repId: string, from: { lower: string; upper: string }, limit = 30): Promise<RepWeekDetail> {
  const tx = db.transaction(['scores', 'notes', 'callReviews', 'deals'], 'readonly');
  const range = IDBKeyRange.bound([repId, from.lower], [repId, from.upper]);
  const [scores, notes, reviews] = await Promise.all([
    tx.objectStore('scores').index('byRepAt').getAll(range),
    tx.objectStore('notes').index('byRepAt').getAll(range),
    tx.objectStore('callReviews').index('byCompletedAt').getAll(IDBKeyRange.bound(from.lower, from.upper)),
  ]);
  const s = keepValid(scoreSchema, scores, 'score').sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
  const n = keepValid(noteSchema, notes, 'note').sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
  const r = keepValid(callReviewSchema, reviews, 'call review')
    .filter((x) => x.repId === repId)
    .sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? ''));
  const keys = [...new Set([...s, ...n].map((x) => x.dealKey).filter((k): k is string => !!k))];
  const deals = await Promise.all(keys.map((k) => tx.objectStore('deals').get(k)));
  await tx.done;
  const names = new Map<string, string>();
  for (const d of keepValid(dealRecordSchema, deals.filter((d): d is DealRecord => d !== undefined), 'deal')) {
    if (d.snapshot.name) names.set(d.key, d.snapshot.name);
  }
  const named = <T extends { dealKey?: string | undefined }>(x: T) => {
    const dealName = x.dealKey ? names.get(x.dealKey) : undefined;
    return dealName ? { ...x, dealName } : x;
  };
  return {
    scores: s.map(named),
    notes: n.map(named),
    reviews: r.map((x) => ({
      id: x.id,
      title: x.title,
      url: x.url,
      completedAt: x.completedAt,
      scores: x.scores,
      overallNote: x.overallNote,
      dealKey: x.dealKey,
    })),
    read: scores.length + notes.length + reviews.length + deals.length,
  };
}
