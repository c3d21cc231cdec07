/**
 * Commitment rules (ARCHITECTURE.md, "Domain rules"). Pure: functions return
 * new records and never mutate, so a resolved promise stays exactly as it was
 * recorded and history can be trusted.
 */
import type { Commitment, Person } from '../model';
import { formatDay, todayIn } from '../dates';

export type CommitmentOutcome = 'kept' | 'missed' | 'dropped';

/** Open and due today or earlier in the user's zone: time to ask what happened. */
export function isDue(c: Commitment, now: Date, timeZone: string): boolean {
  return c.status === 'open' && c.due <= todayIn(timeZone, now);
}

/** The lead line the UI shows above its own "What happened?" prompt. */
export function commitmentQuestionLead(c: Commitment): string {
  // The rep's words are kept as typed, but a closing full stop would read "proposal. by Thu".
  const text = c.text.trim().replace(/\.+$/, '');
  return `You committed to ${text} by ${formatDay(c.due)}.`;
}

export function commitmentPrompt(c: Commitment): string {
  return `${commitmentQuestionLead(c)} What happened?`;
}

/**
 * What needs attention first: due and unresolved (oldest due first), then
 * open and not yet due (soonest first), then resolved (newest resolution first).
 */
export function sortCommitments(list: readonly Commitment[], now: Date, timeZone: string): Commitment[] {
  const today = todayIn(timeZone, now);
  const group = (c: Commitment) => (c.status !== 'open' ? 2 : c.due <= today ? 0 : 1);
  const resolvedAt = (c: Commitment) => c.resolution?.at ?? c.statedAt;
  return [...list].sort((a, b) => {
    const ga = group(a);
    const gb = group(b);
    if (ga !== gb) return ga - gb;
    if (ga === 2) return Date.parse(resolvedAt(b)) - Date.parse(resolvedAt(a)) || a.id.localeCompare(b.id);
    // Ties on the same day: the earlier promise first, then id, so the order is stable across renders.
    return a.due.localeCompare(b.due) || Date.parse(a.statedAt) - Date.parse(b.statedAt) || a.id.localeCompare(b.id);
  });
}

/**
 * Why `outcome` cannot be recorded for `c` now, in words for the person trying;
 * null when it can. A promise is marked missed only once it is due: before
 * then one that will slip is renegotiated (the habit worth building) or
 * dropped, and one delivered early is kept. Dropping says why.
 */
export function outcomeRefusal(c: Commitment, outcome: CommitmentOutcome, reason: string | undefined, now: Date, timeZone: string): string | null {
  if (isSettled(c)) return 'That commitment is already resolved.';
  if (outcome === 'missed' && !isDue(c, now, timeZone))
    return `That commitment is due ${formatDay(c.due)}: it can be marked missed from then on. Renegotiate or drop it before then.`;
  if (outcome === 'dropped' && !blankToUndefined(reason)) return 'Say why the commitment is dropped.';
  return null;
}

/**
 * Why a new date for `c` cannot be agreed (null: it can): one already past in the user's
 * zone (the renegotiated promise would be overdue the moment it is made), or the date it
 * already has. Today is allowed: "by the end of today" is a promise a rep can make.
 */
export function newDueRefusal(c: Commitment, newDue: string, now: Date, timeZone: string): string | null {
  if (newDue < todayIn(timeZone, now)) return `${formatDay(newDue)} has passed: agree a date from today on.`;
  if (newDue === c.due) return `It is already due ${formatDay(c.due)}: agree another date, or record what happened.`;
  return null;
}

/**
 * Resolved: not open, or carrying a resolution whatever its status says. The
 * schema refuses an open record with a resolution; this refuses it again, so
 * a recorded outcome can never be overwritten by resolving once more.
 */
function isSettled(c: Commitment): boolean {
  return c.status !== 'open' || c.resolution !== undefined;
}

function assertOpen(c: Commitment): void {
  if (isSettled(c)) throw new Error('already resolved');
}

const blankToUndefined = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/** Kept, missed or dropped, with what happened. Renegotiating has its own function. */
export function resolveCommitment(
  c: Commitment,
  outcome: CommitmentOutcome,
  note: string,
  by: Person,
  nowIso: string,
  reason?: string,
): Commitment {
  assertOpen(c);
  const why = blankToUndefined(reason);
  return {
    ...c,
    status: outcome,
    resolution: { outcome, note: note.trim(), by, at: nowIso, ...(why ? { reason: why } : {}) },
  };
}

/**
 * Closes `c` as renegotiated and opens its replacement. The two point at each
 * other (`replacedBy` / `renegotiatedFrom`) so the chain of moved dates stays visible.
 */
export function renegotiateCommitment(
  c: Commitment,
  args: {
    newDue: string;
    newDueInput?: string;
    reason: string;
    note: string;
    by: Person;
    nowIso: string;
    newId: string;
  },
): { closed: Commitment; opened: Commitment } {
  assertOpen(c);
  const { newDue, newDueInput, reason, note, by, nowIso, newId } = args;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(newDue)) throw new Error(`not an ISO date: ${newDue}`);
  const closed: Commitment = {
    ...c,
    status: 'renegotiated',
    resolution: {
      outcome: 'renegotiated',
      note: note.trim(),
      by,
      at: nowIso,
      newDue,
      reason: reason.trim(),
      replacedBy: newId,
    },
  };
  // The promise is still the rep's; if someone else moved it (a manager in a 1:1), record that.
  const recordedByOther = by.name !== c.statedBy.name || by.role !== c.statedBy.role;
  const dueInput = blankToUndefined(newDueInput);
  const opened: Commitment = {
    id: newId,
    dealKey: c.dealKey,
    ...(c.repId ? { repId: c.repId } : {}),
    text: c.text,
    due: newDue,
    ...(dueInput ? { dueInput } : {}),
    statedBy: c.statedBy,
    statedAt: nowIso,
    ...(recordedByOther ? { recordedBy: by } : {}),
    status: 'open',
    renegotiatedFrom: c.id,
  };
  return { closed, opened };
}

/**
 * The promise `id` belongs to, from the original to the latest renegotiation.
 * Empty when `id` is unknown. Guards against cycles in corrupted data.
 */
export function commitmentChain(all: readonly Commitment[], id: string): Commitment[] {
  const byId = new Map(all.map((c) => [c.id, c] as const));
  const replacement = new Map<string, Commitment>();
  for (const c of all) if (c.renegotiatedFrom) replacement.set(c.renegotiatedFrom, c);

  let first = byId.get(id);
  if (!first) return [];
  const seen = new Set<string>([first.id]);
  for (let prev = byId.get(first.renegotiatedFrom ?? ''); prev && !seen.has(prev.id); prev = byId.get(prev.renegotiatedFrom ?? '')) {
    seen.add(prev.id);
    first = prev;
  }

  const chain: Commitment[] = [];
  const visited = new Set<string>();
  for (let cur: Commitment | undefined = first; cur && !visited.has(cur.id); ) {
    visited.add(cur.id);
    chain.push(cur);
    const nextId: string | undefined = cur.resolution?.replacedBy;
    cur = (nextId ? byId.get(nextId) : undefined) ?? replacement.get(cur.id);
  }
  return chain;
}
