/**
 * What a restore may change in a record already stored: only the one legal
 * step forward in its life, taken from the backup, and never a step back.
 * - a commitment: open here, RESOLVED in the backup (kept, missed, dropped or
 *   renegotiated), and the same promise: the backup's resolved version is
 *   stored (lib/rules/commitments.ts: open → resolved is the only change a
 *   commitment ever makes). A resolved one here is never reopened or changed.
 * - a call review: a draft here, COMPLETED in the backup, the same review, and
 *   every completed version kept here is in the backup's history too: the
 *   backup's completed version with its history is stored
 *   (lib/calls/review-history.ts: a completed version is never lost). If the
 *   draft here was saved after that completion, the draft stays and the
 *   backup's completed version joins its history, as an edit after completing
 *   does, so neither is lost. A completed review here is never changed.
 * Pure: each returns the record to store, or null to keep the stored one.
 *
 * A DAMAGED stored record (it fails today's check, in one field perhaps) is
 * replaced by the backup's valid copy only when it shows no later state than
 * that copy (`repairsPromise`, `repairsReview`): otherwise the "repair" would be
 * a step back, erasing an outcome or a completion the backup predates.
 */
import type { CallReview, Commitment, Person } from '../model';
import { contentOf, linksAsCompleted, sameContent } from '../calls/review-history';

const MAX_HISTORY = 100;

const samePerson = (a: Person, b: Person) => a.name === b.name && a.role === b.role;

const samePersonOrNone = (a: Person | undefined, b: Person | undefined) => (a && b ? samePerson(a, b) : a === b);

/**
 * One promise: the same record in everything but its outcome (the words, date as typed and
 * read, deal, rep it counts for, who stated and who recorded it when, what it replaced), so a
 * resolved version moves no promise to another rep.
 */
function samePromise(a: Commitment, b: Commitment): boolean {
  return (
    a.id === b.id &&
    a.dealKey === b.dealKey &&
    a.text === b.text &&
    a.due === b.due &&
    a.dueInput === b.dueInput &&
    a.repId === b.repId &&
    a.statedAt === b.statedAt &&
    samePerson(a.statedBy, b.statedBy) &&
    samePersonOrNone(a.recordedBy, b.recordedBy) &&
    a.renegotiatedFrom === b.renegotiatedFrom
  );
}

/** The backup's resolved version of a promise still open here; null: keep the stored one. */
export function resolvedOver(here: Commitment, theirs: Commitment): Commitment | null {
  if (here.status !== 'open' || here.resolution !== undefined) return null;
  if (theirs.status === 'open' || theirs.resolution === undefined) return null;
  return samePromise(here, theirs) ? theirs : null;
}

/** One review: the same record of the same call, by the same reviewer, started at the same moment. */
function sameReview(a: CallReview, b: CallReview): boolean {
  return (
    a.id === b.id &&
    a.callKey === b.callKey &&
    a.provider === b.provider &&
    a.callId === b.callId &&
    a.startedAt === b.startedAt &&
    samePerson(a.by, b.by)
  );
}

type Version = CallReview['history'][number];
const sameVersion = (a: Version, b: Version) => a.completedAt === b.completedAt && a.supersededAt === b.supersededAt && sameContent(a, b);

/** Every completed version `here` keeps is in `theirs`' history, in the same order: taking `theirs` loses none. */
function historyKept(here: CallReview, theirs: CallReview): boolean {
  return here.history.length <= theirs.history.length && here.history.every((v, i) => sameVersion(v, theirs.history[i]!));
}

/** The review to store for a draft here that the backup has completed; null: keep the stored one. */
export function completedOver(here: CallReview, theirs: CallReview): CallReview | null {
  if (here.status !== 'draft' || theirs.status !== 'completed') return null;
  if (!sameReview(here, theirs) || !historyKept(here, theirs)) return null;
  const timeSpentMs = Math.max(here.timeSpentMs, theirs.timeSpentMs);
  const completedAt = theirs.completedAt ?? theirs.updatedAt;
  if (Date.parse(here.updatedAt) <= Date.parse(completedAt)) return { ...theirs, timeSpentMs };
  // the draft here was saved after the completion there: an edit of it, as applyDraft records one,
  // whose last completion (the one the backup brings) still counts, where it was made
  const completed = { ...contentOf(theirs), completedAt, supersededAt: here.updatedAt, linked: linksAsCompleted(theirs) };
  return { ...here, timeSpentMs, completedAt, history: [...theirs.history, completed].slice(-MAX_HISTORY) };
}

/** A stored record's fields, unchecked (anything but an object has none). */
const fieldsOf = (stored: unknown): Record<string, unknown> => (typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {});
const isSet = (value: unknown) => value !== undefined && value !== null;

/**
 * Whether the backup's `theirs` may replace a damaged promise stored here: not an open copy over
 * one that shows an outcome (a status other than open, or a resolution), or the outcome recorded
 * here would be lost and "What happened?" asked again.
 */
export function repairsPromise(stored: unknown, theirs: Commitment): boolean {
  if (theirs.status !== 'open') return true;
  const here = fieldsOf(stored);
  return !((isSet(here.status) && here.status !== 'open') || isSet(here.resolution));
}

/**
 * Whether the backup's `theirs` may replace a damaged review stored here: not a draft over one
 * that shows a completion (a status other than draft, or completed versions in its history),
 * which a completed version is never lost to.
 */
export function repairsReview(stored: unknown, theirs: CallReview): boolean {
  if (theirs.status !== 'draft') return true;
  const here = fieldsOf(stored);
  const history = here.history;
  return !((isSet(here.status) && here.status !== 'draft') || (isSet(history) && !(Array.isArray(history) && history.length === 0)));
}
