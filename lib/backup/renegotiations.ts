/**
 * The restore plan's rules for renegotiated promises: a plan never moves a promise
 * to `renegotiated` without the promise that replaced it, nor adds a replacement
 * the promise it names, as it will stand, was not renegotiated to. Each rule takes
 * such records out of the commitments' plan (lib/backup/plan.ts `planStore`), in
 * place, counting them already present. Pure.
 */
import type { Commitment } from '../model';

/** The part of the commitments' plan these rules read and change. */
export interface PlannedCommitments {
  add: Commitment[];
  replace: Commitment[];
  alreadyPresent: number;
  updated: number;
}

/** The promises as they will stand once the plan is carried out: those stored, with the file's added and replaced. */
function standingAfter(planned: PlannedCommitments, stored: ReadonlyMap<string, Commitment>): Map<string, Commitment> {
  const there = new Map(stored);
  for (const c of [...planned.add, ...planned.replace]) there.set(c.id, c);
  return there;
}

/**
 * A promise open here moves to the backup's `renegotiated` only together with
 * the promise that replaced it (restored by the same file, or stored here):
 * without it, no open promise would be left for what the rep still owes. Such
 * a version is not taken; the open one here is kept (counted already present).
 */
function keepReplacedOpen(planned: PlannedCommitments, stored: ReadonlyMap<string, Commitment>): number {
  const there = standingAfter(planned, stored);
  // the promise that replaced it: another one, on the same deal
  const replaced = (c: Commitment) => {
    const by = there.get(c.resolution?.replacedBy ?? '');
    return by !== undefined && by.id !== c.id && by.dealKey === c.dealKey;
  };
  const orphan = (c: Commitment) => stored.has(c.id) && c.status === 'renegotiated' && !replaced(c);
  const orphans = planned.replace.filter(orphan).length;
  if (orphans === 0) return 0;
  planned.replace = planned.replace.filter((c) => !orphan(c));
  planned.updated -= orphans;
  planned.alreadyPresent += orphans;
  return orphans;
}

/**
 * A backup's promise that replaced another (`renegotiatedFrom`) is added only while that one, as
 * it will stand, was renegotiated to it: kept here, or renegotiated here to another promise, it
 * replaces nothing, and adding it would leave the rep owing a promise nothing in the history leads
 * to. Not added (counted already present: what the rep owes is here). A promise it names that is
 * neither here nor in the file: nothing to judge by, it is added.
 */
function keepReplacementsLed(planned: PlannedCommitments, stored: ReadonlyMap<string, Commitment>): number {
  const there = standingAfter(planned, stored);
  const unled = (c: Commitment) => {
    const from = c.renegotiatedFrom === undefined ? undefined : there.get(c.renegotiatedFrom);
    return from !== undefined && (from.status !== 'renegotiated' || from.resolution?.replacedBy !== c.id);
  };
  const count = planned.add.filter(unled).length;
  if (count === 0) return 0;
  planned.add = planned.add.filter((c) => !unled(c));
  planned.alreadyPresent += count;
  return count;
}

/** Both rules above, until neither takes a promise out (each can leave the other something to do). */
export function keepRenegotiationsWhole(planned: PlannedCommitments, stored: ReadonlyMap<string, Commitment>): void {
  while (keepReplacedOpen(planned, stored) + keepReplacementsLed(planned, stored) > 0);
}
