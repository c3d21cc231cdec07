/**
 * Salesforce deal keys from before the org was part of them (`salesforce:{id}`,
 * database v6 and backups written by it) and the keys they become
 * (`salesforce:{org}/{id}`, see `dealKeyOf`). Migration v7 re-keys the stored
 * records with these; a restore re-keys an older backup's records the same way.
 *
 * Pure: records come in as stored or as read from a file (unknown shapes), and
 * anything not recognisably an orgless Salesforce key is left exactly as it is.
 */
import { dealSnapshotSchema } from './deal';
import { dealKeyOf } from './common';
import { noteDraftDealKey, noteDraftKey } from './keys';

const PREFIX = 'salesforce:';

/** A Salesforce deal key without its org: record ids never hold a `/`. */
export function isOrglessSalesforceKey(key: unknown): key is string {
  return typeof key === 'string' && key.startsWith(PREFIX) && !key.includes('/');
}

/**
 * Old key → new key, for each deal record with an orgless Salesforce key: the
 * org is read from the host its snapshot was taken on, when that host is a
 * valid one (the rest of the record may be damaged: its next visit writes it
 * anew under the new key, and its records are there). A deal with no valid
 * host keeps its key, and so do its records.
 */
export function orgKeysOfDeals(deals: readonly unknown[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const raw of deals) {
    const key = (raw as { key?: unknown } | null)?.key;
    if (!isOrglessSalesforceKey(key)) continue;
    const host = dealSnapshotSchema.shape.host.safeParse((raw as { snapshot?: { host?: unknown } }).snapshot?.host).data;
    if (host) keys.set(key, dealKeyOf('salesforce', key.slice(PREFIX.length), host));
  }
  return keys;
}

/**
 * For a restore: the new key of each orgless key the backup's records name
 * whose deal is not in the backup itself but is stored here under exactly one
 * org. (Under two, say production and a sandbox, which one is unknowable: the
 * records keep their old key and are restored, not dropped.)
 */
export function orgKeysOfStoredDeals(orgless: Iterable<string>, storedDealKeys: Iterable<string>): Map<string, string> {
  const byId = new Map<string, string[]>();
  for (const key of storedDealKeys) {
    if (!key.startsWith(PREFIX) || !key.includes('/')) continue;
    const id = key.slice(key.indexOf('/') + 1);
    byId.set(id, [...(byId.get(id) ?? []), key]);
  }
  const keys = new Map<string, string>();
  for (const old of orgless) {
    const found = byId.get(old.slice(PREFIX.length));
    if (found?.length === 1) keys.set(old, found[0]!);
  }
  return keys;
}

/** The draft key for `draftKey` once its deal's key is re-keyed (only coaching-note drafts name a deal). */
export function rekeyedDraftKey(draftKey: string, keys: ReadonlyMap<string, string>): string {
  const dealKey = noteDraftDealKey(draftKey);
  const next = dealKey === undefined ? undefined : keys.get(dealKey);
  return next === undefined ? draftKey : noteDraftKey(next);
}

/** `record` with its `field` re-keyed when it holds an old key `keys` knows; otherwise the same object. */
export function withRekeyedField<T>(record: T, field: string, keys: ReadonlyMap<string, string>): T {
  if (typeof record !== 'object' || record === null) return record;
  const value = (record as Record<string, unknown>)[field];
  const next = typeof value === 'string' ? keys.get(value) : undefined;
  return next === undefined ? record : { ...record, [field]: next };
}
