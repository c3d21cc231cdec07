/**
 * Backing up and restoring the user's records (file format: lib/backup/format.ts).
 *
 * Export reads every source store in one readonly transaction, so the file is
 * one consistent moment. Restore is one readwrite transaction over the source
 * AND derived stores: it adds records whose key is not stored yet, stores the
 * backup's later version of a record that may only move forward (an open
 * commitment's outcome, a draft call review's completion) and the backup's
 * valid copy of a damaged stored record (unless it shows a later state than
 * that copy), then rebuilds the derived stores from everything now stored
 * (lib/db/derived.ts). A backup's rep that is a stored rep, its name aside from
 * case and spacing, is not added: its records are filed under the stored one
 * (lib/backup/rekey.ts `withKeptReps`). Any failure aborts the transaction, so a
 * restore either happens whole or changes nothing.
 */
import type { StoreValue } from 'idb';
import type { z } from 'zod';
import { noteSchema, soundSettingsOf } from '../model';
import { noteDraftDealKey } from '../model/keys';
import {
  ADVANCE_STORES,
  BACKUP_FORMAT,
  BACKUP_STORES,
  BACKUP_VERSION,
  RECORD_SPECS,
  RECORD_STORES,
  zeroCounts,
  type Backup,
  type BackupEnvelope,
  type BackupRecords,
  type RecordStore,
} from '../backup/format';
import { dealKeysTouched, planRestore, reportOf, type ExistingKeys, type RestorePlan, type RestoreReport } from '../backup/plan';
import { withOrgKeys } from '../backup/rekey';
import { userTimeZone } from '../dates';
import type { DB } from './open';
import type { DealsideDB } from './schema';
import { keepValid } from './validate';
import { DERIVED_STORES, inParallel, rebuildDerived } from './derived';
import { storedSettings } from './settings';
import { withCurrentMediaKey } from '../calls/address';

const RESTORE_STORES = [...BACKUP_STORES, ...DERIVED_STORES] as const;

function openRestore(db: DB) {
  return db.transaction(RESTORE_STORES, 'readwrite');
}
type RestoreTx = ReturnType<typeof openRestore>;

/**
 * Every valid source record, as of one moment. Invalid (damaged) stored records
 * are left out (and logged), as every read does, and counted in `leftOut` so
 * the person learns the file lacks them.
 */
export async function exportBackup(db: DB, now: Date): Promise<Backup> {
  const tx = db.transaction(BACKUP_STORES, 'readonly');
  const leftOut = zeroCounts();
  const [lists, stored] = await Promise.all([
    Promise.all(
      RECORD_STORES.map(async (store) => {
        const rows = await tx.objectStore(store).getAll();
        const valid = keepValid(RECORD_SPECS[store].schema, rows, store);
        leftOut[store] = rows.length - valid.length;
        return [store, valid] as const;
      }),
    ),
    tx.objectStore('settings').get('settings'),
    tx.done,
  ]);
  // field by field, as the app reads them: one field a later version wrote (or damage) must not cost
  // the file the user's name, role and CRM sites; only a record that is no object at all is left out
  const settings = stored === undefined ? null : soundSettingsOf(stored);
  if (stored !== undefined && settings === null) leftOut.settings = 1;
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    dbVersion: db.version,
    stores: { ...(Object.fromEntries(lists) as { [S in RecordStore]: BackupRecords[S][] }), settings },
    leftOut,
  };
}

/** A backup's call reviews keyed as migration v9 keys them (a long page address: its start and a digest). */
function withCurrentMediaKeys(backup: BackupEnvelope): BackupEnvelope {
  const callReviews = backup.stores.callReviews.map(withCurrentMediaKey);
  return callReviews.every((r, i) => r === backup.stores.callReviews[i]) ? backup : { ...backup, stores: { ...backup.stores, callReviews } };
}

export interface RestoreOutcome {
  report: RestoreReport;
  /** deals that gained, or had updated or repaired, a record (their open sidebars should reload) */
  dealKeys: string[];
}

/**
 * Add `backup`'s records that are not stored yet, store its later version of
 * an open commitment or a draft call review (`planRestore`), replace damaged
 * stored records with its valid copies (none showing a later state than its
 * copy: an outcome, a completion), and rebuild the derived stores, all in
 * one transaction. Nothing is deleted, and no valid stored record changes
 * otherwise; settings follow `restoredSettings` (lib/backup/restored-settings.ts): the
 * backup's are taken when these name no user and the backup's do, or when
 * none are stored here (this browser's sidebar layout and covered-click
 * protection kept, or at their defaults), and the backup's CRM sites not listed here are added. `now` is the
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
    const rekeyed = withCurrentMediaKeys(withOrgKeys(backup, await tx.objectStore('deals').getAllKeys()));
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

interface StoredOf<S extends RecordStore> {
  /** keys of the records that pass their schema */
  valid: Set<string>;
  /** keys of the records that fail it */
  damaged: Set<string>;
  /** the valid records by key, for the stores a backup may move forward and the reps (a backup's rep may be one of them: empty for the others) */
  records: Map<string, BackupRecords[S]>;
  /** the damaged records as stored, by key, for the stores a backup may move forward: a backup's copy must not set one back */
  damagedRecords: Map<string, unknown>;
}

/** One store's keys, sorted into valid and damaged records by the store's schema (as every read checks them). */
async function storedOf<S extends RecordStore>(tx: RestoreTx, store: S): Promise<StoredOf<S>> {
  const target = tx.objectStore(store);
  // both in key order, in one transaction: the i-th key is the i-th record's
  const [keys, rows] = await Promise.all([target.getAllKeys(), target.getAll()]);
  const schema: z.ZodType<BackupRecords[S]> = RECORD_SPECS[store].schema;
  const advances = (ADVANCE_STORES as readonly RecordStore[]).includes(store);
  const keepRecords = advances || store === 'reps';
  const out: StoredOf<S> = { valid: new Set(), damaged: new Set(), records: new Map(), damagedRecords: new Map() };
  keys.forEach((k, i) => {
    const key = String(k);
    const parsed = schema.safeParse(rows[i]);
    if (!parsed.success) {
      out.damaged.add(key);
      if (advances) out.damagedRecords.set(key, rows[i]);
    } else {
      out.valid.add(key);
      if (keepRecords) out.records.set(key, parsed.data);
    }
  });
  return out;
}

async function existingKeysOf(tx: RestoreTx, backup: BackupEnvelope): Promise<ExistingKeys> {
  const [lists, settings, latestNoteAt] = await Promise.all([
    Promise.all(RECORD_STORES.map(async (store) => [store, await storedOf(tx, store)] as const)),
    tx.objectStore('settings').get('settings'),
    latestNotesOf(tx, backup),
  ]);
  const byStore = Object.fromEntries(lists) as { [S in RecordStore]: StoredOf<S> };
  return {
    ...(Object.fromEntries(lists.map(([store, s]) => [store, s.valid])) as { [S in RecordStore]: Set<string> }),
    damaged: Object.fromEntries(lists.map(([store, s]) => [store, s.damaged])) as { [S in RecordStore]: Set<string> },
    stored: { commitments: byStore.commitments.records, callReviews: byStore.callReviews.records, reps: byStore.reps.records },
    damagedRecords: { commitments: byStore.commitments.damagedRecords, callReviews: byStore.callReviews.damagedRecords },
    // as the app reads them (lib/db/settings.ts): a damaged field reads as its default, on its own
    settings: settings === undefined ? null : storedSettings(settings),
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
  for (const store of RECORD_STORES) {
    await addAll(tx, store, plan.add[store]);
    await putAll(tx, store, plan.replace[store]);
  }
  // `put`: planned from the settings read in this same transaction, so nothing written meanwhile can be replaced
  if (plan.add.settings) await tx.objectStore('settings').put(plan.add.settings, 'settings');
}

function addAll<S extends RecordStore>(tx: RestoreTx, store: S, records: readonly BackupRecords[S][]): Promise<void> {
  const target = tx.objectStore(store);
  // `add` refuses an existing key: the plan already skipped those, so a refusal means something changed underneath
  return inParallel(records, (r) => target.add(r as StoreValue<DealsideDB, S>));
}

/**
 * `put` over stored records: planned from the records read in this same
 * transaction (an open commitment, a draft review, a damaged record), so
 * nothing written meanwhile can be replaced.
 */
function putAll<S extends RecordStore>(tx: RestoreTx, store: S, records: readonly BackupRecords[S][]): Promise<void> {
  const target = tx.objectStore(store);
  return inParallel(records, (r) => target.put(r as StoreValue<DealsideDB, S>));
}
