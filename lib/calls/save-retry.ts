/**
 * What the call-review panel's saves send, and what becomes of a "Complete review" that could
 * not be stored (entrypoints/call-review/useCallReview.ts). Pure, so it is tested without a page.
 *
 * A completion that failed for a reason that may pass (no name set yet, the background not
 * answering) still waits, and goes with the next save of the edits: the retry, the time flush,
 * a move to the next call. Saved as a draft instead, the review showed "Draft · Saved" and was
 * never completed, with nothing said. The manager asked for it to be completed, and the message
 * they were shown ("the review is kept until then") promised no more work. It waits only while
 * nothing is edited: an edit means the manager is still changing the review, and a completion
 * adds its scores to the deal's history for good, so it must not complete a state they did not
 * complete. Then, and when the background refused the completion itself, the panel says plainly
 * that the review is not completed.
 */
import type { ErrorCode } from '../messages/protocol';

/** `time`: the periodic flush; with no edit waiting it records the time spent only. */
export type SaveKind = 'draft' | 'complete' | 'time';

export const NOT_COMPLETED = 'Not completed: press Complete review again.';
export const COMPLETION_WAITS = 'Not completed yet: Dealside completes the review as soon as it can save it.';

/**
 * What a save sends: a completion, the edits as a draft, the time spent only, or nothing (a
 * draft save with no edit waiting: already saved, or replaced by the stored review).
 */
export function saveToSend(kind: SaveKind, editsWaiting: boolean, completionWaiting: boolean): SaveKind | null {
  if (kind === 'complete') return 'complete';
  if (!editsWaiting) return kind === 'time' ? 'time' : null;
  return completionWaiting ? 'complete' : 'draft';
}

/**
 * Failures a later try may get past: no name set yet (Options), the background not answering
 * (stopped, restarting), or an error with no code. Any other the background refused on what was
 * sent (no score, a malformed review), sent again unchanged it would be refused again.
 */
const MAY_PASS: ReadonlySet<ErrorCode | undefined> = new Set<ErrorCode | undefined>(['no-user', 'internal', undefined]);

/**
 * After a save that failed, other than on a conflict (the panel reloads the review as stored):
 * whether a completion still waits for the next save, and what the panel says of it.
 */
export function afterFailedSave(sent: SaveKind, code: ErrorCode | undefined): { completionWaits: boolean; status?: string } {
  if (sent !== 'complete') return { completionWaits: false };
  // a Dealside gone from under the panel ('gone') cannot be reached again: not completed either
  return MAY_PASS.has(code) ? { completionWaits: true, status: COMPLETION_WAITS } : { completionWaits: false, status: NOT_COMPLETED };
}

/** An edit withdraws a completion waiting (see above): what the panel says then, if anything. */
export const statusAfterEdit = (completionWaiting: boolean): string | undefined => (completionWaiting ? NOT_COMPLETED : undefined);
