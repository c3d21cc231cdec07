/**
 * The backup file: every SOURCE record the user has, as one JSON object they
 * save on their own computer. The derived stores (`pipeline`, `repPipelines`,
 * `repWeeks`, `repOpenDues`) are never written to it: they are rebuilt from the records on
 * restore, so a backup can never carry counts that disagree with its records.
 *
 * Pure (zod only): the envelope is checked as a whole, each record on its own
 * with its kind's schema, so one damaged record costs that record, not the file
 * (the restore plan checks them: lib/backup/plan.ts).
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
import { completedOver, repairsPromise, repairsReview, resolvedOver } from './advance';

export const BACKUP_FORMAT = 'dealside-backup';
/**
 * Bump when a reader of the old format could misread the new one; older Dealsides then refuse it clearly.
 * 2: Salesforce deal keys name the org (database v7); a Dealside reading 1 would file such a deal's
 * records under keys it never looks up. 3: Dynamics 365 deal keys name the org too (database v8), the same
 * way. Version 1 and 2 files are still read: `withOrgKeys` (lib/backup/rekey.ts) re-keys them.
 */
export const BACKUP_VERSION = 3;
/** The versions this Dealside reads. */
const READABLE_VERSIONS = [1, 2, 3] as const;

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

export interface RecordSpec<T> {
  schema: z.ZodType<T>;
  /** the record's key in its store (the store's keyPath) */
  keyOf: (record: T) => string;
  /** every instant the record holds (unset ones as undefined): none may lie in the future */
  instantsOf: (record: T) => (string | undefined)[];
  /**
   * The one step forward a backup may take a stored (valid) record of this kind
   * through (lib/backup/advance.ts): the record to store instead, or null to
   * keep the stored one. Kinds without it: a stored record is always kept.
   */
  advance?: (here: T, theirs: T) => T | null;
  /**
   * Whether the backup's valid copy may replace a DAMAGED stored record of this
   * kind (`here` as stored, unchecked): not when that one shows a later state
   * than the copy (lib/backup/advance.ts). Kinds without it: always.
   */
  repairs?: (here: unknown, theirs: T) => boolean;
}

/** The stores whose stored records a backup may move forward (their spec has `advance`). */
export const ADVANCE_STORES = ['commitments', 'callReviews'] as const satisfies readonly RecordStore[];
export type AdvanceStore = (typeof ADVANCE_STORES)[number];

/** Each store's schema, key and instants: what a record must be to be restored, and how "already here" is decided. */
export const RECORD_SPECS: { [S in RecordStore]: RecordSpec<BackupRecords[S]> } = {
  deals: { schema: dealRecordSchema, keyOf: (r) => r.key, instantsOf: (r) => [r.firstSeenAt, r.lastSeenAt, r.snapshot.readAt] },
  reps: { schema: repSchema, keyOf: (r) => r.id, instantsOf: (r) => [r.firstSeenAt] },
  commitments: { schema: commitmentSchema, keyOf: (r) => r.id, instantsOf: (r) => [r.statedAt, r.resolution?.at], advance: resolvedOver, repairs: repairsPromise },
  nextSteps: { schema: nextStepSchema, keyOf: (r) => r.dealKey, instantsOf: (r) => [r.textChangedAt, r.doneAt, r.updatedAt, r.crmClearedAt] },
  scores: { schema: scoreSchema, keyOf: (r) => r.id, instantsOf: (r) => [r.at] },
  notes: { schema: noteSchema, keyOf: (r) => r.id, instantsOf: (r) => [r.at] },
  callReviews: {
    schema: callReviewSchema,
    keyOf: (r) => r.id,
    instantsOf: (r) => [
      r.startedAt,
      r.updatedAt,
      r.completedAt,
      ...r.pins.map((p) => p.createdAt),
      ...r.history.flatMap((h) => [h.completedAt, h.supersededAt, ...h.pins.map((p) => p.createdAt)]),
    ],
    advance: completedOver,
    repairs: repairsReview,
  },
  drafts: { schema: draftSchema, keyOf: (r) => r.key, instantsOf: (r) => [r.updatedAt] },
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
  /**
   * Per store, the stored records that failed their check (damaged) and so are
   * not in `stores`: Options tells the person. Informational: a restore ignores it.
   */
  leftOut: StoreCounts;
}

const records = z.array(z.unknown());
/** The envelope as read back: records stay `unknown` until each is checked on its own. */
const envelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.union(READABLE_VERSIONS.map((v) => z.literal(v))),
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
    /** null when there were none; anything else is read field by field (`soundSettingsOf`), as the app reads settings */
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

export const zeroCounts = (): StoreCounts =>
  Object.fromEntries(BACKUP_STORES.map((s) => [s, 0])) as StoreCounts;
