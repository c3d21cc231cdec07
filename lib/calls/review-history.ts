/**
 * How a call review changes over its life, as pure functions over records:
 * drafts update in place; "Complete review" marks it done; an edit to a
 * completed review pushes the completed version onto `history` first (so
 * nothing a manager completed is ever lost) and makes it a draft again until
 * it is completed once more.
 */
import type { CallReview, PinnedNote, Person, ScoreDimension } from '../model';
import { SCORE_DIMENSION_KEYS as SCORE_DIMENSIONS } from '../model/keys';

export type ReviewContent = Pick<CallReview, 'scores' | 'overallNote' | 'pins' | 'timeSpentMs'>;

/** What the panel sends on every autosave and on completion. */
export interface ReviewInput extends ReviewContent {
  callKey: string;
  provider: CallReview['provider'];
  callId: string;
  title: string;
  url: string;
  repId?: string;
  repName?: string;
  dealKey?: string;
}

export interface ReviewContext {
  now: string;
  by: Person;
  rubricVersion: string;
  /** id for a new review */
  newId: () => string;
}

const MAX_HISTORY = 100;

export function sortPins(pins: readonly PinnedNote[]): PinnedNote[] {
  return [...pins].sort((a, b) => a.atSeconds - b.atSeconds || a.createdAt.localeCompare(b.createdAt));
}

export function contentOf(r: ReviewContent): ReviewContent {
  return { scores: { ...r.scores }, overallNote: r.overallNote, pins: sortPins(r.pins), timeSpentMs: r.timeSpentMs };
}

/** Same scores, note and pins. Time spent alone is not an edit: it ticks while the panel is open. */
export function sameContent(a: ReviewContent, b: ReviewContent): boolean {
  for (const d of SCORE_DIMENSIONS) if (a.scores[d] !== b.scores[d]) return false;
  if (a.overallNote !== b.overallNote) return false;
  const pa = sortPins(a.pins);
  const pb = sortPins(b.pins);
  if (pa.length !== pb.length) return false;
  return pa.every((p, i) => {
    const q = pb[i];
    return !!q && p.id === q.id && p.atSeconds === q.atSeconds && p.text === q.text;
  });
}

function meta(input: ReviewInput) {
  const out: Partial<CallReview> = { title: input.title, url: input.url };
  out.repId = input.repId || undefined;
  out.repName = input.repName?.trim() || undefined;
  out.dealKey = input.dealKey || undefined;
  return out;
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Autosave: create the draft, or update it; an edit to a completed review keeps the completed version in history. */
export function applyDraft(existing: CallReview | null, input: ReviewInput, ctx: ReviewContext): CallReview {
  const content = contentOf(input);
  if (!existing) {
    return withoutUndefined({
      id: ctx.newId(),
      callKey: input.callKey,
      provider: input.provider,
      callId: input.callId,
      ...meta(input),
      ...content,
      status: 'draft',
      by: ctx.by,
      rubricVersion: ctx.rubricVersion,
      startedAt: ctx.now,
      updatedAt: ctx.now,
      history: [],
    } as CallReview);
  }
  const timeSpentMs = Math.max(existing.timeSpentMs, content.timeSpentMs);
  if (existing.status === 'completed' && !sameContent(existing, content)) {
    const previous = {
      ...contentOf(existing),
      completedAt: existing.completedAt ?? existing.updatedAt,
      supersededAt: ctx.now,
    };
    return withoutUndefined({
      ...existing,
      ...meta(input),
      ...content,
      timeSpentMs,
      status: 'draft',
      completedAt: undefined,
      rubricVersion: ctx.rubricVersion,
      updatedAt: ctx.now,
      history: [...existing.history, previous].slice(-MAX_HISTORY),
    } as CallReview);
  }
  return withoutUndefined({
    ...existing,
    ...meta(input),
    ...content,
    timeSpentMs,
    rubricVersion: existing.status === 'completed' ? existing.rubricVersion : ctx.rubricVersion,
    updatedAt: ctx.now,
  } as CallReview);
}

/**
 * "Complete review": save, mark done, and say which scores join the deal's
 * history: every score on the first completion, afterwards only those that
 * differ from the last completed version (scores are appended, never rewritten).
 */
export function applyComplete(
  existing: CallReview | null,
  input: ReviewInput,
  ctx: ReviewContext,
): { review: CallReview; newScores: { dimension: ScoreDimension; value: number }[] } {
  const saved = applyDraft(existing, input, ctx);
  const lastCompleted: ReviewContent | null =
    existing?.status === 'completed' ? existing : (saved.history[saved.history.length - 1] ?? null);
  const newScores: { dimension: ScoreDimension; value: number }[] = [];
  for (const dimension of SCORE_DIMENSIONS) {
    const value = saved.scores[dimension];
    if (value === undefined) continue;
    if (lastCompleted && lastCompleted.scores[dimension] === value) continue;
    newScores.push({ dimension, value });
  }
  // Completing an unchanged completed review again keeps its completion time.
  const unchanged = existing?.status === 'completed' && saved.status === 'completed';
  const completedAt = unchanged ? (existing.completedAt ?? ctx.now) : ctx.now;
  const review: CallReview = { ...saved, status: 'completed', completedAt, updatedAt: ctx.now };
  return { review, newScores };
}

/** The version to show where completed reviews appear: the review if completed, else its last completed version. */
export function lastCompletedVersion(r: CallReview): (ReviewContent & { completedAt: string }) | null {
  if (r.status === 'completed') return { ...contentOf(r), completedAt: r.completedAt ?? r.updatedAt };
  const h = r.history[r.history.length - 1];
  return h ? { ...contentOf(h), completedAt: h.completedAt } : null;
}
