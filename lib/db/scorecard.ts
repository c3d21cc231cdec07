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
  noteSchema,
  repSchema,
  scoreSchema,
  type CallReview,
  type DealRecord,
  type Note,
  type Score,
} from '../model';
import type { ScoreDay } from '../scorecard/aggregate';
import { isPipelineEntry, scorecardDealOf } from '../scorecard/pipeline';
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
  /** v5 pipeline summaries (deals seen lately, with their next steps) */
  pipeline: number;
  /** deal records fetched by key (links of this week's commitments on deals not seen lately) */
  deals: number;
  /** next-step records (0 since v5: the pipeline summaries carry them) */
  nextSteps: number;
  total: number;
  /** where the time went, ms: index ranges, point gets, validation */
  phases?: Record<string, number>;
}

/** Cheap checks of the fields the rollup reads, for the high-volume rows of the hot path (see below). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isTally = (x: unknown) => isObject(x) && Number.isInteger(x.sum) && Number.isInteger(x.count) && (x.sum as number) >= 0 && (x.count as number) >= 0;
const DIAGNOSIS = new Set(['skill', 'will', 'knowledge', 'system']);
/** scoreDays: the background's own aggregate (lib/scorecard/aggregate.ts), written from validated scores. */
function isScoreDay(x: unknown): x is ScoreDay {
  return (
    isObject(x) &&
    typeof x.repId === 'string' &&
    x.repId.length >= 3 &&
    typeof x.day === 'string' &&
    ISO_DATE.test(x.day) &&
    isTally(x.discovery) &&
    isTally(x.nextStep) &&
    isTally(x.qualification)
  );
}
type NoteFields = ScorecardInput['notes'][number];
/** notes: the rollup reads only rep, instant and diagnosis (the typed body is never read here). */
function isNoteFields(x: unknown): x is NoteFields {
  return (
    isObject(x) &&
    (x.repId === undefined || typeof x.repId === 'string') &&
    typeof x.at === 'string' &&
    ISO_INSTANT.test(x.at) &&
    (x.diagnosis === undefined || (typeof x.diagnosis === 'string' && DIAGNOSIS.has(x.diagnosis)))
  );
}

function keepChecked<T>(rows: unknown[], check: (x: unknown) => x is T, store: string): T[] {
  const out: T[] = [];
  let bad = 0;
  for (const row of rows) {
    if (check(row)) out.push(row);
    else bad++;
  }
  if (bad) console.warn(`Dealside: skipped ${bad} invalid ${store} record(s)`);
  return out;
}

/**
 * Everything `buildScorecard` needs for the week starting `weekStart`.
 *
 * Validation on this hot path: records a person typed that the card SHOWS
 * (commitments: their text is in the 1:1 ask list; reps; call reviews) go
 * through their zod schemas as everywhere else. The high-volume rows whose
 * content is only counted are checked cheaply, field by field, for exactly the
 * fields the rollup reads: `scoreDays` and `pipeline` are aggregates the
 * background itself wrote from records it had validated, and notes contribute
 * only rep, instant and diagnosis. A row that fails is skipped, as before.
 */
export async function readScorecardWeek(
  db: DB,
  { weekStart, now }: { weekStart: string; now: Date },
): Promise<{ input: Omit<ScorecardInput, 'weekStart' | 'now' | 'timeZone'>; read: ReadCounts }> {
  const w = scorecardWindows(weekStart);
  const instants = instantBoundsCovering(w.week);
  const seenSince = new Date(now.getTime() - DEAL_SEEN_WITHIN_DAYS * 86_400_000).toISOString();
  const clock = () => performance.now();
  const t0 = clock();
  const tx = db.transaction(['reps', 'commitments', 'scoreDays', 'notes', 'callReviews', 'pipeline', 'deals'], 'readonly');
  const [reps, commitments, scoreDays, notes, reviews, pipeline] = await Promise.all([
    tx.objectStore('reps').getAll(),
    tx.objectStore('commitments').index('byDue').getAll(IDBKeyRange.bound(w.sayDo.start, w.sayDo.end)),
    tx.objectStore('scoreDays').index('byDay').getAll(IDBKeyRange.bound(w.spark.start, w.spark.end)),
    tx.objectStore('notes').index('byAt').getAll(IDBKeyRange.bound(instants.lower, instants.upper)),
    tx.objectStore('callReviews').index('byCompletedAt').getAll(IDBKeyRange.bound(instants.lower, instants.upper)),
    // v5: each deal seen lately with its next step, in one range (lib/scorecard/pipeline.ts)
    tx.objectStore('pipeline').index('byLastSeen').getAll(IDBKeyRange.lowerBound(seenSince)),
  ]);
  const t1 = clock();
  const entries = keepChecked(pipeline, isPipelineEntry, 'pipeline');
  // Next-step health counts only the deals that are open and have a rep.
  const counted = entries.filter((e) => e.repId && isOpenStage(e.stage));
  const validCommitments = keepValid(commitmentSchema, commitments, 'commitment');
  // Commitments of this week whose deal was not seen lately: fetch name and link for the 1:1 view.
  const known = new Set(entries.map((e) => e.dealKey));
  const missing = [...new Set(validCommitments.filter((c) => c.due >= w.week.start && !known.has(c.dealKey)).map((c) => c.dealKey))];
  const t2 = clock();
  const extraDeals = await Promise.all(missing.map((k) => tx.objectStore('deals').get(k)));
  await tx.done;
  const t3 = clock();

  const dealLinks: Record<string, { name?: string; url?: string }> = {};
  for (const e of entries) dealLinks[e.dealKey] = { url: e.url, ...(e.name ? { name: e.name } : {}) };
  for (const d of keepValid(dealRecordSchema, extraDeals.filter((d) => d !== undefined), 'deal')) {
    dealLinks[d.key] = { url: d.snapshot.url, ...(d.snapshot.name ? { name: d.snapshot.name } : {}) };
  }
  const read: ReadCounts = {
    reps: reps.length,
    commitments: commitments.length,
    scoreDays: scoreDays.length,
    notes: notes.length,
    callReviews: reviews.length,
    pipeline: pipeline.length,
    deals: extraDeals.length,
    nextSteps: 0,
    total: 0,
  };
  read.total = read.reps + read.commitments + read.scoreDays + read.notes + read.callReviews + read.pipeline + read.deals + read.nextSteps;
  const input = {
    reps: keepValid(repSchema, reps, 'rep'),
    commitments: validCommitments,
    scoreDays: keepChecked(scoreDays, isScoreDay, 'score day'),
    notes: keepChecked(notes, isNoteFields, 'note'),
    reviews: keepValid(callReviewSchema, reviews, 'call review'),
    deals: counted.map(scorecardDealOf),
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
