/**
 * The restore plan: what restoring a backup (its format: lib/backup/format.ts)
 * over what is stored does, record by record — added, kept as stored, moved
 * forward, repaired, or skipped as invalid — and the report of it. Pure:
 * lib/db/backup.ts reads what is stored, plans, and writes what the plan says.
 */
import { soundSettingsOf, type CallReview, type Draft, type Note, type Rep, type Score, type Settings } from '../model';
import { noteDraftDealKey } from '../model/keys';
import {
  RECORD_SPECS,
  RECORD_STORES,
  zeroCounts,
  type AdvanceStore,
  type BackupEnvelope,
  type BackupRecords,
  type RecordSpec,
  type RecordStore,
  type StoreCounts,
} from './format';
import { withKeptReps } from './rekey';
import { keepRenegotiationsWhole } from './renegotiations';
import { restoredSettings, type SettingsRestore } from './restored-settings';
import { CLOCK_SKEW_MS } from '../rules/clock-skew';

/** The order a restore plans the stores in: reviews before their scores, notes before their drafts (see planRestore). */
export const PLAN_ORDER = ['deals', 'reps', 'commitments', 'nextSteps', 'callReviews', 'scores', 'notes', 'drafts'] as const satisfies readonly RecordStore[];


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
    if (planned.has(key)) {
      // a file written by exportBackup never repeats a key: a repeat is damage, and adding it would fail the whole
      // restore. Only a key's first record is weighed, stored or not: a repeat must not change what happens to the
      // first (a refused review refuses its scores: `alreadyHere`), nor take a step forward the first did not (a
      // second restore of the file, the first record now stored, would take it then)
      invalid++;
      continue;
    }
    planned.add(key);
    if (existing.has(key)) {
      // stored and valid: kept, unless the backup holds its one legal step forward
      const here = stored?.get(key);
      const next = here && advance ? advance(here, record) : null;
      // what the step gives is checked as any record stored: one that would not read back is not taken
      if (next && schema.safeParse(next).success) {
        replace.push(next);
        updated++;
      } else alreadyPresent++;
    } else if (alreadyHere?.(record as never)) {
      alreadyPresent++;
    } else {
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
