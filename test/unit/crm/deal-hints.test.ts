import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEAL_PATH_PATTERN, DYNAMICS_RECORD_PATTERN, likelyDealPage, mayBeDealPage } from '../../../lib/crm/deal-hints';
import { parseDealAddress } from '../../../lib/crm/registry';

/**
 * The always-loaded content script loads the deal reader only when
 * mayBeDealPage says so: it must never say no to an address an adapter reads
 * as a deal, and should say no to the CRMs' everyday non-deal pages.
 */
const manifest = JSON.parse(readFileSync(join(__dirname, '../../fixtures/crm/manifest.json'), 'utf8')) as {
  url: string;
  deal?: boolean;
}[];

const DEALS = [
  ...manifest.filter((m) => m.deal !== false).map((m) => m.url),
  'https://acme.lightning.force.com/lightning/r/0065g00000AcmeQAAS/view',
  'https://acme--uat.sandbox.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view?ws=%2Flightning%2Fr%2FAccount',
  'https://acme.lightning.force.com.mcas.ms/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
  'https://na1.salesforce.com/0065g00000Class',
  'https://app-eu1.hubspot.com/contacts/25500111/deal/7700112233',
  'https://contoso.crm11.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity&id=6f9619ff-8b86-d011-b42d-00c04fc964ff',
  'https://crm.zoho.in/crm/tab/Potentials/4876876000001234567',
];

const NOT_DEALS = [
  'https://acme.lightning.force.com/lightning/setup/SetupOneHome/home',
  'https://acme.lightning.force.com/lightning/o/Opportunity/list?filterName=Recent',
  'https://acme.lightning.force.com/lightning/page/home',
  'https://acme.my.salesforce.com/001/o',
  'https://app.hubspot.com/contacts/4455667/objects/0-3/views/all/list',
  'https://app.hubspot.com/reports-dashboard/4455667',
  'https://acme-sales.pipedrive.com/pipeline/1/user/everyone',
  'https://contoso.crm4.dynamics.com/main.aspx?pagetype=entitylist&etn=opportunity',
  'https://crm.zoho.eu/crm/org20071234/tab/Home/begin',
];

describe('mayBeDealPage', () => {
  it.each(DEALS)('is true for the deal address %s (which an adapter reads as a deal)', (href) => {
    const url = new URL(href);
    expect(parseDealAddress(url)).not.toBeNull();
    expect(mayBeDealPage(url)).toBe(true);
  });

  it.each(NOT_DEALS)('is false for the everyday page %s', (href) => {
    const url = new URL(href);
    expect(parseDealAddress(url)).toBeNull();
    expect(mayBeDealPage(url)).toBe(false);
  });

  // The patterns alone, as mayBeDealPage read them before its string-only gate: the gate
  // (which spares every other CRM page compiling them) must never change an answer.
  const PATTERNS_ALONE = (url: URL) =>
    url.protocol === 'https:' && (DEAL_PATH_PATTERN.test(url.pathname) || DYNAMICS_RECORD_PATTERN.test(url.search));
  const shouted = (href: string) => {
    const url = new URL(href);
    return `${url.origin}${url.pathname.toUpperCase()}${url.search.toUpperCase()}${url.hash}`;
  };
  /** around each pattern's fixed start: just in, just out */
  const EDGES = [
    '/lightning/r/x', '/lightning/r', '/lightning/rx/', '/xlightning/r/', '/one/one.app', '/one/one.ap', '/one/one.apps',
    '/0065g00000AcmeQ', '/0065g00000Acme', '/006', '/contacts/1/deal/2', '/contacts/1/record/0-3/2', '/contacts/x/deal/2',
    '/contacts/1/deals/2', '/deal/1', '/deal/', '/deals/1', '/crm/org1/tab/Potentials/1', '/tab/Potentials/x', '/tab/potentials/1',
  ].flatMap((path) => [`https://crm.example.com${path}`])
    .concat(['?pagetype=entityrecord&etn=opportunity', '?etn=opportunity&pagetype=entityrecord', '?pagetype=entityrecord&etn=opportunityx', '?etn=Opportunity&PageType=EntityRecord', '?pagetype=entitylist&etn=opportunity'].map((q) => `https://crm.example.com/main.aspx${q}`));
  it.each(EDGES)('answers as the patterns alone just around their starts: %s', (href) => {
    const url = new URL(href);
    expect(mayBeDealPage(url)).toBe(PATTERNS_ALONE(url));
  });
  it('those edges include addresses the patterns take and ones they refuse', () => {
    const answers = EDGES.map((href) => PATTERNS_ALONE(new URL(href)));
    expect(answers.filter(Boolean).length).toBeGreaterThan(5);
    expect(answers.filter((a) => !a).length).toBeGreaterThan(5);
  });
  it.each([...DEALS, ...NOT_DEALS, ...DEALS.map(shouted), ...NOT_DEALS.map(shouted)])('answers as the patterns alone for %s', (href) => {
    const url = new URL(href);
    expect(mayBeDealPage(url)).toBe(PATTERNS_ALONE(url));
  });

  it("reads the page's own location as it reads a URL (the first stage passes location, not a new URL)", () => {
    for (const href of [...DEALS, ...NOT_DEALS]) {
      const { protocol, pathname, search, hash } = new URL(href);
      expect(mayBeDealPage({ protocol, pathname, search, hash })).toBe(mayBeDealPage(new URL(href)));
      expect(likelyDealPage({ protocol, pathname, search, hash })).toBe(likelyDealPage(new URL(href)));
    }
  });

  it('is false for plain http', () => {
    expect(mayBeDealPage(new URL('http://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view'))).toBe(false);
  });
});

describe('likelyDealPage (where the first stage asks for the sidebar layout while the reader loads)', () => {
  it.each(DEALS.filter((href) => !href.includes('/one/one.app')))('is true for the deal address %s', (href) => {
    expect(likelyDealPage(new URL(href))).toBe(true);
  });

  it("is true for a one.app address naming an opportunity's id", () => {
    expect(likelyDealPage(new URL('https://acme.lightning.force.com/one/one.app#/sObject/0065g00000AcmeQAAS/view'))).toBe(true);
  });

  it('is false for other Salesforce records, which are only a "maybe" (the reader finds no deal there)', () => {
    for (const href of [
      'https://acme.lightning.force.com/lightning/r/Account/0015g00000AcmeAAA/view',
      'https://acme.lightning.force.com/lightning/r/Contact/0035g00000JordanA/view',
      'https://acme.lightning.force.com/one/one.app#/sObject/0015g00000AcmeAAA/view',
    ]) {
      const url = new URL(href);
      expect(mayBeDealPage(url)).toBe(true);
      expect(parseDealAddress(url)).toBeNull();
      expect(likelyDealPage(url)).toBe(false);
    }
  });

  it.each(NOT_DEALS)('is false for the everyday page %s', (href) => {
    expect(likelyDealPage(new URL(href))).toBe(false);
  });
});
