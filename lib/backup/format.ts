/**
 * The backup file: every SOURCE record the user has, as one JSON object they
 * save on their own computer. The derived stores (`pipeline`, `repPipelines`,
 * `repWeeks`, `repOpenDues`) are never written to it: they are rebuilt from the records on
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
  soundSettingsOf,
  mergeLearnedDateOrders,
  DEFAULT_SETTINGS,
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
import { MAX_CRM_SITES, parseSiteAddress } from '../crm/crm-sites';
import { noteDraftDealKey } from '../model/keys';
import { addedSiteKeysOfDeals, isOrglessKey, orgKeysOfDeals, orgKeysOfStoredDeals, rekeyedDraftKey, withRekeyedField } from '../model/org-keys';
import { completedOver, repairsPromise, repairsReview, resolvedOver } from './advance';
import { REP_NAMING_STORES, repMergesOf, withKeptRep } from '../model/rep-merge';

export const BACKUP_FORMAT = 'dealside-backup';
/**
 * Bump when a reader of the old format could misread the new one; older Dealsides then refuse it clearly.
 * 2: Salesforce deal keys name the org (database v7); a Dealside reading 1 would file such a deal's
 * records under keys it never looks up. 3: Dynamics 365 deal keys name the org too (database v8), the same
 * way. Version 1 and 2 files are still read: `withOrgKeys` re-keys them.
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
/** The order a restore plans the stores in: reviews before their scores, notes before their drafts (see planRestore). */
export const PLAN_ORDER = ['deals', 'reps', 'commitments', 'nextSteps', 'callReviews', 'scores', 'notes', 'drafts'] as const satisfies readonly RecordStore[];

interface RecordSpec<T> {
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

/**
 * How far ahead of this computer's clock a restored instant may be: another
 * computer's clock may run a little fast. Anything later is damage (or a
 * forged file): a score dated 2099 would stay the "current" score forever.
 */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

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

/** What a restore did with the backup's settings (when it held any it could read): see `restoredSettings`. */
export interface SettingsRestore {
  /** the backup named a user and this browser none: the backup's name and role, week start and theme were taken */
  tookProfile: boolean;
  /**
   * the backup's week start, theme and date order were taken: with its profile, or because this
   * browser stored no settings at all (a new install), when the backup names no user too
   */
  tookSettings: boolean;
  /** CRM sites from the backup added to this browser's list (each may still need the browser's access here) */
  sitesAdded: number;
  /** sites whose date order (learned from their close dates) the backup knew and this browser did not */
  dateOrdersAdded: number;
}

/** What a restore did, per store. */
export interface RestoreReport {
  /** settings count as added when the stored settings changed (taken, or CRM sites added) */
  added: StoreCounts;
  /**
   * a record with the same key was already stored: the stored one was kept,
   * untouched. Also: settings left as they were, a note draft whose text
   * is already here as a note (one on its deal written at or after it), a rep
   * whose name, case and spacing aside, is a rep's stored here or another's of
   * the file (its records are filed under that rep: `planRestore`), and a
   * damaged stored record showing a later state than the backup's copy (an
   * outcome, a completion: kept, not set back to the copy)
   */
  alreadyPresent: StoreCounts;
  /**
   * a stored record took the backup's later version of itself (RECORD_SPECS'
   * `advance`): an open commitment its outcome, a draft call review its completion
   */
  updated: StoreCounts;
  /** a stored record was damaged (failed its check), and no later than the backup's valid copy: the copy replaced it */
  repaired: StoreCounts;
  /** failed its schema, holds an instant in the future, or repeated a key earlier in the same file: skipped */
  invalid: StoreCounts;
  /** present when the backup held valid settings */
  settings?: SettingsRestore;
}

/**
 * What is stored now: per store the keys of the VALID records (a damaged one
 * is not "already here"), the keys of the damaged ones, the valid records a
 * backup may move forward, the settings, and the latest note per deal.
 */
export type ExistingKeys = { [S in RecordStore]: ReadonlySet<string> } & {
  /** per store, the keys of stored records that fail their schema: the backup's valid copy replaces them (see `damagedRecords`) */
  damaged: { [S in RecordStore]: ReadonlySet<string> };
  /** per store with an `advance`, those damaged records as stored, by key: a copy replaces none showing a later state (RECORD_SPECS' `repairs`) */
  damagedRecords: { [S in AdvanceStore]: ReadonlyMap<string, unknown> };
  /**
   * per store with an `advance`, every valid stored record by key (the call reviews' calls and the replacing promises are looked up among them all);
   * and the valid stored reps, by id: a backup's rep named as one of them, case and spacing aside, is that rep (none given: no rep is stored)
   */
  stored: { [S in AdvanceStore]: ReadonlyMap<string, BackupRecords[S]> } & { reps?: ReadonlyMap<string, Rep> };
  /** the stored settings as the app reads them (an unreadable record reads as the defaults); null when none are stored */
  settings: Settings | null;
  /**
   * per deal, the latest `at` of its stored notes: at least for the deals of
   * the backup's note drafts (a draft older than its deal's latest note was
   * submitted already: adding a note deletes its draft)
   */
  latestNoteAt: ReadonlyMap<string, string>;
};

export interface RestorePlan {
  /** the validated records to add (parsed forms: unknown fields dropped); `settings`: the settings to store, replacing any */
  add: { [S in RecordStore]: BackupRecords[S][] } & { settings: Settings | null };
  /** the records to store over stored ones with their key: the `updated` and the `repaired` */
  replace: { [S in RecordStore]: BackupRecords[S][] };
  alreadyPresent: StoreCounts;
  updated: StoreCounts;
  repaired: StoreCounts;
  invalid: StoreCounts;
  settings?: SettingsRestore;
}

export const zeroCounts = (): StoreCounts =>
  Object.fromEntries(BACKUP_STORES.map((s) => [s, 0])) as StoreCounts;

interface PlanContext<S extends RecordStore> {
  /** keys of the valid stored records */
  existing: ReadonlySet<string>;
  /** keys of the damaged stored records */
  damaged: ReadonlySet<string>;
  /** the damaged stored records as stored (stores with `repairs`) */
  damagedRecords?: ReadonlyMap<string, unknown>;
  /** the valid stored records a backup may move forward (stores with `advance`) */
  stored?: ReadonlyMap<string, BackupRecords[S]>;
  /** the latest instant a record may hold */
  latestMs: number;
  /** true when a record, valid and new, is nevertheless already here in another form (a submitted draft) */
  alreadyHere?: (record: never) => boolean;
}

function planStore<S extends RecordStore>(store: S, rows: unknown[], { existing, damaged, damagedRecords, stored, latestMs, alreadyHere }: PlanContext<S>) {
  const { schema, keyOf, instantsOf, advance, repairs } = RECORD_SPECS[store] as RecordSpec<BackupRecords[S]>;
  const add: BackupRecords[S][] = [];
  const replace: BackupRecords[S][] = [];
  const planned = new Set<string>();
  let alreadyPresent = 0;
  let updated = 0;
  let repaired = 0;
  let invalid = 0;
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (!parsed.success || instantsOf(parsed.data).some((t) => t !== undefined && Date.parse(t) > latestMs)) {
      invalid++;
      continue;
    }
    const record = parsed.data;
    const key = keyOf(record);
    if (existing.has(key)) {
      // stored and valid: kept, unless the backup holds its one legal step forward (once per key)
      const here = stored?.get(key);
      const next = here && advance && !planned.has(key) ? advance(here, record) : null;
      // what the step gives is checked as any record stored: one that would not read back is not taken
      if (next && schema.safeParse(next).success) {
        planned.add(key);
        replace.push(next);
        updated++;
      } else alreadyPresent++;
    } else if (planned.has(key)) {
      // a file written by exportBackup never repeats a key: a repeat is damage, and adding it would fail the whole
      // restore. Checked before `alreadyHere`, which may remember the record (a refused review refuses its
      // scores): a repeat must not change what happens to the first
      invalid++;
    } else if (alreadyHere?.(record as never)) {
      planned.add(key);
      alreadyPresent++;
    } else {
      planned.add(key);
      // stored but damaged (unreadable): the backup's valid copy takes its place, unless the stored one shows a
      // later state (an outcome recorded, a review completed): the copy would erase it for good, not mend it
      if (damaged.has(key)) {
        if (repairs && !repairs(damagedRecords?.get(key), record)) alreadyPresent++;
        else {
          replace.push(record);
          repaired++;
        }
      } else add.push(record);
    }
  }
  return { add, replace, alreadyPresent, updated, repaired, invalid };
}

type PlannedStore<S extends RecordStore> = ReturnType<typeof planStore<S>>;

/** The promises as they will stand once the plan is carried out: those stored, with the file's added and replaced. */
function standingAfter(planned: PlannedStore<'commitments'>, stored: ReadonlyMap<string, Commitment>): Map<string, Commitment> {
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
function keepReplacedOpen(planned: PlannedStore<'commitments'>, stored: ReadonlyMap<string, Commitment>): number {
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
function keepReplacementsLed(planned: PlannedStore<'commitments'>, stored: ReadonlyMap<string, Commitment>): number {
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
function keepRenegotiationsWhole(planned: PlannedStore<'commitments'>, stored: ReadonlyMap<string, Commitment>): void {
  while (keepReplacedOpen(planned, stored) + keepReplacementsLed(planned, stored) > 0);
}

/**
 * The settings a restore stores, given this browser's (`local`, null when none)
 * and the backup's. The rule:
 * - this browser's settings name no user (a new install: only the sidebar
 *   layout, or nothing, was saved yet) and the backup's do: the backup's
 *   settings are taken — name and role, week start, theme, date order —
 *   keeping this browser's sidebar layout and its covered-click protection
 *   (`refuseCoveredClicks`: never from a file, which could switch off the
 *   frames' guard against pages drawn over them), each at its default when
 *   nothing was stored here;
 * - nothing is stored here and the backup names no user: its settings are
 *   taken the same way, without a profile (there is none to give), as there
 *   are no settings here to keep;
 * - they name a user: they are kept as they are;
 * - either way, every CRM site listed here stays, and the backup's sites at
 *   origins not listed here are added (up to MAX_CRM_SITES). A site added so
 *   may lack the browser's access here: Options lists it with "Grant access"
 *   (a restore asks for no permission); and the date orders the backup
 *   learned per site are added for sites this browser has not learned.
 * `settings` is null when nothing changes.
 */
export function restoredSettings(local: Settings | null, theirs: Settings): { settings: Settings | null } & SettingsRestore {
  // a safety setting is never taken from a file: this browser's own, or on
  const refuseCoveredClicks = local?.refuseCoveredClicks ?? DEFAULT_SETTINGS.refuseCoveredClicks;
  // the profile is taken when the backup names a user and these do not (a backup naming none has
  // no profile to give: "taken from the backup" would be untrue, and the first save would still ask)
  const tookProfile = !local?.user && !!theirs.user;
  // nothing stored here: the backup's settings are all there is to have (the layout fits this browser's screen, so its own default)
  const tookSettings = tookProfile || !local;
  const base = tookSettings ? { ...theirs, sidebar: local?.sidebar ?? DEFAULT_SETTINGS.sidebar, refuseCoveredClicks } : local;
  const sites = [...(local?.crmSites ?? [])];
  const origins = new Set(sites.map((s) => s.origin));
  let sitesAdded = 0;
  for (const site of theirs.crmSites) {
    if (sites.length >= MAX_CRM_SITES) break;
    if (origins.has(site.origin)) continue;
    // held to what Options takes (an IP address, or a host Dealside runs on anyway, is refused there)
    const checked = parseSiteAddress(site.origin);
    if (!checked.ok || checked.origin !== site.origin) continue;
    origins.add(site.origin);
    sites.push(site);
    sitesAdded++;
  }
  const known = local?.dateOrderBySite ?? {};
  const dateOrderBySite = mergeLearnedDateOrders(theirs.dateOrderBySite, known);
  // counted in what is kept: the merge keeps the most recent sites only
  const dateOrdersAdded = Object.keys(dateOrderBySite).filter((host) => !(host in known)).length;
  const changed = tookSettings || sitesAdded > 0 || dateOrdersAdded > 0;
  if (!changed) return { settings: null, tookProfile, tookSettings, sitesAdded, dateOrdersAdded };
  return { settings: { ...base, crmSites: sites, dateOrderBySite }, tookProfile, tookSettings, sitesAdded, dateOrdersAdded };
}

/**
 * Decide, record by record, what restoring `backup` over what is stored does,
 * at `now`. Records whose key is not stored yet are added. A stored valid
 * record is kept, except for its one legal step forward (RECORD_SPECS'
 * `advance`: an open commitment takes its outcome, a draft call review its
 * completion; never the reverse); a stored damaged record (failing its
 * schema) is replaced by the backup's valid copy, unless it shows a later
 * state than that copy (`repairs`). Nothing is removed. A record
 * holding an instant later than `now` plus CLOCK_SKEW_MS is invalid. A note
 * draft is not restored over a note of its deal written at or after it (in
 * the database or in the backup): its text was submitted already. A rep of the
 * backup whose name, case and spacing aside, is a stored rep's of the same CRM, or
 * another's of the file, is that rep: it is not added (counted already present) and
 * the backup's records naming it name the rep kept (`withKeptReps`). Settings:
 * see `restoredSettings`.
 */
export function planRestore(backup: BackupEnvelope, existing: ExistingKeys, now: Date): RestorePlan {
  const alreadyPresent = zeroCounts();
  const updated = zeroCounts();
  const repaired = zeroCounts();
  const invalid = zeroCounts();
  const add = {} as Record<RecordStore, unknown[]>;
  const replace = {} as Record<RecordStore, unknown[]>;
  const latestMs = now.getTime() + CLOCK_SKEW_MS;
  const { stores, merges } = withKeptReps(backup.stores, existing.stored.reps, existing.damaged.reps);
  /** a rep of the file merged into another (stored, or of the file): already here as that one */
  const mergedRep = (rep: Rep) => merges.has(rep.id);
  const latestNoteMs = new Map<string, number>();
  const noteAt = (dealKey: string, at: string) => latestNoteMs.set(dealKey, Math.max(latestNoteMs.get(dealKey) ?? -Infinity, Date.parse(at)));
  for (const [dealKey, at] of existing.latestNoteAt) noteAt(dealKey, at);
  // One review per call (the call panel shows the one last edited): a backup's review of a call
  // reviewed here under another id (one begun in another browser) is not taken, or it could
  // hide the review here, a completed one included. Only the database's reviews count: two
  // reviews of one call in the file itself are both taken, as the database they were exported
  // from held them (migration v12 keeps both reviews of a recording once opened at two
  // addresses), and refusing one would lose it and every score it gave.
  const reviewedCalls = new Set([...existing.stored.callReviews.values()].map((r) => r.callKey));
  /** the backup's reviews not taken so: their scores are not taken either (reviews are planned before scores) */
  const refusedReviews = new Set<string>();
  const callReviewedHere = (review: CallReview) => {
    if (!reviewedCalls.has(review.callKey)) return false;
    refusedReviews.add(review.id);
    return true;
  };
  const scoredByRefusedReview = (score: Score) => score.source.kind === 'call' && refusedReviews.has(score.source.reviewId);
  const submitted = (draft: Draft) => {
    const dealKey = noteDraftDealKey(draft.key);
    return dealKey !== undefined && (latestNoteMs.get(dealKey) ?? -Infinity) >= Date.parse(draft.updatedAt);
  };
  for (const store of PLAN_ORDER) {
    const planned = planStore(store, stores[store], {
      existing: existing[store],
      damaged: existing.damaged[store],
      damagedRecords: (existing.damagedRecords as Partial<Record<RecordStore, ReadonlyMap<string, unknown>>>)[store],
      stored: (existing.stored as Partial<Record<RecordStore, ReadonlyMap<string, never>>>)[store],
      latestMs,
      ...(store === 'drafts' ? { alreadyHere: submitted as (record: never) => boolean } : {}),
      ...(store === 'callReviews' ? { alreadyHere: callReviewedHere as (record: never) => boolean } : {}),
      ...(store === 'scores' ? { alreadyHere: scoredByRefusedReview as (record: never) => boolean } : {}),
      ...(store === 'reps' ? { alreadyHere: mergedRep as (record: never) => boolean } : {}),
    });
    if (store === 'commitments') keepRenegotiationsWhole(planned as PlannedStore<'commitments'>, existing.stored.commitments);
    add[store] = planned.add;
    replace[store] = planned.replace;
    alreadyPresent[store] = planned.alreadyPresent;
    updated[store] = planned.updated;
    repaired[store] = planned.repaired;
    invalid[store] = planned.invalid;
    // the backup's notes count for its drafts (notes are planned before drafts); those already stored count through existing.latestNoteAt
    if (store === 'notes') {
      for (const n of [...planned.add, ...planned.replace] as Note[]) noteAt(n.dealKey, n.at);
    }
  }
  let settings: Settings | null = null;
  let settingsRestore: SettingsRestore | undefined;
  if (stores.settings !== null) {
    // field by field, as the app reads settings: one bad field (a later version's value) costs that field only
    const theirs = soundSettingsOf(stores.settings);
    if (!theirs) invalid.settings = 1;
    else {
      const { settings: next, ...outcome } = restoredSettings(existing.settings, theirs);
      settings = next;
      settingsRestore = outcome;
      if (!next) alreadyPresent.settings = 1;
    }
  }
  return {
    add: { ...(add as { [S in RecordStore]: BackupRecords[S][] }), settings },
    replace: replace as { [S in RecordStore]: BackupRecords[S][] },
    alreadyPresent,
    updated,
    repaired,
    invalid,
    ...(settingsRestore ? { settings: settingsRestore } : {}),
  };
}

/**
 * A backup's reps that are one person with a stored rep or another of the file (reps of one CRM
 * whose names are `sameName`, written apart before reports were matched to known reps, and
 * before migration v14 merged such reps): merged rep id → kept id, as lib/model/rep-merge.ts
 * `repMergesOf` decides it, a stored rep winning over the file's; and the file's records
 * with each reference to a merged rep naming the kept one. The file's reps that fail their
 * schema are not weighed (their name and CRM are not to be trusted): counted invalid, their
 * records keep their rep as written. One dated in the future (invalid too) is weighed: it is
 * never kept over a variant not in the future (the first seen is kept), and its records are
 * filed under that one. Records naming no merged rep stay the same objects.
 */
export function withKeptReps<T extends BackupEnvelope['stores']>(
  stores: T,
  storedReps: ReadonlyMap<string, Rep> | undefined,
  damagedRepIds: ReadonlySet<string> = new Set(),
): { stores: T; merges: ReadonlyMap<string, string> } {
  // a file's rep whose id is a damaged stored rep's repairs that rep (and its records stay on it):
  // it is never merged away
  const theirs = stores.reps.flatMap((row) => repSchema.safeParse(row).data ?? []).filter((r) => !damagedRepIds.has(r.id));
  const merges = repMergesOf(theirs, [...(storedReps?.values() ?? [])]);
  if (merges.size === 0) return { stores, merges };
  const filed = { ...stores };
  for (const store of REP_NAMING_STORES) filed[store] = stores[store].map((r) => withKeptRep(r, merges));
  return { stores: filed, merges };
}

/** The stores whose records name a deal in their `dealKey`. */
const DEAL_KEY_STORES = ['nextSteps', 'commitments', 'scores', 'notes', 'callReviews'] as const;

/**
 * A backup written before deal keys named the org (Salesforce's before database v7,
 * Dynamics 365's before v8) re-keyed as migrations v7 and v8 re-key a database (a
 * restore does this first, before anything is compared with what is stored): each deal
 * from the host it was read on, and every record naming it with it. A record whose deal
 * is not in the file takes the key of the one deal stored here with its id, if there is
 * exactly one. Anything else stays as written (and is checked as usual).
 */
export function withOrgKeys(backup: BackupEnvelope, storedDealKeys: Iterable<unknown>): BackupEnvelope {
  const { stores } = backup;
  // the backup's own deals by their hosts: orgless Salesforce and Dynamics keys, and added-site Pipedrive ones
  const keys = new Map([...orgKeysOfDeals(stores.deals), ...addedSiteKeysOfDeals(stores.deals)]);
  const dealKeyOfDraft = (draft: unknown) => {
    const key = (draft as { key?: unknown } | null)?.key;
    return typeof key === 'string' ? noteDraftDealKey(key) : undefined;
  };
  const named = [
    ...DEAL_KEY_STORES.flatMap((store) => stores[store].map((r) => (r as { dealKey?: unknown } | null)?.dealKey)),
    ...stores.drafts.map(dealKeyOfDraft),
  ];
  const orgless = new Set(named.filter((k): k is string => isOrglessKey(k) && !keys.has(k)));
  for (const [old, next] of orgKeysOfStoredDeals(orgless, storedDealKeys)) keys.set(old, next);
  if (keys.size === 0) return backup;
  const rekeyed = { ...stores, deals: stores.deals.map((r) => withRekeyedField(r, 'key', keys)) };
  for (const store of DEAL_KEY_STORES) rekeyed[store] = stores[store].map((r) => withRekeyedField(r, 'dealKey', keys));
  rekeyed.drafts = stores.drafts.map((d) => {
    const key = (d as { key?: unknown } | null)?.key;
    const next = typeof key === 'string' ? rekeyedDraftKey(key, keys) : key;
    return next === key ? d : { ...(d as object), key: next };
  });
  return { ...backup, stores: rekeyed };
}

export function reportOf(plan: RestorePlan): RestoreReport {
  const added = zeroCounts();
  for (const store of RECORD_STORES) added[store] = plan.add[store].length;
  added.settings = plan.add.settings ? 1 : 0;
  return {
    added,
    alreadyPresent: { ...plan.alreadyPresent },
    updated: { ...plan.updated },
    repaired: { ...plan.repaired },
    invalid: { ...plan.invalid },
    ...(plan.settings ? { settings: { ...plan.settings } } : {}),
  };
}

/** The deals a restore adds, updates or repairs anything of (their sidebars should reload). */
export function dealKeysTouched(plan: RestorePlan): string[] {
  const keys = new Set<string>();
  for (const written of [plan.add, plan.replace]) {
    for (const d of written.deals) keys.add(d.key);
    for (const list of [written.commitments, written.nextSteps, written.scores, written.notes, written.callReviews]) {
      for (const r of list) if (r.dealKey) keys.add(r.dealKey);
    }
  }
  return [...keys];
}
