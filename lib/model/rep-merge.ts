/**
 * Reps that are one person: a rep is keyed by CRM and owner name (`repIdOf`), and until a
 * report's owner was matched to a known rep with `sameName` (lib/db/deals.ts), the same owner
 * written in other capitals or spacing ("Dana Reyes", "dana  reyes") became a second rep: two
 * rows on the scorecard, the coaching split between them. Migration v14 merges the stored ones
 * with these; a restore maps a backup's reps the same way (lib/backup/plan.ts `planRestore`).
 *
 * Pure: reps come in valid (checked by their schema); the records naming them come in as
 * stored or as read from a file (unknown shapes), and anything not recognisably a reference
 * to a merged rep is left exactly as it is.
 */
import type { Rep } from './rep';
import { nameKey } from '../words';
import { withRekeyedField } from './org-keys';

/** The stores whose records name a rep: their `repId`, and a call review's versions' `linked.repId` (`withKeptRep`). */
export const REP_NAMING_STORES = ['deals', 'commitments', 'scores', 'notes', 'callReviews'] as const;

/**
 * Merged rep id → the id of the rep kept for it. Reps of one CRM whose names are `sameName`
 * are one rep: the one kept is among `prior` if any of them is there (the reps already stored,
 * when `reps` are a backup's), and otherwise among `reps`; within those, the first seen
 * (`firstSeenAt`, compared as instants), a tie going to the lower id, so that any order of
 * the lists gives the same answer. Every other id of the group maps to it; a rep listed twice
 * under one id is one rep (one of `reps` with the id of one of `prior` is that prior one). Reps
 * of different CRMs are never merged.
 */
export function repMergesOf(reps: readonly Rep[], prior: readonly Rep[] = []): Map<string, string> {
  const groups = new Map<string, { rep: Rep; rank: number }[]>();
  const enter = (rank: number) => (rep: Rep) => {
    // a rep's id names its CRM (`repIdOf`): one whose fields disagree with its id is not trusted
    // to pull another CRM's records under a rep
    if (!rep.id.startsWith(`${rep.crm}:`)) return;
    const group = `${rep.crm}\n${nameKey(rep.name)}`;
    const members = groups.get(group);
    if (members) members.push({ rep, rank });
    else groups.set(group, [{ rep, rank }]);
  };
  prior.forEach(enter(0));
  // a rep of `reps` with a prior one's id is that one (whatever name it gives: damage, say)
  const priorIds = new Set(prior.map((r) => r.id));
  reps.filter((r) => !priorIds.has(r.id)).forEach(enter(1));
  const merges = new Map<string, string>();
  for (const members of groups.values()) {
    const kept = members.reduce((a, b) => (before(b, a) ? b : a)).rep.id;
    for (const { rep } of members) if (rep.id !== kept) merges.set(rep.id, kept);
  }
  return merges;
}

/** Whether `a` is kept before `b`: a prior rep first, then the first seen, then the lower id. */
function before(a: { rep: Rep; rank: number }, b: { rep: Rep; rank: number }): boolean {
  if (a.rank !== b.rank) return a.rank < b.rank;
  const [x, y] = [seenMs(a.rep), seenMs(b.rep)];
  if (x !== y) return x < y;
  return a.rep.id < b.rep.id;
}

/** The first-seen instant in ms (a valid rep's always parses; anything else sorts last). */
function seenMs(rep: Rep): number {
  const ms = Date.parse(rep.firstSeenAt);
  return Number.isNaN(ms) ? Infinity : ms;
}

/**
 * `record` with each reference to a merged rep (a key of `merges`) replaced by the kept one's
 * id: its `repId` (deals, commitments, scores, notes, call reviews) and, in a call review, the
 * `linked.repId` of each version in its `history`. Nothing else changes (a review's `repName`
 * stays as it was typed or shown). A record naming no merged rep (a `repId` that is no string
 * included) is given back as the same object; nothing is mutated.
 */
export function withKeptRep<T>(record: T, merges: ReadonlyMap<string, string>): T {
  if (merges.size === 0) return record;
  const top = withRekeyedField(record, 'repId', merges);
  const history = (record as { history?: unknown } | null)?.history;
  if (!Array.isArray(history)) return top;
  const versions = history.map((version: unknown) => {
    const linked = (version as { linked?: unknown } | null)?.linked;
    const next = withRekeyedField(linked, 'repId', merges);
    return next === linked ? version : { ...(version as object), linked: next };
  });
  return versions.every((v, i) => v === history[i]) ? top : ({ ...top, history: versions } as T);
}
