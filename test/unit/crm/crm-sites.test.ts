import { crmForOrigin, isBuiltInCrmHost, parseSiteAddress, shownHost, sitePattern } from '../../../lib/crm/crm-sites';
import { adapterFor, adapterForUserSite } from '../../../lib/crm/registry';
import { settingsSchema } from '../../../lib/model';

describe('parseSiteAddress (what a person types in Options → CRM sites)', () => {
  it.each([
    ['crm.example.com', 'https://crm.example.com'],
    ['  CRM.Example.COM  ', 'https://crm.example.com'],
    ['https://sales.acme-corp.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view', 'https://sales.acme-corp.com'],
    ['https://crm.example.co.uk/', 'https://crm.example.co.uk'],
    ['crm.zoho.sa', 'https://crm.zoho.sa'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example'],
    // the fully qualified name, written with its trailing dot, is the same site (was: refused as no site name)
    ['crm.example.com.', 'https://crm.example.com'],
    ['https://CRM.example.com./lightning/page/home', 'https://crm.example.com'],
  ])('%s → %s', (input, origin) => {
    expect(parseSiteAddress(input)).toMatchObject({ ok: true, origin });
  });

  it.each([
    ['', /Type the address/],
    ['http://crm.example.com', /https sites only/],
    ['ftp://crm.example.com', /https sites only/],
    ['https://crm.example.com:8443', /standard https port/],
    ['https://me:secret@crm.example.com', /user name or password/],
    ['https://10.0.0.7', /not a site name/],
    ['localhost', /not a site name/],
    ['*.example.com', /wildcards|not a web address/],
    ['https://exa mple.com', /not a web address/],
    ['javascript:alert(1)', /not a web address|https sites only/],
    ['acme.lightning.force.com', /already works on acme\.lightning\.force\.com/],
    ['https://app.hubspot.com/contacts/1/record/0-3/2', /already works/],
    ['x'.repeat(3000), /too long/],
    // one trailing dot only
    ['crm.example.com..', /not a site name/],
    ['localhost.', /not a site name/],
    ['acme.lightning.force.com.', /already works on acme\.lightning\.force\.com:/],
  ])('refuses %j with a reason', (input, reason) => {
    const r = parseSiteAddress(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(reason);
  });

  it('knows the built-in CRM hosts from the manifest patterns, subdomains included', () => {
    expect(isBuiltInCrmHost('acme--uat.sandbox.lightning.force.com')).toBe(true);
    expect(isBuiltInCrmHost('contoso.crm4.dynamics.com')).toBe(true);
    expect(isBuiltInCrmHost('crm.zoho.eu')).toBe(true);
    expect(isBuiltInCrmHost('evil-lightning.force.com.example')).toBe(false);
    expect(isBuiltInCrmHost('crm.zoho.jp')).toBe(true);
    expect(isBuiltInCrmHost('crm.zohocloud.ca')).toBe(true);
    expect(isBuiltInCrmHost('app-na2.hubspot.com')).toBe(true);
    expect(isBuiltInCrmHost('crm.zoho.sa')).toBe(false);
    expect(isBuiltInCrmHost('notapp.hubspot.com')).toBe(false);
  });

  it('names a host as typed in Unicode, not punycode, in what it says (was: “xn--…”)', () => {
    const r = parseSiteAddress('https://bücher');
    expect(!r.ok && r.error).toBe('“bücher” is not a site name Dealside can use (IP addresses and names without a dot are not).');
  });

  it('a site is asked for and registered as one origin pattern', () => {
    expect(sitePattern('https://crm.example.com')).toBe('https://crm.example.com/*');
  });
});

describe('crmForOrigin (which CRM the user said runs at the sender page)', () => {
  const sites = [{ origin: 'https://crm.example.com', crm: 'salesforce' as const }];
  it.each([
    ['https://crm.example.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view', 'salesforce'],
    ['https://CRM.example.com/x', 'salesforce'],
    ['http://crm.example.com/x', null],
    ['https://crm.example.com:444/x', null],
    ['https://other.example.com/x', null],
    ['https://crm.example.com.evil.test/x', null],
    ['not a url', null],
    [undefined, null],
  ])('%s → %s', (url, crm) => {
    expect(crmForOrigin(sites, url)).toBe(crm);
  });
});

describe('adapters on a site the user added', () => {
  const url = new URL('https://sales.acme-corp.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view');
  it('the built-in adapter does not own the host; its user-site twin reads the same addresses', () => {
    expect(adapterFor(url)).toBeNull();
    const salesforce = adapterForUserSite('salesforce')!;
    expect(salesforce.id).toBe('salesforce');
    expect(salesforce.parseDealAddress(url)).toEqual({ crm: 'salesforce', recordId: '0065g00000AcmeQAAS' });
    expect(salesforce.parseDealAddress(new URL('https://sales.acme-corp.com/lightning/o/Opportunity/list'))).toBeNull();
    // https only, there as everywhere
    expect(salesforce.parseDealAddress(new URL(url.href.replace('https:', 'http:')))).toBeNull();
    // Pipedrive names a deal by company (the first label of the host) and number, on any host
    expect(adapterForUserSite('pipedrive')!.parseDealAddress(new URL('https://crm.example.com/deal/42'))).toEqual({ crm: 'pipedrive', recordId: 'crm-42' });
  });

  it('an unknown CRM name gives no adapter', () => {
    expect(adapterForUserSite('custom')).toBeNull();
    expect(adapterForUserSite('__proto__')).toBeNull();
  });
});

describe('settings: the list of added sites', () => {
  const user = { name: 'Morgan Lead', role: 'manager' as const };
  it('settings stored before sites existed read as no sites', () => {
    expect(settingsSchema.parse({ user, weekStartsOn: 1 }).crmSites).toEqual([]);
  });
  it('a stored entry that does not parse is dropped alone; the user and the other sites stay', () => {
    const good = { origin: 'https://crm.example.com', crm: 'zoho', addedAt: '2026-11-26T08:00:00.000Z' };
    const parsed = settingsSchema.parse({
      user,
      crmSites: [good, { origin: 'http://evil.example', crm: 'zoho', addedAt: good.addedAt }, { origin: 'https://x.example.com', crm: 'excel', addedAt: good.addedAt }, 42],
    });
    expect(parsed.user).toEqual(user);
    expect(parsed.crmSites).toEqual([good]);
    expect(settingsSchema.parse({ user, crmSites: 'not a list' })).toMatchObject({ user, crmSites: [] });
  });
});

describe('shownHost (a site as Options shows it; stored and matched as it is)', () => {
  it.each([
    ['https://xn--bcher-kva.example', 'bücher.example'],
    ['xn--bcher-kva.example', 'bücher.example'],
    ['https://crm.xn--e1afmkfd.xn--p1ai', 'crm.пример.рф'],
    ['xn--fiqs8s.xn--fiqz9s', '中国.中國'],
    ['xn--mnchen-3ya.de', 'münchen.de'],
    ['https://crm.example.com', 'crm.example.com'],
  ])('%s → %s', (stored, shown) => {
    expect(shownHost(stored)).toBe(shown);
    // and back: what is shown is the same site
    expect(new URL(`https://${shown}`).hostname).toBe(stored.replace(/^https:\/\//, ''));
  });

  it('shows a label that is no valid punycode as it is stored', () => {
    for (const host of ['xn--.example', 'xn--a.example', 'xn--99999999999999999.example', 'xn--bcher-kva!.example']) expect(shownHost(host)).toBe(host);
  });

  it('shows what a site added in Unicode is stored as', () => {
    const r = parseSiteAddress('Bücher.example');
    expect(r.ok && shownHost(r.origin)).toBe('bücher.example');
  });
});
