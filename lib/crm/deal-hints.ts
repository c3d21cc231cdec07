/**
 * A cheap first question for the always-loaded content script: could this
 * address be a deal record of any CRM Dealside reads? Liberal on purpose —
 * a "maybe" only loads the full reader, whose adapters answer exactly — but
 * false on the CRMs' many other pages (setup, lists, contacts, reports), so
 * those pages never pay for the reader. Must be true for every address an
 * adapter accepts (unit-tested against them).
 */
/** What of an address the hints read: a URL, or the page's own `location` (no URL object to make). */
export type AddressParts = Pick<URL, 'protocol' | 'pathname' | 'search' | 'hash'>;

export const DEAL_PATH_PATTERN = /^\/lightning\/r\/|^\/one\/one\.app|^\/006[A-Za-z0-9]{12}|^\/contacts\/\d+\/(?:record\/0-3|deal)\/|^\/deal\/\d|\/tab\/Potentials\/\d/i;
/** Dynamics 365 names the record in the query: an opportunity's record page */
export const DYNAMICS_RECORD_PATTERN = /^(?=.*[?&]pagetype=entityrecord(?:&|$))(?=.*[?&]etn=opportunity(?:&|$))/i;

/**
 * A string-only gate in front of the patterns, true wherever they can match (each
 * pattern's fixed start, lower-cased as their `i` flag reads it). On the CRMs' other
 * pages no pattern runs: a pattern's first use compiles it, ~0.6 ms of the page's
 * main thread on a slow machine for these two, every time a CRM page loads.
 */
function pathMayMatch(path: string): boolean {
  const lower = path.toLowerCase();
  return (
    lower.startsWith('/lightning/r/') ||
    lower.startsWith('/one/one.app') ||
    lower.startsWith('/006') ||
    lower.startsWith('/contacts/') ||
    lower.startsWith('/deal/') ||
    lower.includes('/tab/potentials/')
  );
}

export function mayBeDealPage(url: AddressParts): boolean {
  if (url.protocol !== 'https:') return false;
  return (
    (pathMayMatch(url.pathname) && DEAL_PATH_PATTERN.test(url.pathname)) ||
    (url.search.toLowerCase().includes('etn=opportunity') && DYNAMICS_RECORD_PATTERN.test(url.search))
  );
}

/** A Salesforce record address names its object loosely ("/lightning/r/", "one.app"): an opportunity's id starts 006. */
const SALESFORCE_LOOSE = /^\/(?:lightning\/r\/|one\/one\.app)/i;
const OPPORTUNITY_ID = /\/006[A-Za-z0-9]{12}/;

/**
 * Stricter than mayBeDealPage: a deal record's address, as far as the address alone
 * can tell (a Lightning account or contact record is a "maybe" but not this). Where
 * it holds, the first stage asks for the sidebar's layout while the reader loads.
 */
export function likelyDealPage(url: AddressParts): boolean {
  return mayBeDealPage(url) && (!SALESFORCE_LOOSE.test(url.pathname) || OPPORTUNITY_ID.test(url.pathname + url.hash));
}
