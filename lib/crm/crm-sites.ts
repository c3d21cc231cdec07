/**
 * CRM sites a user adds in Options: their CRM at an address Dealside does not
 * know (a custom domain, a data centre it does not list, a proxy). Pure: the
 * address typed in Options is checked here, and the background and Options
 * both ask here which match pattern a site needs and whether it is already
 * built in. No browser APIs.
 */
import { CRM_MATCHES } from './match-patterns';

/** The CRMs a site may run: each reads as its built-in adapter does (lib/crm/<crm>.ts). */
export const CRM_SITE_CHOICES = [
  { id: 'salesforce', label: 'Salesforce' },
  { id: 'hubspot', label: 'HubSpot' },
  { id: 'pipedrive', label: 'Pipedrive' },
  { id: 'dynamics', label: 'Dynamics 365' },
  { id: 'zoho', label: 'Zoho CRM' },
] as const;
export type CrmSiteChoice = (typeof CRM_SITE_CHOICES)[number]['id'];

/** Each site is one more host where the content script runs on every page: a short list. */
export const MAX_CRM_SITES = 20;

/** An https origin as stored: scheme and host, lower case, no port, path or trailing slash. */
export const SITE_ORIGIN = /^https:\/\/(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

export type SiteAddress = { ok: true; origin: string; host: string } | { ok: false; error: string };

/**
 * What a person typed ("crm.example.com", "https://crm.example.com/lightning/…")
 * → the site's origin. Only https (Dealside reads deal pages over https only),
 * a named host with a dot (no IP addresses, no "localhost"), default port.
 */
export function parseSiteAddress(input: string): SiteAddress {
  const text = input.trim();
  if (!text) return { ok: false, error: 'Type the address of your CRM, for example crm.example.com.' };
  if (text.length > 2048) return { ok: false, error: 'That address is too long.' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { ok: false, error: `“${text}” is not a web address.` };
  }
  if (url.protocol !== 'https:') return { ok: false, error: 'Dealside works on https sites only.' };
  if (url.username || url.password) return { ok: false, error: 'Leave out any user name or password.' };
  if (url.port) return { ok: false, error: 'Dealside works on sites at the standard https port only.' };
  const host = url.hostname.toLowerCase();
  const origin = `https://${host}`;
  if (host.includes('*')) return { ok: false, error: 'Type one site; wildcards (*) are not accepted.' };
  if (!SITE_ORIGIN.test(origin) || /^[\d.]+$/.test(host)) {
    return { ok: false, error: `“${host}” is not a site name Dealside can use (IP addresses and names without a dot are not).` };
  }
  if (isBuiltInCrmHost(host)) return { ok: false, error: `Dealside already works on ${host}: nothing to add.` };
  return { ok: true, origin, host };
}

/** The host permission and content-script match pattern for a site. */
export const sitePattern = (origin: string): string => `${origin}/*`;

/** Is this host one of the CRM hosts Dealside runs on anyway (the manifest's match patterns)? */
export function isBuiltInCrmHost(host: string): boolean {
  return CRM_MATCHES.some((pattern) => {
    const m = /^https:\/\/(\*\.)?([^/]+)\/\*$/.exec(pattern);
    if (!m) return false;
    const [, any, base] = m;
    return host === base || (!!any && host.endsWith(`.${base}`));
  });
}

/** The CRM the user said runs at this page's origin, or null. */
export function crmForOrigin(sites: readonly { origin: string; crm: CrmSiteChoice }[], pageUrl: string | undefined): CrmSiteChoice | null {
  let origin: string;
  try {
    // Lower-case host, default port dropped: an http page, or one at another port, matches no stored (https) origin.
    origin = new URL(pageUrl ?? '').origin;
  } catch {
    return null;
  }
  return sites.find((s) => s.origin === origin)?.crm ?? null;
}
