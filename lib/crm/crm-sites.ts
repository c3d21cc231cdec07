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

/** `host`: as stored and matched (ASCII, punycode); shown to a person through `shownHost`. */
export type SiteAddress = { ok: true; origin: string; host: string } | { ok: false; error: string };

/**
 * What a person typed ("crm.example.com", "https://crm.example.com/lightning/…")
 * → the site's origin. Only https (Dealside reads deal pages over https only),
 * a named host with a dot (no IP addresses, no "localhost"), default port. A
 * trailing dot ("crm.example.com.", the fully qualified name) names the same site: dropped.
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
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const origin = `https://${host}`;
  if (host.includes('*')) return { ok: false, error: 'Type one site; wildcards (*) are not accepted.' };
  if (!SITE_ORIGIN.test(origin) || /^[\d.]+$/.test(host)) {
    return { ok: false, error: `“${shownHost(host)}” is not a site name Dealside can use (IP addresses and names without a dot are not).` };
  }
  if (isBuiltInCrmHost(host)) return { ok: false, error: `Dealside already works on ${shownHost(host)}: nothing to add.` };
  return { ok: true, origin, host };
}

/**
 * A site's host ("xn--bcher-kva.example") or origin as a person reads it: "bücher.example".
 * Only for showing; what is stored and matched stays ASCII. A label that does not decode to
 * exactly the host stored (the browser's own URL parser is the judge) is shown as it is.
 */
export function shownHost(hostOrOrigin: string): string {
  const host = hostOrOrigin.replace(/^https:\/\//, '');
  if (!/(?:^|\.)xn--/.test(host)) return host;
  const shown = host
    .split('.')
    .map((label) => (label.startsWith('xn--') ? (decodePunycode(label.slice(4)) ?? label) : label))
    .join('.');
  try {
    return new URL(`https://${shown}`).hostname === host ? shown : host;
  } catch {
    return host;
  }
}

/** Punycode (RFC 3492) → the label's Unicode text; null if it is not valid punycode. */
function decodePunycode(input: string): string | null {
  const base = 36;
  const tMin = 1;
  const tMax = 26;
  const adapt = (delta: number, points: number, first: boolean) => {
    delta = first ? Math.floor(delta / 700) : delta >> 1;
    delta += Math.floor(delta / points);
    let k = 0;
    for (; delta > ((base - tMin) * tMax) >> 1; k += base) delta = Math.floor(delta / (base - tMin));
    return k + Math.floor(((base - tMin + 1) * delta) / (delta + 38));
  };
  const basic = Math.max(input.lastIndexOf('-'), 0);
  const out = [...input.slice(0, basic)].map((c) => c.codePointAt(0)!);
  let n = 128;
  let i = 0;
  let bias = 72;
  for (let at = basic > 0 ? basic + 1 : 0; at < input.length; ) {
    const oldI = i;
    for (let w = 1, k = base; ; k += base) {
      if (at >= input.length) return null;
      const c = input.charCodeAt(at++);
      const digit = c >= 48 && c <= 57 ? c - 22 : c >= 97 && c <= 122 ? c - 97 : c >= 65 && c <= 90 ? c - 65 : base;
      if (digit >= base) return null;
      i += digit * w;
      const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
      if (digit < t) break;
      w *= base - t;
      // a label is at most 63 characters: anything this large is no real one
      if (i > 0x10ffff * 64 || w > 0x10ffff * 64) return null;
    }
    bias = adapt(i - oldI, out.length + 1, oldI === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (n > 0x10ffff) return null;
    out.splice(i++, 0, n);
  }
  return String.fromCodePoint(...out);
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
