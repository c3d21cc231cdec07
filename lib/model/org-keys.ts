/**
 * Deal keys from before the org was part of them and the keys they become
 * (`{crm}:{org}/{id}`, see `dealKeyOf`): Salesforce's (`salesforce:{id}`,
 * database v6 and backups of version 1) and Dynamics 365's (`dynamics:{guid}`,
 * database v7 and backups of version 2). Migrations v7 and v8 re-key the
 * stored records with these; a restore re-keys an older backup's records the
 * same way.
 *
 * Pure: records come in as stored or as read from a file (unknown shapes), and
 * anything not recognisably an orgless key of these CRMs is left exactly as it is.
 */
import { dealSnapshotSchema } from './deal';
import { dealKeyOf } from './common';
import { noteDraftDealKey, noteDraftKey } from './keys';

/** The CRMs whose deal keys name the org: a copied environment (a sandbox) keeps its record ids. */
export const ORG_KEYED_CRMS = ['salesforce', 'dynamics'] as const;
export type OrgKeyedCrm = (typeof ORG_KEYED_CRMS)[number];

/** The CRM of an org-keyed deal key (`salesforce:…`, `dynamics:…`), else undefined. */
function orgKeyedCrmOf(key: string, crms: readonly OrgKeyedCrm[]): OrgKeyedCrm | undefined {
  return crms.find((crm) => key.startsWith(`${crm}:`));
}

/** A deal key of `crms` without its org: record ids (Salesforce ids, Dynamics GUIDs) never hold a `/`. */
export function isOrglessKey(key: unknown, crms: readonly OrgKeyedCrm[] = ORG_KEYED_CRMS): key is string {
  return typeof key === 'string' && !key.includes('/') && orgKeyedCrmOf(key, crms) !== undefined;
}

/**
 * Old key → new key, for each deal record with an orgless key of `crms`: the
 * org is read from the host its snapshot was taken on, when that host is a
 * valid one (the rest of the record may be damaged: its next visit writes it
 * anew under the new key, and its records are there). A deal with no valid
 * host keeps its key, and so do its records.
 */
export function orgKeysOfDeals(deals: readonly unknown[], crms: readonly OrgKeyedCrm[] = ORG_KEYED_CRMS): Map<string, string> {
  const keys = new Map<string, string>();
  for (const raw of deals) {
    const key = (raw as { key?: unknown } | null)?.key;
    if (!isOrglessKey(key, crms)) continue;
    const crm = orgKeyedCrmOf(key, crms)!;
    const host = dealSnapshotSchema.shape.host.safeParse((raw as { snapshot?: { host?: unknown } }).snapshot?.host).data;
    if (host) keys.set(key, dealKeyOf(crm, key.slice(crm.length + 1), host));
  }
  return keys;
}

/**
 * For a restore: the new key of each orgless key the backup's records name
 * whose deal is not in the backup itself but is stored here under exactly one
 * org. (Under two, say production and a sandbox, which one is unknowable: the
 * records keep their old key and are restored, not dropped.)
 */
export function orgKeysOfStoredDeals(orgless: Iterable<string>, storedDealKeys: Iterable<unknown>): Map<string, string> {
  // `{crm}:{id}` (the orgless form) → the stored keys with that CRM and id
  const byOrgless = new Map<string, string[]>();
  for (const key of storedDealKeys) {
    // IndexedDB takes numbers, dates and arrays as keys too: a deal stored so (damage, an old
    // bug) names no org-keyed deal, and must not stop the restore meant to mend such damage
    if (typeof key !== 'string') continue;
    const crm = orgKeyedCrmOf(key, ORG_KEYED_CRMS);
    if (!crm || !key.includes('/')) continue;
    const old = `${crm}:${key.slice(key.indexOf('/') + 1)}`;
    byOrgless.set(old, [...(byOrgless.get(old) ?? []), key]);
  }
  const keys = new Map<string, string>();
  for (const old of orgless) {
    const found = byOrgless.get(old);
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

/**
 * Old key → new key for Pipedrive deals read on a site the user added as Pipedrive: keyed
 * `pipedrive:{first label}-{id}` until database v11, a key shared with the same-named company's
 * deal on pipedrive.com or another added site's; since, `pipedrive:{host}/{first label}-{id}`
 * (`dealKeyOf`). Read from each deal's stored host; a deal with no valid host keeps its key.
 */
export function addedSiteKeysOfDeals(deals: readonly unknown[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const raw of deals) {
    const key = (raw as { key?: unknown } | null)?.key;
    if (typeof key !== 'string' || !key.startsWith('pipedrive:') || key.includes('/')) continue;
    const host = dealSnapshotSchema.shape.host.safeParse((raw as { snapshot?: { host?: unknown } }).snapshot?.host).data;
    const next = host ? dealKeyOf('pipedrive', key.slice('pipedrive:'.length), host) : key;
    if (next !== key) keys.set(key, next);
  }
  return keys;
}
