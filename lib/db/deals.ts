import { dealRecordSchema, repIdOf, repSchema, type DealRecord, type DealSnapshotData, type Rep } from '../model';
import type { DB } from './open';
import { keepValid, validOrNull } from './validate';
import { sameName } from '../words';
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { PipelineStores } from './pipeline';
import type { DealsideDB } from './schema';

export async function getDeal(db: DB, key: string): Promise<DealRecord | null> {
  return validOrNull(dealRecordSchema, await db.get('deals', key), 'deal');
}

/** The stores writing a deal needs, from the caller's readwrite transaction. */
export type DealWriteStores = PipelineStores & { reps: IDBPObjectStore<DealsideDB, ArrayLike<StoreNames<DealsideDB>>, 'reps', 'readwrite'> };

/**
 * Asked before a report creates a deal or a rep (what it would create): throws to refuse
 * (the caller's transaction is then aborted, nothing written). lib/rules/record-quota.ts.
 */
export type AdmitNewRecords = (created: { deal: boolean; rep: boolean }) => void;

/**
 * Record what a page showed, inside the caller's transaction. Creates the rep
 * the first time an owner is seen. Returns whether anything a person would
 * see changed, so the caller can skip a broadcast when a page re-reports the
 * same fields. The pipeline summary is the caller's to refresh (it may write
 * the deal's next step too): lib/db/record-snapshot.ts.
 */
export async function writeDealSnapshot(
  stores: DealWriteStores,
  key: string,
  snapshot: DealSnapshotData,
  nowIso: string,
  admit?: AdmitNewRecords,
): Promise<{ deal: DealRecord; changed: boolean }> {
  const existing = validOrNull(dealRecordSchema, await stores.deals.get(key), 'deal');
  const owner = snapshot.owner;
  let repId = owner ? repIdOf(snapshot.crm, owner) : existing?.repId;
  let newRep = false;
  if (owner && repId && !(await stores.reps.get(repId))) {
    // The same person in other capitals (one layout or list writes "dana reyes", another "Dana
    // Reyes") is the rep already known: one row on the scorecard, and the deal stays in it.
    const same = keepValid(repSchema, await stores.reps.getAll(), 'rep').find((r) => r.crm === snapshot.crm && sameName(r.name, owner));
    if (same) repId = same.id;
    else newRep = true;
  }
  if (!existing || newRep) admit?.({ deal: !existing, rep: newRep });
  const deal: DealRecord = {
    key,
    snapshot,
    firstSeenAt: existing?.firstSeenAt ?? nowIso,
    lastSeenAt: nowIso,
    ...(repId ? { repId } : {}),
  };
  const changed = !existing || !sameFields(existing.snapshot, snapshot);
  await stores.deals.put(deal);
  if (newRep) {
    const rep: Rep = { id: repId!, crm: snapshot.crm, name: owner!, firstSeenAt: nowIso };
    await stores.reps.put(rep);
  }
  return { deal, changed };
}

function sameFields(a: DealSnapshotData, b: DealSnapshotData): boolean {
  const { readAt: _a, url: _ua, ...restA } = a;
  const { readAt: _b, url: _ub, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

export async function listReps(db: DB): Promise<Rep[]> {
  const reps = keepValid(repSchema, await db.getAll('reps'), 'rep');
  return reps.sort((a, b) => a.name.localeCompare(b.name));
}
