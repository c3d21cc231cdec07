import { z } from 'zod';
import { SCORE_DIMENSION_KEYS } from './keys';

/** UTC instant, e.g. "2026-11-22T15:04:05.000Z". Times are stored as instants; days are computed in the user's zone. */
export const isoInstant = z.iso.datetime({ offset: false });
/** The earliest calendar day taken: the date arithmetic's `Date.UTC` reads years 0–99 as 1900–1999. */
export const MIN_ISO_DATE = '1900-01-01';
/** Calendar day in the user's zone, e.g. "2026-11-26"; from 1900 on. */
export const isoDate = z.iso.date().refine((d) => d >= MIN_ISO_DATE, { message: 'A date before 1900.' });

export const roleSchema = z.enum(['manager', 'rep']);
export type Role = z.infer<typeof roleSchema>;

/** Who did something: the local user's name and role at that moment. */
export const personSchema = z.object({
  name: z.string().trim().min(1).max(120),
  role: roleSchema,
});
export type Person = z.infer<typeof personSchema>;

export const crmIdSchema = z.enum(['salesforce', 'hubspot', 'pipedrive', 'dynamics', 'zoho', 'custom']);

/** A deal's identity across the whole extension: see `dealKeyOf`. */
export const dealKeySchema = z
  .string()
  .max(300)
  .regex(/^(salesforce|hubspot|pipedrive|dynamics|zoho|custom):[^\s]+$/, 'not a deal key');
export type DealKey = z.infer<typeof dealKeySchema>;

/**
 * `${crm}:${recordId}`; for Salesforce and Dynamics 365 `${crm}:${org}/${recordId}`.
 * A Salesforce id is unique within its org only in practice, and a Dynamics GUID
 * across environments only until one is copied: a sandbox copied from production
 * keeps the records' ids, so keyed by id alone a sandbox's test edits, notes and
 * scores would land on the production deal. The other CRMs' record ids already
 * carry their account (HubSpot's portal, Pipedrive's company, Zoho's org).
 * `host`: the address's host, as reported. (Record ids never hold a `/`, so a key
 * of these two without one is from before the org was part of it: migrations v7
 * (Salesforce) and v8 (Dynamics) and restores re-key those: lib/model/org-keys.ts.)
 */
export function dealKeyOf(crm: string, recordId: string, host: string): DealKey {
  if (crm === 'salesforce') return `salesforce:${orgOf(host, SALESFORCE_DOMAIN)}/${recordId}`;
  if (crm === 'dynamics') return `dynamics:${orgOf(host, DYNAMICS_DOMAIN)}/${recordId}`;
  // Pipedrive's record id names the company by the host's first label: on a site the user added
  // as Pipedrive that label is no company (`sales.example.com` and `sales.pipedrive.com` would
  // share `sales-42`), so such a deal's key names the whole host (since database v11)
  if (crm === 'pipedrive') {
    const site = orgOf(host, PIPEDRIVE_DOMAIN);
    if (site.includes('.')) return `pipedrive:${site}/${recordId}`;
  }
  return `${crm}:${recordId}`;
}

/**
 * The org a host serves: on the CRM's own domains, the first label; any other host (a
 * site the user added as that CRM) is taken whole, port aside, as two such sites may
 * share a first label (`sales.a.com`, `sales.b.com`).
 */
function orgOf(host: string, ownDomain: RegExp): string {
  const name = host.toLowerCase().replace(/:\d+$/, '');
  return ownDomain.test(name) ? name.slice(0, name.indexOf('.')) : name;
}

/**
 * The Salesforce org a host serves. On Salesforce's own domains, the first
 * label: the org's My Domain name, the same on Lightning
 * (`acme.lightning.force.com`), Classic (`acme.my.salesforce.com`) and behind
 * the `.mcas.ms` proxy, and naming each sandbox apart (`acme--uat.sandbox.…`,
 * or `acme--uat.…` on legacy domains). An old pod host (`na44.salesforce.com`)
 * gives the pod: at worst one deal seen there and under its My Domain is two
 * deals. Any other host is taken whole.
 */
export function salesforceOrgOf(host: string): string {
  return orgOf(host, SALESFORCE_DOMAIN);
}
const SALESFORCE_DOMAIN = /^[^.]+\.(?:.+\.)?(?:force|salesforce)\.com(?:\.mcas\.ms)?$/;
/** Pipedrive's companies: `{company}.pipedrive.com`. */
const PIPEDRIVE_DOMAIN = /^[^.]+\.pipedrive\.com$/;
/** Dynamics 365's environments: `{org}.crm{N}.dynamics.com`, each copy (a sandbox) under its own name. */
const DYNAMICS_DOMAIN = /^[^.]+\.crm\d{0,2}\.dynamics\.com$/;

/** `${crm}:${owner name as the CRM shows it}` */
export const repIdSchema = z.string().min(3).max(300);
export type RepId = z.infer<typeof repIdSchema>;

export function repIdOf(crm: string, ownerName: string): RepId {
  return `${crm}:${ownerName.trim().replace(/\s+/g, ' ')}`;
}

export const idSchema = z.string().min(1).max(64);

export const scoreDimensionSchema = z.enum(SCORE_DIMENSION_KEYS);
export type ScoreDimension = z.infer<typeof scoreDimensionSchema>;
export const SCORE_DIMENSIONS: readonly ScoreDimension[] = SCORE_DIMENSION_KEYS;

export const diagnosisSchema = z.enum(['skill', 'will', 'knowledge', 'system']);
export type Diagnosis = z.infer<typeof diagnosisSchema>;

/** Limits for free text a person types; generous, but bounded so a paste cannot bloat the store. */
export const shortText = z.string().trim().min(1).max(500);
export const longText = z.string().max(20_000);
