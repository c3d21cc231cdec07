import { describe, expect, it } from 'vitest';
import { isBuiltInCrmHost } from '../../../lib/crm/crm-sites';
import { mayBeDealPage } from '../../../lib/crm/deal-hints';
import { CRM_EXCLUDES, CRM_MATCHES } from '../../../lib/crm/match-patterns';
import { parseDealAddress } from '../../../lib/crm/registry';

/** Chromium's match-pattern rule for `https://HOST/*` patterns: `*.` also matches the bare host. */
const covers = (pattern: string, url: URL) => {
  const m = /^https:\/\/(\*\.)?([^/]+)\/\*$/.exec(pattern);
  if (!m || url.protocol !== 'https:') return false;
  const [, any, base] = m;
  return url.hostname === base || (!!any && url.hostname.endsWith(`.${base}`));
};

describe('CRM_MATCHES (the manifest content script matches)', () => {
  it('are all plain https host patterns', () => {
    for (const p of CRM_MATCHES) expect(p).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+\/\*$/);
  });

  // Every address an adapter takes for a deal must be one the content script runs on.
  it.each([
    'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
    'https://acme--uat.sandbox.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
    'https://acme.lightning.force.com.mcas.ms/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
    'https://acme.my.salesforce.com/0065g00000AcmeQAAS',
    'https://acme.my.salesforce.com.mcas.ms/0065g00000AcmeQAAS',
    'https://na1.salesforce.com/0065g00000AcmeQAAS',
    'https://app.hubspot.com/contacts/123/record/0-3/456',
    'https://acme.pipedrive.com/deal/42',
    'https://app-eu1.hubspot.com/contacts/123/record/0-3/456',
    'https://app-na2.hubspot.com/contacts/123/record/0-3/456',
    'https://app-ap1.hubspot.com/contacts/123/deal/456',
    'https://crm.zoho.eu/crm/org1/tab/Potentials/123456789',
    'https://crm.zoho.jp/crm/org1/tab/Potentials/123456789',
    'https://crm.zoho.com.cn/crm/org1/tab/Potentials/123456789',
    'https://crm.zohocloud.ca/crm/org1/tab/Potentials/123456789',
    'https://contoso.crm4.dynamics.com/main.aspx?appid=0b5ef1d8-66a7-4e4b-8f3c-1d2e3f4a5b6c&pagetype=entityrecord&etn=opportunity&id=%7B6F9619FF-8B86-D011-B42D-00C04FC964FF%7D',
  ])('cover the deal address %s', (href) => {
    const url = new URL(href);
    expect(parseDealAddress(url)).not.toBeNull();
    expect(CRM_MATCHES.some((p) => covers(p, url))).toBe(true);
    expect(isBuiltInCrmHost(url.hostname)).toBe(true);
  });

  it("leave out salesforce.com's own sites (sign-in, help, learning, the store), which the adapter refuses too, and none an org's deal is on", () => {
    const excluded = (url: URL) => CRM_EXCLUDES.some((p) => covers(p, url));
    for (const host of ['login.salesforce.com', 'test.salesforce.com', 'help.salesforce.com', 'trailhead.salesforce.com', 'www.salesforce.com', 'appexchange.salesforce.com', 'login.salesforce.com.mcas.ms']) {
      const url = new URL(`https://${host}/0065g00000AcmeQAAS`);
      expect(excluded(url), host).toBe(true);
      expect(parseDealAddress(url), host).toBeNull();
    }
    for (const href of ['https://acme.my.salesforce.com/0065g00000AcmeQAAS', 'https://na1.salesforce.com/0065g00000AcmeQAAS', 'https://acme--uat.sandbox.my.salesforce.com/0065g00000AcmeQAAS']) {
      expect(excluded(new URL(href)), href).toBe(false);
    }
  });

  it('leave out the parts of dynamics.com that are no CRM (Finance & Operations, Business Central, the home page)', () => {
    for (const host of ['acme.operations.dynamics.com', 'businesscentral.dynamics.com', 'home.dynamics.com']) {
      expect(isBuiltInCrmHost(host), host).toBe(false);
      expect(CRM_MATCHES.some((p) => covers(p, new URL(`https://${host}/`))), host).toBe(false);
    }
    for (const host of ['contoso.crm.dynamics.com', 'contoso.crm4.dynamics.com', 'contoso.crm11.dynamics.com', 'contoso.crm21.dynamics.com']) {
      expect(isBuiltInCrmHost(host), host).toBe(true);
    }
  });

  it('cover Salesforce Classic behind Defender for Cloud Apps (was: adapter yes, content script never)', () => {
    const url = new URL('https://acme.my.salesforce.com.mcas.ms/0065g00000AcmeQAAS');
    expect(CRM_MATCHES).toContain('https://*.salesforce.com.mcas.ms/*');
    expect(isBuiltInCrmHost('acme.my.salesforce.com.mcas.ms')).toBe(true);
    expect(mayBeDealPage(url)).toBe(true);
    expect(isBuiltInCrmHost('salesforce.com.mcas.ms.example')).toBe(false);
  });
});
