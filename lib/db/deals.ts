import { dealRecordSchema, repIdOf, repSchema, type DealRecord, type DealSnapshotData, type Rep } from '../model';
import type { DB } from './open';
import { keepValid, validOrNull } from './validate';
import { PIPELINE_STORES, pipelineStoresOf, refreshPipelineEntry } from './pipeline';

export async function getDeal(db: DB, key: string): Promise<DealRecord | null> {
  return validOrNull(dealRecordSchema, await db.get('deals', key), 'deal');
}

/**
 * Record what a page showed. Creates the rep the first time an owner is seen.
 * Returns whether anything a person would see changed, so the caller can skip
 * a broadcast when a page re-reports the same fields.
 */
export async function upsertDealFromSnapshot(
  db: DB,
  key: string,
  snapshot: DealSnapshotData,
  nowIso: string,
): Promise<{ deal: DealRecord; changed: boolean }> {
  // the pipeline stores too: the deal's pipeline summaries are rewritten in this transaction
  const tx = db.transaction([...PIPELINE_STORES, 'reps'], 'readwrite');
  const existing = validOrNull(dealRecordSchema, await tx.objectStore('deals').get(key), 'deal');
  const repId = snapshot.owner ? repIdOf(snapshot.crm, snapshot.owner) : existing?.repId;
  const deal: DealRecord = {
    key,
    snapshot,
    firstSeenAt: existing?.firstSeenAt ?? nowIso,
    lastSeenAt: nowIso,
    ...(repId ? { repId } : {}),
  };
  const changed = !existing || !sameFields(existing.snapshot, snapshot);
  await tx.objectStore('deals').put(deal);
  await refreshPipelineEntry(pipelineStoresOf(tx), key, { deal }, nowIso);
  if (snapshot.owner && repId && !(await tx.objectStore('reps').get(repId))) {
    const rep: Rep = { id: repId, crm: snapshot.crm, name: snapshot.owner, firstSeenAt: nowIso };
    await tx.objectStore('reps').put(rep);
  }
  await tx.done;
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
