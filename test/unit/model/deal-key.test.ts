import { dealKeyOf, dealKeySchema, salesforceOrgOf } from '../../../lib/model';
import { addedSiteKeysOfDeals } from '../../../lib/model/org-keys';
import { isOrglessKey, orgKeysOfDeals, orgKeysOfStoredDeals, rekeyedDraftKey, withRekeyedField } from '../../../lib/model/org-keys';

const ID = '0065g00000AcmeQAAS';

describe('a deal key', () => {
  it('names the Salesforce org: the same on Lightning, Classic, the console and the mcas proxy', () => {
    const key = `salesforce:acme/${ID}`;
    for (const host of ['acme.lightning.force.com', 'acme.my.salesforce.com', 'ACME.Lightning.Force.com', 'acme.lightning.force.com.mcas.ms', 'acme.my.salesforce.com.mcas.ms']) {
      expect(dealKeyOf('salesforce', ID, host), host).toBe(key);
    }
    expect(dealKeySchema.safeParse(key).success).toBe(true);
  });

  it('keeps a sandbox (enhanced or legacy domains) and a developer org apart from production', () => {
    const keys = [
      'acme.lightning.force.com',
      'acme--uat.sandbox.lightning.force.com',
      'acme--uat.sandbox.my.salesforce.com',
      'acme--uat.lightning.force.com',
      'acme--dev.sandbox.lightning.force.com',
      'acme-dev-ed.develop.lightning.force.com',
    ].map((host) => dealKeyOf('salesforce', ID, host));
    expect(keys).toEqual([
      `salesforce:acme/${ID}`,
      `salesforce:acme--uat/${ID}`,
      `salesforce:acme--uat/${ID}`,
      `salesforce:acme--uat/${ID}`,
      `salesforce:acme--dev/${ID}`,
      `salesforce:acme-dev-ed/${ID}`,
    ]);
  });

  it('takes an old pod host’s pod, and any host not Salesforce’s own (a site the user added) whole, port aside', () => {
    expect(salesforceOrgOf('na44.salesforce.com')).toBe('na44');
    expect(salesforceOrgOf('sales.acme-corp.com')).toBe('sales.acme-corp.com');
    expect(salesforceOrgOf('sales.other.com')).toBe('sales.other.com');
    expect(salesforceOrgOf('crm.force.com.example.net')).toBe('crm.force.com.example.net');
    expect(salesforceOrgOf('acme.evilforce.com')).toBe('acme.evilforce.com');
    expect(salesforceOrgOf('127.0.0.1:8443')).toBe('127.0.0.1');
    expect(salesforceOrgOf('crm:8080')).toBe('crm');
  });

  it('is the record id alone for the CRMs whose ids carry their account', () => {
    expect(dealKeyOf('hubspot', '1234567-987654', 'app-eu1.hubspot.com')).toBe('hubspot:1234567-987654');
    expect(dealKeyOf('pipedrive', 'acme-42', 'acme.pipedrive.com')).toBe('pipedrive:acme-42');
    expect(dealKeyOf('zoho', '20071234-4876876000001234567', 'crm.zoho.eu')).toBe('zoho:20071234-4876876000001234567');
  });

  it('a Pipedrive deal on a site added as Pipedrive names the host: its first label is no company (was: one key with sales.pipedrive.com’s)', () => {
    expect(dealKeyOf('pipedrive', 'sales-42', 'sales.pipedrive.com')).toBe('pipedrive:sales-42');
    expect(dealKeyOf('pipedrive', 'sales-42', 'sales.example.com')).toBe('pipedrive:sales.example.com/sales-42');
    expect(dealKeyOf('pipedrive', 'sales-42', 'Sales.B.example:8443')).toBe('pipedrive:sales.b.example/sales-42');
    expect(dealKeySchema.safeParse('pipedrive:sales.example.com/sales-42').success).toBe(true);
    expect(addedSiteKeysOfDeals([
      { key: 'pipedrive:sales-42', snapshot: { host: 'sales.example.com' } },
      { key: 'pipedrive:acme-7', snapshot: { host: 'acme.pipedrive.com' } },
      { key: 'pipedrive:x-1', snapshot: {} },
      { key: 'hubspot:1-2', snapshot: { host: 'crm.example.com' } },
    ])).toEqual(new Map([['pipedrive:sales-42', 'pipedrive:sales.example.com/sales-42']]));
  });

  it('names the Dynamics 365 environment: a copy (a sandbox) keeps its GUIDs, not its name', () => {
    const GUID = '6f9619ff-8b86-d011-b42d-00c04fc964ff';
    expect(dealKeyOf('dynamics', GUID, 'contoso.crm4.dynamics.com')).toBe(`dynamics:contoso/${GUID}`);
    expect(dealKeyOf('dynamics', GUID, 'Contoso.CRM.dynamics.com')).toBe(`dynamics:contoso/${GUID}`);
    expect(dealKeyOf('dynamics', GUID, 'contoso-uat.crm4.dynamics.com')).toBe(`dynamics:contoso-uat/${GUID}`);
    // a site the user added as Dynamics: the whole host
    expect(dealKeyOf('dynamics', GUID, 'crm.contoso.example:8443')).toBe(`dynamics:crm.contoso.example/${GUID}`);
    expect(dealKeySchema.safeParse(`dynamics:contoso/${GUID}`).success).toBe(true);
  });
});

describe('re-keying Salesforce keys from before the org (migration v7, older backups)', () => {
  const deal = (key: string, host: string) => ({
    key,
    snapshot: { crm: 'salesforce', recordId: key.slice(key.lastIndexOf(':') + 1), host, url: `https://${host}/lightning/r/Opportunity/x/view`, readAt: '2026-11-20T10:00:00.000Z' },
    firstSeenAt: '2026-11-20T10:00:00.000Z',
    lastSeenAt: '2026-11-20T10:00:00.000Z',
  });

  it('tells an orgless Salesforce or Dynamics key from every other', () => {
    expect(isOrglessKey(`salesforce:${ID}`)).toBe(true);
    expect(isOrglessKey(`salesforce:acme/${ID}`)).toBe(false);
    expect(isOrglessKey('dynamics:6f9619ff-8b86-d011-b42d-00c04fc964ff')).toBe(true);
    expect(isOrglessKey('dynamics:6f9619ff-8b86-d011-b42d-00c04fc964ff', ['salesforce'])).toBe(false);
    expect(isOrglessKey('dynamics:contoso/6f9619ff-8b86-d011-b42d-00c04fc964ff')).toBe(false);
    expect(isOrglessKey('hubspot:1-2')).toBe(false);
    expect(isOrglessKey(undefined)).toBe(false);
  });

  it('re-keys Dynamics deals (migration v8) only when asked for them', () => {
    const GUID = '6f9619ff-8b86-d011-b42d-00c04fc964ff';
    const dyn = { ...deal(`dynamics:${GUID}`, 'contoso-uat.crm4.dynamics.com'), snapshot: { ...deal('x', 'contoso-uat.crm4.dynamics.com').snapshot, crm: 'dynamics' } };
    const sf = deal(`salesforce:${ID}`, 'acme.lightning.force.com');
    expect([...orgKeysOfDeals([dyn, sf], ['dynamics'])]).toEqual([[`dynamics:${GUID}`, `dynamics:contoso-uat/${GUID}`]]);
    expect([...orgKeysOfDeals([dyn, sf], ['salesforce'])]).toEqual([[`salesforce:${ID}`, `salesforce:acme/${ID}`]]);
    expect(orgKeysOfDeals([dyn, sf]).size).toBe(2);
    // a restore finds a stored Dynamics deal by its GUID the same way
    expect([...orgKeysOfStoredDeals([`dynamics:${GUID}`], [`dynamics:contoso/${GUID}`, `salesforce:contoso/${GUID}`])]).toEqual([
      [`dynamics:${GUID}`, `dynamics:contoso/${GUID}`],
    ]);
  });

  it('takes each deal’s org from the host it was read on; a deal with no valid host, or one already keyed, is left', () => {
    const keys = orgKeysOfDeals([
      deal(`salesforce:${ID}`, 'acme--uat.sandbox.lightning.force.com'),
      deal('salesforce:0065g00000GlobxQAA', 'globex.my.salesforce.com'),
      deal(`salesforce:acme/0065g00000InitcQAA`, 'acme.lightning.force.com'),
      // damaged elsewhere, its host intact: re-keyed, so its records meet the deal's next visit
      { ...deal('salesforce:0065g00000DamagdQA', 'acme.lightning.force.com'), lastSeenAt: 'yesterday' },
      { key: 'salesforce:0065g00000BrokenQA', lastSeenAt: 'yesterday' },
      { ...deal('salesforce:0065g00000BadHstQA', 'acme.lightning.force.com'), snapshot: { host: 'not a host/' } },
      deal('hubspot:1-2', 'app.hubspot.com'),
      null,
    ]);
    expect([...keys]).toEqual([
      [`salesforce:${ID}`, `salesforce:acme--uat/${ID}`],
      ['salesforce:0065g00000GlobxQAA', 'salesforce:globex/0065g00000GlobxQAA'],
      ['salesforce:0065g00000DamagdQA', 'salesforce:acme/0065g00000DamagdQA'],
    ]);
  });

  it('finds a stored deal by its id only when exactly one org has it', () => {
    const keys = orgKeysOfStoredDeals(
      [`salesforce:${ID}`, 'salesforce:0065g00000GlobxQAA', 'salesforce:0065g00000NoneQAAA'],
      [`salesforce:acme/${ID}`, 'salesforce:acme/0065g00000GlobxQAA', 'salesforce:acme--uat/0065g00000GlobxQAA', 'hubspot:1-2'],
    );
    expect([...keys]).toEqual([[`salesforce:${ID}`, `salesforce:acme/${ID}`]]);
  });

  it('moves a coaching-note draft with its deal, and leaves other records and fields as they are', () => {
    const keys = new Map([[`salesforce:${ID}`, `salesforce:acme/${ID}`]]);
    expect(rekeyedDraftKey(`note:salesforce:${ID}`, keys)).toBe(`note:salesforce:acme/${ID}`);
    expect(rekeyedDraftKey('note:salesforce:0065g00000GlobxQAA', keys)).toBe('note:salesforce:0065g00000GlobxQAA');
    expect(rekeyedDraftKey(`other:salesforce:${ID}`, keys)).toBe(`other:salesforce:${ID}`);
    const note = { id: 'n1', dealKey: `salesforce:${ID}` };
    expect(withRekeyedField(note, 'dealKey', keys)).toEqual({ id: 'n1', dealKey: `salesforce:acme/${ID}` });
    expect(note.dealKey).toBe(`salesforce:${ID}`); // a copy: the record read is not changed in place
    const other = { id: 'n2', dealKey: 'salesforce:0065g00000GlobxQAA' };
    expect(withRekeyedField(other, 'dealKey', keys)).toBe(other);
    expect(withRekeyedField(null, 'dealKey', keys)).toBeNull();
    expect(withRekeyedField('text', 'dealKey', keys)).toBe('text');
  });
});
