/**
 * The backup file: every SOURCE record the user has, as one JSON object they
 * save on their own computer. The derived stores (`pipeline`, `repPipelines`,
 * `repWeeks`) are never written to it: they are rebuilt from the records on
 * restore, so a backup can never carry counts that disagree with its records.
 *
 * Pure (zod only): the envelope is checked as a whole, each record on its own
 * with its kind's schema, so one damaged record costs that record, not the file.
 */
import { z } from 'zod';
import {
  callReviewSchema,
  commitmentSchema,
  dealRecordSchema,
  draftSchema,
  isoInstant,
  nextStepSchema,
  noteSchema,
  repSchema,
  scoreSchema,
  settingsSchema,
  type CallReview,
  type Commitment,
  type DealRecord,
  type Draft,
  type NextStep,
  type Note,
  type Rep,
  type Score,
  type Settings,
} from '../model';

export const BACKUP_FORMAT = 'dealside-backup';
/** Bump when a reader of the old format could misread the new one; older Dealsides then refuse it clearly. */
export const BACKUP_VERSION = 1;

/** The record kind each source store holds. */
export interface BackupRecords {
  deals: DealRecord;
  reps: Rep;
  commitments: Commitment;
  nextSteps: NextStep;
  scores: Score;
  notes: Note;
  callReviews: CallReview;
  drafts: Draft;
}
/** The source stores holding many records (settings is the one single-record store). */
export type RecordStore = keyof BackupRecords;
export type BackupStore = RecordStore | 'settings';

export const RECORD_STORES = [
  'deals',
  'reps',
  'commitments',
  'nextSteps',
  'scores',
  'notes',
  'callReviews',
  'drafts',
] as const satisfies readonly RecordStore[];
export const BACKUP_STORES = [...RECORD_STORES, 'settings'] as const satisfies readonly BackupStore[];

interface RecordSpec<T> {
  schema: z.ZodType<T>;
  /** the record's key in its store (the store's keyPath) */
  keyOf: (record: T) => string;
}

/** Each store's schema and key: what a record must be to be restored, and how "already here" is decided. */
export const RECORD_SPECS: { [S in RecordStore]: RecordSpec<BackupRecords[S]> } = {
  deals: { schema: dealRecordSchema, keyOf: (r) => r.key },
  reps: { schema: repSchema, keyOf: (r) => r.id },
  commitments: { schema: commitmentSchema, keyOf: (r) => r.id },
  nextSteps: { schema: nextStepSchema, keyOf: (r) => r.dealKey },
  scores: { schema: scoreSchema, keyOf: (r) => r.id },
  notes: { schema: noteSchema, keyOf: (r) => r.id },
  callReviews: { schema: callReviewSchema, keyOf: (r) => r.id },
  drafts: { schema: draftSchema, keyOf: (r) => r.key },
};

/** A backup as `exportBackup` writes it: only valid records. */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** when it was made (UTC instant) */
  exportedAt: string;
  /** the database version it was read from (informational: records are checked by their schemas) */
  dbVersion: number;
  stores: { [S in RecordStore]: BackupRecords[S][] } & { settings: Settings | null };
}

const records = z.array(z.unknown());
/** The envelope as read back: records stay `unknown` until each is checked on its own. */
const envelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: isoInstant,
  dbVersion: z.number().int().min(1),
  stores: z.object({
    deals: records,
    reps: records,
    commitments: records,
    nextSteps: records,
    scores: records,
    notes: records,
    callReviews: records,
    drafts: records,
    /** null when there were none; anything else is checked by settingsSchema like any record */
    settings: z.unknown(),
  }),
});
export type BackupEnvelope = z.infer<typeof envelopeSchema>;

export type ReadBackupResult = { ok: true; backup: BackupEnvelope } | { ok: false; error: string };

/**
 * Check that `input` (a parsed JSON file) is a backup this Dealside can read.
 * The errors are written for the person who picked the file.
 */
export function readBackup(input: unknown): ReadBackupResult {
  const fail = (error: string): ReadBackupResult => ({ ok: false, error });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail('This file is not a Dealside backup: it does not hold a backup object.');
  }
  const { format, version } = input as { format?: unknown; version?: unknown };
  if (format !== BACKUP_FORMAT) {
    return fail('This file is not a Dealside backup: choose a file saved with "Download backup".');
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('This Dealside backup has no valid version number, so it cannot be read safely.');
  }
  if (version > BACKUP_VERSION) {
    return fail(
      `This backup was made by a newer Dealside (backup version ${version}; this one reads version ${BACKUP_VERSION}). ` +
        'Update Dealside, then restore it.',
    );
  }
  const parsed = envelopeSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'the file';
    return fail(`This Dealside backup is damaged and was not restored (${where}: ${issue?.message ?? 'invalid'}).`);
  }
  return { ok: true, backup: parsed.data };
}

export type StoreCounts = Record<BackupStore, number>;

/** What a restore did, per store. */
export interface RestoreReport {
  added: StoreCounts;
  /** a record with the same key was already stored: the stored one was kept, untouched */
  alreadyPresent: StoreCounts;
  /** failed its schema (or repeated a key earlier in the same file): skipped */
  invalid: StoreCounts;
}

/** What is stored now: the keys per store, and whether settings exist. */
export type ExistingKeys = { [S in RecordStore]: ReadonlySet<string> } & { settings: boolean };

export interface RestorePlan {
  /** the validated records to add (parsed forms: unknown fields dropped) */
  add: { [S in RecordStore]: BackupRecords[S][] } & { settings: Settings | null };
  alreadyPresent: StoreCounts;
  invalid: StoreCounts;
}

export const zeroCounts = (): StoreCounts =>
  Object.fromEntries(BACKUP_STORES.map((s) => [s, 0])) as StoreCounts;

function planStore<S extends RecordStore>(store: S, rows: unknown[], existing: ReadonlySet<string>) {
  const { schema, keyOf } = RECORD_SPECS[store];
  const add: BackupRecords[S][] = [];
  const planned = new Set<string>();
  let alreadyPresent = 0;
  let invalid = 0;
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      invalid++;
      continue;
    }
    const key = keyOf(parsed.data);
    if (existing.has(key)) alreadyPresent++;
    // a file written by exportBackup never repeats a key: a repeat is damage, and adding it would fail the whole restore
    else if (planned.has(key)) invalid++;
    else {
      planned.add(key);
      add.push(parsed.data);
    }
  }
  return { add, alreadyPresent, invalid };
}

/**
 * Decide, record by record, what restoring `backup` over what is stored does.
 * Only records whose key is not stored yet are added: a restore never
 * replaces or removes anything, so it can never lose data. Settings are taken
 * from the backup only when none are stored.
 */
export function planRestore(backup: BackupEnvelope, existing: ExistingKeys): RestorePlan {
  const alreadyPresent = zeroCounts();
  const invalid = zeroCounts();
  const add = {} as Record<RecordStore, unknown[]>;
  for (const store of RECORD_STORES) {
    const planned = planStore(store, backup.stores[store], existing[store]);
    add[store] = planned.add;
    alreadyPresent[store] = planned.alreadyPresent;
    invalid[store] = planned.invalid;
  }
  let settings: Settings | null = null;
  if (backup.stores.settings !== null) {
    const parsed = settingsSchema.safeParse(backup.stores.settings);
    if (!parsed.success) invalid.settings = 1;
    else if (existing.settings) alreadyPresent.settings = 1;
    else settings = parsed.data;
  }
  return { add: { ...(add as { [S in RecordStore]: BackupRecords[S][] }), settings }, alreadyPresent, invalid };
}

export function reportOf(plan: RestorePlan): RestoreReport {
  const added = zeroCounts();
  for (const store of RECORD_STORES) added[store] = plan.add[store].length;
  added.settings = plan.add.settings ? 1 : 0;
  return { added, alreadyPresent: { ...plan.alreadyPresent }, invalid: { ...plan.invalid } };
}

/** The deals a restore adds anything to (their sidebars should reload). */
export function dealKeysTouched(plan: RestorePlan): string[] {
  const keys = new Set<string>(plan.add.deals.map((d) => d.key));
  for (const list of [plan.add.commitments, plan.add.nextSteps, plan.add.scores, plan.add.notes, plan.add.callReviews]) {
    for (const r of list) if (r.dealKey) keys.add(r.dealKey);
  }
  return [...keys];
}
