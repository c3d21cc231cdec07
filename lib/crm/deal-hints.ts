/**
 * A cheap first question for the always-loaded content script: could this
 * address be a deal record of any CRM Dealside reads? Liberal on purpose —
 * a "maybe" only loads the full reader, whose adapters answer exactly — but
 * false on the CRMs' many other pages (setup, lists, contacts, reports), so
 * those pages never pay for the reader. Must be true for every address an
 * adapter accepts (unit-tested against them).
 */
const PATH = /^\/lightning\/r\/|^\/one\/one\.app|^\/006[A-Za-z0-9]{12}|^\/contacts\/\d+\/(?:record\/0-3|deal)\/|^\/deal\/\d|\/tab\/Potentials\/\d/i;
/** Dynamics 365 names the record in the query: an opportunity's record page */
const DYNAMICS = /^(?=.*[?&]pagetype=entityrecord(?:&|$))(?=.*[?&]etn=opportunity(?:&|$))/i;

export function mayBeDealPage(url: URL): boolean {
  return url.protocol === 'https:' && (PATH.test(url.pathname) || DYNAMICS.test(url.search));
}

/** A Salesforce record address names its object loosely ("/lightning/r/", "one.app"): an opportunity's id starts 006. */
const SALESFORCE_LOOSE = /^\/(?:lightning\/r\/|one\/one\.app)/i;
const OPPORTUNITY_ID = /\/006[A-Za-z0-9]{12}/;

/**
 * Stricter than mayBeDealPage: a deal record's address, as far as the address alone
 * can tell (a Lightning account or contact record is a "maybe" but not this). Where
 * it holds, the first stage asks for the sidebar's layout while the reader loads.
 */
export function likelyDealPage(url: URL): boolean {
  return mayBeDealPage(url) && (!SALESFORCE_LOOSE.test(url.pathname) || OPPORTUNITY_ID.test(url.pathname + url.hash));
}
