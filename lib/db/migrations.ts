import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { DealsideDB } from './schema';
import { aggregateScores } from '../scorecard/aggregate';
import { commitmentSchema, dealRecordSchema, nextStepSchema, noteSchema, repSchema, scoreSchema } from '../model';
import { repWeeksOfRecords, scoreChanges, supersededScores } from '../scorecard/rep-weeks';
import { applyToRepWeeks } from './rep-weeks';
import { userTimeZone } from '../dates';
import { keepValid } from './validate';
import { isPipelineEntry, pipelineEntriesOf } from '../scorecard/pipeline';
import { repPipelinesOf } from '../scorecard/rep-pipeline';
import { repOpenDuesOf } from '../scorecard/rep-open-dues';
import { dealsSeenSince } from '../scorecard/week';
import { addedSiteKeysOfDeals, orgKeysOfDeals, rekeyedDraftKey, withRekeyedField } from '../model/org-keys';
import { withCurrentMediaKey } from '../calls/address';
import { REP_NAMING_STORES, repMergesOf, withKeptRep } from '../model/rep-merge';
import { foldMergedReps } from './derived';

type UpgradeDB = IDBPDatabase<DealsideDB>;
type UpgradeTx = IDBPTransaction<DealsideDB, StoreNames<DealsideDB>[], 'versionchange'>;

/**
 * Numbered, cumulative migrations (idb README pattern): migration N takes a
 * database at version N-1 to version N. A user several versions behind runs
 * every step in order inside the one upgrade transaction, so a failure rolls
 * the whole upgrade back and the old data stays as it was.
 *
 * Never edit a released step; add a new one.
 */
export const MIGRATIONS: readonly ((db: UpgradeDB, tx: UpgradeTx) => Promise<void> | void)[] = [
  // v1 — first release: deals, reps, the coaching records, drafts, settings.
  (db) => {
    const deals = db.createObjectStore('deals', { keyPath: 'key' });
    deals.createIndex('byLastSeen', 'lastSeenAt');
    db.createObjectStore('reps', { keyPath: 'id' });
    db.createObjectStore('commitments', { keyPath: 'id' }).createIndex('byDeal', 'dealKey');
    db.createObjectStore('nextSteps', { keyPath: 'dealKey' });
    db.createObjectStore('scores', { keyPath: 'id' }).createIndex('byDeal', 'dealKey');
    db.createObjectStore('notes', { keyPath: 'id' }).createIndex('byDeal', 'dealKey');
    db.createObjectStore('drafts', { keyPath: 'key' });
    // settings are stored out-of-line under the single key 'settings'
    db.createObjectStore('settings');
  },

  // v2 — per-rep indexes so a weekly rollup reads one rep's week by key range
  // instead of scanning whole stores; backfill repId on records written by v1,
  // which only knew the deal.
  async (_db, tx) => {
    tx.objectStore('deals').createIndex('byRep', 'repId');
    tx.objectStore('commitments').createIndex('byRepDue', ['repId', 'due']);
    tx.objectStore('scores').createIndex('byRepAt', ['repId', 'at']);
    tx.objectStore('notes').createIndex('byRepAt', ['repId', 'at']);
    const repOfDeal = new Map<string, string>();
    for (const deal of await tx.objectStore('deals').getAll()) {
      if (deal.repId) repOfDeal.set(deal.key, deal.repId);
    }
    for (const name of ['commitments', 'scores', 'notes'] as const) {
      let cursor = await tx.objectStore(name).openCursor();
      while (cursor) {
        const record = cursor.value;
        const repId = record.dealKey ? repOfDeal.get(record.dealKey) : undefined;
        if (!record.repId && repId) await cursor.update({ ...record, repId });
        cursor = await cursor.continue();
      }
    }
  },

  // v3 — call reviews (scored on the recording page, linked to a rep and a deal).
  (db) => {
    const reviews = db.createObjectStore('callReviews', { keyPath: 'id' });
    reviews.createIndex('byCall', 'callKey');
    reviews.createIndex('byDeal', 'dealKey');
    reviews.createIndex('byRepUpdated', ['repId', 'updatedAt']);
  },

  // v4 — the weekly scorecard (issue 4): one week for ALL reps is a few index
  // ranges. Date indexes on commitments (due), notes (at) and completed call
  // reviews (completedAt), and `scoreDays`, per rep and day the sum and count
  // of each score dimension, kept in step with every score write (addScore,
  // putCompletedReview) and backfilled here from the scores already stored.
  async (db, tx) => {
    const days = db.createObjectStore('scoreDays', { keyPath: ['repId', 'day'] });
    days.createIndex('byDay', 'day');
    tx.objectStore('commitments').createIndex('byDue', 'due');
    tx.objectStore('notes').createIndex('byAt', 'at');
    tx.objectStore('callReviews').createIndex('byCompletedAt', 'completedAt');
    const scores = (await tx.objectStore('scores').getAll()).filter((s) => scoreSchema.safeParse(s).success);
    const aggregates = aggregateScores(scores, userTimeZone());
    for (const day of aggregates.values()) await tx.objectStore('scoreDays').put(day);
  },

  // v5 — `pipeline`, per deal the summary the scorecard's next-step health
  // reads (rep, last seen, stage, name, link, next step), so a week reads one
  // index range instead of the deals plus a get per deal for its next step.
  // Kept in step with every deal and next-step write (lib/db/pipeline.ts) and
  // backfilled here from the valid deals and next steps already stored.
  async (db, tx) => {
    db.createObjectStore('pipeline', { keyPath: 'dealKey' }).createIndex('byLastSeen', 'lastSeenAt');
    // the parsed forms, as the scorecard read them before v5 (invalid records skipped)
    const deals = (await tx.objectStore('deals').getAll()).flatMap((d) => dealRecordSchema.safeParse(d).data ?? []);
    const steps = (await tx.objectStore('nextSteps').getAll()).flatMap((s) => nextStepSchema.safeParse(s).data ?? []);
    for (const entry of pipelineEntriesOf(deals, steps)) await tx.objectStore('pipeline').put(entry);
  },

  // v6 — the scorecard reads a few hundred small records per week:
  // - `repWeeks`, per Monday week and rep the per-day counts (commitments due
  //   by status, scores, diagnoses), kept with every commitment, score and note
  //   write (lib/db/rep-weeks.ts); it replaces v4's `scoreDays`, dropped here;
  // - `repPipelines`, per rep the deals seen in the last 30 days with their
  //   next steps, kept with every `pipeline` summary write (lib/db/pipeline.ts).
  // Both backfilled here from the valid records already stored.
  async (db, tx) => {
    db.createObjectStore('repWeeks', { keyPath: ['week', 'repId'] });
    db.createObjectStore('repPipelines', { keyPath: 'repId' });
    const entries = (await tx.objectStore('pipeline').getAll()).filter(isPipelineEntry);
    for (const bucket of repPipelinesOf(entries, dealsSeenSince(Date.now()))) await tx.objectStore('repPipelines').put(bucket);
    const records = {
      commitments: keepValid(commitmentSchema, await tx.objectStore('commitments').getAll(), 'commitment'),
      scores: keepValid(scoreSchema, await tx.objectStore('scores').getAll(), 'score'),
      notes: keepValid(noteSchema, await tx.objectStore('notes').getAll(), 'note'),
    };
    for (const week of repWeeksOfRecords(records, userTimeZone())) await tx.objectStore('repWeeks').put(week);
    db.deleteObjectStore('scoreDays');
  },

  // v7 — Salesforce deal keys name the org (`salesforce:{org}/{id}`, lib/model/common.ts
  // `dealKeyOf`): a sandbox keeps its production org's record ids. Each deal with a key from
  // before takes its org from the host it was read on, and every record naming it follows:
  // next step, commitments, scores, notes, call reviews, its note draft, and the derived
  // pipeline rows. A deal whose stored host is unreadable keeps its key, and so do its records.
  async (_db, tx) => rekeyDeals(tx, orgKeysOfDeals(await tx.objectStore('deals').getAll(), ['salesforce'])),

  // v8 — Dynamics 365 deal keys name the org too (`dynamics:{org}/{guid}`): a copied
  // environment (a sandbox) keeps its production records' GUIDs. The same re-keying as v7.
  async (_db, tx) => rekeyDeals(tx, orgKeysOfDeals(await tx.objectStore('deals').getAll(), ['dynamics'])),

  // v9 — a call review of a page whose address is longer than 290 characters ("Review this
  // call" on a Teams recording in SharePoint, say) is keyed by the address's start and a digest
  // of all of it (lib/calls/address.ts): cut short, two such recordings were one call. Each
  // stored review keyed the old way takes its key from the address it stores.
  async (_db, tx) => rekeyMediaReviews(tx),

  // v10 — a call review counts once on the scorecard, as last completed (lib/scorecard/rep-weeks.ts
  // `supersededScores`): scores find their review (`byReview`, on call-review scores only), and
  // the rep weeks give back each review's scores superseded before this version (completed again
  // on another deal or rep, or with a score changed), on the day each was counted.
  async (_db, tx) => {
    tx.objectStore('scores').createIndex('byReview', 'source.reviewId');
    const given = keepValid(scoreSchema, await tx.objectStore('scores').getAll(), 'score');
    await applyToRepWeeks(tx.objectStore('repWeeks'), scoreChanges(supersededScores(given), userTimeZone(), -1));
  },

  // v11 — a Pipedrive deal read on a site the user added as Pipedrive is keyed by that site's host
  // (`pipedrive:{host}/{id}`, lib/model/common.ts `dealKeyOf`): its record id names the host's first
  // label as the company, shared with the same-named company on pipedrive.com. Each such deal, by
  // its stored host, and every record naming it move to the new key, as v7 moved Salesforce's.
  async (_db, tx) => rekeyDeals(tx, addedSiteKeysOfDeals(await tx.objectStore('deals').getAll())),

  // v12 — a call review of a page is keyed by its address without the parameters that only say
  // how the link was reached (lib/calls/address.ts `genericCallAddress`): a SharePoint recording
  // opened from Teams and from Stream carried different `referrer`/`nav`/… and was two calls.
  // Each stored review keyed the old way takes its key from the address it stores, as in v9.
  // Two reviews of one recording, kept apart before, now share a key: both are kept (neither
  // is changed otherwise), and the call shows the later edited, as for any shared key.
  async (_db, tx) => rekeyMediaReviews(tx),

  // v13 — a promise nobody answered never drops off the weekly card however old it grows:
  // - `repOpenDues`, per rep how many promises are still open by due day
  //   (lib/scorecard/rep-open-dues.ts), kept with every commitment write
  //   (lib/db/rep-open-dues.ts): the card counts those due before its eight weeks;
  // - the commitments' `byRepStatusDue` index: the 1:1 lists one rep's open ones.
  // Backfilled here from the valid commitments already stored.
  async (db, tx) => {
    tx.objectStore('commitments').createIndex('byRepStatusDue', ['repId', 'status', 'due']);
    db.createObjectStore('repOpenDues', { keyPath: 'repId' });
    const commitments = keepValid(commitmentSchema, await tx.objectStore('commitments').getAll(), 'commitment');
    for (const record of repOpenDuesOf(commitments)) await tx.objectStore('repOpenDues').put(record);
  },

  // v14 — a report's owner written in other capitals or spacing than a known rep's name is that
  // rep (lib/db/deals.ts, `sameName`), but reps stored before were kept apart ('salesforce:Dana
  // Reyes' and 'salesforce:dana  reyes'): two rows on the scorecard, the coaching split. The
  // valid reps of one CRM whose names are `sameName` are merged into the first seen (a tie to
  // the lower id: lib/model/rep-merge.ts): every record naming another of them (deals,
  // commitments, scores, notes, call reviews and their versions) names it instead, the others'
  // rep records are deleted, and their derived scorecard records are folded into the kept
  // rep's (added up; every other rep's are left as written). With no such reps, nothing is written.
  async (_db, tx) => mergeRepVariants(tx),
];

export const DB_VERSION = MIGRATIONS.length;

/** Migration v14's body: merges the stored reps that are one person (see the step). */
async function mergeRepVariants(tx: UpgradeTx): Promise<void> {
  const merges = repMergesOf(keepValid(repSchema, await tx.objectStore('reps').getAll(), 'rep'));
  if (merges.size === 0) return;
  // the deals' pipeline summaries name their rep as the deals do
  for (const name of [...REP_NAMING_STORES, 'pipeline'] as const) {
    let cursor = await tx.objectStore(name).openCursor();
    while (cursor) {
      const next = withKeptRep(cursor.value, merges);
      if (next !== cursor.value) await cursor.update(next);
      cursor = await cursor.continue();
    }
  }
  for (const merged of merges.keys()) await tx.objectStore('reps').delete(merged);
  await foldMergedReps(tx, merges);
}

/** Each call review of a page keyed as an earlier Dealside keyed it takes its key from the address it stores (v9, v12). */
async function rekeyMediaReviews(tx: UpgradeTx): Promise<void> {
  let cursor = await tx.objectStore('callReviews').openCursor();
  while (cursor) {
    const next = withCurrentMediaKey(cursor.value);
    if (next !== cursor.value) await cursor.update(next);
    cursor = await cursor.continue();
  }
}

/**
 * Moves each deal in `keys` (old key → new key) to its new key, and every record naming it
 * with it: next step, commitments, scores, notes, call reviews, its note draft, and the
 * derived pipeline rows. (Migration v7's body, shared with v8 unchanged.)
 */
async function rekeyDeals(tx: UpgradeTx, keys: ReadonlyMap<string, string>): Promise<void> {
  if (keys.size === 0) return;
  // Stores keyed by the deal key: the record moves to its new key. One already there (only a
  // backup written by a later Dealside, restored into an older one, could have put it there)
  // is kept if it is the more recent of the two.
  for (const [name, field, time] of [['deals', 'key', 'lastSeenAt'], ['nextSteps', 'dealKey', 'updatedAt'], ['pipeline', 'dealKey', 'lastSeenAt']] as const) {
    const store = tx.objectStore(name);
    for (const [old, next] of keys) {
      const record = await store.get(old);
      if (!record) continue;
      const there = await store.get(next);
      if (!there || !moreRecent(there, record, time)) await store.put({ ...record, [field]: next } as never);
      await store.delete(old);
    }
  }
  // stores that name the deal in an indexed field
  for (const name of ['commitments', 'scores', 'notes', 'callReviews'] as const) {
    let cursor = await tx.objectStore(name).openCursor();
    while (cursor) {
      const next = withRekeyedField(cursor.value, 'dealKey', keys);
      if (next !== cursor.value) await cursor.update(next);
      cursor = await cursor.continue();
    }
  }
  const drafts = tx.objectStore('drafts');
  for (const draft of await drafts.getAll()) {
    if (typeof draft.key !== 'string') continue;
    const key = rekeyedDraftKey(draft.key, keys);
    if (key === draft.key) continue;
    const there = await drafts.get(key);
    if (!there || !moreRecent(there, draft, 'updatedAt')) await drafts.put({ ...draft, key });
    await drafts.delete(draft.key);
  }
  let bucket = await tx.objectStore('repPipelines').openCursor();
  while (bucket) {
    const rows = Array.isArray(bucket.value?.rows) ? bucket.value.rows : [];
    if (rows.some((row) => Array.isArray(row) && keys.has(row[0]))) {
      await bucket.update({ ...bucket.value, rows: rows.map((row) => (Array.isArray(row) && keys.has(row[0]) ? [keys.get(row[0])!, ...row.slice(1)] : row)) as typeof rows });
    }
    bucket = await bucket.continue();
  }
}

/** `a` is later than `b` by their `field` instant (ISO strings compare as times; a missing or odd one is never later). */
function moreRecent(a: object, b: object, field: string): boolean {
  const at = (r: object) => {
    const v = (r as Record<string, unknown>)[field];
    return typeof v === 'string' ? Date.parse(v) : NaN;
  };
  const [x, y] = [at(a), at(b)];
  return !Number.isNaN(x) && (Number.isNaN(y) || x > y);
}
