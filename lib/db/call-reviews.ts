/**
 * The callReviews store (created by migration v3): one review per call per
 * reviewer, found by call key, by deal, or by rep. Completing a review also
 * appends its scores to the `scores` store in the same transaction, so a
 * deal's score history and the review can never disagree.
 */
import type { IDBPDatabase } from 'idb';
import { callReviewSchema, dealRecordSchema, scoreSchema, type CallReview, type DealRecord, type Score } from '../model';
import { lastCompletedVersion } from '../calls/review-history';
import type { DealsideDB } from './schema';
import { keepValid, validOrNull } from './validate';
import { inTransaction } from './in-transaction';
import { applyToRepWeeks } from './rep-weeks';
import { countedScores, scoreChanges } from '../scorecard/rep-weeks';
import { userTimeZone } from '../dates';

type DB = IDBPDatabase<DealsideDB>;

export async function getReviewByCall(db: DB, callKey: string): Promise<CallReview | null> {
  // byCall is not unique in the schema; if two ever exist, the latest edit wins.
  const all = keepValid(callReviewSchema, await db.getAllFromIndex('callReviews', 'byCall', callKey), 'call review');
  return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0] ?? null;
}

export async function getReview(db: DB, id: string): Promise<CallReview | null> {
  return validOrNull(callReviewSchema, await db.get('callReviews', id), 'call review');
}

export async function putReview(db: DB, review: CallReview): Promise<void> {
  await db.put('callReviews', review);
}

/**
 * Save a completed review and append its new scores, atomically. The weekly scorecard's per-day
 * aggregate (migration v6) takes the new scores and gives back the ones they supersede: the
 * review's earlier scores of the same dimensions, given before it moved to another deal or rep,
 * or before a score changed (`supersededScores`), so a review counts once.
 */
export async function putCompletedReview(db: DB, review: CallReview, scores: Score[], timeZone = userTimeZone()): Promise<void> {
  const tx = db.transaction(['callReviews', 'scores', 'repWeeks'], 'readwrite');
  const write = async () => {
    const given = keepValid(scoreSchema, await tx.objectStore('scores').index('byReview').getAll(review.id), 'score');
    const dimensions = new Set(scores.map((s) => s.dimension));
    const counted = countedScores(given).filter((s) => dimensions.has(s.dimension));
    await Promise.all([
      tx.objectStore('callReviews').put(review),
      ...scores.map((s) => tx.objectStore('scores').add(s)),
      applyToRepWeeks(tx.objectStore('repWeeks'), [...scoreChanges(counted, timeZone, -1), ...scoreChanges(scores, timeZone)]),
    ]);
  };
  // a failure after the first request must not commit the ones made
  await inTransaction(tx, write);
}

/**
 * The completed reviews to list for a deal, newest completion first: each under the deal its last
 * completed version was made for (`lastCompletedVersion`), as the scorecard counts it. A completed
 * review moved to another deal since (a draft again) stays listed here, as completed, until it is
 * completed again; the deal it moved to lists it only then.
 *
 * No index reaches the deal named in a review's history, so it is read by this deal's indexes
 * only: the reviews linked to it now, and the reviews that gave it scores. Every completion for a
 * deal leaves that deal a score of the review's, in the same transaction (`putCompletedReview`:
 * the first completion there gives every score, a later one only what changed since), so a review
 * that moved on since is among the second.
 */
export async function reviewsForDeal(db: DB, dealKey: string): Promise<CallReview[]> {
  const tx = db.transaction(['callReviews', 'scores'], 'readonly');
  const reviews = tx.objectStore('callReviews');
  const [linked, scores] = await Promise.all([reviews.index('byDeal').getAll(dealKey), tx.objectStore('scores').index('byDeal').getAll(dealKey)]);
  const seen = new Set<unknown>(linked.map((r) => (r as { id?: unknown } | undefined)?.id));
  const movedOn = new Set<string>();
  for (const s of scores as unknown[]) {
    // only its review id is read here: the review is checked as read, like those linked now
    const source = (s as { source?: { kind?: unknown; reviewId?: unknown } } | undefined)?.source;
    if (source?.kind === 'call' && typeof source.reviewId === 'string' && !seen.has(source.reviewId)) movedOn.add(source.reviewId);
  }
  const elsewhere = await Promise.all([...movedOn].map((id) => reviews.get(id)));
  await tx.done;
  const all = keepValid(callReviewSchema, [...linked, ...elsewhere.filter((r) => r !== undefined)], 'call review');
  return all
    .map((r) => ({ r, done: lastCompletedVersion(r) }))
    .filter((x) => x.done !== null && x.done.dealKey === dealKey)
    .sort((a, b) => (b.done?.completedAt ?? '').localeCompare(a.done?.completedAt ?? ''))
    .map((x) => x.r);
}

/**
 * Deals seen so far whose name (or owner) contains the query, case-insensitively;
 * most recently seen first. Walks the byLastSeen index newest first and stops at
 * `limit` matches, so a search as the manager types reads no more than it needs.
 */
export async function searchDeals(db: DB, query: string, limit = 20): Promise<DealRecord[]> {
  const q = query.trim().toLocaleLowerCase();
  const found: DealRecord[] = [];
  let cursor = await db.transaction('deals').store.index('byLastSeen').openCursor(null, 'prev');
  while (cursor && found.length < limit) {
    const parsed = dealRecordSchema.safeParse(cursor.value);
    if (parsed.success) {
      const d = parsed.data;
      const name = d.snapshot.name?.toLocaleLowerCase() ?? '';
      const owner = d.snapshot.owner?.toLocaleLowerCase() ?? '';
      if (!q || name.includes(q) || owner.includes(q)) found.push(d);
    }
    cursor = await cursor.continue();
  }
  return found;
}
