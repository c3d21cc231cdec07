/**
 * A backup's records re-filed before a restore compares them with what is
 * stored: under the rep kept of reps that are one person (`withKeptReps`), and
 * under deal keys that name the org, as the database's do (`withOrgKeys`). Pure.
 */
import { repSchema, type Rep } from '../model';
import { noteDraftDealKey } from '../model/keys';
import { addedSiteKeysOfDeals, isOrglessKey, orgKeysOfDeals, orgKeysOfStoredDeals, rekeyedDraftKey, withRekeyedField } from '../model/org-keys';
import { REP_NAMING_STORES, repMergesOf, withKeptRep } from '../model/rep-merge';
import type { BackupEnvelope } from './format';

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
