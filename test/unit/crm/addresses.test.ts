import { describe, expect, it } from 'vitest';
import { ADAPTERS, adapterFor, parseDealAddress } from '../../../lib/crm/registry';
import { salesforceId18 } from '../../../lib/crm/salesforce';

const deal = (href: string) => parseDealAddress(new URL(href));
const owner = (href: string) => adapterFor(new URL(href))?.id ?? null;

describe('registry', () => {
  it('lists one adapter per CRM, each with a label', () => {
    expect(ADAPTERS.map((a) => a.id)).toEqual(['salesforce', 'hubspot', 'pipedrive', 'dynamics', 'zoho']);
    for (const a of ADAPTERS) expect(a.label).toBeTruthy();
  });

  it('finds the adapter by host only', () => {
    expect(owner('https://acme.lightning.force.com/lightning/page/home')).toBe('salesforce');
    expect(owner('https://app.hubspot.com/contacts/1/objects/0-1/views/all/list')).toBe('hubspot');
    expect(owner('https://acme.pipedrive.com/pipeline/1')).toBe('pipedrive');
    expect(owner('https://contoso.crm.dynamics.com/main.aspx')).toBe('dynamics');
    expect(owner('https://crm.zoho.com/crm/org1/tab/Home/begin')).toBe('zoho');
    expect(owner('https://example.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view')).toBeNull();
    expect(owner('https://www.salesforce.com/0065g00000AcmeQAAS')).toBeNull();
  });
});

describe('Salesforce addresses', () => {
  const ACME = { crm: 'salesforce', recordId: '0065g00000AcmeQAAS' };
  it.each([
    'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
    'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view/',
    'https://acme.lightning.force.com/lightning/r/opportunity/0065g00000AcmeQAAS/view',
    'https://acme.lightning.force.com/lightning/r/0065g00000AcmeQAAS/view',
    'https://acme.lightning.force.com/one/one.app#/sObject/0065g00000AcmeQAAS/view',
    'https://acme.lightning.force.com/one/one.app#/sObject/0065g00000AcmeQAAS',
    'https://acme--uat.sandbox.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
    'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view?ws=%2Flightning%2Fr%2FAccount%2F0015g00000AcmeAcAA%2Fview',
    'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view?0.source=alohaHeader',
    'https://acme.lightning.force.com.mcas.ms/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
    'https://acme.my.salesforce.com/0065g00000AcmeQAAS',
    'https://acme.my.salesforce.com.mcas.ms/0065g00000AcmeQAAS',
    'https://na1.salesforce.com/0065g00000AcmeQAAS',
    'https://cs42.salesforce.com/0065g00000AcmeQAAS',
    'https://acme--uat.sandbox.my.salesforce.com/0065g00000AcmeQAAS',
    'https://acme-dev-ed.develop.my.salesforce.com/0065g00000AcmeQAAS',
    'https://power-ruby-1234.scratch.my.salesforce.com/0065g00000AcmeQAAS',
  ])('deal: %s', (href) => {
    expect(deal(href)).toEqual(ACME);
  });

  it('maps the 15- and 18-character forms of one id to the same recordId', () => {
    // 0065g00000ClassAAB is the real 18-character form of 0065g00000Class
    expect(salesforceId18('0065g00000Class')).toBe('0065g00000ClassAAB');
    expect(salesforceId18('0063000000D8cPk')).toBe('0063000000D8cPkAAJ');
    expect(deal('https://acme.my.salesforce.com/0065g00000Class')).toEqual({ crm: 'salesforce', recordId: '0065g00000ClassAAB' });
    expect(deal('https://acme.my.salesforce.com/0065g00000ClassAAB')).toEqual({ crm: 'salesforce', recordId: '0065g00000ClassAAB' });
    expect(deal('https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000Class/view')?.recordId).toBe('0065g00000ClassAAB');
    expect(deal('https://na1.salesforce.com/0063000000D8cPk')?.recordId).toBe('0063000000D8cPkAAJ');
    // an 18-character id is kept exactly as shown
    expect(deal('https://acme.my.salesforce.com/0065g00000ClassAAA')?.recordId).toBe('0065g00000ClassAAA');
  });

  it.each([
    // lists, homes, setup, other objects
    'https://acme.lightning.force.com/lightning/o/Opportunity/list?filterName=Recent',
    'https://acme.lightning.force.com/lightning/o/Opportunity/home',
    'https://acme.lightning.force.com/lightning/page/home',
    'https://acme.lightning.force.com/lightning/setup/SetupOneHome/home',
    'https://acme.lightning.force.com/lightning/r/Account/0015g00000AcmeAcAA/view',
    'https://acme.lightning.force.com/lightning/r/0015g00000AcmeAcAA/view',
    'https://acme.lightning.force.com/lightning/r/Contact/0035g00000ContcAAA/view',
    'https://acme.lightning.force.com/lightning/r/User/0055g00000DanaRAAA/view',
    'https://acme.lightning.force.com/lightning/r/0055g00000DanaRAAA/view',
    'https://acme.my.salesforce.com/0055g00000DanaRAAA',
    'https://acme.my.salesforce.com/0015g00000AcmeAcAA',
    'https://acme.my.salesforce.com/006/o',
    'https://acme.my.salesforce.com/006/e',
    // related lists / edit pages of a deal are not the record page
    'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/related/OpportunityLineItems/view',
    'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/edit',
    // object says Opportunity but the id is not one
    'https://acme.lightning.force.com/lightning/r/Opportunity/0015g00000AcmeAcAA/view',
    // malformed ids: wrong length, bad characters
    'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQA/view',
    'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAASXX/view',
    'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000Acme%20AAS/view',
    'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000Acme-QAS/view',
    'https://acme.lightning.force.com/one/one.app#/sObject/0015g00000AcmeAcAA/view',
    'https://acme.lightning.force.com/one/one.app#/home',
    'https://acme.lightning.force.com/one/one.app',
    // Classic-style path on a Lightning host, wrong hosts, plain http
    'https://acme.lightning.force.com/0065g00000AcmeQAAS',
    'https://help.salesforce.com/0065g00000AcmeQAAS',
    // salesforce.com sites that are no org: a link to /{006 id} there is not that org's deal
    'https://appexchange.salesforce.com/0065g00000AcmeQAAS',
    'https://partners.salesforce.com/0065g00000AcmeQAAS',
    'https://my.salesforce.com/0065g00000AcmeQAAS',
    'https://acme.force.com.evil.example/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
    'https://lightning.force.com.example.org/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
    'http://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
  ])('not a deal: %s', (href) => {
    expect(deal(href)).toBeNull();
  });
});

describe('HubSpot addresses', () => {
  it.each([
    ['https://app.hubspot.com/contacts/4455667/record/0-3/9876543210', '4455667-9876543210'],
    ['https://app.hubspot.com/contacts/4455667/record/0-3/9876543210/', '4455667-9876543210'],
    ['https://app.hubspot.com/contacts/4455667/record/0-3/9876543210/view/1', '4455667-9876543210'],
    ['https://app.hubspot.com/contacts/4455667/record/0-3/9876543210?interaction=note', '4455667-9876543210'],
    ['https://app.hubspot.com/contacts/4455667/deal/5544332211', '4455667-5544332211'],
    ['https://app.hubspot.com/contacts/4455667/deal/5544332211/', '4455667-5544332211'],
    ['https://app-eu1.hubspot.com/contacts/25500111/record/0-3/7700112233', '25500111-7700112233'],
    ['https://app-eu1.hubspot.com/contacts/25500111/deal/7700112233', '25500111-7700112233'],
  ])('deal: %s', (href, recordId) => {
    expect(deal(href)).toEqual({ crm: 'hubspot', recordId });
  });

  it('keeps the same deal id in two portals apart', () => {
    expect(deal('https://app.hubspot.com/contacts/1/record/0-3/42')?.recordId).not.toBe(
      deal('https://app.hubspot.com/contacts/2/record/0-3/42')?.recordId,
    );
  });

  it.each([
    'https://app.hubspot.com/contacts/4455667/objects/0-3/views/all/board',
    'https://app.hubspot.com/contacts/4455667/deals/list/view/all/',
    'https://app.hubspot.com/contacts/4455667/record/0-1/123456',
    'https://app.hubspot.com/contacts/4455667/record/0-2/123456',
    'https://app.hubspot.com/contacts/4455667/contact/123456',
    'https://app.hubspot.com/contacts/4455667/company/123456',
    'https://app.hubspot.com/contacts/4455667/record/0-3/',
    'https://app.hubspot.com/contacts/4455667/record/0-3/abc',
    'https://app.hubspot.com/contacts/abc/record/0-3/123',
    'https://app.hubspot.com/reports-dashboard/4455667',
    'https://www.hubspot.com/contacts/4455667/record/0-3/9876543210',
    'https://app.hubspot.com.evil.example/contacts/4455667/record/0-3/9876543210',
    'https://knowledge.hubspot.com/contacts/4455667/deal/1',
  ])('not a deal: %s', (href) => {
    expect(deal(href)).toBeNull();
  });
});

describe('Pipedrive addresses', () => {
  it.each([
    ['https://acme-sales.pipedrive.com/deal/1842', 'acme-sales-1842'],
    ['https://acme-sales.pipedrive.com/deal/1842/', 'acme-sales-1842'],
    ['https://acme.pipedrive.com/deal/7?tab=notes', 'acme-7'],
  ])('deal: %s', (href, recordId) => {
    expect(deal(href)).toEqual({ crm: 'pipedrive', recordId });
  });

  it.each([
    'https://acme.pipedrive.com/pipeline/1/user/everyone',
    'https://acme.pipedrive.com/deals/list',
    'https://acme.pipedrive.com/deal/abc',
    'https://acme.pipedrive.com/deal/',
    'https://acme.pipedrive.com/person/5512',
    'https://acme.pipedrive.com/organization/771',
    'https://www.pipedrive.com/deal/1842',
    'https://pipedrive.com/deal/1842',
    'https://acme.pipedrive.com.example/deal/1842',
  ])('not a deal: %s', (href) => {
    expect(deal(href)).toBeNull();
  });
});

describe('Dynamics 365 addresses', () => {
  const ID = '6f9619ff-8b86-d011-b42d-00c04fc964ff';
  it.each([
    'https://contoso.crm4.dynamics.com/main.aspx?appid=0b5ef1d8-66a7-4e4b-8f3c-1d2e3f4a5b6c&pagetype=entityrecord&etn=opportunity&id=%7B6F9619FF-8B86-D011-B42D-00C04FC964FF%7D',
    'https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity&id=6f9619ff-8b86-d011-b42d-00c04fc964ff',
    'https://contoso.crm11.dynamics.com/main.aspx?etn=opportunity&pagetype=entityrecord&id={6F9619FF-8B86-D011-B42D-00C04FC964FF}',
    'https://contoso-dev.crm4.dynamics.com/main.aspx?appid=x&pagetype=entityrecord&etn=Opportunity&id=6F9619FF-8B86-D011-B42D-00C04FC964FF&formid=abc',
    // an app with an app URL suffix
    'https://contoso.crm.dynamics.com/apps/sales/main.aspx?pagetype=entityrecord&etn=opportunity&id=6f9619ff-8b86-d011-b42d-00c04fc964ff',
  ])('deal: %s', (href) => {
    expect(deal(href)).toEqual({ crm: 'dynamics', recordId: ID });
  });

  it.each([
    'https://contoso.crm4.dynamics.com/main.aspx?pagetype=entitylist&etn=opportunity',
    'https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=6f9619ff-8b86-d011-b42d-00c04fc964ff',
    'https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity',
    'https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity&id=not-a-guid',
    'https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity&id=6f9619ff8b86d011b42d00c04fc964ff00',
    'https://contoso.crm4.dynamics.com/other.aspx?pagetype=entityrecord&etn=opportunity&id=6f9619ff-8b86-d011-b42d-00c04fc964ff',
    'https://contoso.crm4.dynamics.com/apps/main.aspx?pagetype=entityrecord&etn=opportunity&id=6f9619ff-8b86-d011-b42d-00c04fc964ff',
    'https://contoso.crm4.dynamics.com/apps/a/b/main.aspx?pagetype=entityrecord&etn=opportunity&id=6f9619ff-8b86-d011-b42d-00c04fc964ff',
    'https://contoso.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity&id=6f9619ff-8b86-d011-b42d-00c04fc964ff',
    'https://contoso.crm4.dynamics.com.example/main.aspx?pagetype=entityrecord&etn=opportunity&id=6f9619ff-8b86-d011-b42d-00c04fc964ff',
  ])('not a deal: %s', (href) => {
    expect(deal(href)).toBeNull();
  });
});

describe('Zoho CRM addresses', () => {
  it.each([
    ['https://crm.zoho.com/crm/org20071234/tab/Potentials/4876876000001234567', '20071234-4876876000001234567'],
    ['https://crm.zoho.eu/crm/org20071234/tab/Potentials/4876876000001234567', '20071234-4876876000001234567'],
    ['https://crm.zoho.in/crm/org555/tab/Potentials/4876876000001234567/', '555-4876876000001234567'],
    ['https://crm.zoho.com.au/crm/org555/tab/Potentials/4876876000001234567?sub_module=', '555-4876876000001234567'],
    ['https://crm.zoho.com/crm/tab/Potentials/4876876000001234567', '4876876000001234567'],
    // the other data centres Zoho CRM's multi-DC documentation lists: China, Japan, Canada
    ['https://crm.zoho.com.cn/crm/org555/tab/Potentials/4876876000001234567', '555-4876876000001234567'],
    ['https://crm.zoho.jp/crm/org20071234/tab/Potentials/4876876000001234567', '20071234-4876876000001234567'],
    ['https://crm.zohocloud.ca/crm/org20071234/tab/Potentials/4876876000001234567', '20071234-4876876000001234567'],
  ])('deal: %s', (href, recordId) => {
    expect(deal(href)).toEqual({ crm: 'zoho', recordId });
  });

  it.each([
    'https://crm.zoho.com/crm/org20071234/tab/Potentials',
    'https://crm.zoho.com/crm/org20071234/tab/Potentials/custom-view/123/list',
    'https://crm.zoho.com/crm/org20071234/tab/Contacts/4876876000001234567',
    'https://crm.zoho.com/crm/org20071234/tab/Leads/4876876000001234567',
    'https://crm.zoho.com/crm/org20071234/tab/Potentials/abc',
    'https://crm.zoho.sa/crm/org20071234/tab/Potentials/4876876000001234567',
    'https://crm.zoho.com.evil.example/crm/org20071234/tab/Potentials/4876876000001234567',
    'https://crm.zohocloud.ca.evil.example/crm/org20071234/tab/Potentials/4876876000001234567',
    'https://www.zoho.com/crm/org20071234/tab/Potentials/4876876000001234567',
  ])('not a deal: %s', (href) => {
    expect(deal(href)).toBeNull();
  });
});

describe('robustness', () => {
  it('never throws on odd addresses', () => {
    for (const href of [
      'https://acme.lightning.force.com/lightning/r/Opportunity/%E0%A4%A/view',
      'https://acme.lightning.force.com/one/one.app#%E0%A4%A',
      'https://app.hubspot.com/' + 'a/'.repeat(5000),
      'https://acme.pipedrive.com/deal/' + '9'.repeat(500),
      'about:blank',
      'file:///tmp/x.html',
    ]) {
      expect(() => deal(href)).not.toThrow();
    }
  });
});
