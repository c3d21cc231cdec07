/**
 * How a call review changes over its life, as pure functions over records:
 * drafts update in place; "Complete review" marks it done; an edit to a
 * completed review pushes the completed version onto `history` first (so
 * nothing a manager completed is ever lost) and makes it a draft again until
 * it is completed once more. Relinking the deal or changing the rep is an
 * edit too: a completed review never moves without its history.
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

type Links = Pick<CallReview, 'dealKey' | 'repId' | 'repName'>;
const links = (r: Links) => ({ dealKey: r.dealKey || undefined, repId: r.repId || undefined, repName: r.repName?.trim() || undefined });

/** A completed version's links, as its history keeps them (no blank keys). */
export const linksAsCompleted = (r: Links): NonNullable<CallReview['history'][number]['linked']> => withoutUndefined(links(r));

/** Same deal and same rep, as saved (a blank is no link). */
export function sameLinks(a: Links, b: Links): boolean {
  const x = links(a);
  const y = links(b);
  return x.dealKey === y.dealKey && x.repId === y.repId && x.repName === y.repName;
}

function meta(input: ReviewInput): Partial<CallReview> {
  return { title: input.title, url: input.url, ...links(input) };
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
  if (existing.status === 'completed' && (!sameContent(existing, content) || !sameLinks(existing, input))) {
    const previous = {
      ...contentOf(existing),
      completedAt: existing.completedAt ?? existing.updatedAt,
      supersededAt: ctx.now,
      linked: linksAsCompleted(existing),
    };
    return withoutUndefined({
      ...existing,
      ...meta(input),
      ...content,
      timeSpentMs,
      status: 'draft',
      // its last completion still stands where completed reviews are counted (the scorecard, by this
      // field) and shown (the sidebar, the history's version), until it is completed again
      completedAt: previous.completedAt,
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

/** Time spent only: never an edit, never a demotion, and not a new version (`updatedAt` kept). */
export function applyTimeSpent(existing: CallReview, timeSpentMs: number): CallReview {
  return { ...existing, timeSpentMs: Math.max(existing.timeSpentMs, timeSpentMs) };
}

/** The scores a review already gave, latest per dimension. */
export type ScoredBefore = Partial<Record<ScoreDimension, number>>;

/**
 * "Complete review": save, mark done, and say which scores join the deal's
 * history: every score on the first completion, afterwards only those that
 * differ from the last completed version (scores are appended, never rewritten).
 * `scoredBefore`, when the caller knows it: what this review already gave the
 * deal and rep it is linked to now (read from the scores store); it replaces
 * the last completed version as the baseline, so completing after the deal was
 * relinked (or the rep changed) adds the scores to the new deal. Without it, a
 * completed version linked elsewhere is no baseline.
 */
export function applyComplete(
  existing: CallReview | null,
  input: ReviewInput,
  ctx: ReviewContext,
  scoredBefore?: ScoredBefore,
): { review: CallReview; newScores: { dimension: ScoreDimension; value: number }[] } {
  const saved = applyDraft(existing, input, ctx);
  const lastCompleted: ReviewContent | null =
    existing?.status === 'completed'
      ? sameLinks(existing, input)
        ? existing
        : null
      : (saved.history[saved.history.length - 1] ?? null);
  const baseline: ScoredBefore | null = scoredBefore ?? lastCompleted?.scores ?? null;
  const newScores: { dimension: ScoreDimension; value: number }[] = [];
  for (const dimension of SCORE_DIMENSIONS) {
    const value = saved.scores[dimension];
    if (value === undefined) continue;
    if (baseline && baseline[dimension] === value) continue;
    newScores.push({ dimension, value });
  }
  // Completing an unchanged completed review again keeps its completion time.
  const unchanged = existing?.status === 'completed' && saved.status === 'completed';
  const completedAt = unchanged ? (existing.completedAt ?? ctx.now) : ctx.now;
  const review: CallReview = { ...saved, status: 'completed', completedAt, updatedAt: ctx.now };
  return { review, newScores };
}

/**
 * The version to show where completed reviews appear: the review if completed, else its last
 * completed version, with the rep and deal it was completed for (a draft relinked since counts
 * for its new rep only once completed again; a version kept before links were recorded: the
 * review's own).
 */
export function lastCompletedVersion(r: CallReview): (ReviewContent & { completedAt: string } & Pick<CallReview, 'repId' | 'repName' | 'dealKey'>) | null {
  const h = r.status === 'completed' ? null : r.history[r.history.length - 1];
  if (r.status !== 'completed' && !h) return null;
  const { repId, repName, dealKey } = h?.linked ?? r;
  const version = h ? { ...contentOf(h), completedAt: h.completedAt } : { ...contentOf(r), completedAt: r.completedAt ?? r.updatedAt };
  return { ...version, ...(repId ? { repId } : {}), ...(repName ? { repName } : {}), ...(dealKey ? { dealKey } : {}) };
}
