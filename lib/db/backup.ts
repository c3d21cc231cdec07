/**
 * Backing up and restoring the user's records (file format: lib/backup/format.ts).
 *
 * Export reads every source store in one readonly transaction, so the file is
 * one consistent moment. Restore is one readwrite transaction over the source
 * AND derived stores: it only adds records whose key is not stored yet, then
 * rebuilds the derived stores from everything now stored. Any failure aborts
 * the transaction, so a restore either happens whole or changes nothing.
 */
import type { StoreValue } from 'idb';
import {
  commitmentSchema,
  dealRecordSchema,
  DEFAULT_SETTINGS,
  nextStepSchema,
  noteSchema,
  scoreSchema,
  settingsSchema,
} from '../model';
import { noteDraftDealKey } from '../model/keys';
import {
  BACKUP_FORMAT,
  BACKUP_STORES,
  BACKUP_VERSION,
  RECORD_SPECS,
  RECORD_STORES,
  dealKeysTouched,
  planRestore,
  withSalesforceOrgKeys,
  reportOf,
  type Backup,
  type BackupEnvelope,
  type BackupRecords,
  type ExistingKeys,
  type RecordStore,
  type RestorePlan,
  type RestoreReport,
} from '../backup/format';
import { derivedRecordsOf } from '../scorecard/derived';
import { userTimeZone } from '../dates';
import type { DB } from './open';
import type { DealsideDB } from './schema';
import { keepValid, validOrNull } from './validate';

/** Built from the source records; never in a backup, rebuilt by every restore. */
const DERIVED_STORES = ['pipeline', 'repPipelines', 'repWeeks'] as const;
const RESTORE_STORES = [...BACKUP_STORES, ...DERIVED_STORES] as const;

function openRestore(db: DB) {
  return db.transaction(RESTORE_STORES, 'readwrite');
}
type RestoreTx = ReturnType<typeof openRestore>;

/** Every valid source record, as of one moment. Invalid stored records are left out (and logged), as every read does. */
export async function exportBackup(db: DB, now: Date): Promise<Backup> {
  const tx = db.transaction(BACKUP_STORES, 'readonly');
  const [lists, settings] = await Promise.all([
    Promise.all(RECORD_STORES.map(async (store) => [store, keepValid(RECORD_SPECS[store].schema, await tx.objectStore(store).getAll(), store)] as const)),
    tx.objectStore('settings').get('settings'),
    tx.done,
  ]);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    dbVersion: db.version,
    stores: { ...(Object.fromEntries(lists) as { [S in RecordStore]: BackupRecords[S][] }), settings: validOrNull(settingsSchema, settings, 'settings') },
  };
}

export interface RestoreOutcome {
  report: RestoreReport;
  /** deals that gained a record (their open sidebars should reload) */
  dealKeys: string[];
}

/**
 * Add `backup`'s records that are not stored yet and rebuild the derived
 * stores, all in one transaction. No stored record is ever replaced or
 * deleted; settings follow `restoredSettings` (lib/backup/format.ts): the
 * backup's are taken when these name no user (this browser's sidebar layout
 * kept), and the backup's CRM sites not listed here are added. `now` is the
 * moment no restored instant may be later than (beyond the clock-skew
 * allowance); `now` and `timeZone` are also the rebuild's, as for a write
 * made at that moment.
 */
export async function restoreBackup(
  db: DB,
  backup: BackupEnvelope,
  { now = new Date(), timeZone = userTimeZone() }: { now?: Date; timeZone?: string } = {},
): Promise<RestoreOutcome> {
  const tx = openRestore(db);
  try {
    const rekeyed = withSalesforceOrgKeys(backup, await tx.objectStore('deals').getAllKeys());
    const plan = planRestore(rekeyed, await existingKeysOf(tx, rekeyed), now);
    await addPlanned(tx, plan);
    await rebuildDerived(tx, { now, timeZone });
    await tx.done;
    return { report: reportOf(plan), dealKeys: dealKeysTouched(plan) };
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // a failed request has already aborted it
    }
    await tx.done.catch(() => {});
    throw e;
  }
}

async function existingKeysOf(tx: RestoreTx, backup: BackupEnvelope): Promise<ExistingKeys> {
  const [lists, settings, latestNoteAt] = await Promise.all([
    Promise.all(RECORD_STORES.map(async (store) => [store, new Set(await tx.objectStore(store).getAllKeys())] as const)),
    tx.objectStore('settings').get('settings'),
    latestNotesOf(tx, backup),
  ]);
  return {
    ...(Object.fromEntries(lists) as { [S in RecordStore]: Set<string> }),
    // as the app reads them (lib/db/settings.ts): an unreadable record reads as the defaults
    settings: settings === undefined ? null : (settingsSchema.safeParse(settings).data ?? DEFAULT_SETTINGS),
    latestNoteAt,
  };
}

/** For the deal of each note draft in `backup`, the latest `at` of its stored valid notes (deals with none are left out). */
async function latestNotesOf(tx: RestoreTx, backup: BackupEnvelope): Promise<Map<string, string>> {
  const dealKeys = new Set<string>();
  for (const row of backup.stores.drafts) {
    const key = (row as { key?: unknown } | null)?.key;
    const dealKey = typeof key === 'string' ? noteDraftDealKey(key) : undefined;
    if (dealKey) dealKeys.add(dealKey);
  }
  const byDeal = tx.objectStore('notes').index('byDeal');
  const latest = new Map<string, string>();
  await Promise.all(
    [...dealKeys].map(async (dealKey) => {
      for (const row of await byDeal.getAll(dealKey)) {
        const note = noteSchema.safeParse(row).data;
        const before = latest.get(dealKey);
        if (note && (before === undefined || Date.parse(note.at) > Date.parse(before))) latest.set(dealKey, note.at);
      }
    }),
  );
  return latest;
}

async function addPlanned(tx: RestoreTx, plan: RestorePlan): Promise<void> {
  for (const store of RECORD_STORES) await addAll(tx, store, plan.add[store]);
  // `put`: planned from the settings read in this same transaction, so nothing written meanwhile can be replaced
  if (plan.add.settings) await tx.objectStore('settings').put(plan.add.settings, 'settings');
}

function addAll<S extends RecordStore>(tx: RestoreTx, store: S, records: readonly BackupRecords[S][]): Promise<void> {
  const target = tx.objectStore(store);
  // `add` refuses an existing key: the plan already skipped those, so a refusal means something changed underneath
  return inParallel(records, (r) => target.add(r as StoreValue<DealsideDB, S>));
}

/** Clear the derived stores and write them again from every valid source record now stored (pre-existing ones included). */
async function rebuildDerived(tx: RestoreTx, at: { now: Date; timeZone: string }): Promise<void> {
  const [deals, nextSteps, commitments, scores, notes] = await Promise.all([
    tx.objectStore('deals').getAll(),
    tx.objectStore('nextSteps').getAll(),
    tx.objectStore('commitments').getAll(),
    tx.objectStore('scores').getAll(),
    tx.objectStore('notes').getAll(),
  ]);
  const derived = derivedRecordsOf(
    {
      deals: keepValid(dealRecordSchema, deals, 'deal'),
      nextSteps: keepValid(nextStepSchema, nextSteps, 'next step'),
      commitments: keepValid(commitmentSchema, commitments, 'commitment'),
      scores: keepValid(scoreSchema, scores, 'score'),
      notes: keepValid(noteSchema, notes, 'note'),
    },
    at,
  );
  await Promise.all(DERIVED_STORES.map((store) => tx.objectStore(store).clear()));
  const pipeline = tx.objectStore('pipeline');
  const repPipelines = tx.objectStore('repPipelines');
  const repWeeks = tx.objectStore('repWeeks');
  await Promise.all([
    inParallel(derived.pipeline, (e) => pipeline.put(e)),
    inParallel(derived.repPipelines, (b) => repPipelines.put(b)),
    inParallel(derived.repWeeks, (w) => repWeeks.put(w)),
  ]);
}

/**
 * Issue one request per item without waiting for each (IndexedDB runs them in
 * order), then wait for all; the first failure is rethrown. Each request is
 * marked handled as soon as it exists, so the ones an abort cancels do not
 * surface as unhandled rejections.
 */
async function inParallel<T>(items: Iterable<T>, request: (item: T) => Promise<unknown>): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (const item of items) {
    const p = request(item);
    p.catch(() => {});
    pending.push(p);
  }
  await Promise.all(pending);
}
